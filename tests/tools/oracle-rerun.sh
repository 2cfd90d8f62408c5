#!/bin/sh
# oracle-rerun.sh GOLDEN KERNEL... - boot a golden's input again on other
# real kernels, through ../shared/oracle/boot.sh, and store each result
# beside it as <stem>.k<KERNEL>.txt.
#
# The golden's header says how the oracle booted it: the fixture
# (tests/fixtures/*/<input dir>.dts), -m, BOOT=raw/qemu, and the kernel
# command line (the oracle's own "console=ttyAMA0 quiet panic=-1" plus
# what was added: cma=, mem=, rmemprobe.allocs/seq=).  The same four go
# to the other kernel, so the two goldens differ only in the kernel.
# An existing result is kept (remove it to boot again).  BOOT=raspi3b
# goldens need the board's DTB and are not rerun here.
#
#   sh tests/tools/oracle-rerun.sh tests/golden/c4-bus-5fff/c4-bus-5fff.k6.1.txt 5.10 7.2
set -u
g=$1
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ORACLE=${ORACLE:-$ROOT/../shared/oracle}
die() { echo "oracle-rerun: $*" >&2; exit 1; }

[ -f "$g" ] || die "$g: no such golden"
stem=$(basename "$g" .txt)
stem=${stem%.k*}
dir=$(dirname "$g")
input=$(sed -n 's/^# input: \([^ ]*\) .*/\1/p' "$g" | head -1)
qemu=$(sed -n 's/^# qemu: //p' "$g" | head -1)
cmdline=$(sed -n 's/^# cmdline: //p' "$g" | head -1)
mem=$(echo "$qemu" | sed -n 's/.* -m \([0-9]*[GM]\) .*/\1/p')
case $qemu in
*BOOT=raspi3b*) die "$g: BOOT=raspi3b boots the board's DTB; not rerun" ;;
*BOOT=raw*) boot=raw ;;
*) boot=qemu ;;
esac
case $input in
*.dts) ;;
*) die "$g: input $input is not a fixture DTS" ;;
esac
fix=$(ls "$ROOT"/tests/fixtures/*/"$(basename "$dir").dts" 2>/dev/null | head -1)
[ -n "$fix" ] || die "$g: no fixture for $(basename "$dir")"
extra=${cmdline#console=ttyAMA0 quiet panic=-1}
extra=${extra# }
for k in "$@"; do
	out=$dir/$stem.k$k.txt
	if [ -s "$out" ]; then
		echo "oracle-rerun: $out exists" >&2
		continue
	fi
	# boot.sh names the input by its file name: the fixture's own
	tmp=$(mktemp -d)
	# a fixture may /include/ another one of its folder
	cp "$(dirname "$fix")"/*.dts "$tmp/" 2>/dev/null
	cp "$fix" "$tmp/$input"
	if KERNEL=$k MEM=$mem BOOT=$boot "$ORACLE/boot.sh" "$tmp/$input" \
		${extra:+"$extra"} > "$tmp/out" 2> "$tmp/err"; then
		mv "$tmp/out" "$out"
		echo "oracle-rerun: $out"
	else
		rc=$?
		# a boot that died is a result too (check-goldens compares panics)
		if grep -q '^@@@@ FAILED' "$tmp/out" 2>/dev/null; then
			mv "$tmp/out" "$out"
			echo "oracle-rerun: $out (the kernel did not finish: exit $rc)"
		else
			echo "oracle-rerun: $g on $k: boot.sh exited $rc: $(tail -2 "$tmp/err")" >&2
		fi
	fi
	rm -rf "$tmp"
done
