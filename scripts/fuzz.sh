#!/bin/sh
# scripts/fuzz.sh [TARGET...] - build the libFuzzer targets of tests/fuzz/
# with ASan+UBSan, seed their corpora from the test fixtures (and the
# Debian board DTBs when scripts/survey-dtbs.sh has extracted them), and
# run each for a set time.  Prints executions and findings per target; exits
# 1 when any target found a crash (or a regression input still fails), 2 on
# a build or setup error, 0 otherwise.
#
# Targets (tests/fuzz/<name>.c): fuzz_blob fuzz_cmdline fuzz_memparse
# fuzz_kconfig fuzz_alloc_line; short names (blob, cmdline, ...) work too.
#
# A run stops at the first crash, so a target is run again (on the corpus
# it built so far) until its time is spent: every crash is saved, the
# figures add up over the runs, and findings are counted once per distinct
# report: its kind (SUMMARY line, or libFuzzer's timeout / out-of-memory)
# and the first stack frame in src/.
#
# Before fuzzing, each target runs once over tests/fuzz/regress/<target>/
# (one input per known bug): a regression input that still crashes is
# reported and counts as a failure, but is never put in the corpus.
#
# Environment:
#   FUZZ_SECONDS=60           seconds per target
#   FUZZ_SECONDS_<TARGET>=N   per target, e.g. FUZZ_SECONDS_BLOB=300
#   FUZZ_OUT=build/fuzz       objects, binaries, corpora, logs
#   FUZZ_FINDINGS=$FUZZ_OUT/findings   crash inputs, one dir per target
#   FUZZ_CC=clang             clang with libFuzzer (Debian: clang-14 and
#                             libclang-rt-14-dev)
#   FUZZ_FLAGS="..."          extra libFuzzer flags for every run
#   FUZZ_TIMEOUT=10           seconds one input may take (libFuzzer -timeout)
#   FUZZ_JOBS=1               parallel libFuzzer processes per target (one
#                             corpus, figures summed)
#   FUZZ_BUILD_ONLY=1         build and seed, do not run
#   FUZZ_REGRESS=0            skip the regression inputs
#   FUZZ_SKIP_KNOWN=1         fuzz_blob skips inputs that hit a bug already
#                             reported (RMEMFS_FUZZ_SKIP_KNOWN, see
#                             tests/fuzz/fuzz_blob.c), to look past them
#   SURVEY_CACHE=/tmp/rmemfs-survey   Debian DTBs (scripts/survey-dtbs.sh)
#   FUZZ_SURVEY_MAX=0         cap on the survey DTBs taken as seeds (0: all)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
OUT=${FUZZ_OUT:-$ROOT/build/fuzz}
FINDINGS=${FUZZ_FINDINGS:-$OUT/findings}
SURVEY=${SURVEY_CACHE:-/tmp/rmemfs-survey}
SURVEY_MAX=${FUZZ_SURVEY_MAX:-0}
ALL_TARGETS="fuzz_blob fuzz_cmdline fuzz_memparse fuzz_kconfig fuzz_alloc_line"

die() { echo "fuzz.sh: $*" >&2; exit 2; }

CC=${FUZZ_CC:-}
if [ -z "$CC" ]; then
	for c in clang clang-14; do
		command -v "$c" >/dev/null 2>&1 && { CC=$c; break; }
	done
fi
[ -n "$CC" ] || die "no clang (apt-get install clang-14 libclang-rt-14-dev)"
command -v dtc >/dev/null 2>&1 || die "no dtc (device-tree-compiler)"
command -v fdtput >/dev/null 2>&1 || die "no fdtput (device-tree-compiler)"

targets=""
for t in "${@:-}"; do
	[ -n "$t" ] || continue
	case $t in fuzz_*) ;; *) t=fuzz_$t ;; esac
	[ -f "tests/fuzz/$t.c" ] || die "no target tests/fuzz/$t.c"
	targets="$targets $t"
done
[ -n "$targets" ] || targets=$ALL_TARGETS

mkdir -p "$OUT/obj" "$OUT/gen" "$OUT/bin" "$OUT/logs" "$FINDINGS" ||
	die "cannot create $OUT"

# ---- build ----------------------------------------------------------------
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 -fno-omit-frame-pointer -std=gnu11 -D_GNU_SOURCE -Isrc -I$OUT/gen"
# the FUSE-free core as the Makefile lists it
CORE=$(make --no-print-directory -s -C "$ROOT" \
	--eval='fuzz-print-core: ; @echo $(CORE_SRCS)' fuzz-print-core) ||
	die "cannot read CORE_SRCS from the Makefile"
[ -n "$CORE" ] || die "empty CORE_SRCS list in the Makefile"

newest_header=$(find src -name '*.h' -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2)
compile() {	# compile SRC OBJ: when SRC or any header is newer
	if [ ! -f "$2" ] || [ "$1" -nt "$2" ] || [ "$newest_header" -nt "$2" ] ||
	   [ "$0" -nt "$2" ]; then
		$CC $CFLAGS -fsanitize=fuzzer-no-link $SAN -c -o "$2" "$1" ||
			die "compile $1 failed"
	fi
}

if [ ! -f "$OUT/gen/builtin_dtb.c" ] || [ src/board/builtin.dts -nt "$OUT/gen/builtin_dtb.c" ]; then
	dtc -q -I dts -O dtb -o "$OUT/gen/builtin.dtb" src/board/builtin.dts ||
		die "dtc src/board/builtin.dts failed"
	sh scripts/bin2c.sh "$OUT/gen/builtin.dtb" rm_builtin_dtb > "$OUT/gen/builtin_dtb.c" ||
		die "bin2c failed"
fi
echo "# building with $($CC --version | head -1)"
objs=""
for src in $CORE; do
	obj=$OUT/obj/$(echo "${src#src/}" | tr / _ | sed 's/\.c$/.o/')
	compile "$src" "$obj"
	objs="$objs $obj"
done
compile "$OUT/gen/builtin_dtb.c" "$OUT/obj/builtin_dtb.o"
objs="$objs $OUT/obj/builtin_dtb.o"
rm -f "$OUT/obj/librmem-fuzz.a"
ar rcs "$OUT/obj/librmem-fuzz.a" $objs || die "ar failed"

for t in $targets; do
	$CC $CFLAGS -fsanitize=fuzzer $SAN -o "$OUT/bin/$t" "tests/fuzz/$t.c" \
		"$OUT/obj/librmem-fuzz.a" -lfdt -lpthread ||
		die "link $t failed"
done

# ---- seeds ----------------------------------------------------------------
SEEDS=$OUT/seeds
rm -rf "$SEEDS"
for t in $ALL_TARGETS; do mkdir -p "$SEEDS/$t" "$OUT/corpus/$t"; done
tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# seed FILE TARGET: copy under its content hash (duplicates collapse)
seed() {
	h=$(sha1sum < "$1" | cut -c1-40)
	cp "$1" "$SEEDS/$2/$h"
}
seed_text() {	# seed_text TARGET TEXT
	printf '%s' "$2" > "$tmp/text"
	seed "$tmp/text" "$1"
}

# compile DTS [CMDLINE [SELECTOR]]: over QEMU's virt tree as
# check-goldens.sh does.  fuzz_blob picks the profile from the header's
# boot_cpuid_phys (dtc -b): 0 6.12, 1 6.1, 2 4.19.
compile_dts() {
	cp tests/fixtures/virt/virt-2G.dts "$tmp/virt.dts"
	cp "$1" "$tmp/board.dts"
	dtc -q -I dts -O dtb -b "${3:-0}" -i "$tmp" -i "$(dirname "$1")" -o "$tmp/board.dtb" \
		"$tmp/board.dts" 2>/dev/null || return 1
	if [ -n "${2:-}" ]; then
		fdtput -p -t s "$tmp/board.dtb" /chosen bootargs "$2" || return 1
	fi
}

nblob=0
for dts in $(find tests/fixtures -name '*.dts' | sort); do
	for sel in 0 1 2; do
		compile_dts "$dts" "" $sel && seed "$tmp/board.dtb" fuzz_blob &&
			nblob=$((nblob + 1))
	done
done
seed "$OUT/gen/builtin.dtb" fuzz_blob
# the goldens' boots: their DTS with their command line as bootargs
for g in tests/golden/*/*.txt; do
	[ -f "$g" ] || continue
	cl=$(sed -n 's/^# cmdline: //p' "$g" | head -1)
	[ -n "$cl" ] && seed_text fuzz_cmdline "$cl"
	# tests/golden/<input>/: tests/fixtures/*/<input>.dts
	for dts in tests/fixtures/*/"$(basename "$(dirname "$g")")".dts; do
		[ -f "$dts" ] || continue
		case $g in *.k6.1.txt) sel=1 ;; *) sel=0 ;; esac
		compile_dts "$dts" "$cl" $sel && seed "$tmp/board.dtb" fuzz_blob
	done
done
nsurvey=0
if [ -d "$SURVEY" ]; then
	for f in $(find "$SURVEY" -name '*.dtb' 2>/dev/null | sort); do
		[ "$SURVEY_MAX" != 0 ] && [ "$nsurvey" -ge "$SURVEY_MAX" ] && break
		# only boards with reserved memory exercise more than the fixtures
		fdtget -l "$f" /reserved-memory >/dev/null 2>&1 || continue
		# spread the boards over the profiles: boot_cpuid_phys low byte
		cp "$f" "$tmp/survey.dtb"
		printf "\\$((nsurvey % 3))" | dd of="$tmp/survey.dtb" bs=1 seek=31 \
			conv=notrunc status=none
		seed "$tmp/survey.dtb" fuzz_blob
		nsurvey=$((nsurvey + 1))
	done
fi

for t in "cma=64M" "cma=0" "cma=16M@0x90000000" "cma=32M@0x80000000-0xc0000000" \
	 "console=ttyAMA0 cma=64M coherent_pool=1M" 'cma="16M" -- cma=1G' \
	 "cma" "coherent-pool=2M" "cma=1G@4G" "cma=4K cma=8M"; do
	seed_text fuzz_cmdline "$t"
done

for t in 0 4096 0x2000 64K 2M 1G 16E 0x 0x1f 017 08 18446744073709551615 \
	 18446744073709551616 0xffffffffffffffffk 1e 1E 0X10M "64M@0x80000000" \
	 0x40000000+0x100000 "0x40000000+1M,0x50000000+64K" 1+1,; do
	seed_text fuzz_memparse "$t"
done

for c in tests/fixtures/config/*.config; do
	[ -f "$c" ] || continue
	seed "$c" fuzz_kconfig
	grep -E '^(# )?CONFIG_(CMA|DMA_CMA|DMA_RESTRICTED|ARM64_[0-9]+K_PAGES|PAGE_SIZE|ARCH_FORCE_MAX_ORDER|FORCE_MAX)' \
		"$c" > "$tmp/cma.config"
	seed "$tmp/cma.config" fuzz_kconfig
done
seed_text fuzz_kconfig "CONFIG_CMA=y
CONFIG_DMA_CMA=y
CONFIG_CMA_SIZE_SEL_PERCENTAGE=y
CONFIG_CMA_SIZE_PERCENTAGE=10
CONFIG_CMA_ALIGNMENT=12
CONFIG_CMA_AREAS=1
CONFIG_ARCH_FORCE_MAX_ORDER=10
"
seed_text fuzz_kconfig "# CONFIG_CMA is not set
"

for t in "4096" "64K name" "0x2000 a b" "8192
" "12288 third" "0x1000	tab" "1M buf.0" "017 oct" "4096 .." "4096 a/b" \
	 "99999999999E" "-1" "4k $(printf 'n%.0s' $(seq 255))"; do
	seed_text fuzz_alloc_line "$t"
done

echo "# seeds: fuzz_blob $(ls "$SEEDS/fuzz_blob" | wc -l) (fixtures $nblob + goldens + built-in, survey DTBs $nsurvey)," \
	"fuzz_cmdline $(ls "$SEEDS/fuzz_cmdline" | wc -l), fuzz_memparse $(ls "$SEEDS/fuzz_memparse" | wc -l)," \
	"fuzz_kconfig $(ls "$SEEDS/fuzz_kconfig" | wc -l), fuzz_alloc_line $(ls "$SEEDS/fuzz_alloc_line" | wc -l)"
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && { echo "# built in $OUT/bin"; exit 0; }

# ---- regression inputs ----------------------------------------------------
bad=0
regress_fail=0
if [ "${FUZZ_REGRESS:-1}" != 0 ]; then
	for t in $targets; do
		dir=tests/fuzz/regress/$t
		[ -d "$dir" ] || continue
		for f in "$dir"/*; do
			[ -f "$f" ] || continue
			case $f in *.txt|*.md) continue ;; esac
			if env -u RMEMFS_FUZZ_SKIP_KNOWN "$OUT/bin/$t" -timeout="${FUZZ_TIMEOUT:-10}" \
				-rss_limit_mb=2048 "$f" > "$OUT/logs/regress.log" 2>&1; then
				echo "# regress $t $(basename "$f"): ok"
			else
				echo "# regress $t $(basename "$f"): STILL FAILS:" \
					"$(grep -m1 -E '^SUMMARY|ERROR: libFuzzer' "$OUT/logs/regress.log")"
				regress_fail=$((regress_fail + 1))
			fi
		done
	done
fi

# ---- fuzz -----------------------------------------------------------------
[ "${FUZZ_SKIP_KNOWN:-0}" = 1 ] && export RMEMFS_FUZZ_SKIP_KNOWN=1
JOBS=${FUZZ_JOBS:-1}

# worker TARGET K SECONDS: libFuzzer runs until SECONDS are spent,
# restarted after each crash; appends "execs N" and "crash SIG\tUNIT" lines
# to $tmp/w.TARGET.K
worker() {
	t=$1 k=$2 secs=$3
	res=$tmp/w.$t.$k
	: > "$res"
	wstart=$(date +%s)
	spent=0 runs=0
	while [ "$spent" -lt "$secs" ]; do
		runs=$((runs + 1))
		log=$OUT/logs/$t.$k.$runs.log
		# corpus first: new units go there (shared by the workers, who
		# reload it); seeds are read only
		"$OUT/bin/$t" -max_total_time=$((secs - spent)) -print_final_stats=1 \
			-timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
			-artifact_prefix="$FINDINGS/$t/" \
			${FUZZ_FLAGS:-} "$OUT/corpus/$t" "$SEEDS/$t" > "$log" 2>&1
		rc=$?
		n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
		echo "execs ${n:-0}" >> "$res"
		spent=$(($(date +%s) - wstart))
		[ "$rc" = 0 ] && break
		# the kind of report and the first frame in rmemfs's code
		kind=$(grep -m1 -E '^SUMMARY: |^==[0-9]+== ?ERROR: libFuzzer: ' "$log" |
			sed -E 's/^==[0-9]+== ?ERROR: libFuzzer: /libFuzzer: /;
				s/^SUMMARY: //; s/ \(.*//; s/ \/[^ ]* in [^ ]*$//;
				s/0x[0-9a-f]+/ADDR/g; s/ after [0-9]+ seconds//; s/ in $//')
		# (function and file: a timeout's line varies with where it stopped)
		frame=$(grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in [^ ]+ [^ ]*/src/[^ ]+' "$log" |
			head -1 | sed -E 's/.* in ([^ ]+) [^ ]*\/(src\/[^ :]+).*/\1 \2/')
		where=$(grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in [^ ]+ [^ ]*/src/[^ ]+' "$log" |
			head -1 | sed -E 's/.*\/(src\/[^ ]+).*/\1/')
		sig="$kind${frame:+ in $frame}"
		[ -n "$sig" ] || sig="exit $rc (see $log)"
		unit=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
		printf 'crash %s\t%s\n' "$sig" "${unit:-$log}" >> "$res"
		echo "# $t.$k run $runs: $sig${where:+ ($where)}${unit:+ -> $unit}"
		# crashing before any execution (a corpus unit): do not spin
		if [ "${n:-0}" = 0 ] && [ "$runs" -gt 3 ]; then
			echo "# $t.$k: crashes at start-up, giving up (see $log)"
			break
		fi
	done
}

summary=$tmp/summary
: > "$summary"
for t in $targets; do
	short=$(echo "${t#fuzz_}" | tr 'a-z' 'A-Z')
	secs=$(eval echo "\${FUZZ_SECONDS_$short:-$FUZZ_SECONDS}")
	mkdir -p "$FINDINGS/$t"
	rm -f "$OUT/logs/$t".*.log
	echo "# fuzzing $t for $secs s ($JOBS job(s))"
	start=$(date +%s)
	k=1
	while [ "$k" -lt "$JOBS" ]; do
		worker "$t" "$k" "$secs" &
		k=$((k + 1))
	done
	worker "$t" 0 "$secs"
	wait
	spent=$(($(date +%s) - start))
	execs=$(cat "$tmp"/w."$t".* | awk '$1 == "execs" { n += $2 } END { print n + 0 }')
	runs=$(cat "$tmp"/w."$t".* | grep -c '^execs')
	crashes=$(cat "$tmp"/w."$t".* | grep -c '^crash')
	cat "$tmp"/w."$t".* | sed -n 's/^crash //p' | sort -t "$(printf '\t')" -k1,1 -u \
		> "$tmp/sigs.$t"
	findings=$(wc -l < "$tmp/sigs.$t")
	rate=0
	[ "$spent" -gt 0 ] && rate=$((execs / spent))
	printf '%-16s %6ss %12s executions %8s/s %3s runs %3s crashes %3s distinct findings\n' \
		"$t" "$spent" "$execs" "$rate" "$runs" "$crashes" "$findings" >> "$summary"
	while IFS="$(printf '\t')" read -r sig unit; do
		printf '    %s\n      e.g. %s\n' "$sig" "$unit" >> "$summary"
	done < "$tmp/sigs.$t"
	[ "$findings" -gt 0 ] && bad=1
done

echo "# results (findings in $FINDINGS, logs in $OUT/logs)"
cat "$summary"
[ "$regress_fail" -gt 0 ] && { echo "# $regress_fail regression input(s) still fail"; bad=1; }
exit $bad
