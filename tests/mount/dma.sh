#!/bin/sh
# Playing the device (issue 12, first step): devices/NAME/dma at the
# device's DMA addresses (c2-translate: busdown sees CPU 0x40000000 at bus
# 0, busup at 0xc0000000), one copy with the CPU's mapping on the
# passthrough and page-cache paths, and DMA faults (EFAULT, nothing
# moved, each recorded with what was there).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
DTB=$(board_dtb "$FIX/dma/c2-translate.dts")
mount_rmemfs "$DTB" 2>/dev/null || { not_ok "mount"; finish; exit 1; }
D=$MNT/devices/down-coh
U=$MNT/devices/up-coh
echo "8192 frame" >"$D/alloc"
echo "4096 other" >"$U/alloc"
check "the buffers: frame at bus 0x10000000 for busdown, other at 0xd0002000 for busup" \
"frame 0x50000000 0x10000000 8192 coh@50000000
other 0x50002000 0xd0002000 4096 coh@50000000" "$(cat "$D/allocations" "$U/allocations")"
check "dma's size is the device's reach: busdown's window ends at 0x3fffffff" \
	"1073741824" "$(stat -c %s "$D/dma")"

# the camera: a frame DMAed in is what the mapping reads, and back
out=$($PY - "$D/dma" "$D/buffers/frame" <<'PYEOF'
import mmap, os, sys
dma = os.open(sys.argv[1], os.O_RDWR)
buf = os.open(sys.argv[2], os.O_RDWR)
m = mmap.mmap(buf, 8192)
frame = bytes((i * 7 + 3) & 0xff for i in range(8192))
print(os.pwrite(dma, frame, 0x10000000))
print(m[:] == frame)
m[4096:4101] = b"HELLO"
print(os.pread(dma, 5, 0x10000000 + 4096).decode())
PYEOF
)
check "a device write at its DMA address is in the CPU's mapping at once; a CPU write is what the device reads" \
	"8192
True
HELLO" "$out"

# faults: EFAULT, nothing moved, each recorded
before=$(od -An -tx1 "$D/buffers/frame" | md5sum)
out=$($PY - "$D/dma" <<'PYEOF'
import os, sys
dma = os.open(sys.argv[1], os.O_RDWR)
for addr in (0x10001ffe, 0x10002000, 0x40000000, 0x10003000):
    try:
        os.pwrite(dma, b"abcd", addr)
        print("written")
    except OSError as e:
        print(e.errno)
PYEOF
)
check "across the end, another device's buffer, past the window, nothing: EFAULT each" \
	"14
14
14
14" "$out"
check "nothing was written" "$before" "$(od -An -tx1 "$D/buffers/frame" | md5sum)"
check "dma_faults says what was there" \
"write 0x10001ffe 4 across the end of buffer frame (0x10000000, 8192 bytes)
write 0x10002000 4 buffer other of up-coh
write 0x40000000 4 past the device's DMA limit 0x3fffffff
write 0x10003000 4 no buffer" "$(cut -d' ' -f2- "$D/dma_faults")"
check "another device's file has its own faults" "" "$(cat "$U/dma_faults")"
check "busup reaches other at 0xd0002000" "4" \
	"$($PY -c 'import os,sys; print(len(os.pread(os.open(sys.argv[1], os.O_RDONLY), 4, 0xd0002000)))' "$U/dma")"
rm "$D/buffers/frame"
check "a write into a freed buffer: EFAULT, and named" \
	"14 write 0x10000000 16 freed buffer frame of this device" \
	"$($PY -c '
import os,sys
try: os.pwrite(os.open(sys.argv[1], os.O_WRONLY), b"x" * 16, 0x10000000)
except OSError as e: print(e.errno, end=" ")' "$D/dma")$(tail -1 "$D/dma_faults" | cut -d' ' -f2-)"
unmount_rmemfs
# concurrent device writers and CPU readers (tests/mount/dma_stress.c)
mount_rmemfs 2>/dev/null || { not_ok "mount the built-in board"; finish; exit 1; }
"$HELPERS/dma_stress" "$MNT/devices/default" 4 50 0 >"$T/stress.out" 2>&1
tap dma_stress <"$T/stress.out"
unmount_rmemfs
finish
