#!/usr/bin/env bash
# Builds the sandbox's real binaries (kube-apiserver, kube-controller-manager, kube-scheduler,
# kubectl, etcd, versitygw) from the Go module proxy into a cache outside the clone, keyed by the
# pinned versions, so a second run on the same machine builds nothing.
#
# Prints the bin folder on its last line of stdout. Progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache_root=${CORTEX_DEPLOY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cortex-deploy}

modver() { # modver DIR MODULE -> version of MODULE in DIR's build list
  (cd "$1" && go list -m -f '{{.Version}}' "$2")
}
k8s=$(modver "$here/kube" k8s.io/kubernetes)
etcd=$(modver "$here/kube" go.etcd.io/etcd/server/v3)
vgw=$(modver "$here/s3" github.com/versity/versitygw)
gov=$(go env GOVERSION)
# The go.sum files pin every transitive dependency, and this script holds the build flags; any
# change in either means a different build.
sums=$(cat "$here/kube/go.sum" "$here/s3/go.sum" "$here/kube/etcd/main.go" "$here/build.sh" | sha256sum | cut -c1-12)
key="k8s-$k8s-etcd-$etcd-versitygw-$vgw-$gov-$sums"
bin="$cache_root/sandbox/$key/bin"

want=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd versitygw)
missing=()
for b in "${want[@]}"; do [ -x "$bin/$b" ] || missing+=("$b"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "sandbox binaries: cached in $bin" >&2
  echo "$bin"
  exit 0
fi

# One build at a time per key: a second caller (say, two test runs on a fresh machine) waits for
# the first and then finds the binaries cached instead of building them again.
mkdir -p "$cache_root/sandbox"
exec 9>"$cache_root/sandbox/.lock-$key"
if ! flock -n 9; then
  echo "sandbox binaries: another build of $key is running; waiting for it" >&2
  flock 9
  missing=()
  for b in "${want[@]}"; do [ -x "$bin/$b" ] || missing+=("$b"); done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "sandbox binaries: cached in $bin" >&2
    echo "$bin"
    exit 0
  fi
fi

echo "sandbox binaries: building ${missing[*]} (Kubernetes $k8s, etcd $etcd, versitygw $vgw)" >&2
echo "  into $bin; a first build on 2 cores takes 10-20 minutes, later runs reuse it" >&2
tmp="$cache_root/sandbox/.tmp-$key-$$"
mkdir -p "$tmp" "$bin"
trap 'rm -rf "$tmp"; kill "${beat:-}" 2>/dev/null || true' EXIT

start=$(date +%s)
( while sleep 30; do echo "  ... still building ($(( $(date +%s) - start ))s)" >&2; done ) &
beat=$!

commit=$(cd "$here/kube" && go mod download -json k8s.io/kubernetes | sed -n 's/.*"Hash": *"\([0-9a-f]*\)".*/\1/p' | head -1)
# The module's release time stands in for the build date, so rebuilds stay byte-identical.
k8s_time=$(cd "$here/kube" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)
major=${k8s#v}; major=${major%%.*}
minor=${k8s#v*.}; minor=${minor%%.*}
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitCommit=${commit:-unknown} -X $pkg.gitTreeState=clean"
  ldflags+=" -X $pkg.buildDate=$k8s_time"
done

build() { # build MODULE_DIR LDFLAGS PACKAGE... ; one go build shares compilation across binaries
  local dir=$1 flags=$2; shift 2
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "$flags" -o "$tmp/" "$@")
}
build "$here/kube" "$ldflags" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl ./etcd
echo "  Kubernetes and etcd built ($(( $(date +%s) - start ))s)" >&2
vgw_time=$(cd "$here/s3" && go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' github.com/versity/versitygw)
build "$here/s3" "-s -w -X main.Version=$vgw -X main.Build=unknown -X main.BuildTime=$vgw_time" \
  github.com/versity/versitygw/cmd/versitygw
for b in "${want[@]}"; do mv -f "$tmp/$b" "$bin/$b"; done
echo "sandbox binaries: built in $(( $(date +%s) - start ))s" >&2
echo "$bin"
