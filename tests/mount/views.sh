#!/bin/sh
# The engineer's view in a mount (issue 10): board, map and map.svg at the
# root, allocations in every pool region (the atomic pools first), the
# mount named after its board in findmnt, one stderr line when the boot
# has errors.
. "$(dirname "$0")/lib.sh"
C=$FIX/cli/carveout.dts

mount_rmemfs 2>"$T/stderr" || { not_ok "mount"; finish; exit 1; }
check "a boot with errors says so on stderr, in one line" \
	"rmemfs: built-in board: the boot has 2 error findings and logged 1 error (cat MOUNTPOINT/board, or rmemfs --dry-run)" \
	"$(cat "$T/stderr")"
check "board: path, model, profile, errors" "path=(built-in)
model=rmemfs built-in board
profile=6.12
log_errors=1
errors=2
findings=2" "$(cat "$MNT/board")"
check "findmnt names the built-in board" "rmemfs fuse.rmemfs" \
	"$(findmnt -n -o SOURCE,FSTYPE "$MNT" | tr -s ' ')"
check "map is the dry-run's # map" \
	"$("$BIN" --dry-run | sed -n '/^# map$/,/^$/p' | sed '1d;/^$/d')" "$(cat "$MNT/map")"

CMA=$MNT/regions/linux,cma
check "a fresh CMA area's allocations: the atomic pools it gave (used explained)" \
"atomic_pool_kernel 0x7b000000 0x7b000000 262144 linux,cma
atomic_pool_dma 0x7b040000 0x7b040000 262144 linux,cma
atomic_pool_dma32 0x7b080000 0x7b080000 262144 linux,cma" "$(cat "$CMA/allocations")"
check "used counts the same pages (3 x 64)" "192" "$(cat "$CMA/used")"
echo "1M frame0" >"$CMA/alloc"
echo "4096 tiny" >"$MNT/devices/display@2c000000/alloc"
check "a buffer from the region's alloc is listed after them" \
	"frame0 0x7b100000 0x7b100000 1048576 linux,cma" "$(tail -1 "$CMA/allocations")"
check "a device's buffer is in its region's allocations too" \
	"tiny 0x50000000 0x50000000 4096 framebuffer@50000000" \
	"$(cat "$MNT/regions/framebuffer@50000000/allocations")"
check "and in the device's own" "tiny 0x50000000 0x50000000 4096 framebuffer@50000000" \
	"$(cat "$MNT/devices/display@2c000000/allocations")"
check "the live map shows the buffers inside their pools" \
	"  0x000000007b100000-0x000000007b1fffff      1 MiB  buffer      frame0" \
	"$(grep ' frame0$' "$MNT/map")"
cp "$MNT/map.svg" "$T/live.svg"
rsvg-convert "$T/live.svg" -o "$T/live.png" 2>"$T/rsvg.err" && [ ! -s "$T/rsvg.err" ] &&
	ok "map.svg renders" || not_ok "map.svg renders: $(cat "$T/rsvg.err")"
check "map.svg draws each buffer with its name" "1 1" \
	"$(grep -c '<title>buffer frame0 0x7b100000 1 MiB</title>' "$T/live.svg") $(grep -c '<title>buffer tiny 0x50000000 4 KiB</title>' "$T/live.svg")"
exec 3<"$CMA/buffers/frame0"
rm "$CMA/buffers/frame0"
check "an unlinked buffer still open keeps its memory, and says so" \
	"frame0 (deleted) 0x7b100000 0x7b100000 1048576 linux,cma" "$(tail -1 "$CMA/allocations")"
exec 3<&-
unmount_rmemfs

cp "$C" "$T/my,board.dts"
mount_rmemfs "$T/my,board.dts" 2>"$T/stderr" || { not_ok "mount carveout"; finish; exit 1; }
check "findmnt: the board's path is the source (a comma in it kept)" "$T/my,board.dts" \
	"$(findmnt -n -o SOURCE "$MNT")"
check "a boot without errors is quiet" "" "$(cat "$T/stderr")"
check "board: its path and no errors" "path=$T/my,board.dts errors=0" \
	"$(grep '^path=' "$MNT/board") $(grep '^errors=' "$MNT/board")"
unmount_rmemfs
finish
