#!/bin/sh
# Allocation sequences through the filesystem, pinned by the real kernels:
# each tests/golden/coherent/coherent-*.k*.txt ran the same dma_alloc_coherent /
# dma_free_coherent steps (rmemprobe.seq) on the same board.  Here every
# "a" step is an echo into devices/<dev>/alloc and every "f" step an rm;
# the DMA address of each buffer must be the kernel's.  Page-allocator
# results (in=none) must come from rmemfs's "system" pool; their
# addresses are not predicted.  coherent-zero is left out: rmemfs refuses
# size 0 (doc/design.md).
. "$(dirname "$0")/lib.sh"

for g in "$ROOT"/tests/golden/coherent/coherent-*.k*.txt; do
	name=$(basename "$g" .txt)
	case $name in *zero*) continue ;; esac
	cmdline=$(sed -n 's/^# cmdline: //p' "$g")
	seq=$(echo "$cmdline" | sed -n 's/.*rmemprobe.seq=\([^ ]*\).*/\1/p')
	# the golden's own input, rebuilt as check-goldens.sh does
	rm -rf "$T/in"
	sh "$ROOT/tests/tools/replay-golden.sh" "$g" "$T/in" ||
		{ not_ok "$name: replay"; continue; }
	set --
	while IFS= read -r opt; do
		# -o splits on commas: the cmdline's own ("linux,cma") escaped
		set -- "$@" -o "$(printf '%s' "$opt" | sed 's/,/\\,/g')"
	done < "$T/in/options"
	mount_rmemfs "$@" "$T/in/board.dtb" ||
		{ not_ok "$name: mount"; continue; }
	i=0
	bad=0
	for step in $(echo "$seq" | tr ';' ' '); do
		dev=${step%%:*} rest=${step#*:} op=${rest%%:*} val=${rest#*:}
		want=$(grep -E "rmemprobe: seq $i dev=" "$g" | head -1 | sed -E 's/^\[[^]]*\] //')
		dir=$MNT/devices/$dev
		[ -d "$dir" ] || dir=$MNT/devices/default	# no memory-region
		if [ "$op" = a ]; then
			if res=$("$HELPERS/bufcheck" allocread "$dir/alloc" "$val s$i" 2>/dev/null); then
				# shellcheck disable=SC2086
			set -- $res
				case "$want" in
				*" FAIL") got="FAIL (rmemfs gave $2 in $5)" ;;
				*in=none*) [ "$5" = system ] && got=$want || got="$2 in $5, not system" ;;
				*) echo "$want" | grep -q "dma=$3 " && got=$want || got="dma=$3 in $5" ;;
				esac
			else
				case "$want" in *" FAIL") got=$want ;; *) got="FAIL" ;; esac
			fi
		else
			owner=$(ls -d "$MNT"/devices/*/buffers/s"$val" 2>/dev/null | head -1)
			[ -n "$owner" ] && rm "$owner"
			got=$want
		fi
		if [ "$got" != "$want" ]; then
			bad=$((bad + 1))
			echo "# step $i ($step): kernel: $want"
			echo "#          rmemfs: $got"
		fi
		i=$((i + 1))
	done
	if [ "$bad" = 0 ] && [ "$i" -gt 0 ]; then
		ok "$name: $i steps as the kernel placed them"
	else
		not_ok "$name: $bad of $i steps differ"
	fi
	unmount_rmemfs
done
finish
