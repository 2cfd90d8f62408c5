#!/bin/sh
# rmemfs --dry-run: exit status, sections, findings, DTS through cpp, options.
. "$(dirname "$0")/lib.sh"

out=$("$BIN" --dry-run "$(board_dtb "$FIX/oracle/basic.dts" 2G)")
check "clean boot: exit 0" "0" "$?"
printf '%s\n' "$out" | grep -q '^# iomem$' && printf '%s\n' "$out" | grep -q '^# regions$' &&
	printf '%s\n' "$out" | grep -q '^# devices$' && ok "log, then iomem, regions, devices" ||
	not_ok "log, then iomem, regions, devices"

out=$("$BIN" --dry-run)
check "built-in board has errors: exit 2" "2" "$?"
check "# map: RAM, then every block in address order, labelled" \
"RAM: 2 GiB in 1 bank: [0x40000000-0xbfffffff]
0x0000000040000000-0x000000004fffffff    256 MiB  free
0x0000000050000000-0x00000000507fffff      8 MiB  coherent    framebuffer@50000000
0x0000000050800000-0x00000000710fffff    521 MiB  free
0x0000000071100000-0x00000000711fffff      1 MiB  failed      isp@71100000 (-EINVAL incorrect alignment of CMA region)
0x0000000071200000-0x0000000077ffffff    110 MiB  free
0x0000000078000000-0x0000000078ffffff     16 MiB  cma         vpu@78000000
0x0000000079000000-0x000000007affffff     32 MiB  free
0x000000007b000000-0x000000007effffff     64 MiB  cma         linux,cma (the default CMA area)
  0x000000007b000000-0x000000007b03ffff    256 KiB  atomic pool atomic_pool_kernel
  0x000000007b040000-0x000000007b07ffff    256 KiB  atomic pool atomic_pool_dma
  0x000000007b080000-0x000000007b0bffff    256 KiB  atomic pool atomic_pool_dma32
0x000000007f000000-0x000000007f0fffff      1 MiB  reserved    ramoops@7f000000
0x000000007f100000-0x00000000bd9fffff   1001 MiB  free
0x00000000bda00000-0x00000000bf9fffff     32 MiB  kernel      vmemmap" \
	"$(printf '%s\n' "$out" | sed -n '/^# map$/,/^$/p' | sed -n '2,16p')"
check "# map: the kernel's early allocations to the top of RAM" \
	"0x00000000bfc0f000-0x00000000bfffffff    3.9 MiB  kernel      page tables" \
	"$(printf '%s\n' "$out" | sed -n '/^# map$/,/^$/p' | grep -v '^$' | tail -1)"
printf '%s\n' "$out" | grep -q "^error   cma-alignment /reserved-memory/isp@71100000: 'isp@71100000': CMA needs base and size aligned to 0x200000: base 0x0000000071100000 (nearest aligned 0x0000000071200000)" &&
	ok "finding: alignment needed and the nearest aligned address" ||
	not_ok "finding: alignment needed and the nearest aligned address"
printf '%s\n' "$out" | grep -q '^error   device-einval /camera@2e000000: camera@2e000000: memory-region 0 (isp@71100000) has no usable init' &&
	ok "finding: why the device got -EINVAL" || not_ok "finding: why the device got -EINVAL"

dtb=$(board_dtb "$FIX/oracle/errors.dts" 2G)
out=$("$BIN" --dry-run -o profile=6.12 "$dtb")
printf '%s\n' "$out" | grep -q "^error   overlap /reserved-memory/overlap-a@58000000: 'overlap-a@58000000' and 'overlap-b@58100000' overlap by 1048576 bytes" &&
	ok "finding: which regions overlap and by how much" || not_ok "finding: overlap"
printf '%s\n' "$out" | grep -q "^error   dynamic-no-space /reserved-memory/too-big: 'too-big': window \[0x0000000070000000, 0x0000000080000000): largest free run aligned to 0x200000 is 0x10000000 bytes, 0x20000000 asked" &&
	ok "finding: largest free gap in the alloc-ranges window" || not_ok "finding: alloc-ranges gap"

out=$("$BIN" --dry-run -o "dts_include=$FIX/include" "$FIX/cpp-include.dts")
check "DTS through cpp with dts_include" "0" "$?"
printf '%s\n' "$out" | grep -q '^fw@50000000 *0x0000000050000000 1048576 (1 MiB) ' &&
	ok "#include'd macros reached the region" || not_ok "#include'd macros reached the region"
"$BIN" --dry-run "$FIX/cpp-include.dts" >/dev/null 2>&1
check "#include without dts_include: exit 1" "1" "$?"

out=$("$BIN" --dry-run -o "cmdline=cma=32M" "$(board_dtb "$FIX/oracle/no-default.dts" 2G)")
printf '%s\n' "$out" | grep -q '^cma: Reserved 32 MiB at ' &&
	ok "-o cmdline=cma=32M sizes the default area" || not_ok "-o cmdline"
out=$("$BIN" --dry-run -o profile=6.1 -o "cmdline=cma=32M" "$(board_dtb "$FIX/oracle/no-default.dts" 2G)")
printf '%s\n' "$out" | grep -q '^cma: Reserved 32 MiB at 0x[0-9a-f]*$' &&
	ok "6.1: no ' on node -1'" || not_ok "6.1: no ' on node -1'"
printf 'CONFIG_CMA_SIZE_MBYTES=8\n' > "$T/small.config"
out=$("$BIN" --dry-run -o "config=$T/small.config" "$(board_dtb "$FIX/oracle/no-default.dts" 2G)")
printf '%s\n' "$out" | grep -q '^cma: Reserved 8 MiB at ' &&
	ok "-o config= CONFIG_CMA_SIZE_MBYTES" || not_ok "-o config="

# fuzzing regressions (tests/fuzz/regress): each used to hang or crash
R=$ROOT/tests/fuzz/regress/fuzz_blob
timeout 60 "$BIN" --dry-run "$R/hugemem-4PiB-memory-bank.dtb" >/dev/null 2>&1
check "4 PiB memory bank boots (page tables taken a range at a time)" "0" "$?"
out=$(timeout 60 "$BIN" --dry-run "$R/hugepool-512PiB-coherent-pool.dtb" 2>&1)
check "512 PiB coherent pool: exit 2" "2" "$?"
printf '%s\n' "$out" | grep -q '^Reserved memory: failed to init DMA memory pool at 0x0000001000000000, size ' &&
	ok "its bitmap is a failed kmalloc, as in the kernel" || not_ok "512 PiB pool: failed to init"
out=$(timeout 60 "$BIN" --dry-run "$R/rootcells-size-cells-0xfffffffd.dtb" 2>&1)
check "root #size-cells 0xfffffffd refused: exit 1" "1" "$?"
printf '%s\n' "$out" | grep -q 'root #size-cells = 4294967293: out of range (at most 4)$' &&
	ok "with its name and the reason" || not_ok "root cells message"
out=$(timeout 60 "$BIN" --dry-run "$R/proplen-wraps-libfdt-1.6.1.dtb" 2>&1)
check "a property length that makes libfdt 1.6.1 loop: refused, exit 1" "1" "$?"
printf '%s\n' "$out" | grep -q 'invalid device tree blob: FDT_ERR_BADSTRUCTURE (the tag at structure offset 5464 runs past the block)$' &&
	ok "with libfdt's reason and where" || not_ok "proplen message"
finish
