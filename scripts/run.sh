#!/bin/sh
# scripts/run.sh (make run) - from a fresh Debian 12 machine to a mounted
# board: install dependencies, build, install, mount the built-in board on
# $MNT (default /mnt/rmem) and show it working.  Unmount with
# `fusermount3 -u /mnt/rmem`.
set -eu
cd "$(dirname "$0")/.."
MNT=${MNT:-/mnt/rmem}
bash scripts/install-deps.sh
make
if [ "$(id -u)" = 0 ]; then
	make install >/dev/null
	echo "installed /usr/local/bin/rmemfs"
fi
mkdir -p "$MNT"
if mountpoint -q "$MNT"; then
	fusermount3 -u "$MNT" 2>/dev/null || umount "$MNT"
fi
./build/rmemfs "$MNT"
echo "mounted the built-in board on $MNT"
show() {
	echo
	echo "\$ $*"
	sh -c "$*"
}
show "ls $MNT $MNT/regions $MNT/devices"
show "cat $MNT/dmesg"
show "cat $MNT/regions/framebuffer@50000000/status $MNT/regions/isp@71100000/status"
show "cat $MNT/devices/camera@2e000000/memory-region"
show "echo '64K frame0' > $MNT/devices/display@2c000000/alloc"
show "cat $MNT/devices/display@2c000000/allocations"
show "ls -l $MNT/devices/display@2c000000/buffers"
show "getfattr --absolute-names -d $MNT/devices/display@2c000000/buffers/frame0"
show "cat $MNT/regions/framebuffer@50000000/used $MNT/regions/framebuffer@50000000/bitmap_list"
show "rm $MNT/devices/display@2c000000/buffers/frame0"
show "cat $MNT/regions/framebuffer@50000000/used"
echo
echo "rmemfs is serving $MNT; unmount with: fusermount3 -u $MNT"
