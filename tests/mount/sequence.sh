#!/bin/sh
# Allocation sequences through the filesystem, pinned by the real kernels:
# each tests/golden/coherent/coherent-*.k*.txt ran the same dma_alloc_coherent /
# dma_free_coherent steps (rmemprobe.seq) on the same board.  Here every
# "a" step is an echo into devices/<dev>/alloc and every "f" step an rm;
# the DMA address of each buffer must be the kernel's.  Page-allocator
# results (in=none) must come from rmemfs's "system" pool; their
# addresses are not predicted.  coherent-zero is left out: rmemfs refuses
# size 0 (doc/design.md).  Each sequence runs twice: through the files,
# then through librmemfs (rmem_alloc/rmem_free, api_test seq), on a fresh
# mount.
. "$(dirname "$0")/lib.sh"

# judge NAME GOLDEN GOT: GOT's "I DMA POOL", "I FAIL[ ERRNO]" and
# "I freed" lines against the kernel's "rmemprobe: seq I" lines
judge() {
	bad=0
	steps=0
	while read -r i dma pool; do
		steps=$((steps + 1))
		want=$(grep -E "rmemprobe: seq $i dev=" "$2" | head -1 | sed -E 's/^\[[^]]*\] //')
		case "$dma" in
		freed) got=$want ;;
		FAIL) case "$want" in *" FAIL") got=$want ;; *) got="FAIL" ;; esac ;;
		*)
			case "$want" in
			*" FAIL") got="FAIL (rmemfs gave $dma in $pool)" ;;
			*in=none*) [ "$pool" = system ] && got=$want || got="$dma in $pool, not system" ;;
			*) echo "$want" | grep -q "dma=$dma " && got=$want || got="dma=$dma in $pool" ;;
			esac ;;
		esac
		if [ "$got" != "$want" ]; then
			bad=$((bad + 1))
			echo "# step $i: kernel: $want"
			echo "#         rmemfs: $got"
		fi
	done < "$3"
	if [ "$bad" = 0 ] && [ "$steps" -gt 0 ]; then
		ok "$1: $steps steps as the kernel placed them"
	else
		not_ok "$1: $bad of $steps steps differ"
	fi
}

# the golden's board, with its options (from replay-golden.sh)
mount_input() {
	set --
	while IFS= read -r opt; do
		# -o splits on commas: the cmdline's own ("linux,cma") escaped
		set -- "$@" -o "$(printf '%s' "$opt" | sed 's/,/\\,/g')"
	done < "$T/in/options"
	mount_rmemfs "$@" "$T/in/board.dtb"
}

for g in "$ROOT"/tests/golden/coherent/coherent-*.k*.txt; do
	name=$(basename "$g" .txt)
	case $name in *zero*) continue ;; esac
	cmdline=$(sed -n 's/^# cmdline: //p' "$g")
	seq=$(echo "$cmdline" | sed -n 's/.*rmemprobe.seq=\([^ ]*\).*/\1/p')
	# the golden's own input, rebuilt as check-goldens.sh does
	rm -rf "$T/in"
	sh "$ROOT/tests/tools/replay-golden.sh" "$g" "$T/in" ||
		{ not_ok "$name: replay"; continue; }
	mount_input || { not_ok "$name: mount"; continue; }
	i=0
	: > "$T/got"
	for step in $(echo "$seq" | tr ';' ' '); do
		dev=${step%%:*} rest=${step#*:} op=${rest%%:*} val=${rest#*:}
		dir=$MNT/devices/$dev
		[ -d "$dir" ] || dir=$MNT/devices/default	# no memory-region
		if [ "$op" = a ]; then
			if res=$("$HELPERS/bufcheck" allocread "$dir/alloc" "$val s$i" 2>/dev/null); then
				# shellcheck disable=SC2086
				set -- $res
				echo "$i $3 $5" >> "$T/got"
			else
				echo "$i FAIL" >> "$T/got"
			fi
		else
			owner=$(ls -d "$MNT"/devices/*/buffers/s"$val" 2>/dev/null | head -1)
			[ -n "$owner" ] && rm "$owner"
			echo "$i freed" >> "$T/got"
		fi
		i=$((i + 1))
	done
	unmount_rmemfs
	judge "$name" "$g" "$T/got"
	mount_input || { not_ok "$name: mount (librmemfs)"; continue; }
	"$HELPERS/api_test" seq "$MNT" "$seq" > "$T/got" ||
		not_ok "$name: api_test seq"
	unmount_rmemfs
	judge "$name, through librmemfs" "$g" "$T/got"
done
finish
