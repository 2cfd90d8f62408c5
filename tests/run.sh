#!/bin/sh
# tests/run.sh - run every test and end with one line "N passed, N failed".
#
# Unit suites (build/tests/test_*) print Check's summary; shell suites
# (tests/mount/*.sh, tests/golden/*.sh) print TAP-style "ok N - ..." and
# "not ok N - ..." lines.  VALGRIND=1 runs the unit suites and the mount
# server under valgrind memcheck.
set -u
BUILD=${BUILD:-build}
export BUILD
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_unit() {
	bin=$1
	if [ "${VALGRIND:-0}" = 1 ]; then
		CK_FORK=no valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite "$bin" >"$log" 2>&1
	else
		"$bin" >"$log" 2>&1
	fi
	rc=$?
	line=$(grep -E 'Checks: [0-9]+' "$log" | tail -1)
	n=$(echo "$line" | sed -n 's/.*Checks: \([0-9]*\).*/\1/p')
	f=$(echo "$line" | sed -n 's/.*Failures: \([0-9]*\).*/\1/p')
	e=$(echo "$line" | sed -n 's/.*Errors: \([0-9]*\).*/\1/p')
	n=${n:-0} f=${f:-0} e=${e:-0}
	bad=$((f + e))
	if [ "$n" = 0 ] || { [ "$rc" != 0 ] && [ "$bad" = 0 ]; }; then
		bad=$((bad + 1))	# crashed, or valgrind found errors
	fi
	passed=$((passed + n - f - e))
	failed=$((failed + bad))
	if [ "$bad" != 0 ]; then
		echo "FAIL $(basename "$bin"): rc=$rc"
		grep -vE '^Running suite|^[0-9]+%: Checks' "$log" | head -40
	else
		echo "ok   $(basename "$bin"): $n checks"
	fi
}

run_tap() {
	script=$1
	sh "$script" >"$log" 2>&1
	rc=$?
	p=$(grep -cE '^ok ' "$log")
	f=$(grep -cE '^not ok ' "$log")
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "FAIL $script exited $rc"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" != 0 ]; then
		echo "FAIL $script: $p passed, $f failed"
		grep -E '^not ok |^#' "$log" | head -60
		[ "$rc" != 0 ] && tail -20 "$log"
	else
		echo "ok   $script: $p passed"
	fi
}

for bin in "$BUILD"/tests/test_*; do
	[ -x "$bin" ] && run_unit "$bin"
done
for script in tests/arch/*.sh tests/golden/*.sh tests/mount/*.sh; do
	case $script in */lib.sh) continue ;; esac	# sourced, not run
	[ -f "$script" ] && run_tap "$script"
done
if [ -n "${SAN_LOG_DIR:-}" ]; then
	reports=$(ls "$SAN_LOG_DIR" 2>/dev/null | wc -l)
	if [ "$reports" != 0 ]; then
		echo "FAIL sanitizer reports: $reports (in $SAN_LOG_DIR)"
		head -40 "$SAN_LOG_DIR"/* 
		failed=$((failed + reports))
	else
		echo "ok   no sanitizer report"
	fi
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
