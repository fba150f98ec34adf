#!/usr/bin/env bash
# The sandbox's watchdog: waits, as cheaply as a shell can, for the sandbox's owner (say, a vitest
# run) to exit, then runs watchdog.ts to tear everything down. The owner is known by pid and
# /proc start time, so a recycled pid does not keep it waiting.
# Usage: watchdog.sh OWNER_PID OWNER_START_TIME SANDBOX_DIR NODE
set -u
owner=$1 start=$2 dir=$3 node=$4
here=$(cd "$(dirname "$0")" && pwd)

owner_alive() {
  local stat
  { read -r stat <"/proc/$owner/stat"; } 2>/dev/null || return 1
  stat=${stat##*) } # the fields after the command name: state is $1, starttime $20
  # shellcheck disable=SC2086
  set -- $stat
  [ "$1" != Z ] && [ "$1" != X ] && [ "${20}" = "$start" ]
}

while owner_alive; do sleep 0.5; done
echo "$(date -u +%FT%TZ) owner $owner is gone; tearing down $dir"
exec "$node" --import tsx "$here/watchdog.ts" "$dir"
