#!/bin/sh
# check-goldens.sh - compare rmemfs with what the real kernels printed.
#
# Every tests/golden/**/*.k<ver>.txt is the oracle's output for one input
# (named in its "# input:" header) booted on Debian's 6.1 or 6.12 kernel.
# For each, the same DTS is compiled over the same QEMU virt tree and run
# through `rmemfs --dry-run` and tests/tools/rmprobe (the oracle's probe
# module replayed on rmemfs's engine).  Checked exactly:
#   - the reserved-memory lines of the boot log (OF: reserved mem:, OF: fdt:,
#     Reserved memory:, cma:, DMA: pool lines), in order, timestamps stripped;
#   - every rmemprobe line: CMA areas (name, base, size, first allocations),
#     device init results and 16 KiB allocations, allocation sequences.
# Page-allocator addresses (in=none) are not predicted: rmprobe prints "*".
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$ROOT/$BUILD/rmemfs
PROBE=$ROOT/$BUILD/tests/rmprobe
FIX=$ROOT/tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0

boot_lines() {
	grep -E '^(OF: reserved mem: |OF: fdt: Reserved memory|Reserved memory: |cma: |DMA: (preallocated|failed to allocate) )| overlaps with ' |
		grep -vE 'alloc failed, req-size|number of available pages'
}

# the whole log; trimmed goldens (memblock=debug runs) keep dmesg-filtered
golden_sect() {
	if grep -q '^@@@@ memblock-debug' "$1"; then
		echo dmesg-filtered	# its dmesg-full was trimmed away
	else
		echo dmesg-full
	fi
}

golden_dmesg() {
	awk -v s="^@@@@ $2" '$0 ~ s {on=1; next} /^@@@@/{on=0} on' "$1" |
		sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' |
		awk '/rmemprobe: loading/{exit} {print}'
}

golden_probe() {
	awk '/^@@@@ cma-probe-module/{on=1; next} /^@@@@/{on=0} on' "$1" |
		sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' |
		grep -E '^rmemprobe: (area |alloc step|device |seq [0-9]|seq-dev dev=[^ ]+ region_idx)'
}

# pairwise: where ours says dma=*, any golden address matches
compare_probe() {
	awk 'NR == FNR { ours[FNR] = $0; n = FNR; next }
	     { g[FNR] = $0; m = FNR }
	     END {
		if (n != m) { printf "# line count: rmemfs %d, kernel %d\n", n, m }
		max = n > m ? n : m; bad = 0
		for (i = 1; i <= max; i++) {
			gl = g[i]
			if (ours[i] ~ /dma=\*/) sub(/dma=0x[0-9a-f]+/, "dma=*", gl)
			if (ours[i] != gl) {
				printf "# rmemfs: %s\n# kernel: %s\n", ours[i], gl; bad++
				if (bad > 6) break
			}
		}
		exit (bad || n != m) }' "$1" "$2"
}

for g in "$ROOT"/tests/golden/*.txt "$ROOT"/tests/golden/boards/*.txt "$ROOT"/tests/golden/extra/*.txt; do
	[ -f "$g" ] || continue
	name=$(basename "$g" .txt)
	case "$name" in
	*.k6.12) kver=6.12 ;;
	*.k6.1) kver=6.1 ;;
	*) continue ;;
	esac
	input=$(sed -n 's/^# input: \([^ ]*\).*/\1/p' "$g" | head -1)
	mem=$(sed -n 's/^# qemu: .* -m \([0-9]*G\) .*/\1/p' "$g" | head -1)
	cmdline=$(sed -n 's/^# cmdline: //p' "$g" | head -1)
	dts=""
	for d in "$FIX/oracle/$input" \
		 "$FIX/boards/$input" "$FIX/extra/$input"; do
		[ -f "$d" ] && { dts=$d; break; }
	done
	n=$((n + 1))
	if [ -z "$dts" ] || [ ! -f "$FIX/virt/virt-$mem.dts" ]; then
		echo "not ok $n - $name: no fixture for input '$input' (mem $mem)"
		fail=$((fail + 1))
		continue
	fi
	# dtc looks beside the source first: compile a copy next to this virt.dts
	cp "$FIX/virt/virt-$mem.dts" "$tmp/virt.dts"
	cp "$dts" "$tmp/board.dts"
	if ! dtc -q -I dts -O dtb -i "$(dirname "$dts")" -o "$tmp/board.dtb" "$tmp/board.dts"; then
		echo "not ok $n - $name: dtc failed on $dts"
		fail=$((fail + 1))
		continue
	fi
	# What QEMU adds to the blob at boot and what it and the kernel hold
	# before the scan (doc/early-boot-model.md §1): bootargs and one-cell
	# initrd properties in /chosen; kernel image; the DTB padded to
	# 2 * (size + 10000).
	case $kver in
	6.1) reserve=0x40210000+0x2000000 ;;
	6.12) reserve=0x40200000+0x2b30000 ;;
	esac
	dtbsize=$(wc -c < "$tmp/board.dtb")
	reserve="$reserve,0x48200000+$((2 * (dtbsize + 10000)))"
	istart=$(sed -n 's/^chosen\/linux,initrd-start: //p' "$g" | head -1)
	iend=$(sed -n 's/^chosen\/linux,initrd-end: //p' "$g" | head -1)
	fdtput -p -t s "$tmp/board.dtb" /chosen bootargs "$cmdline"
	if [ -n "$istart" ] && [ -n "$iend" ]; then
		fdtput -t x "$tmp/board.dtb" /chosen linux,initrd-start "$istart"
		fdtput -t x "$tmp/board.dtb" /chosen linux,initrd-end "$iend"
	fi
	set -- -o "profile=$kver" -o "config=$FIX/config/debian-$kver.config" \
		-o "cmdline=$cmdline" -o "reserve=$reserve"
	"$BIN" --dry-run "$@" "$tmp/board.dtb" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" != 0 ] && [ "$rc" != 2 ]; then
		echo "not ok $n - $name: rmemfs --dry-run exited $rc: $(head -3 "$tmp/err")"
		fail=$((fail + 1))
		continue
	fi
	awk '/^# iomem/{exit} {print}' "$tmp/out" | boot_lines > "$tmp/ours"
	sect=$(golden_sect "$g")
	golden_dmesg "$g" "$sect" | boot_lines > "$tmp/kernel"
	if [ "$sect" = dmesg-filtered ]; then
		# memblock=debug flooded the log buffer: its start is lost, so
		# compare from the default CMA line on
		for f in ours kernel; do
			awk '/^cma: Reserved/{on=1} on' "$tmp/$f" > "$tmp/$f.cut"
			mv "$tmp/$f.cut" "$tmp/$f"
		done
	fi
	if ! diff -u "$tmp/kernel" "$tmp/ours" > "$tmp/diff"; then
		echo "not ok $n - $name: boot log differs (- kernel, + rmemfs)"
		sed 's/^/# /' "$tmp/diff" | head -40
		fail=$((fail + 1))
	else
		echo "ok $n - $name: boot log ($(wc -l < "$tmp/kernel") lines)"
	fi
	if grep -q '^@@@@ cma-probe-module' "$g" && golden_probe "$g" | grep -q .; then
		n=$((n + 1))
		golden_probe "$g" > "$tmp/gprobe"
		"$PROBE" "$@" "$tmp/board.dtb" 2>&1 |
			grep -E '^rmemprobe: (area |alloc step|device |seq [0-9]|seq-dev dev=[^ ]+ region_idx)' > "$tmp/oprobe"
		if compare_probe "$tmp/oprobe" "$tmp/gprobe" > "$tmp/pdiff"; then
			echo "ok $n - $name: probe ($(wc -l < "$tmp/gprobe") lines: areas, devices, allocations)"
		else
			echo "not ok $n - $name: probe lines differ"
			cat "$tmp/pdiff"
			fail=$((fail + 1))
		fi
	fi
done
[ "$n" -gt 0 ] || { echo "not ok 1 - no goldens found"; exit 1; }
exit 0
