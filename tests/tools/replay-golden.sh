#!/bin/sh
# replay-golden.sh GOLDEN OUTDIR - the one recipe that turns an oracle run back
# into rmemfs's input, used by check-goldens.sh, tests/mount/sequence.sh
# and the unit suites (boot_helpers.h tb_golden).
#
# A golden lives in tests/golden/<input>/ where tests/fixtures/*/<input>.dts
# is the DTS the oracle booted (or, when it booted a DTB, that DTB
# decompiled: dtc gives back the same bytes); the sha256 prefix in the
# golden's "# input:" header must be that file's (or the compiled DTB's),
# so an edited fixture fails here instead of being compared with another
# input's results.
#
# The header's qemu line says how the oracle booted it: QEMU's virt with
# one bank of -m at 0x40000000 (the fixture over the same virt tree),
# BOOT=raw (the fixture's own memory nodes), or BOOT=raspi3b (the board's
# own DTB, RAM at 0, /memory@0 set to 0..0x3c000000).
#
# Writes OUTDIR/board.dtb (with what QEMU adds to /chosen: bootargs and
# one-cell initrd properties) and OUTDIR/options (one rmemfs -o option per
# line: profile, config, cmdline, and reserve= for what the kernel holds
# before the scan (doc/early-boot-model.md §1): its image, and the DTB
# padded to 2 * (size + 10000), where QEMU's loader put them).  Exits
# non-zero with one line on stderr.
set -u
g=$1 out=$2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIX=$ROOT/tests/fixtures
die() { echo "replay: $*" >&2; exit 1; }

[ -f "$g" ] || die "$g: no such golden"
case $(basename "$g" .txt) in
*.k7.2) kver=7.2 ;;
*.k6.12) kver=6.12 ;;
*.k6.1) kver=6.1 ;;
*.k5.10) kver=5.10 ;;
*) die "$g: name ends in none of .k5.10.txt, .k6.1.txt, .k6.12.txt, .k7.2.txt" ;;
esac
stem=$(basename "$(dirname "$g")")
set -- "$FIX"/*/"$stem.dts"
[ -f "$1" ] || die "$g: no fixture tests/fixtures/*/$stem.dts"
[ $# = 1 ] || die "$g: several fixtures named $stem.dts: $*"
dts=$1
input=$(sed -n 's/^# input: \([^ ]*\) sha256=\([0-9a-f]*\).*/\1 \2/p' "$g" | head -1)
want=${input#* }
name=${input%% *}
qemu=$(sed -n 's/^# qemu: //p' "$g" | head -1)
mem=$(echo "$qemu" | sed -n 's/.* -m \([0-9]*G\) .*/\1/p')
case $qemu in
*BOOT=raspi3b*) boot=raspi3b ;;	# the board's own DTB, RAM at 0
*BOOT=raw*) boot=raw ;;		# the DTB's own memory nodes
*) boot=qemu ;;			# QEMU's one bank of MEM at 0x40000000
esac
cmdline=$(sed -n 's/^# cmdline: //p' "$g" | head -1)
mkdir -p "$out" || die "cannot create $out"

# dtc looks beside the including file first, then in the -i folders: a
# copy next to this virt.dts, and $out before the fixture's folder so that
# a fixture including another one (errors-minus-one) gets this virt.dts too
[ -f "$FIX/virt/virt-$mem.dts" ] && cp "$FIX/virt/virt-$mem.dts" "$out/virt.dts"
cp "$dts" "$out/board.dts"
dtc -q -I dts -O dtb -i "$out" -i "$(dirname "$dts")" -o "$out/board.dtb" "$out/board.dts" ||
	die "dtc failed on $dts"
case $name in
"$stem.dts")		# the oracle compiled this DTS itself
	have=$(sha256sum "$dts" | cut -c1-${#want}) ;;
"$stem.dtb")		# the oracle booted a DTB: this DTS is its decompiled form
	have=$(sha256sum "$out/board.dtb" | cut -c1-${#want}) ;;
*)
	die "$g: its header names input '$name', not $stem.dts or $stem.dtb" ;;
esac
[ -n "$want" ] && [ "$have" = "$want" ] ||
	die "$g: ${dts#"$ROOT"/} gives sha256 $have, the golden was taken with $want: the fixture changed"
if [ "$boot" = qemu ] && [ ! -f "$out/virt.dts" ]; then
	die "$g: no tests/fixtures/virt/virt-$mem.dts"
fi

# where QEMU's loader puts the kernel image and the DTB: 0x200000 and
# 0x8200000 above the start of RAM (0x40000000 on virt, 0 on raspi3b)
case $boot in raspi3b) ram=0 ;; *) ram=$((0x40000000)) ;; esac
# (the image's extent is /proc/iomem's "Kernel code" start to "Kernel
# data" end in every golden of that kernel)
case $kver in
5.10) image=$((ram + 0x200000)) isize=0x1ad0000 ;;
6.1) image=$((ram + 0x210000)) isize=0x2000000 ;;
6.12) image=$((ram + 0x200000)) isize=0x2b30000 ;;
7.2) image=$((ram + 0x200000)) isize=0x2f00000 ;;
esac
dtbsize=$(wc -c < "$out/board.dtb")
reserve=$(printf '0x%x+%s,0x%x+%d' "$image" "$isize" $((ram + 0x8200000)) \
	$((2 * (dtbsize + 10000))))
if [ "$boot" = raspi3b ]; then
	# the oracle's wrapper: /memory@0 as QEMU's raspi3b fills it in
	fdtput -t x "$out/board.dtb" /memory@0 reg 0 3c000000 || die "fdtput failed"
fi
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
