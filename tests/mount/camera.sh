#!/bin/sh
# Playing the device with -o sync=strict (issue 12): a non-coherent camera
# DMAs a frame into its buffer; the CPU's mapping shows the old bytes until
# sync_for_cpu, and the report names the stale read; the CPU's stores reach
# the device only after sync_for_device.  A dma-coherent codec sees one
# copy at once, with no report.  The u-dma-buf driver's sysfs syncs drive
# the same model.  (Two copies at their most unlucky: what each side
# wrote stays its own until a sync covers it, by page.)
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
DTB=$(board_dtb "$FIX/dma/camera.dts")
SERVER_LOG=$T/server.log mount_rmemfs -o sync=strict "$DTB" ||
	{ not_ok "mount"; finish; exit 1; }
C=$MNT/devices/camera@0
K=$MNT/devices/codec@1
echo "8192 frame" >"$C/alloc"
echo "8192 frame" >"$K/alloc"
camera() {	# DEVICE_DIR DMA_ADDR
	$PY - "$1" "$2" <<'PYEOF'
import mmap, os, sys
d, addr = sys.argv[1], int(sys.argv[2], 0)
dma = os.open(d + "/dma", os.O_RDWR)
m = mmap.mmap(os.open(d + "/buffers/frame", os.O_RDWR), 8192)
def sync(what, size):
    with open(d + "/sync", "w") as f:
        f.write("%s 0x%x %d" % (what, addr, size))
print("before", m[:6].hex())
os.pwrite(dma, b"FRAME1", addr)
print("after dma", m[:6])
sync("for_cpu", 8192)
print("after sync_for_cpu", m[:6])
m[0:5] = b"HELLO"
print("device reads", os.pread(dma, 6, addr))
sync("for_device", 4096)
print("after sync_for_device", os.pread(dma, 6, addr))
PYEOF
}
check "non-coherent camera: stale until sync_for_cpu; the CPU's store reaches the device at sync_for_device" \
"before 000000000000
after dma b'\x00\x00\x00\x00\x00\x00'
after sync_for_cpu b'FRAME1'
device reads b'FRAME1'
after sync_for_device b'HELLO1'" "$(camera "$C" 0x50000000)"
check "the report names both stale reads and counts the syncs" \
"# sync=strict, non-coherent: two copies
frame syncs_for_cpu=1 syncs_for_device=1 stale_cpu_reads=1 stale_device_reads=1
stale-cpu-read frame +0x0 4096
stale-device-read frame +0x0 6" "$(cut -d' ' -f1- "$C/sync_report" | sed 's/^[0-9]*\.[0-9]* //')"
check "and the server's log says so when it happens" "2" \
	"$(grep -c '^rmemfs: stale read: camera@0 ' "$T/server.log")"
check "coherent codec: one copy, at once, no stale read" \
"before 000000000000
after dma b'FRAME1'
after sync_for_cpu b'FRAME1'
device reads b'HELLO1'
after sync_for_device b'HELLO1'" "$(camera "$K" 0x50100000)"
check "its report: the syncs, nothing stale" \
"# sync=strict, coherent: one copy
frame syncs_for_cpu=1 syncs_for_device=1 stale_cpu_reads=0 stale_device_reads=0" \
	"$(cat "$K/sync_report")"
check_err "a sync outside the device's buffers: EINVAL" "Invalid argument" \
	bash -c "echo 'for_cpu 0x50002000 16' > '$C/sync'"
check_err "a sync that is not one: EINVAL" "Invalid argument" \
	bash -c "echo 'flush 0x50000000 16' > '$C/sync'"
unmount_rmemfs

# the u-dma-buf driver's syncs: sync_for_cpu and sync_for_device attributes
DTB=$(board_dtb "$FIX/udmabuf/udmabuf.dts")
mount_rmemfs -o sync=strict "$DTB" 2>/dev/null || { not_ok "mount"; finish; exit 1; }
U=$MNT/u-dma-buf/udmabuf-coh
out=$($PY - "$MNT" <<'PYEOF'
import os, sys
mnt = sys.argv[1]
dma = os.open(mnt + "/devices/udmabuf@0/dma", os.O_RDWR)
dev = os.open(mnt + "/dev/udmabuf-coh", os.O_RDWR)
def attr(a, v):
    with open(mnt + "/u-dma-buf/udmabuf-coh/" + a, "w") as f:
        f.write(v)
print(os.pread(dev, 4, 0).hex())
os.pwrite(dma, b"DMA!", 0x58000000)
print(os.pread(dev, 4, 0).hex())
attr("sync_for_cpu", "1")
print(os.pread(dev, 4, 0))
os.pwrite(dev, b"cpu!", 0)
print(os.pread(dma, 4, 0x58000000))
attr("sync_for_device", "1")
print(os.pread(dma, 4, 0x58000000))
import fcntl, struct
os.pwrite(dma, b"IOC!", 0x58000000)
print(os.pread(dev, 4, 0))
fcntl.ioctl(dev, 0x40085505, struct.pack("Q", 1))	# SET_SYNC_FOR_CPU
print(os.pread(dev, 4, 0))
PYEOF
)
check "u-dma-buf: read(2) is stale until sync_for_cpu; a write reaches the device at sync_for_device; the SET_SYNC_FOR_CPU ioctl syncs too" \
"00000000
00000000
b'DMA!'
b'DMA!'
b'cpu!'
b'cpu!'
b'IOC!'" "$out"
check "the u-dma-buf device's report" \
	"udmabuf-coh syncs_for_cpu=2 syncs_for_device=1 stale_cpu_reads=2 stale_device_reads=1" \
	"$(grep '^udmabuf-coh ' "$MNT/devices/udmabuf@0/sync_report")"
unmount_rmemfs
# concurrent device writers and CPU readers, syncing as they should
mount_rmemfs -o sync=strict 2>/dev/null || { not_ok "mount the built-in board"; finish; exit 1; }
"$HELPERS/dma_stress" "$MNT/devices/default" 4 50 1 >"$T/stress.out" 2>&1
tap "dma_stress strict" <"$T/stress.out"
check "syncing as it should, no stale read is reported" "0" \
	"$(grep -c 'stale-' "$MNT/devices/default/sync_report")"
unmount_rmemfs
finish
