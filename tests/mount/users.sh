#!/bin/sh
# Other users (interface.md §4): with allow_other, uid 65534 cannot open,
# map, read, rename or remove root's 0600 buffer, finds its bytes in no
# other file, and can allocate buffers of its own.
. "$(dirname "$0")/lib.sh"
BC=$HELPERS/bufcheck

[ "$(id -u)" = 0 ] || { ok "# SKIP needs root to switch users"; exit 0; }
chmod 0755 "$T"
mount_rmemfs -o allow_other || { not_ok "mount -o allow_other"; exit 1; }
ok "mount -o allow_other"
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
DISP=$MNT/devices/display@2c000000
echo "8192 secret" > "$DISP/alloc"
B=$DISP/buffers/secret
"$BC" fill "$B" 113

check_err "other uid cannot read a 0600 buffer" "Permission denied" as_nobody cat "$B"
check_err "other uid cannot map it" "Permission denied" as_nobody "$BC" zero "$B"
check_err "other uid cannot write it" "Permission denied" as_nobody sh -c "printf x > '$B'"
check_err "other uid cannot remove it (sticky buffers/)" "Operation not permitted" as_nobody rm -f "$B"
check_err "other uid cannot rename it" "Operation not permitted" as_nobody mv "$B" "$DISP/buffers/mine"
check_err "other uid cannot chmod it" "Operation not permitted" as_nobody chmod 0644 "$B"
check_err "other uid cannot read its xattrs" "Permission denied" \
	as_nobody getfattr --absolute-names -n user.rmemfs.phys "$B"
# 113 = 'q': the bytes appear in no file the other uid can read
found=$(as_nobody sh -c "find '$MNT' -type f -readable -exec grep -l qqqqqqqq {} + 2>/dev/null")
check "its bytes are in no other readable file" "" "$found"

as_nobody sh -c "echo '4096 theirs' > '$MNT/devices/default/alloc'" &&
	ok "other uid allocates its own buffer" || not_ok "other uid allocates its own buffer"
check "owned by the allocating uid" "65534 65534 600" \
	"$(stat -c '%u %g %a' "$MNT/devices/default/buffers/theirs")"
as_nobody "$BC" fill "$MNT/devices/default/buffers/theirs" 7 &&
	as_nobody "$BC" verify "$MNT/devices/default/buffers/theirs" 7 &&
	ok "the owner maps and reads its buffer" || not_ok "the owner maps and reads its buffer"
as_nobody chmod 0644 "$MNT/devices/default/buffers/theirs" &&
	ok "the owner may chmod to share" || not_ok "the owner may chmod to share"
as_nobody rm "$MNT/devices/default/buffers/theirs" &&
	ok "the owner removes its buffer" || not_ok "the owner removes its buffer"
check "root's buffer untouched" "secret" "$(ls "$DISP/buffers")"
"$BC" verify "$B" 113 && ok "root's bytes intact" || not_ok "root's bytes intact"
unmount_rmemfs
finish
