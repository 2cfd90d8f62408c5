#!/bin/sh
# Allocation, buffers, freeing and every error of interface.md §3, on the
# built-in board (6.12 profile, arm64 Kconfig defaults).
. "$(dirname "$0")/lib.sh"
BC=$HELPERS/bufcheck

mount_rmemfs || { not_ok "mount"; exit 1; }
DISP=$MNT/devices/display@2c000000
VPU=$MNT/devices/video-codec@2d000000
FB=$MNT/regions/framebuffer@50000000
VR=$MNT/regions/vpu@78000000

# --- the coherent pool of the display: bitmap_find_free_region --------
echo 8192 > "$DISP/alloc" && ok "echo 8192 > alloc" || not_ok "echo 8192 > alloc"
check "buffer named by its DMA address" "0x50000000" "$(ls "$DISP/buffers")"
check "buffer size" "8192" "$(stat -c %s "$DISP/buffers/0x50000000")"
check "buffer mode and owner" "600 0 0" "$(stat -c '%a %u %g' "$DISP/buffers/0x50000000")"
check "allocations line" "0x50000000 0x50000000 0x50000000 8192 framebuffer@50000000" \
	"$(cat "$DISP/allocations")"
check "used: 2 pages" "2" "$(cat "$FB/used")"
check "bitmap_list" "0-1" "$(cat "$FB/bitmap_list")"
check "bitmap word 0" "3" "$(cut -d' ' -f1 "$FB/bitmap")"
# 3 pages take a 4-page block (oracle: coherent-sizes 12K->0, 4K->4)
check "12K takes an aligned 4-page block" \
	"third 0x50004000 0x50004000 12288 framebuffer@50000000" \
	"$("$BC" allocread "$DISP/alloc" "12288 third")"
check "used counts whole blocks" "6" "$(cat "$FB/used")"
check "xattr phys" "0x50004000" "$(getfattr --absolute-names --only-values -n user.rmemfs.phys "$DISP/buffers/third")"
check "xattr dma" "0x50004000" "$(getfattr --absolute-names --only-values -n user.rmemfs.dma "$DISP/buffers/third")"
check "xattr pool" "framebuffer@50000000" "$(getfattr --absolute-names --only-values -n user.rmemfs.pool "$DISP/buffers/third")"

# shell form: write, then read the result on the same descriptor
exec 3<>"$DISP/alloc"
printf '4096 small' >&3
read -r name phys dma size pool <&3
exec 3>&-
check "exec 3<>alloc; read" "small 0x50002000 0x50002000 4096 framebuffer@50000000" \
	"$name $phys $dma $size $pool"

# --- errors: errno, and nothing changes ---------------------------------
before=$(cat "$FB/bitmap" "$FB/alloc_pages_fail" "$DISP/allocations")
check_err "size 0: EINVAL" "Invalid argument" bash -c "echo 0 > '$DISP/alloc'"
check_err "negative: EINVAL" "Invalid argument" bash -c "echo -4096 > '$DISP/alloc'"
check_err "not a number: EINVAL" "Invalid argument" bash -c "echo abc > '$DISP/alloc'"
check_err "trailing junk: EINVAL" "Invalid argument" bash -c "echo 4096x > '$DISP/alloc'"
check_err "overflow: EINVAL" "Invalid argument" bash -c "echo 99999999999999999999 > '$DISP/alloc'"
check_err "overflowing suffix: EINVAL" "Invalid argument" bash -c "echo 99999999999E > '$DISP/alloc'"
check_err "name with /: EINVAL" "Invalid argument" bash -c "echo '4096 a/b' > '$DISP/alloc'"
check_err "name ..: EINVAL" "Invalid argument" bash -c "echo '4096 ..' > '$DISP/alloc'"
long=$(printf 'n%.0s' $(seq 256))
check_err "256-byte name: EINVAL" "Invalid argument" bash -c "echo '4096 $long' > '$DISP/alloc'"
check_err "three words: EINVAL" "Invalid argument" bash -c "echo '4096 a b' > '$DISP/alloc'"
check_err "'1 M' (a unit, not a name): EINVAL" "Invalid argument" bash -c "echo '1 M' > '$DISP/alloc'"
check_err "'1 MiB': EINVAL" "Invalid argument" bash -c "echo '1 MiB' > '$DISP/alloc'"
check_err "'1 kb': EINVAL" "Invalid argument" bash -c "echo '1 kb' > '$DISP/alloc'"
check_err "'1MB' (memparse stops at B): EINVAL" "Invalid argument" bash -c "echo 1MB > '$DISP/alloc'"
check "none of those made a buffer" "" "$(ls "$DISP/buffers" | grep -x 'M\|MiB\|kb')"
check_err "existing name: EEXIST" "File exists" bash -c "echo '4096 third' > '$DISP/alloc'"
check "failed requests changed nothing" "$before" \
	"$(cat "$FB/bitmap" "$FB/alloc_pages_fail" "$DISP/allocations")"
# the pool is exclusive: larger than it, ENOMEM and no fallback
check_err "larger than the pool: ENOMEM" "Cannot allocate memory" bash -c "echo 16M > '$DISP/alloc'"
check "ENOMEM set no bit" "$(echo "$before" | head -1)" "$(cat "$FB/bitmap")"
check "alloc_pages_fail counts the pages asked" "4096" "$(cat "$FB/alloc_pages_fail")"

# --- a CMA area: cma_alloc, exact page count, kernel failure message ----
check "12M from the vpu CMA area" "big 0x78000000 0x78000000 12582912 vpu@78000000" \
	"$("$BC" allocread "$VPU/alloc" "12M big")"
check "CMA takes exactly the pages asked" "3072" "$(cat "$VR/used")"
check_err "8M no longer fits: ENOMEM" "Cannot allocate memory" bash -c "echo 8M > '$VPU/alloc'"
grep -q '^cma: __cma_alloc: vpu@78000000: alloc failed, req-size: 2048 pages, ret: -12$' "$MNT/dmesg" &&
	ok "dmesg: __cma_alloc failure line" || not_ok "dmesg: __cma_alloc failure line"
grep -q '^cma: number of available pages: 1024@3072=> 1024 free of 4096 total pages$' "$MNT/dmesg" &&
	ok "dmesg: 6.12 free-map dump" || not_ok "dmesg: 6.12 free-map dump"
check "alloc_pages_success" "3072" "$(cat "$VR/alloc_pages_success")"
check "alloc_pages_fail" "2048" "$(cat "$VR/alloc_pages_fail")"
check "region alloc, no fallback" "4M 0x78c00000 0x78c00000 4194304 vpu@78000000" \
	"$("$BC" allocread "$VR/alloc" "4M 4M")"
check "region buffers dir" "4M" "$(ls "$VR/buffers")"
check "maxchunk when full" "0" "$(cat "$VR/maxchunk")"
rm "$VR/buffers/4M" "$VPU/buffers/big" && ok "rm frees" || not_ok "rm frees"
check "used back to 0" "0" "$(cat "$VR/used")"
check "release_pages_success" "4096" "$(cat "$VR/release_pages_success")"

# --- the default device: default CMA above one page, else system -------
echo "8192 d2" > "$MNT/devices/default/alloc"
check "default device > 1 page: default CMA" "linux,cma" \
	"$(getfattr --absolute-names --only-values -n user.rmemfs.pool "$MNT/devices/default/buffers/d2")"
echo "4096 d1" > "$MNT/devices/default/alloc"
check "default device 1 page: system memory" "system" \
	"$(getfattr --absolute-names --only-values -n user.rmemfs.pool "$MNT/devices/default/buffers/d1")"
echo "4096 c1" > "$MNT/devices/camera@2e000000/alloc"
check "camera (-EINVAL region) allocates like a device without one" "system" \
	"$(getfattr --absolute-names --only-values -n user.rmemfs.pool "$MNT/devices/camera@2e000000/buffers/c1")"

# --- buffer bytes: zero, read/write/mmap, sharing -----------------------
B=$DISP/buffers/third
"$BC" zero "$B" && ok "fresh buffer is zero in every mapped byte" || not_ok "fresh buffer is zero"
"$BC" fill "$B" 171 && "$BC" verify "$B" 171 && ok "mmap stores seen by read(2)" ||
	not_ok "mmap stores seen by read(2)"
printf 'hello' | dd of="$B" conv=notrunc status=none && 
	check "write(2) seen by read" "hello" "$(head -c 5 "$B")"
"$BC" share "$B" && ok "two processes see each other's stores" || not_ok "two processes share"
# 3 pages in a 4-page block ("small", 1 page, is taken: a new name)
echo "12288 three" > "$DISP/alloc" && check "a 3-page buffer" "12288" \
	"$(stat -c %s "$DISP/buffers/three")" || not_ok "a 3-page buffer"
check "past the size a mapping gets SIGBUS, as the man page says (the pool block is larger)" \
	"SIGBUS" "$("$BC" pastend "$DISP/buffers/three")"
rm "$DISP/buffers/three"
size=$(stat -c %s "$B")
check_err "extend a buffer: EPERM" "Operation not permitted" truncate -s 1M "$B"
check_err "shrink a buffer: EPERM" "Operation not permitted" truncate -s 100 "$B"
"$BC" fill "$B" 171
printf 'data' > "$B"
check "O_TRUNC on a buffer is ignored, as on a block device: the write lands" \
	"0 data $size" "$? $(head -c 4 "$B") $(stat -c %s "$B")"
check "and the bytes after it are the buffer's own (nothing was truncated)" \
	"$(printf '\253\253\253\253' | od -An -tx1)" "$(dd if="$B" bs=1 skip=4 count=4 status=none | od -An -tx1)"
truncate -s 0 "$B"
check "truncate -s 0 is the same request: ignored, the size stays" "0 $size" \
	"$? $(stat -c %s "$B")"
chmod 0640 "$B" && check "chmod a buffer" "640" "$(stat -c %a "$B")" || not_ok "chmod a buffer"

# --- operations the tree does not allow ---------------------------------
check_err "write dmesg: EACCES" "Permission denied" bash -c "echo x > '$MNT/dmesg'"
check_err "mkdir: EPERM" "Operation not permitted" mkdir "$DISP/buffers/d"
check_err "create in buffers: EPERM" "Operation not permitted" touch "$DISP/buffers/new"
check_err "create in a region: EPERM" "Operation not permitted" touch "$FB/new"
check_err "rename a buffer: EPERM" "Operation not permitted" mv "$B" "$DISP/buffers/other"
check_err "link: EPERM" "Operation not permitted" ln "$B" "$DISP/buffers/hard"
check_err "symlink: EPERM" "Operation not permitted" ln -s x "$DISP/buffers/sym"
check_err "rm a text file: EPERM" "Operation not permitted" rm -f "$MNT/dmesg"
check_err "chmod a text file: EPERM" "Operation not permitted" chmod 0666 "$MNT/iomem"
check_err "setxattr: EPERM" "Operation not permitted" setfattr -n user.x -v 1 "$B"

# --- deferred free: mapped memory is never given to anyone else --------
mkfifo "$T/fifo"
echo "16384 held" > "$DISP/alloc"
used=$(cat "$FB/used")
mkfifo "$T/go"
"$BC" hold "$DISP/buffers/held" "$T/fifo" < "$T/go" &
holder=$!
exec 4>"$T/go"
read -r line < "$T/fifo"
phys_held=$(getfattr --absolute-names --only-values -n user.rmemfs.phys "$DISP/buffers/held")
rm "$DISP/buffers/held"
check "removed but still mapped: still used" "$used" "$(cat "$FB/used")"
echo "16384 next" > "$DISP/alloc"
check "the mapped block is not handed out again" "no" \
	"$([ "$(getfattr --absolute-names --only-values -n user.rmemfs.phys "$DISP/buffers/next")" = "$phys_held" ] && echo yes || echo no)"
echo go >&4
exec 4>&-
wait $holder && ok "the mapping kept its bytes" || not_ok "the mapping kept its bytes"
# the release reaches the server asynchronously after munmap+exit
i=0
while [ "$(cat "$FB/used")" != "$used" ] && [ $i -lt 100 ]; do i=$((i + 1)); sleep 0.05; done
check "freed once the last mapping is gone (held out, next in)" "$used" "$(cat "$FB/used")"

unmount_rmemfs && ok "unmount" || not_ok "unmount"
finish
