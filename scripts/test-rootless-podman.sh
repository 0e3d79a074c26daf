#!/bin/sh
# Runs methods in container images with toets started by a user other than root (rootless
# podman), on this machine: the method runs in its image as root of its own user namespace, a
# stage's memory: is refused where rootless podman cannot hold it (cgroups v1, or v2 without
# the memory controller delegated), and a toets killed with SIGKILL leaves no container running.
# Needs root to make the user (toets-rootless, subordinate ids 300000-365535, which leave toets's
# preferred ids for root's containers, 100000-165535, free) and Debian's uidmap.
# Usage: scripts/test-rootless-podman.sh [TOETS_BINARY]
set -eu
repository=$(cd "$(dirname "$0")/.." && pwd)
toets=$(readlink -f "${1:-$repository/.build/debug/toets}")
user=toets-rootless
[ "$(id -u)" -eq 0 ] || { echo "run as root: it makes the user $user" >&2; exit 1; }
[ -x "$toets" ] || { echo "no toets at $toets: swift build --product toets" >&2; exit 1; }
"$repository/scripts/install-debian-packages.sh" podman runc busybox-static uidmap
if ! id "$user" > /dev/null 2>&1; then
    useradd --create-home --shell /bin/sh "$user"
    # useradd gives the first user 100000-165535, where toets prefers to map root's containers.
    usermod --del-subuids 100000-165535 --del-subgids 100000-165535 "$user" 2> /dev/null || true
fi
grep -q "^$user:" /etc/subuid || usermod --add-subuids 300000-365535 --add-subgids 300000-365535 "$user"
work=$(mktemp -d /tmp/toets-rootless.XXXXXX)
as_user() { su "$user" -c "cd $work && $*"; }
cleanup() {
    as_user "podman --runtime runc --cgroup-manager cgroupfs rm --all --force --time 0 > /dev/null 2>&1; \
             podman --runtime runc --cgroup-manager cgroupfs image prune --all --force > /dev/null 2>&1" || true
    rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
fail() { echo "test-rootless-podman: FAILED: $*" >&2; exit 1; }

cp "$repository/scripts/make-test-image.sh" "$work/"
printf '{}\n{}\n' > "$work/posts.ndjson"
cat > "$work/p.yaml" <<'EOF'
stages:
  env:
    uses: source
    with: {files: {image: image.tar}}
  data:
    uses: source
    with: {files: {posts: posts.ndjson}}
  in-image:
    needs: [env, data]
    image: env.image
    run: >-
      cat /etc/toets-image > {out.seen} && wc -l < {in.posts} > {out.lines} && id -u > {out.uid} &&
      printf 'account_id,score,flagged,group\na1,1,true,g1\n' > {out.detections}
EOF
chown -R "$user:" "$work"
as_user "sh make-test-image.sh image.tar rootless-marker" || fail "could not build the test image as $user"

# 1. The method runs in its image, as root of its own user namespace (the user's id outside).
as_user "$toets run p.yaml > run1.out 2>&1" || { cat "$work/run1.out" >&2; fail "the run failed"; }
as_user "$toets outputs in-image --copy-to out > /dev/null"
[ "$(cat "$work/out/seen")" = rootless-marker ] || fail "the method did not see its image's files"
[ "$(tr -d ' ' < "$work/out/lines")" = 2 ] || fail "the method did not read its input"
[ "$(cat "$work/out/uid")" = 0 ] || fail "the method did not run as root of its user namespace"
echo "rootless podman: the method ran in its image: ok"

# 2. memory: where rootless podman cannot hold it is refused, not ignored.
if as_user "podman --runtime runc --cgroup-manager cgroupfs info --format '{{.Host.CgroupControllers}}'" 2> /dev/null \
        | grep -qw memory; then
    echo "rootless podman: this machine delegates the memory controller; memory: is held (not checked here)"
else
    sed 's/    image: env.image/    image: env.image\n    memory: 64MiB/' "$work/p.yaml" > "$work/q.yaml"
    chown "$user:" "$work/q.yaml"
    if as_user "$toets run q.yaml --force in-image > run2.out 2>&1"; then fail "a memory: rootless podman cannot hold ran anyway"; fi
    grep -q "memory: cannot be held here: podman run by a user other than root has no cgroup memory controller" \
        "$work/run2.out" || { cat "$work/run2.out" >&2; fail "the refusal of memory: did not say why"; }
    echo "rootless podman: memory: without a memory controller is refused with the reason: ok"
fi

# 3. toets killed with SIGKILL leaves no container running.
marker=$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')
marker=$((marker % 900000 + 100000))
sed "s/cat \/etc\/toets-image > {out.seen}/sleep $marker; echo > {out.seen}/" "$work/p.yaml" > "$work/slow.yaml"
chown "$user:" "$work/slow.yaml"
su "$user" -c "cd $work && sh -c 'echo \$\$ > toets.pid; exec $toets run slow.yaml > run3.out 2>&1'" 2> /dev/null &
waited=0
until pgrep -u "$user" -f "^sleep $marker\$" > /dev/null; do
    waited=$((waited + 1)); [ $waited -lt 600 ] || fail "the slow method did not start"; sleep 0.1
done
kill -KILL "$(cat "$work/toets.pid")"
waited=0
while pgrep -u "$user" -f "^sleep $marker\$" > /dev/null ||
      [ -n "$(as_user "podman --runtime runc --cgroup-manager cgroupfs ps --all --quiet --filter name=^toets-r")" ]; do
    waited=$((waited + 1)); [ $waited -lt 300 ] || fail "a container outlived the killed toets"; sleep 0.1
done
echo "rootless podman: SIGKILL of toets leaves no container: ok"
