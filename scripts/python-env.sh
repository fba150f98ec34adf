#!/usr/bin/env bash
# Sets up Python for the iris example (examples/iris): a virtualenv at .venv/ in the repository
# root with the pinned requirements, and a trained model in examples/iris/model/. The demo, the
# tests and the sandbox's image map (examples/iris/sandbox-images.yaml runs ../../.venv/bin/python)
# rely on exactly these paths.
#
# Idempotent and cached: nothing is installed while a stamp in .venv/ matches the hash of
# requirements.txt and the Python in use; otherwise .venv/ is made afresh. The model is trained
# only when it is missing or was trained with another scikit-learn than the one installed.
# Concurrent runs wait for each other.
#
#   scripts/python-env.sh           set up what is missing
#   scripts/python-env.sh --force   make .venv/ afresh and retrain the model
#
# PYTHON names the interpreter the venv is made from [python3]; it must be Python 3.11 or newer.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
example="$root/examples/iris"
requirements="$example/requirements.txt"
model="$example/model"
stamp="$venv/.cortex-deploy-requirements"
python="${PYTHON:-python3}"
started=$SECONDS

say() { printf 'python-env: %s\n' "$*"; }
die() {
  printf 'python-env: error: %s\n' "$*" >&2
  exit 1
}

force=0
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  -h | --help)
    sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *) die "unknown argument \"$1\" (usage: scripts/python-env.sh [--force])" ;;
esac

[ -f "$requirements" ] || die "$requirements is missing"

# One run at a time: the demo and a test may start this together. The lock lives outside .venv/
# because a broken venv is removed and made again.
if command -v flock >/dev/null 2>&1; then
  lock="${TMPDIR:-/tmp}/cortex-deploy-python-env-$(printf '%s' "$root" | sha256sum | cut -c1-16).lock"
  exec 9>"$lock"
  if ! flock -n 9; then
    say "another python-env.sh is running for $root; waiting for it"
    flock 9
  fi
fi

# --- the virtualenv and the requirements ------------------------------------------------------

ensure_venv_module() {
  # Debian splits venv/ensurepip into python3-venv; without it `python3 -m venv` fails.
  "$python" -c 'import ensurepip, venv' 2>/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "$python has no venv module; installing Debian's python3-venv"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    "$python" -c 'import ensurepip, venv' 2>/dev/null && return 0
  fi
  die "$python cannot make virtualenvs (no venv/ensurepip module). On Debian or Ubuntu run: sudo apt-get update && sudo apt-get install -y python3-venv"
}

venv_works() {
  "$venv/bin/python" -c 'import sys' 2>/dev/null &&
    "$venv/bin/python" -m pip --version >/dev/null 2>&1
}

command -v "$python" >/dev/null 2>&1 ||
  die "$python not found: install Python 3.11 or newer (Debian: apt-get install python3 python3-venv), or set PYTHON"
base="$("$python" -c 'import platform, sys; print(platform.python_version(), platform.machine(), sys.executable)')"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
  die "$python is Python ${base%% *}; the pinned numpy and scikit-learn need 3.11 or newer (set PYTHON to one)"
want="$(sha256sum "$requirements" | cut -d' ' -f1) python $base"
have="$(cat "$stamp" 2>/dev/null || true)"

# The stamp is written only after a complete install, so a run stopped half-way (Ctrl-C, a full
# disk) leaves none, and the next run starts from a fresh venv rather than repairing a damaged one.
if [ "$force" = 1 ] || [ "$want" != "$have" ] || ! venv_works; then
  ensure_venv_module
  if [ -e "$venv" ]; then
    why="it does not work"
    [ "$want" != "$have" ] && why="requirements.txt or the Python changed"
    [ -z "$have" ] && why="no complete install in it"
    [ "$force" = 1 ] && why="--force"
    say "making .venv/ afresh ($why)"
    rm -rf "$venv"
  fi
  say "creating the virtualenv .venv/ with ${base##* } (Python ${base%% *})"
  "$python" -m venv "$venv"
  count="$(grep -cE '^[A-Za-z0-9]' "$requirements" || true)"
  say "installing $count pinned packages from examples/iris/requirements.txt (about 60 MB to download)"
  # Wheels only: building numpy or scipy from source would take most of an hour on two cores.
  # pip's own lines, less the noise; each download is one line with its size.
  set +e
  "$venv/bin/python" -m pip install --disable-pip-version-check --no-input --only-binary=:all: \
    -r "$requirements" 2>&1 |
    while IFS= read -r line; do
      case "$line" in
        *"Requirement already satisfied"* | *"Using cached"* | *"Looking in links"* | *━* | "") ;;
        *) printf '  pip: %s\n' "${line% (from -r *}" ;;
      esac
    done
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" = 0 ] || die "pip install failed (exit $status); see its output above"
  printf '%s\n' "$want" >"$stamp"
  say "requirements installed"
else
  say "requirements up to date (.venv/, Python ${base%% *})"
fi

# --- the model -------------------------------------------------------------------------------

# "missing", or "<trained-with-sklearn> <model-version>". importlib.metadata is quick; importing
# scikit-learn would cost a second on every warm run.
model_state="$(
  "$venv/bin/python" - "$model" <<'EOF'
import json, sys
from importlib.metadata import version
from pathlib import Path
folder = Path(sys.argv[1])
try:
    meta = json.loads((folder / "metadata.json").read_text())
    assert (folder / "model.joblib").is_file()
except Exception:
    print("missing")
else:
    print(meta.get("scikit_learn") == version("scikit-learn"), meta.get("version") or "1")
EOF
)"
case "$model_state" in
  missing)
    say "training the model into examples/iris/model/"
    "$venv/bin/python" "$example/train.py" --out "$model"
    ;;
  "False "*)
    # A pickle is only sure to load in the scikit-learn that wrote it; keep its version.
    say "retraining examples/iris/model/ (version ${model_state#False }) for the installed scikit-learn"
    "$venv/bin/python" "$example/train.py" --out "$model" --version "${model_state#False }"
    ;;
  *)
    if [ "$force" = 1 ]; then
      say "retraining examples/iris/model/ (version ${model_state#True }) (--force)"
      "$venv/bin/python" "$example/train.py" --out "$model" --version "${model_state#True }"
    else
      say "model up to date (examples/iris/model/, version ${model_state#True })"
    fi
    ;;
esac

say "ready in $((SECONDS - started))s: .venv/bin/python, examples/iris/model/"
