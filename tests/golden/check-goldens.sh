#!/bin/sh
# check-goldens.sh - compare rmemfs with what the real kernels printed.
#
# Every tests/golden/<input>/*.k<ver>.txt is the oracle's output for
# tests/fixtures/*/<input>.dts booted on Debian's 6.1 or 6.12 kernel.  For
# each, tests/tools/replay-golden.sh rebuilds the same input (and refuses a
# fixture whose sha256 is not the golden's), then it runs through `rmemfs
# --dry-run` and tests/tools/rmprobe (the oracle's probe module replayed
# on rmemfs's engine).  Checked exactly:
#   - the reserved-memory lines of the boot log up to the drivers' probes (OF: reserved mem:, OF: fdt:,
#     Reserved memory:, cma:, DMA: pool lines) and the zone layout
#     (Zone ranges:, the zones, the node's memory), in order, timestamps
#     stripped;
#   - CmaTotal and CmaFree of /proc/meminfo against rmemfs's meminfo;
#   - every rmemprobe line: CMA areas (name, base, size, first allocations),
#     device init results and 16 KiB allocations, allocation sequences;
#   - --format=json of each input validates against doc/rmemfs.schema.json.
# Page-allocator addresses (in=none) are not predicted: rmprobe prints "*".
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$ROOT/$BUILD/rmemfs
PROBE=$ROOT/$BUILD/tests/rmprobe
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/json"
n=0
fail=0

boot_lines() {
	grep -E '^(OF: reserved mem: |OF: fdt: Reserved memory|Reserved memory: |cma: |DMA: (preallocated|failed to allocate) )| overlaps with |^(Zone ranges:|  (DMA|DMA32|Normal|Device) +(empty|\[mem )|Movable zone start for each node|Early memory node ranges|  node +[0-9]+: \[mem |Initmem setup node )' |
		grep -vE 'alloc failed, req-size|number of available pages'
}

# the whole log; trimmed goldens (memblock=debug runs) keep dmesg-filtered,
# untrimmed ones whose start memblock=debug pushed out are cut (below);
# a boot that died has only its console
golden_sect() {
	if grep -q '^@@@@ FAILED' "$1"; then
		echo FAILED
	elif grep -q '^@@@@ memblock-debug' "$1"; then
		echo dmesg-filtered	# its dmesg-full was trimmed away
	elif ! awk '/^@@@@ dmesg-full/{getline; print; exit}' "$1" |
		grep -q 'Booting Linux'; then
		echo dmesg-full-cut	# memblock=debug flooded the log's start away
	else
		echo dmesg-full
	fi
}

golden_dmesg() {
	awk -v s="^@@@@ ${2%-cut}" '$0 ~ s {on=1; next} /^@@@@/{on=0} on' "$1" |
		sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' |
		awk '/rmemprobe: loading/{exit} {print}'
}

# (a record read twice, same timestamp, is one: the oracle's section of a
# memblock=debug boot holds the module's lines twice)
golden_probe() {
	awk '/^@@@@ cma-probe-module/{on=1; next} /^@@@@/{on=0} on && !seen[$0]++' "$1" |
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

# meminfo: CmaTotal and CmaFree are the kernel's CMA areas and what the
# atomic pools took from them before any driver ran; MemTotal depends on
# the kernel's whole footprint and is not predicted
meminfo_cma() {
	grep -E '^(CmaTotal|CmaFree):'
}

# tests/golden/<input>/known-differences: "CHECK REASON" lines for what the
# kernel did that the device tree does not decide (a driver's own boot-time
# allocations, say); that check is reported as SKIP with the reason.
# CHECK@GOLDEN (meminfo@cmamis.k7.2) limits it to one golden of the input.
known() {
	why=$(awk -v c="$1" -v one="$1@$(basename "$g" .txt)" \
		'$1 == c || $1 == one { $1 = ""; sub(/^ /, ""); print; exit }' \
		"$(dirname "$g")/known-differences" 2>/dev/null)
	[ -n "$why" ]
}

# KERNELS="5.10 7.2": only the goldens of these kernels (all by default)
for g in "$ROOT"/tests/golden/*/*.txt; do
	name=$(basename "$(dirname "$g")")/$(basename "$g" .txt)
	kver=${name##*.k}
	case " ${KERNELS:-$kver} " in *" $kver "*) ;; *) continue ;; esac
	n=$((n + 1))
	rm -rf "$tmp/in"
	if ! sh "$ROOT/tests/tools/replay-golden.sh" "$g" "$tmp/in" 2> "$tmp/err"; then
		echo "not ok $n - $name: $(cat "$tmp/err")"
		fail=$((fail + 1))
		continue
	fi
	set --
	while IFS= read -r opt; do
		# -o splits on commas: the cmdline's own ("linux,cma") escaped
		set -- "$@" -o "$(printf '%s' "$opt" | sed 's/,/\\,/g')"
	done < "$tmp/in/options"
	"$BIN" --dry-run "$@" "$tmp/in/board.dtb" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	# the same boot as JSON, validated against the schema at the end
	"$BIN" --dry-run --format=json "$@" "$tmp/in/board.dtb" \
		> "$tmp/json/$(echo "$name" | tr / _).json" 2>/dev/null
	if [ "$rc" != 0 ] && [ "$rc" != 2 ]; then
		echo "not ok $n - $name: rmemfs --dry-run exited $rc: $(head -3 "$tmp/err")"
		fail=$((fail + 1))
		continue
	fi
	sect=$(golden_sect "$g")
	if [ "$sect" = FAILED ]; then
		awk '/^# iomem/{exit} {print}' "$tmp/out" | boot_lines > "$tmp/ours"
	else
		# the log up to the drivers' probes: the oracle's boot ends
		# where its probe module loads (rmprobe prints that part)
		"$PROBE" "$@" "$tmp/in/board.dtb" > "$tmp/probe" 2>&1
		sed -n 's/^rmemfs-boot: //p' "$tmp/probe" | boot_lines > "$tmp/ours"
	fi
	golden_dmesg "$g" "$sect" | boot_lines > "$tmp/kernel"
	if [ "$sect" = dmesg-filtered ] || [ "$sect" = dmesg-full-cut ]; then
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
	if [ "$sect" = FAILED ]; then
		# the kernel died: rmemfs must say so, at the same point
		n=$((n + 1))
		kp=$(golden_dmesg "$g" FAILED | grep -c '^Kernel panic - not syncing')
		op=$(grep -c '^Kernel panic - not syncing' "$tmp/out")
		if [ "$kp" -gt 0 ] && [ "$op" -gt 0 ]; then
			echo "ok $n - $name: the boot dies in both"
		else
			echo "not ok $n - $name: kernel panics $kp time(s), rmemfs $op"
			fail=$((fail + 1))
		fi
		continue
	fi
	n=$((n + 1))
	awk '/^@@@@ meminfo-cma/{on=1; next} /^@@@@/{on=0} on' "$g" |
		meminfo_cma | tr -s ' ' > "$tmp/gmeminfo"
	sed -n 's/^rmemfs-meminfo: //p' "$tmp/probe" | meminfo_cma | tr -s ' ' > "$tmp/omeminfo"
	if known meminfo; then
		echo "ok $n - $name: meminfo # SKIP $why"
	elif [ ! -s "$tmp/gmeminfo" ]; then
		echo "not ok $n - $name: the golden has no meminfo-cma section"
		fail=$((fail + 1))
	elif diff -u "$tmp/gmeminfo" "$tmp/omeminfo" > "$tmp/mdiff"; then
		echo "ok $n - $name: meminfo $(tr '\n' ' ' < "$tmp/gmeminfo")"
	else
		echo "not ok $n - $name: meminfo differs (- kernel, + rmemfs)"
		sed 's/^/# /' "$tmp/mdiff"
		fail=$((fail + 1))
	fi
	if known probe; then
		n=$((n + 1))
		echo "ok $n - $name: probe # SKIP $why"
	elif grep -q '^@@@@ cma-probe-module' "$g" && golden_probe "$g" | grep -q .; then
		n=$((n + 1))
		golden_probe "$g" > "$tmp/gprobe"
		grep -E '^rmemprobe: (area |alloc step|device |seq [0-9]|seq-dev dev=[^ ]+ region_idx)' \
			"$tmp/probe" > "$tmp/oprobe"
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
n=$((n + 1))
if out=$(/usr/bin/python3 "$ROOT/tests/tools/validate-json.py" \
	"$ROOT/doc/rmemfs.schema.json" "$tmp"/json/*.json 2>&1); then
	echo "ok $n - --format=json of every golden's input: $(echo "$out" | tail -1)"
else
	echo "not ok $n - --format=json against doc/rmemfs.schema.json"
	echo "$out" | sed 's/^/# /' | head -20
fi
exit 0
