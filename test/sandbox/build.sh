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
# The go.sum files pin every transitive dependency; any change there means a different build.
sums=$(cat "$here/kube/go.sum" "$here/s3/go.sum" "$here/kube/etcd/main.go" | sha256sum | cut -c1-12)
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

echo "sandbox binaries: building ${missing[*]} (Kubernetes $k8s, etcd $etcd, versitygw $vgw)" >&2
echo "  into $bin; a first build on 2 cores takes 10-20 minutes, later runs reuse it" >&2
tmp="$cache_root/sandbox/.tmp-$key-$$"
mkdir -p "$tmp" "$bin"
trap 'rm -rf "$tmp"; kill "${beat:-}" 2>/dev/null || true' EXIT

start=$(date +%s)
( while sleep 30; do echo "  ... still building ($(( $(date +%s) - start ))s)" >&2; done ) &
beat=$!

commit=$(cd "$here/kube" && go mod download -json k8s.io/kubernetes | sed -n 's/.*"Hash": *"\([0-9a-f]*\)".*/\1/p' | head -1)
major=${k8s#v}; major=${major%%.*}
minor=${k8s#v*.}; minor=${minor%%.*}
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$k8s -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitCommit=${commit:-unknown} -X $pkg.gitTreeState=clean"
  ldflags+=" -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

build() { # build MODULE_DIR PACKAGE... ; one go build shares compilation across binaries
  local dir=$1; shift
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$tmp/" "$@")
}
build "$here/kube" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl ./etcd
echo "  Kubernetes and etcd built ($(( $(date +%s) - start ))s)" >&2
build "$here/s3" github.com/versity/versitygw/cmd/versitygw
for b in "${want[@]}"; do mv -f "$tmp/$b" "$bin/$b"; done
echo "sandbox binaries: built in $(( $(date +%s) - start ))s" >&2
echo "$bin"
