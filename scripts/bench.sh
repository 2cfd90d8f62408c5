#!/bin/sh
# scripts/bench.sh - rmemfs next to its anchors, one table (issue 4).
#
# Builds, mounts a benchmark board (256 MiB default CMA area, 4 GiB CMA
# pool) with the server pinned to CPU $SERVER_CPU, runs
# build/tests/bench_fs pinned to the same CPU and to another one, then
# build/tests/bench_engine (dry-run of the largest real DTB, allocator
# pairs per second on 4 GiB pools), and prints rmemfs's figure, the
# anchor's, and their ratio for each row.  Timing is only reported, never
# asserted: the exit status says whether the runs worked, not how fast.
#
# Environment: BUILD=build  RUNS=7 (medians of)  CLIENTS=4  REPS=200
# (dry-run boots)  SERVER_CPU=0  OTHER_CPU=1  SURVEY=/tmp/rmemfs-survey
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
RUNS=${RUNS:-7}
CLIENTS=${CLIENTS:-4}
REPS=${REPS:-200}
SERVER_CPU=${SERVER_CPU:-0}
OTHER_CPU=${OTHER_CPU:-1}
SURVEY=${SURVEY:-/tmp/rmemfs-survey}
BIN=$ROOT/$BUILD/rmemfs
T=$(mktemp -d /tmp/rmemfs-bench.XXXXXX)
MNT=$T/mnt
spid=
problems=0

cleanup() {
	if mountpoint -q "$MNT" 2>/dev/null; then
		fusermount3 -u "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null
	fi
	[ -n "$spid" ] && wait "$spid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note() {
	echo "note: $*" >> "$T/notes"
}

make -s BUILD="$BUILD" all "$BUILD/tests/bench_fs" "$BUILD/tests/bench_engine" ||
	{ echo "bench: build failed" >&2; exit 1; }

# ---- boards --------------------------------------------------------------
cat > "$T/bench.dts" <<'EOF'
/dts-v1/;

/ {
	model = "rmemfs benchmark board";
	#address-cells = <2>;
	#size-cells = <2>;

	chosen {
		bootargs = "console=ttyAMA0";
	};

	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x2 0x0>;
	};

	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;

		linux,cma {
			compatible = "shared-dma-pool";
			reusable;
			size = <0x0 0x10000000>;
			linux,cma-default;
		};

		pool@100000000 {
			compatible = "shared-dma-pool";
			reusable;
			reg = <0x1 0x0 0x1 0x0>;
		};
	};
};
EOF
dtc -q -I dts -O dtb -o "$T/bench.dtb" "$T/bench.dts" || exit 1

# the largest repository board, over QEMU's virt tree as the goldens are
mkdir -p "$T/sm8450"
cp tests/fixtures/virt/virt-4G.dts "$T/sm8450/virt.dts"
cp tests/fixtures/boards/sm8450-hdk.dts "$T/sm8450/board.dts"
dtbs=
if dtc -q -I dts -O dtb -i tests/fixtures/boards -o "$T/sm8450-hdk.dtb" \
	"$T/sm8450/board.dts"; then
	dtbs="$T/sm8450-hdk.dtb"
else
	note "dtc failed on sm8450-hdk.dts"
fi
# the largest real Debian DTB with /reserved-memory, when surveyed
big=
if [ -d "$SURVEY" ]; then
	for f in $(find "$SURVEY" -name '*.dtb' -printf '%s %p\n' | sort -rn |
		   awk '{ print $2 }'); do
		if fdtget -l "$f" /reserved-memory >/dev/null 2>&1; then
			big=$f
			break
		fi
	done
fi
if [ -n "$big" ]; then
	dtbs="$dtbs $big"
else
	note "no surveyed DTB under $SURVEY: dry-run timed on the repository board only"
fi

# ---- filesystem ----------------------------------------------------------
mkdir -p "$MNT"
# foreground in the background so its stderr is kept; wait for the mount
taskset -c "$SERVER_CPU" "$BIN" -f "$T/bench.dtb" "$MNT" 2> "$T/server.log" &
spid=$!
i=0
until mountpoint -q "$MNT" || [ $i -gt 100 ]; do
	kill -0 "$spid" 2>/dev/null || break
	i=$((i + 1))
	sleep 0.1
done
mountpoint -q "$MNT" || { echo "bench: mount failed" >&2; cat "$T/server.log" >&2; exit 1; }
ALLOC="$MNT/regions/linux,cma/alloc"
backing=$(sed -n 's/^backing=//p' "$MNT/config")
used0=$(cat "$MNT/regions/linux,cma/used")

run_fs() {	# LABEL CPU
	echo "bench: bench_fs, client on CPU $2, server on CPU $SERVER_CPU" >&2
	if ! timeout 120 taskset -c "$2" "$BUILD/tests/bench_fs" -r "$RUNS" \
		-j "$CLIENTS" -S "$SERVER_CPU" "$ALLOC" > "$T/fs.$1" 2> "$T/fs.$1.err"; then
		problems=$((problems + 1))
		note "bench_fs ($1) failed: $(tail -3 "$T/fs.$1.err")"
	fi
	sed "s/^/$1 /" "$T/fs.$1" >> "$T/results"
}
: > "$T/results"
run_fs same "$SERVER_CPU"
ncpu=$(nproc)
if [ "$ncpu" -gt 1 ] && [ "$OTHER_CPU" != "$SERVER_CPU" ]; then
	run_fs cross "$OTHER_CPU"
else
	note "one CPU: no cross-CPU run"
fi
kill -0 "$spid" 2>/dev/null || { problems=$((problems + 1)); note "rmemfs died during the run"; }
used1=$(cat "$MNT/regions/linux,cma/used" 2>/dev/null)
left=$(find "$MNT/regions/linux,cma/buffers" -type f 2>/dev/null | wc -l)
if [ "$used1" != "$used0" ] || [ "$left" != 0 ]; then
	note "after the run: linux,cma used $used1 pages (was $used0), $left buffers left"
fi
fusermount3 -u "$MNT"
wait "$spid"
src=$?
spid=
[ "$src" = 0 ] || { problems=$((problems + 1)); note "rmemfs exited $src"; }
[ -s "$T/server.log" ] && note "rmemfs stderr: $(head -5 "$T/server.log" | tr '\n' '|')"

# ---- engine --------------------------------------------------------------
echo "bench: bench_engine" >&2
# shellcheck disable=SC2086
if ! timeout 120 "$BUILD/tests/bench_engine" -n "$REPS" -r 5 -t 400 \
	-c "$T/bench.dtb" $dtbs > "$T/engine" 2> "$T/engine.err"; then
	problems=$((problems + 1))
	note "bench_engine failed: $(grep -v '^#' "$T/engine.err" | tail -3)"
fi
sed 's/^/engine /' "$T/engine" >> "$T/results"

# ---- table ---------------------------------------------------------------
echo
echo "rmemfs benchmark: $(nproc) CPUs, kernel $(uname -r), backing=$backing," \
	"medians of $RUNS runs, $CLIENTS concurrent clients, server on CPU $SERVER_CPU"
awk -v backing="$backing" -v clients="$CLIENTS" '
function row(label, a, b, unit, dir, tgt,   r, met, an, rs, ts) {
	if (!(a in v)) return
	r = (b in v) && v[b] > 0 ? v[a] / v[b] : -1
	met = "-"
	if (tgt != "" && r >= 0)
		met = (dir == "le" ? r <= tgt : r >= tgt) ? "met" : "missed"
	an = (b in v) ? num(v[b]) : "-"
	rs = (r >= 0) ? sprintf("%.2fx", r) : "-"
	ts = (tgt == "") ? "" : sprintf("%s %s%sx", met, (dir == "le") ? "<=" : ">=", tgt)
	printf "%-50s %12s %12s %-9s %8s  %s\n", label, num(v[a]), an, unit, rs, ts
}
function num(x) {
	return (x >= 1000) ? sprintf("%.0f", x) : sprintf("%.3g", x)
}
{ v[$1 " " $2] = $3; if ($1 == "engine" && $2 ~ /^dryrun:/) dr[++ndr] = $1 " " $2 }
END {
	t1 = backing == "passthrough" ? 0.9 : 0.5
	v["target dryrun"] = 5; v["target pairs"] = 2000000
	printf "%-50s %12s %12s %-9s %8s  %s\n", "row", "rmemfs", "anchor",
	       "unit", "ratio", "target"
	for (p = 0; p < 2; p++) {
		pin = p ? "cross" : "same"
		s = p ? " [cross-CPU]" : " [same CPU]"
		if (!((pin " cycle4k_rmemfs") in v)) continue
		row("FUSE no-op round trip" s, pin " roundtrip_rmemfs", "", "us")
		row("4K alloc+open+mmap+touch+free vs memfd" s, pin " cycle4k_rmemfs",
		    pin " cycle4k_memfd", "us", "le", 2)
		row("4K rmem_alloc+touch+rmem_free vs memfd" s, pin " cycle4k_api",
		    pin " cycle4k_memfd", "us", "le", 2)
		row("4K floor: 1 socket request + fd, mmap+touch" s, pin " cycle4k_floor",
		    pin " cycle4k_memfd", "us")
		row("64M first-touch write vs memfd" s, pin " touch64m_write_rmemfs",
		    pin " touch64m_write_memfd", "GB/s", "ge", t1)
		row("64M first-touch read vs memfd" s, pin " touch64m_read_rmemfs",
		    pin " touch64m_read_memfd", "GB/s", "ge", t1)
		row("64M warm re-read vs anon memcpy" s, pin " reread64m_rmemfs",
		    pin " reread64m_anon", "GB/s", "ge", 0.9)
		row("allocs, persistent fd, 1 client" s, pin " allocs_fd_x1",
		    pin " allocs_memfd_x1", "allocs/s")
		row("allocs, echo pattern, 1 client" s, pin " allocs_echo_x1",
		    pin " allocs_memfd_x1", "allocs/s")
		row("allocs, librmemfs, 1 client" s, pin " allocs_api_x1",
		    pin " allocs_memfd_x1", "allocs/s")
		row("allocs, librmemfs, " clients " clients" s, pin " allocs_api_x" clients,
		    pin " allocs_memfd_x" clients, "allocs/s")
		row("allocs, persistent fd, " clients " clients" s, pin " allocs_fd_x" clients,
		    pin " allocs_memfd_x" clients, "allocs/s")
		row("allocs, echo pattern, " clients " clients" s, pin " allocs_echo_x" clients,
		    pin " allocs_memfd_x" clients, "allocs/s")
	}
	for (i = 1; i <= ndr; i++)
		row("dry-run " substr(dr[i], 15), dr[i], "target dryrun", "ms", "le", 1)
	row("coherent pool 4G, alloc/free pairs @50%", "engine coherent_4g",
	    "target pairs", "pairs/s", "ge", 1)
	row("CMA area 4G (cma_alloc), pairs @50%", "engine cma_area",
	    "target pairs", "pairs/s", "ge", 1)
	row("CMA bitmap 4G (bare), pairs @50%", "engine cma_bitmap_4g",
	    "target pairs", "pairs/s", "ge", 1)
}' "$T/results"
echo "anchors: memfd_create+ftruncate+mmap+touch (4K, 64M), memcpy of anonymous"
echo "memory (re-read), memfd_create+ftruncate+close per second (allocs, same"
echo "client count); for the engine rows the anchor is the issue's target."
echo "floor: a helper process on the server's CPU answering each request with"
echo "a new file of one memfd (no allocator): what one round trip costs here."
echo "ratio = rmemfs / anchor (for us and ms lower is better)."
grep '^#' "$T/engine.err" 2>/dev/null | sed 's/^# /engine: /'
[ -f "$T/notes" ] && cat "$T/notes"
[ "$problems" = 0 ]
