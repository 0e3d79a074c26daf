#!/bin/sh
# Builds a tiny OCI image archive offline, for the tests of methods in container images: a root
# filesystem of the host's static busybox (Debian busybox-static) and a marker file, imported
# with podman and saved as an OCI archive. No registry, no network.
# Usage: scripts/make-test-image.sh OUT.tar MARKER
set -eu
out=$1 marker=$2
busybox=$(command -v busybox) || { echo "busybox is missing: apt-get install busybox-static" >&2; exit 1; }
file -b "$busybox" 2>/dev/null | grep -q 'dynamically linked' && { echo "$busybox is not static: apt-get install busybox-static" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/tmp" "$work/rootfs/root"
cp "$busybox" "$work/rootfs/bin/busybox"
for tool in $("$busybox" --list); do
    [ "$tool" = busybox ] || ln -s busybox "$work/rootfs/bin/$tool"
done
printf '%s\n' "$marker" > "$work/rootfs/etc/toets-image"
tar -C "$work/rootfs" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .
podman="podman --runtime runc --cgroup-manager cgroupfs"
name="localhost/toets-test-image:$(printf '%s' "$marker" | sha256sum | cut -c1-16)"
$podman import --quiet --change 'ENV PATH=/bin' "$work/rootfs.tar" "$name" > /dev/null
rm -f "$out"
$podman save --quiet --format oci-archive --output "$out" "$name"
# Toets must load the archive itself: the image leaves podman's storage again.
$podman rmi --force "$name" > /dev/null
