#!/bin/sh
# The tree of interface.md §2 on the built-in board: every file, its format.
. "$(dirname "$0")/lib.sh"

mount_rmemfs || { not_ok "mount the built-in board"; exit 1; }
ok "mount the built-in board"

check "root entries" "board cma-default cmdline config dev devices dmesg iomem map map.svg meminfo regions u-dma-buf u-dma-buf-mgr" \
	"$(ls "$MNT" | tr '\n' ' ' | sed 's/ $//')"
check "regions" "framebuffer@50000000 isp@71100000 linux,cma ramoops@7f000000 vpu@78000000" \
	"$(ls "$MNT/regions" | tr '\n' ' ' | sed 's/ $//')"
check "devices" "camera@2e000000 default display@2c000000 video-codec@2d000000" \
	"$(ls "$MNT/devices" | tr '\n' ' ' | sed 's/ $//')"
check "cma-default link" "regions/linux,cma" "$(readlink "$MNT/cma-default")"
check "pool region files" \
	"alloc alloc_pages_fail alloc_pages_success allocations base base_pfn bitmap bitmap_list buffers compatible count devices flags maxchunk order_per_bit release_pages_success size status type used" \
	"$(ls "$MNT/regions/vpu@78000000" | tr '\n' ' ' | sed 's/ $//')"
check "plain region files" "base compatible devices flags size status type" \
	"$(ls "$MNT/regions/ramoops@7f000000" | tr '\n' ' ' | sed 's/ $//')"

R=$MNT/regions/framebuffer@50000000
check "base format" "0x0000000050000000" "$(cat "$R/base")"
check "size" "8388608" "$(cat "$R/size")"
check "type coherent" "coherent" "$(cat "$R/type")"
check "flags" "no-map" "$(cat "$R/flags")"
check "compatible" "shared-dma-pool" "$(cat "$R/compatible")"
check "status ok" "ok" "$(cat "$R/status")"
check "devices of a pool" "display@2c000000" "$(cat "$R/devices")"
check "base_pfn" "327680" "$(cat "$R/base_pfn")"
check "count" "2048" "$(cat "$R/count")"
check "order_per_bit" "0" "$(cat "$R/order_per_bit")"
check "used at boot" "0" "$(cat "$R/used")"
check "maxchunk at boot" "2048" "$(cat "$R/maxchunk")"
# 2048 bits = 64 u32 words of 0
check "bitmap words" "64" "$(cat "$R/bitmap" | wc -w)"
check "bitmap_list empty" "" "$(cat "$R/bitmap_list")"
check "type cma" "cma" "$(cat "$MNT/regions/linux,cma/type")"
check "cma flags" "reusable linux,cma-default" "$(cat "$MNT/regions/linux,cma/flags")"
check "type none" "none" "$(cat "$MNT/regions/ramoops@7f000000/type")"
check "failed region status" "-EINVAL incorrect alignment of CMA region" \
	"$(cat "$MNT/regions/isp@71100000/status")"
check "type failed" "failed" "$(cat "$MNT/regions/isp@71100000/type")"

D=$MNT/devices/camera@2e000000
check "of_node" "/camera@2e000000" "$(cat "$D/of_node")"
check "memory-region -EINVAL" "0 isp@71100000 -EINVAL" "$(cat "$D/memory-region")"
check "dma_mem link" "../../regions/framebuffer@50000000" \
	"$(readlink "$MNT/devices/display@2c000000/dma_mem")"
check "cma_area link" "../../regions/vpu@78000000" \
	"$(readlink "$MNT/devices/video-codec@2d000000/cma_area")"
check "default has no of_node" "" "$(cat "$MNT/devices/default/of_node")"
check "allocations empty" "" "$(cat "$D/allocations")"

# the log and /proc-style files
grep -q '^OF: reserved mem: initialized node framebuffer@50000000, compatible id shared-dma-pool$' "$MNT/dmesg" &&
	ok "dmesg has the kernel's lines" || not_ok "dmesg has the kernel's lines"
grep -q '^Reserved memory: incorrect alignment of CMA region$' "$MNT/dmesg" &&
	ok "dmesg shows the error" || not_ok "dmesg shows the error"
grep -q '^2c000000.display: assigned reserved memory node framebuffer@50000000$' "$MNT/dmesg" &&
	ok "dmesg device line" || not_ok "dmesg device line"
grep -q '^50000000-507fffff : reserved$' "$MNT/iomem" &&
	ok "iomem: no-map region top-level" || not_ok "iomem: no-map region top-level"
grep -q '^  78000000-78ffffff : reserved$' "$MNT/iomem" &&
	ok "iomem: mapped region nested" || not_ok "iomem: mapped region nested"
grep -Eq '^MemTotal: +[0-9]+ kB$' "$MNT/meminfo" && grep -Eq '^CmaTotal: +81920 kB$' "$MNT/meminfo" &&
	ok "meminfo format, CmaTotal 80 MiB" || not_ok "meminfo format, CmaTotal 80 MiB"
check "cmdline" "console=ttyAMA0" "$(cat "$MNT/cmdline")"
grep -q '^profile=6.12$' "$MNT/config" && grep -q '^CONFIG_CMA_SIZE_MBYTES=16$' "$MNT/config" &&
	ok "config defaults" || not_ok "config defaults"

# a text file read in small pieces is never cut short (direct_io snapshot)
a=$(cat "$MNT/dmesg" | md5sum)
b=$(dd if="$MNT/dmesg" bs=7 2>/dev/null | md5sum)
check "dmesg read 7 bytes at a time" "$a" "$b"

unmount_rmemfs && ok "fusermount3 -u" || not_ok "fusermount3 -u"
finish
