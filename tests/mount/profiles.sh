#!/bin/sh
# The five profiles as a user meets them (issue 14): every one boots and
# names the kernel it is checked against; -o config=debian is that Debian
# kernel's own .config (the fixtures in tests/fixtures/config/ were copied
# from the packages the oracle boots); --compare works between any two,
# and what it reports for a BSP's 5.10 against 7.2 is what the two real
# kernels printed (golden limits.k5.10 / limits.k7.2).
. "$(dirname "$0")/lib.sh"

B=$FIX/cli/carveout.dts
for p in 7.2 6.12 6.1 5.10 4.19; do
	"$BIN" --dry-run -o profile=$p "$B" > "$T/out" 2> "$T/err"
	rc=$?
	check "profile=$p boots (exit 0 or 2)" "yes" \
		"$( { [ $rc = 0 ] || [ $rc = 2 ]; } && grep -q '^# regions' "$T/out" && echo yes)"
done
for p in 7.2 6.12 6.1 5.10; do
	a=$("$BIN" --dry-run -o profile=$p -o config=debian --format=json "$B" 2>&1)
	b=$("$BIN" --dry-run -o profile=$p -o "config=$FIX/config/debian-$p.config" \
		--format=json "$B" 2>&1)
	check "profile=$p: config=debian is the Debian kernel's .config" "$b" "$a"
done
check "config=debian: 64 MiB of CMA as Debian's 5.10 asks (16 without)" \
	"64 16" \
	"$("$BIN" --dry-run -o profile=5.10 -o config=debian "$B" |
		sed -n 's/^cma: Reserved \([0-9]*\) MiB at .*/\1/p') $("$BIN" --dry-run \
		-o profile=5.10 "$B" | sed -n 's/^cma: Reserved \([0-9]*\) MiB at .*/\1/p')"
check_err "config=debian under 4.19: refused, with the reason" \
	"config=debian: the 4.19 profile has no Debian kernel" \
	"$BIN" --dry-run -o profile=4.19 -o config=debian "$B"
check_err "an unknown profile: refused, the five named" \
	"profile=5.4: unknown profile (7.2, 6.12, 6.1, 5.10 or 4.19)" \
	"$BIN" --dry-run -o profile=5.4 "$B"

# a mount's config file names the kernel
mount_rmemfs -o profile=5.10 "$B" || not_ok "mount under profile=5.10"
check "config: kernel= names the Debian 5.10 package" \
	"kernel=linux-image-5.10.0-32-arm64-unsigned 5.10.223-1" \
	"$(grep '^kernel=' "$MNT/config")"
unmount_rmemfs

# --compare from 5.10 to 7.2 on the limits input, against both goldens
G=$ROOT/tests/golden/limits
sh "$ROOT/tests/tools/replay-golden.sh" "$G/limits.k5.10.txt" "$T/in" ||
	{ not_ok "replay limits.k5.10"; finish; exit 1; }
set --
while IFS= read -r opt; do
	case $opt in profile=*|config=*|reserve=*) continue ;; esac
	set -- "$@" -o "$(printf '%s' "$opt" | sed 's/,/\\,/g')"
done <"$T/in/options"
want510=$(sed -n 's/.*cma: Reserved 64 MiB at \(0x[0-9a-f]*\)$/\1/p' "$G/limits.k5.10.txt" | head -1)
want72=$(sed -n 's/.*cma: Reserved 64 MiB at \(0x[0-9a-f]*\)$/\1/p' "$G/limits.k7.2.txt" | head -1)
check "the goldens put the default area apart (the test means something)" "yes" \
	"$([ -n "$want510" ] && [ -n "$want72" ] && [ "$want510" != "$want72" ] && echo yes)"
# each profile with its own kernel image reserved (replay-golden's numbers)
out=$("$BIN" --dry-run -o profile=5.10 --compare=7.2 -o config=debian "$@" \
	"$T/in/board.dtb")
check "5.10 against 7.2: exit 3, something differs" "3" "$?"
check "the default CMA area: where each real kernel put it" \
	"default CMA area
  5.10  64 MiB at $want510 (reserved)
  7.2   64 MiB at $want72 (reserved)" \
	"$(printf '%s\n' "$out" | grep -A2 '^default CMA area$')"
printf '%s\n' "$out" | sed -n '/^log lines only in 7.2:$/,$p' |
	grep -q "has 2 <base size> entries, only the first is used" &&
	ok "7.2's multi-reg warning is listed as 7.2's only" ||
	not_ok "7.2's multi-reg warning is listed as 7.2's only"
finish
