#!/bin/sh
# replay-golden.sh GOLDEN OUTDIR - the one recipe that turns an oracle run back
# into rmemfs's input, used by check-goldens.sh, tests/mount/sequence.sh
# and the unit suites (boot_helpers.h tb_golden).
#
# A golden lives in tests/golden/<input>/ where tests/fixtures/*/<input>.dts
# is the DTS the oracle booted; the sha256 prefix in the golden's
# "# input:" header must be that file's, so an edited fixture fails here
# instead of being compared with another input's results.
#
# Writes OUTDIR/board.dtb (the fixture compiled over the same QEMU virt
# tree, with what QEMU adds to /chosen: bootargs and one-cell initrd
# properties) and OUTDIR/options (one rmemfs -o option per line: profile,
# config, cmdline, and reserve= for what the kernel holds before the scan
# (doc/early-boot-model.md §1): its image, and the DTB padded to
# 2 * (size + 10000)).  Exits non-zero with one line on stderr.
set -u
g=$1 out=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX=$ROOT/tests/fixtures
die() { echo "replay: $*" >&2; exit 1; }

[ -f "$g" ] || die "$g: no such golden"
case $(basename "$g" .txt) in
*.k6.12) kver=6.12 ;;
*.k6.1) kver=6.1 ;;
*) die "$g: name ends in neither .k6.1.txt nor .k6.12.txt" ;;
esac
stem=$(basename "$(dirname "$g")")
set -- "$FIX"/*/"$stem.dts"
[ -f "$1" ] || die "$g: no fixture tests/fixtures/*/$stem.dts"
[ $# = 1 ] || die "$g: several fixtures named $stem.dts: $*"
dts=$1
input=$(sed -n 's/^# input: \([^ ]*\) sha256=\([0-9a-f]*\).*/\1 \2/p' "$g" | head -1)
want=${input#* }
[ "${input%% *}" = "$stem.dts" ] || die "$g: its header names input '${input%% *}', not $stem.dts"
have=$(sha256sum "$dts" | cut -c1-${#want})
[ -n "$want" ] && [ "$have" = "$want" ] ||
	die "$g: ${dts#"$ROOT"/} has sha256 $have, the golden was taken with $want: the fixture changed"
mem=$(sed -n 's/^# qemu: .* -m \([0-9]*G\) .*/\1/p' "$g" | head -1)
[ -f "$FIX/virt/virt-$mem.dts" ] || die "$g: no tests/fixtures/virt/virt-$mem.dts"
cmdline=$(sed -n 's/^# cmdline: //p' "$g" | head -1)

mkdir -p "$out" || die "cannot create $out"
# dtc looks beside the including file first, then in the -i folders: a
# copy next to this virt.dts, and $out before the fixture's folder so that
# a fixture including another one (errors-minus-one) gets this virt.dts too
cp "$FIX/virt/virt-$mem.dts" "$out/virt.dts"
cp "$dts" "$out/board.dts"
dtc -q -I dts -O dtb -i "$out" -i "$(dirname "$dts")" -o "$out/board.dtb" "$out/board.dts" ||
	die "dtc failed on $dts"
case $kver in
6.1) reserve=0x40210000+0x2000000 ;;
6.12) reserve=0x40200000+0x2b30000 ;;
esac
dtbsize=$(wc -c < "$out/board.dtb")
reserve="$reserve,0x48200000+$((2 * (dtbsize + 10000)))"
istart=$(sed -n 's/^chosen\/linux,initrd-start: //p' "$g" | head -1)
iend=$(sed -n 's/^chosen\/linux,initrd-end: //p' "$g" | head -1)
fdtput -p -t s "$out/board.dtb" /chosen bootargs "$cmdline" || die "fdtput failed"
if [ -n "$istart" ] && [ -n "$iend" ]; then
	fdtput -t x "$out/board.dtb" /chosen linux,initrd-start "$istart" &&
		fdtput -t x "$out/board.dtb" /chosen linux,initrd-end "$iend" ||
		die "fdtput failed"
fi
{
	echo "profile=$kver"
	echo "config=$FIX/config/debian-$kver.config"
	echo "cmdline=$cmdline"
	echo "reserve=$reserve"
} > "$out/options"
