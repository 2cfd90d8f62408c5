#!/bin/bash
# scripts/survey-dtbs.sh [DTB_OR_DIR...] - boot every real board's
# /reserved-memory through `rmemfs --dry-run` and check nothing is lost.
#
# Without arguments it fetches Debian's arm64 kernel image package the way
# ../shared/oracle/boot.sh does (dpkg --add-architecture arm64, apt-get
# update, apt-get download linux-image-<abi>-arm64-unsigned:arm64, dpkg -x;
# nothing arm64 is installed) and surveys every *.dtb under
# usr/lib/linux-image-*/.  With arguments it surveys those .dtb files and
# the .dtb files under those directories instead, and downloads nothing.
#
# For each DTB that has a /reserved-memory node and each profile it runs
#     $BIN --dry-run -o profile=P [-o memory=...] FILE
# where a board whose /memory the bootloader fills in (the dry-run's first
# no-ram finding says so) is run again with its RAM given: 2 GiB at its memory@BASE
# node's address (memory=2G), or, without such a node, at the lowest static
# /reserved-memory address rounded down to 1 GiB (0x40000000 without one).
# Records: the exit status (0 clean, 2 boot errors, 1 could not run,
# anything else a crash; a run over $TIMEOUT s is a hang), any sanitizer
# report on stderr, and whether every direct child of /reserved-memory is
# a row of the "# regions" table (skipped and disabled ones included: the
# target is all of them).
#
# Each run is repeated with --format=json, and every document is validated
# against doc/rmemfs.schema.json.  The findings are totalled by severity and
# id.
#
# Failures (exit 1, crash, hang, sanitizer report, unaccounted child,
# invalid JSON) are
# listed by DTB and profile; the script exits 1 when there is any, 2 on a
# setup error, 0 otherwise.  Logs of failing runs are kept under
# $SURVEY_CACHE/logs/.
#
# Environment:
#   BIN=build/rmemfs          binary to run (e.g. build-asan/rmemfs)
#   PROFILES="7.2 6.12 6.1 5.10 4.19"   profiles to run each DTB with
#   KERNELS="6.12"            kernel packages to survey: 6.12 (newest
#                             linux-image-6.12.*+deb12-arm64-unsigned), 6.1
#                             (what linux-image-arm64 depends on), or a full
#                             linux-image-...-arm64-unsigned name; several
#                             space separated
#   SURVEY_CACHE=/tmp/rmemfs-survey   downloads, extracted images, logs
#   OPTS="-o cmdline=..."     extra rmemfs options for every run
#   TIMEOUT=30                seconds per dry-run
#   VERBOSE=1                 print one line per run
#   JSON=0                    skip the --format=json run and its validation
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${BIN:-build/rmemfs}
case "$BIN" in /*) ;; *) [ -x "$BIN" ] || BIN="$ROOT/$BIN" ;; esac
PROFILES=${PROFILES:-7.2 6.12 6.1 5.10 4.19}
KERNELS=${KERNELS:-6.12}
CACHE=${SURVEY_CACHE:-/tmp/rmemfs-survey}
TIMEOUT=${TIMEOUT:-30}
VERBOSE=${VERBOSE:-0}
JSON=${JSON:-1}
read -ra XOPTS <<<"${OPTS:-}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "[survey] $*" >&2; }
die() { echo "[survey] ERROR: $*" >&2; exit 2; }

[ -x "$BIN" ] || die "no executable $BIN (run make first, or set BIN=)"
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
command -v fdtget >/dev/null || die "fdtget missing: apt-get install device-tree-compiler"
command -v timeout >/dev/null || die "timeout missing (coreutils)"
mkdir -p "$CACHE/debs" "$CACHE/logs"
CACHE=$(cd "$CACHE" && pwd)

# ---- fetch the kernel packages (as boot.sh does) -------------------------
SUDO=()
[ "$(id -u)" = 0 ] || SUDO=(sudo -n)
APT_UPDATED=0
apt_update() {
	[ $APT_UPDATED = 1 ] && return 0
	log "apt-get update"
	"${SUDO[@]}" apt-get update -qq </dev/null >&2 || die "apt-get update failed"
	APT_UPDATED=1
}
setup_arm64() {
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		log "dpkg --add-architecture arm64"
		"${SUDO[@]}" dpkg --add-architecture arm64 || die "cannot add arm64"
		APT_UPDATED=0
		apt_update
	fi
}
resolve_kpkg() {	# KERNEL -> linux-image-<abi>-arm64-unsigned
	local dep
	case "$1" in
	6.1)
		dep=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
			awk '/Depends: linux-image-/{print $2; exit}')
		if [ -z "$dep" ]; then
			apt_update
			dep=$(apt-cache depends linux-image-arm64:arm64 |
				awk '/Depends: linux-image-/{print $2; exit}')
		fi
		[ -n "$dep" ] && echo "${dep%%:*}-unsigned" ;;
	6.12)
		pick() { apt-cache pkgnames linux-image-6.12 2>/dev/null |
			grep -E '^linux-image-6\.12\.[0-9]+\+deb12-arm64-unsigned$' |
			sort -V | tail -1; }
		dep=$(pick)
		[ -n "$dep" ] || { apt_update; dep=$(pick); }
		echo "$dep" ;;
	linux-image-*) echo "$1" ;;
	*) die "KERNELS: '$1' is not 6.1, 6.12 or a linux-image-*-arm64-unsigned name" ;;
	esac
}
fetch_deb() {	# PKG:ARCH -> path of the .deb in the cache
	local spec=$1 name=${1%%:*} f
	f=$(ls "$CACHE/debs/${name}"_*.deb 2>/dev/null | head -1 || true)
	if [ -z "$f" ]; then
		log "apt-get download $spec"
		(cd "$CACHE/debs" && apt-get download "$spec" </dev/null >&2 2>/dev/null) ||
			{ apt_update; (cd "$CACHE/debs" && apt-get download "$spec" </dev/null >&2); } ||
			die "apt-get download $spec failed"
		f=$(ls "$CACHE/debs/${name}"_*.deb | head -1)
	fi
	echo "$f"
}
extract() {	# DEB DIR, once
	local deb=$1 dir=$2 stamp
	stamp="$dir/.x-$(basename "$deb")"
	[ -e "$stamp" ] && return 0
	log "dpkg -x $(basename "$deb")"
	rm -rf "$dir"; mkdir -p "$dir"
	dpkg -x "$deb" "$dir"; touch "$stamp"
}

SETS=()		# surveyed groups: "args", or one kernel ABI each
if [ $# -gt 0 ]; then
	SETS+=("args")
	ARGS=("$@")
	for a in "${ARGS[@]}"; do
		[ -e "$a" ] || die "no such file or directory: $a"
	done
else
	setup_arm64
	for k in $KERNELS; do
		kpkg=$(resolve_kpkg "$k")
		[ -n "$kpkg" ] || die "could not resolve the kernel package for $k"
		abi=${kpkg#linux-image-}; abi=${abi%-unsigned}
		extract "$(fetch_deb "$kpkg:arm64")" "$CACHE/$abi/image"
		SETS+=("$abi")
	done
fi

list_dtbs() {	# SET -> dtb paths, one a line
	if [ "$1" = args ]; then
		local a
		for a in "${ARGS[@]}"; do
			if [ -d "$a" ]; then find "$a" -name '*.dtb' -type f | sort
			else echo "$a"; fi
		done
	else
		find "$CACHE/$1/image/usr/lib" -path '*/linux-image-*/*' -name '*.dtb' -type f | sort
	fi
}
short_name() {	# path -> vendor/board.dtb
	local p=$1
	case "$p" in */usr/lib/linux-image-*/*)
		p=${p#*/usr/lib/linux-image-}; p=${p#*/} ;; esac
	echo "$p"
}

# ---- one run ---------------------------------------------------------------
# globals filled by check_run
RUN_CLASS='' RUN_RC=0 RUN_REGIONS=0 RUN_MEMORY=dt
A_TABLE=0 A_SKIPPED=0 A_MISSING=0 RUN_NOTES=() RUN_PROBLEMS=()
# log lines that report a region as set up (6.12 prints one per region)
SUCCESS_RE='^OF: reserved mem: 0x[0-9a-f]+\.\.0x[0-9a-f]+ |^OF: reserved mem: initialized node |: assigned reserved memory node |^Reserved memory: created (CMA|DMA|restricted DMA) memory pool'
boundary_re() {	# NAME -> ERE matching NAME as a whole token
	local q
	q=$(printf '%s' "$1" | sed 's/[][\.*^$()+?{}|/]/\\&/g')
	printf '(^|[[:space:]'"'"'"(<])%s($|[[:space:]'"'"'":,;.)>])' "$q"
}
# the RAM a bootloader would give a board whose /memory it fills in
memory_for() {	# FILE -> -o memory= value
	local node lowest
	node=$(fdtget -l "$1" / 2>/dev/null | grep -m1 -E '^memory@[0-9a-fA-F]+$' || true)
	if [ -n "$node" ]; then
		echo 2G
		return
	fi
	local c cells
	lowest=$(for c in $(fdtget -l "$1" /reserved-memory 2>/dev/null); do
			read -ra cells <<<"$(fdtget -tx "$1" "/reserved-memory/$c" reg 2>/dev/null)"
			if [ ${#cells[@]} -ge 4 ]; then
				echo $(( (16#${cells[0]} << 32) + 16#${cells[1]} ))
			elif [ ${#cells[@]} -ge 2 ]; then
				echo $(( 16#${cells[0]} ))
			fi
		done | sort -n | head -1)
	if [ -n "$lowest" ]; then
		printf '0x%x+2G\n' $((lowest / 1073741824 * 1073741824))
	else
		echo 0x40000000+2G
	fi
}
dry_run() {	# FILE PROFILE OUT ERR [OPTS...]: exit status in rc
	local f=$1 p=$2 out=$3 err=$4
	shift 4
	rc=0
	# (the subshell keeps bash's "Segmentation fault" notice off the screen)
	( timeout -k 5 "$TIMEOUT" "$BIN" --dry-run -o "profile=$p" "$@" ${XOPTS[@]+"${XOPTS[@]}"} "$f" >"$out" 2>"$err" </dev/null
	  exit $? ) 2>/dev/null || rc=$?
}
check_run() {	# FILE PROFILE CHILDREN(newline separated) OUT ERR
	local f=$1 p=$2 children=$3 out=$4 err=$5 rc=0
	RUN_NOTES=() RUN_PROBLEMS=() RUN_REGIONS=0 RUN_MEMORY=dt
	dry_run "$f" "$p" "$out" "$err"
	if grep -qE '^error +no-ram ' "$out"; then
		RUN_MEMORY=$(memory_for "$f")
		dry_run "$f" "$p" "$out" "$err" -o "memory=$RUN_MEMORY"
	fi
	RUN_RC=$rc
	case $rc in
	0) RUN_CLASS=clean ;;
	2) RUN_CLASS=errors ;;
	1) RUN_CLASS=fail; RUN_PROBLEMS+=("exit 1 (could not run): $(head -c 300 "$err" | tr '\n' ' ')") ;;
	124|137) RUN_CLASS=fail; RUN_PROBLEMS+=("hang: killed after ${TIMEOUT}s") ;;
	126|127) RUN_CLASS=fail; RUN_PROBLEMS+=("could not execute: $(head -c 200 "$err" | tr '\n' ' ')") ;;
	*) RUN_CLASS=fail
	   if [ $rc -gt 128 ]; then RUN_PROBLEMS+=("crash: signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null || echo '?'))")
	   else RUN_PROBLEMS+=("crash: exit status $rc"); fi ;;
	esac
	if grep -qE 'runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer' "$err"; then
		RUN_CLASS=fail
		RUN_PROBLEMS+=("sanitizer: $(grep -m1 -E 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$err" | cut -c1-200)")
	fi
	[ $rc = 0 ] || [ $rc = 2 ] || return 0	# no output worth checking

	# the same run as JSON, validated against the schema at the end
	if [ "$JSON" = 1 ]; then
		local mem=()
		[ "$RUN_MEMORY" = dt ] || mem=(-o "memory=$RUN_MEMORY")
		T_JSON=$((T_JSON + 1))
		timeout -k 5 "$TIMEOUT" "$BIN" --dry-run --format=json -o "profile=$p" \
			${mem[@]+"${mem[@]}"} ${XOPTS[@]+"${XOPTS[@]}"} "$f" \
			>"$TMP/json/$T_JSON.json" 2>/dev/null </dev/null || true
		echo "$T_JSON.json $f [profile $p]" >>"$TMP/json/index"
	fi

	# the findings, one "SEVERITY ID" per line, for the totals by id
	awk '/^# findings$/{on=1; next} /^# /{on=0} on && NF {print $1 "\t" $2}' "$out" >"$out.findings"

	# the boot log (up to "# iomem") and the NAME column of "# regions"
	local logf=$out.log names=$out.names
	awk '/^# iomem$/{exit} {print}' "$out" >"$logf"
	cat "$err" >>"$logf"
	awk '/^# regions$/{r=1; next} r && /^NAME /{next} r && /^$/{exit} r{print $1}' "$out" >"$names"
	RUN_REGIONS=$(wc -l <"$names")
	grep -q '^# regions$' "$out" || RUN_PROBLEMS+=("no '# regions' table in the output")

	local c
	while IFS= read -r c; do
		[ -n "$c" ] || continue
		# a name shared with another node shows as its path, '/' as '!'
		if grep -qxF -- "$c" "$names" || grep -qxF -- "!reserved-memory!$c" "$names"; then
			A_TABLE=$((A_TABLE + 1))
			grep -qE "^(!reserved-memory!)?$(printf '%s' "$c" | sed 's/[][\.*^$()+?{}|/]/\\&/g') .* skipped " "$out" &&
				A_SKIPPED=$((A_SKIPPED + 1))
			continue
		fi
		A_MISSING=$((A_MISSING + 1))
		RUN_PROBLEMS+=("child '$c' is not in the regions table")
	done <<<"$children"
	[ ${#RUN_PROBLEMS[@]} -eq 0 ] || RUN_CLASS=fail
	return 0
}

# ---- survey ------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rmemfs-survey-run.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# run a snapshot, so a rebuild during the survey cannot disturb it
SRC_BIN=$BIN
BIN="$TMP/rmemfs"
cp "$SRC_BIN" "$BIN"
mkdir -p "$TMP/json"
T_JSON=0
RESULTS="$CACHE/results.tsv"
FINDINGS="$CACHE/findings.tsv"
printf 'set\tdtb\tprofile\tseverity\tid\n' >"$FINDINGS"
printf 'set\tdtb\tprofile\tmemory\texit\tclass\tchildren\ttable_rows\tproblems\n' >"$RESULTS"

T_DTBS=0 T_WITH=0 T_CHILDREN=0 T_RUNS=0 T_CLEAN=0 T_ERR=0 T_FAIL=0 T_MEMORY=0
FAILURES=() NOTES=()
declare -A ROWS EXIT2
for set in "${SETS[@]}"; do
	n=0 with=0 children_total=0
	while IFS= read -r f; do
		[ -n "$f" ] || continue
		n=$((n + 1))
		children=$(fdtget -l "$f" /reserved-memory 2>/dev/null) || continue
		with=$((with + 1))
		nc=$(grep -c . <<<"$children" || true)
		children_total=$((children_total + nc))
		name=$(short_name "$f")
		for p in $PROFILES; do
			T_RUNS=$((T_RUNS + 1))
			check_run "$f" "$p" "$children" "$TMP/out" "$TMP/err"
			ROWS[$p]=$(( ${ROWS[$p]:-0} + RUN_REGIONS ))
			[ "$RUN_MEMORY" = dt ] || T_MEMORY=$((T_MEMORY + 1))
			case $RUN_RC in
			0) T_CLEAN=$((T_CLEAN + 1)) ;;
			2) T_ERR=$((T_ERR + 1)); EXIT2[$p]=$(( ${EXIT2[$p]:-0} + 1 )) ;;
			esac
			probs=""
			if [ ${#RUN_PROBLEMS[@]} -gt 0 ]; then
				T_FAIL=$((T_FAIL + 1))
				probs=$(printf '%s; ' "${RUN_PROBLEMS[@]}")
				probs=${probs%; }
				FAILURES+=("$set $name [profile $p]: $probs")
				keep="$CACHE/logs/${set}__${name//\//_}__$p"
				cp "$TMP/out" "$keep.out"; cp "$TMP/err" "$keep.err"
			fi
			for note in "${RUN_NOTES[@]+"${RUN_NOTES[@]}"}"; do
				NOTES+=("$set $name [profile $p]: $note")
			done
			[ -s "$TMP/out.findings" ] &&
				sed "s|^|$set\t$name\t$p\t|" "$TMP/out.findings" >>"$FINDINGS"
			rm -f "$TMP/out.findings"
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$name" "$p" "$RUN_MEMORY" \
				"$RUN_RC" "$RUN_CLASS" "$nc" "$RUN_REGIONS" "$probs" >>"$RESULTS"
			[ "$VERBOSE" = 1 ] && printf '%-8s %-60s %-5s %s\n' "$RUN_CLASS" "$name" "$p" "$probs" >&2
		done
	done < <(list_dtbs "$set")
	echo "$set: $n DTBs scanned, $with with /reserved-memory, $children_total reserved-memory child nodes"
	T_DTBS=$((T_DTBS + n)); T_WITH=$((T_WITH + with)); T_CHILDREN=$((T_CHILDREN + children_total))
done

echo
echo "== rmemfs DTB survey ($SRC_BIN, profiles: $PROFILES${OPTS:+, options: $OPTS})"
echo "DTBs scanned:              $T_DTBS"
echo "DTBs with /reserved-memory: $T_WITH"
echo "regions (child nodes):     $T_CHILDREN"
for p in $PROFILES; do
	echo "  profile $p: ${ROWS[$p]:-0} rows in the regions tables, ${EXIT2[$p]:-0} runs with exit 2"
done
echo "runs:                      $T_RUNS ($T_CLEAN exit 0, $T_ERR exit 2 (boot errors found), $T_FAIL failed)"
echo "runs with RAM from -o memory= (the bootloader fills /memory in): $T_MEMORY"
echo "children accounted (all runs): $A_TABLE of $((A_TABLE + A_MISSING)) in the regions table" \
	"($A_SKIPPED of them skipped by the kernel), $A_MISSING missing"
if [ "$JSON" = 1 ]; then
	# --format=json of every run against doc/rmemfs.schema.json (Debian's
	# python3-jsonschema); an invalid document is a failure of its run
	if (cd "$TMP/json" && find . -name '*.json' | sort -V |
	    xargs /usr/bin/python3 "$ROOT/tests/tools/validate-json.py" \
		"$ROOT/doc/rmemfs.schema.json") >"$TMP/json.out" 2>&1; then
		echo "JSON documents valid:      $(tail -1 "$TMP/json.out")"
	else
		echo "JSON documents valid:      $(tail -1 "$TMP/json.out")"
		while read -r line; do
			doc=${line%%:*}
			FAILURES+=("$(grep -m1 "^${doc#./} " "$TMP/json/index" | cut -d' ' -f2-): invalid JSON: ${line#*: }")
		done < <(grep -v ' documents valid$' "$TMP/json.out")
	fi
fi
echo "findings by id (all runs; how many findings, in how many runs):"
awk -F'\t' 'NR > 1 { k = $4 " " $5; n[k]++; r = $1 SUBSEP $2 SUBSEP $3; if (!((k, r) in seen)) { seen[k, r]; runs[k]++ } }
	END { for (k in n) printf "  %-34s %6d in %5d runs\n", k, n[k], runs[k] }' "$FINDINGS" | sort -k1,1 -k3,3nr
if [ ${#NOTES[@]} -gt 0 ]; then
	echo "notes (${#NOTES[@]}):"
	printf '  %s\n' "${NOTES[@]}"
fi
echo "results: $RESULTS, findings: $FINDINGS"
if [ ${#FAILURES[@]} -gt 0 ]; then
	echo "FAILURES (${#FAILURES[@]}; logs in $CACHE/logs/):"
	printf '  %s\n' "${FAILURES[@]}"
	exit 1
fi
echo "failures:                  0"
