#!/bin/sh
# Every way a user mounts FUSE (interface.md §1), unmounting, signals, and
# bad start-up input.  mount(8) runs helpers with a fixed PATH, so these
# need `make install` (PREFIX /usr/local): as root the test installs the
# binary under test there itself.
. "$(dirname "$0")/lib.sh"

DTB=$(board_dtb "$FIX/oracle/basic.dts" 2G)
if [ "$(id -u)" = 0 ]; then
	make -s -C "$ROOT" BUILD="$BUILD" install PREFIX=/usr/local >/dev/null &&
		ok "make install" || not_ok "make install"
	mount -t fuse rmemfs "$MNT" -o "dtb=$DTB" &&
		check "mount -t fuse rmemfs MNT -o dtb=" "0x0000000060000000" \
			"$(cat "$MNT/regions/linux,cma@60000000/base")" ||
		not_ok "mount -t fuse rmemfs MNT -o dtb="
	umount "$MNT" && ok "umount" || not_ok "umount"

	mount -t fuse.rmemfs "$DTB" "$MNT" &&
		check "mount -t fuse.rmemfs BOARD MNT" "firmware@50000000" \
			"$(ls "$MNT/regions" | grep firmware)" || not_ok "mount -t fuse.rmemfs BOARD MNT"
	fusermount3 -u "$MNT" && ok "fusermount3 -u" || not_ok "fusermount3 -u"

	printf '%s %s fuse.rmemfs profile=6.1,noauto 0 0\n' "$DTB" "$MNT" > "$T/fstab"
	printf 'rmemfs %s fuse dtb=%s,noauto 0 0\n' "$T/mnt2" "$DTB" >> "$T/fstab"
	mkdir -p "$T/mnt2"
	mount -T "$T/fstab" "$MNT" &&
		check "fstab line, fuse.rmemfs type" "profile=6.1" "$(grep ^profile= "$MNT/config")" ||
		not_ok "fstab line, fuse.rmemfs type"
	umount "$MNT"
	mount -T "$T/fstab" "$T/mnt2" &&
		check "fstab line, fuse type" "shared-dma-pool" \
			"$(cat "$T/mnt2/regions/dyn-pool/compatible")" ||
		not_ok "fstab line, fuse type"
	umount "$T/mnt2"
else
	ok "# SKIP mount(8) forms need root"
fi

# SIGTERM and SIGINT: clean unmount, exit 0
for sig in TERM INT; do
	# a shell starts background jobs with SIGINT ignored: undo that
	env --default-signal=INT "$BIN" -f "$DTB" "$MNT" &
	pid=$!
	i=0
	until mountpoint -q "$MNT" || [ $i -gt 200 ]; do i=$((i + 1)); sleep 0.05; done
	kill -$sig $pid
	wait $pid
	rc=$?
	check "SIG$sig: exit 0" "0" "$rc"
	mountpoint -q "$MNT" && not_ok "SIG$sig: unmounted" || ok "SIG$sig: unmounted"
done

# bad start-up input: one message naming the problem, exit 1
check_start() {
	desc=$1 want=$2
	shift 2
	out=$("$BIN" "$@" 2>&1)
	rc=$?
	case "$out" in
	*"$want"*) [ $rc = 1 ] && { ok "$desc"; return; } ;;
	esac
	not_ok "$desc"
	echo "#   wanted exit 1 and '$want', got $rc: $out"
}
check_start "missing board" "rmemfs: /nonexistent.dtb: No such file or directory" \
	--dry-run /nonexistent.dtb
printf 'not a device tree\n' > "$T/junk.dts"
check_start "neither DTB nor DTS" "$T/junk.dts: not a DTB, and dtc could not compile it as DTS" \
	--dry-run "$T/junk.dts"
head -c 200 "$DTB" > "$T/cut.dtb"
check_start "truncated DTB" "$T/cut.dtb: truncated device tree blob" --dry-run "$T/cut.dtb"
cp "$DTB" "$T/bad.dtb"
printf '\377\377\377\377' | dd of="$T/bad.dtb" bs=1 seek=60 conv=notrunc status=none
check_start "corrupt DTB: fdt_check_full's reason" "$T/bad.dtb: invalid device tree blob: FDT_ERR_" \
	--dry-run "$T/bad.dtb"
check_start "unknown profile" "profile=5.4: unknown profile" --dry-run -o profile=5.4
printf 'CONFIG_CMA_ALIGNMENT=abc\n' > "$T/bad.config"
check_start "bad config value" "config $T/bad.config: line 1: CONFIG_CMA_ALIGNMENT=abc: not a number" \
	--dry-run -o "config=$T/bad.config"
check_start "bad reserve" "reserve=0x1000: expected BASE+SIZE" --dry-run -o reserve=0x1000
check_start "unknown option" "unknown option" -o frobnicate "$MNT"
check_start "no mount point" "rmemfs: no mount point" -o profile=6.1
finish
