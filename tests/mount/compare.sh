#!/bin/sh
# --dry-run --compare=PROFILE (issue 10): only what differs, exit 3 when
# something does, 0 when nothing does.  The board is heur.dts, whose
# dynamic regions 6.1 and 6.12 place differently (doc/kernels.md: 6.12's
# adjacency heuristic); where each kernel put them comes from the goldens.
. "$(dirname "$0")/lib.sh"
G=$ROOT/tests/golden/heur

pool_at() {	# pool_at GOLDEN NODE: where the kernel made NODE's DMA pool
	# (the "created DMA memory pool" line just before "initialized node")
	awk -v n="$2" '/Reserved memory: created DMA memory pool at/ { a = $0 }
		$0 ~ "OF: reserved mem: initialized node " n ", " { print a; exit }' "$1" |
		sed -n 's/.* pool at \(0x[0-9a-f]*\), size .*/\1/p'
}

sh "$ROOT/tests/tools/replay-golden.sh" "$G/heur.k6.12.txt" "$T/in" ||
	{ not_ok "replay heur.k6.12"; finish; exit 1; }
set --
while IFS= read -r opt; do
	case $opt in profile=*) continue ;; esac
	set -- "$@" -o "$(printf '%s' "$opt" | sed 's/,/\\,/g')"
done <"$T/in/options"

out=$("$BIN" --dry-run -o profile=6.1 --compare=6.12 "$@" "$T/in/board.dtb")
check "6.1 against 6.12: exit 3, something differs" "3" "$?"
want61=$(pool_at "$G/heur.k6.1.txt" second)
want612=$(pool_at "$G/heur.k6.12.txt" second)
check "the goldens place 'second' apart (the test means something)" "yes" \
	"$([ -n "$want61" ] && [ -n "$want612" ] && [ "$want61" != "$want612" ] && echo yes)"
check "region 'second': each kernel's base, as the goldens have it" \
	"region /reserved-memory/second
  6.1   $want61 16 MiB, ok
  6.12  $want612 16 MiB, ok" \
	"$(printf '%s\n' "$out" | grep -A2 '^region /reserved-memory/second$')"
check "the default CMA area moved with them" "default CMA area" \
	"$(printf '%s\n' "$out" | grep '^default CMA area$')"
printf '%s\n' "$out" | sed -n '/^log lines only in 6.12:$/,$p' |
	grep -qF "Reserved memory: created DMA memory pool at $want612, size 16 MiB" &&
	ok "a log line only 6.12 prints is listed under 6.12" ||
	not_ok "a log line only 6.12 prints is listed under 6.12"
check "regions that did not move are not listed" "0" \
	"$(printf '%s\n' "$out" | grep -c '^region /reserved-memory/first$')"

out=$("$BIN" --dry-run -o profile=6.12 --compare=6.12 "$@" "$T/in/board.dtb")
check "a profile against itself: exit 0" "0" "$?"
check "and says so" "# compare 6.12 with 6.12
no difference" "$out"
out=$("$BIN" --dry-run -o profile=6.12 --compare=6.1 "$FIX/cli/carveout.dts" 2>&1)
printf '%s\n' "$out" | grep -q '^device \|^region ' &&
	not_ok "carveout: no region or device differs" || ok "carveout: no region or device differs"
check_err "--compare with an unknown profile: refused" "--compare=5.4: unknown profile" \
	"$BIN" --dry-run --compare=5.4
finish
