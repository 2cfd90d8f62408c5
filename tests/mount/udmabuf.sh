#!/bin/sh
# u-dma-buf over rmemfs (issue 11): devices probed from the device tree,
# their sysfs attributes and device files, the manager, and a u-dma-buf
# program run unchanged through rmemfs-exec.  Expected addresses follow
# the kernel's allocators (a coherent pool's first-fit bitmap, a CMA
# area's first free aligned pages after the atomic pools); the driver's
# rules are u-dma-buf.c 5.2.0's (doc/u-dma-buf.md).
. "$(dirname "$0")/lib.sh"
EXEC=$ROOT/$BUILD/rmemfs-exec

# a client's TAP lines become ours
client() {
	"$EXEC" "$MNT" -- "$@" >"$T/client.out" 2>&1
	rc=$?
	tap client <"$T/client.out"
	[ $rc = 0 ] || { not_ok "client exit $rc"; sed 's/^/# /' "$T/client.out" | tail -5; }
}

DTB=$(board_dtb "$FIX/udmabuf/udmabuf.dts")
out=$("$BIN" --dry-run "$DTB")
check "a device on a coherent pool: the pool's first block (bitmap_find_free_region)" \
	"u-dma-buf udmabuf-coh: phys address   = 0x0000000058000000" \
	"$(printf '%s\n' "$out" | grep 'udmabuf-coh: phys')"
check "minor-number names it udmabuf1; its CMA area's first pages" \
	"u-dma-buf udmabuf1: phys address   = 0x0000000060000000" \
	"$(printf '%s\n' "$out" | grep 'udmabuf1: phys')"
check "buffer size is PAGE_ALIGN(size)" \
	"u-dma-buf udmabuf-default: buffer size    = 20480" \
	"$(printf '%s\n' "$out" | grep 'udmabuf-default: buffer size')"
check "no memory-region: the default CMA area after the three 256 KiB atomic pools, order-3 aligned" \
	"u-dma-buf udmabuf-default: phys address   = 0x00000000bcac0000" \
	"$(printf '%s\n' "$out" | grep 'udmabuf-default: phys')"
check "a misaligned CMA area: of_reserved_mem_device_init -EINVAL, no device (6.12 really_probe line)" \
"u-dma-buf udmabuf-bad: of_reserved_mem_device_init failed. return=-22
u-dma-buf udmabuf-bad: driver probe failed. return=-22
u-dma-buf udmabuf-bad: probe with driver u-dma-buf failed with error -22" \
	"$(printf '%s\n' "$out" | grep '^u-dma-buf udmabuf-bad: ')"
check "6.1 prints the driver core's line with pr_warn" \
	"u-dma-buf: probe of udmabuf-bad failed with error -22" \
	"$("$BIN" --dry-run -o profile=6.1 "$DTB" | grep 'probe of udmabuf-bad')"
check "dma-mask = <8>: the probe aborts with retval 0 and still says installed" \
"u-dma-buf udmabuf-mask: invalid dma-mask property value=8
u-dma-buf udmabuf-mask: driver installed." \
	"$(printf '%s\n' "$out" | grep '^u-dma-buf udmabuf-mask: ')"
check "the findings name both failed nodes" "/udmabuf-bad
/udmabuf-mask" "$(printf '%s\n' "$out" | awk '$2 == "udmabuf-probe" {print $3}' | tr -d :)"
check "# u-dma-buf: the devices made, in probe order" \
"NAME                 MINOR PHYS_ADDR          SIZE       POOL                     NODE
udmabuf-coh          0     0x0000000058000000 1048576    udmabuf-pool@58000000    /udmabuf@0
udmabuf1             1     0x0000000060000000 12288      udmabuf-cma@60000000     /udmabuf@1
udmabuf-default      2     0x00000000bcac0000 16640      reserved                 /udmabuf-default" \
	"$(printf '%s\n' "$out" | sed -n '/^# u-dma-buf$/,/^$/p' | sed '1d;/^$/d')"
check "the device table: udmabuf-mask never asked for a memory-region" \
	"udmabuf-bad                      0    bad-cma@61100000                 -EINVAL" \
	"$(printf '%s\n' "$out" | grep '^udmabuf-bad  ')"
check "JSON: the same devices, phys_addr the DMA address" \
	"udmabuf-coh 0x0000000058000000 1048576 udmabuf-pool@58000000|udmabuf1 0x0000000060000000 12288 udmabuf-cma@60000000|udmabuf-default 0x00000000bcac0000 16640 reserved" \
	"$("$BIN" --dry-run --format=json "$DTB" | python3 -c 'import json,sys; print("|".join("%s %s %d %s" % (u["name"], u["phys_addr"], u["size"], u["pool"]) for u in json.load(sys.stdin)["udmabuf"]))')"
"$BIN" --dry-run "$DTB" >/dev/null 2>&1
check "a u-dma-buf probe failure is an error: exit 2" "2" "$?"
"$BIN" --dry-run -o ignore=udmabuf-probe:cma-alignment:device-einval "$DTB" >/dev/null 2>&1
check "waived, the board lints clean" "0" "$?"

mount_rmemfs "$DTB" 2>/dev/null || { not_ok "mount"; finish; exit 1; }
check "dev/ and u-dma-buf/ list the devices the probe made" \
	"udmabuf-coh udmabuf1 udmabuf-default" "$(ls -U "$MNT/dev" | tr '\n' ' ' | sed 's/ $//')"
check "u-dma-buf/udmabuf1 has the driver's attributes (and dev, uevent)" \
	"debug_vma dev dma_coherent driver_version ioctl_version phys_addr quirk_mmap_mode size sync_direction sync_for_cpu sync_for_device sync_mode sync_offset sync_owner sync_size uevent" \
	"$(ls "$MNT/u-dma-buf/udmabuf1" | tr '\n' ' ' | sed 's/ $//')"
U=$MNT/u-dma-buf/udmabuf1
check "DT properties as the driver reads them: sync-direction, sync-offset (hex), sync_size defaults to size" \
	"1 0x1000 12288 1" "$(cat "$U/sync_direction" "$U/sync_offset" "$U/sync_size" "$U/dma_coherent" | tr '\n' ' ' | sed 's/ $//')"
check "sync-mode 2 with sync-always is 6" "6" "$(cat "$MNT/u-dma-buf/udmabuf-default/sync_mode")"
check "the device file's size is the size asked, not the page-rounded" "16640" \
	"$(stat -c %s "$MNT/dev/udmabuf-default")"
check "dev: MAJ:MIN" "240:1" "$(cat "$U/dev")"
check_err "a device file cannot be unlinked" "Operation not permitted" rm "$MNT/dev/udmabuf1"
echo "create mgr0 8192" >"$MNT/u-dma-buf-mgr"
check "the manager's device: default CMA, after udmabuf-default (order 1)" \
	"0x00000000bcac6000" "$(cat "$MNT/u-dma-buf/mgr0/phys_addr")"
check "it is in the default CMA area's allocations" "mgr0 0xbcac6000 0xbcac6000 8192 reserved" \
	"$(grep '^mgr0 ' "$MNT/regions/reserved/allocations")"
exec 7<"$MNT/dev/mgr0"
echo "delete mgr0" >"$MNT/u-dma-buf-mgr"
check "deleted: gone from u-dma-buf/ and dev/" "no no" \
	"$([ -e "$MNT/u-dma-buf/mgr0" ] && echo yes || echo no) $([ -e "$MNT/dev/mgr0" ] && echo yes || echo no)"
check "still open: its memory is not given away" "mgr0 (deleted) 0xbcac6000 0xbcac6000 8192 reserved" \
	"$(grep '^mgr0' "$MNT/regions/reserved/allocations")"
exec 7<&-
sleep 0.2
check "closed: its memory goes back" "" "$(grep '^mgr0' "$MNT/regions/reserved/allocations")"
check_err "the manager has no read" "Invalid argument" cat "$MNT/u-dma-buf-mgr"
check_err "a read-only attribute refuses a write" "Permission denied" sh -c "echo 1 > '$U/size'"

# bad input on every writable attribute: its errno, and nothing changes
attrs() { for a in "$U"/*; do printf '%s=%s\n' "${a##*/}" "$(cat "$a")"; done; }
before=$(attrs)
bad=0
for a in sync_mode sync_offset sync_size sync_direction sync_for_cpu sync_for_device debug_vma; do
	for v in abc -1 "1 2" 0x 08 "1 " " 1" 99999999999999999999; do
		case $v in 99999999999999999999) want="Numerical result out of range" ;;
		*) want="Invalid argument" ;; esac
		out=$(bash -c "printf -- '$v' > '$U/$a'" 2>&1)
		case "$out" in *"$want"*) ;; *) bad=$((bad + 1)); echo "# $a <$v>: $out" ;; esac
	done
done
check "garbage into every writable attribute: EINVAL, ERANGE past 64 bits" "0" "$bad"
check "and every attribute reads as before" "$before" "$(attrs)"
bad=0
for a in driver_version size phys_addr sync_owner dma_coherent quirk_mmap_mode ioctl_version dev uevent; do
	out=$(bash -c "echo 1 > '$U/$a'" 2>&1)
	case "$out" in *"Permission denied"*) ;; *) bad=$((bad + 1)); echo "# $a: $out" ;; esac
done
check "every read-only attribute refuses a write: EACCES" "0" "$bad"

check_err "sync-offset without sync-size: sync_size = size, so a sync runs past the end (EINVAL)" \
	"Invalid argument" bash -c "echo 1 > '$U/sync_for_device'"
check "the failed command stays in sync_for_device, the owner is kept" "1 0" \
	"$(cat "$U/sync_for_device" "$U/sync_owner" | tr '\n' ' ' | sed 's/ $//')"
echo 0 >"$U/sync_offset"
echo 0 >"$U/sync_for_device"

check ".dev-links: a link per device file and to the manager, named by the mount point" \
	"$MNT/u-dma-buf-mgr $MNT/dev/udmabuf-coh" \
	"$(readlink "$MNT/.dev-links/u-dma-buf-mgr" "$MNT/.dev-links/udmabuf-coh" | tr '\n' ' ' | sed 's/ $//')"
out=$("$EXEC" "$MNT" -- sh -c 'echo "create late0 0x2000" > /dev/u-dma-buf-mgr &&
	stat -L -c "%s" /dev/late0 && cat /sys/class/u-dma-buf/late0/size &&
	echo "delete late0" > /dev/u-dma-buf-mgr; cat /dev/late0 2>&1; ls /dev/pts >/dev/null && echo pts' 2>&1)
check "under rmemfs-exec a device the manager makes is /dev/NAME at once; deleted, ENOENT; /dev/pts still there" \
"8192
8192
cat: /dev/late0: No such file or directory
pts" "$out"
check "nothing leaked out of the namespace" "no" \
	"$([ -e /dev/u-dma-buf-mgr ] || [ -e /sys/class/u-dma-buf ] && echo yes || echo no)"
"$EXEC" "$MNT" -- sh -c 'exit 7'
check "rmemfs-exec exits with the command's status" "7" "$?"
check_err "rmemfs-exec refuses a directory that is no rmemfs mount" \
	"is not an rmemfs mount" "$EXEC" "$T" -- true

# a write at the end: the driver's 0 cannot cross FUSE (EPERM passthrough, EIO page cache)
WE=5
grep -q '^backing=passthrough' "$MNT/config" && WE=1
WRITE_END_ERRNO=$WE client "$HELPERS/udmabuf_client" udmabuf1 0x60000000 12288 1
WRITE_END_ERRNO=$WE client "$HELPERS/udmabuf_client" udmabuf-coh 0x58000000 1048576 0
unmount_rmemfs

# without root: a user namespace first (or a clear refusal saying so)
mount_rmemfs -o allow_other "$DTB" 2>/dev/null || not_ok "mount with allow_other"
chmod 0755 "$T"
chmod 0666 "$MNT/dev/udmabuf1"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$EXEC" "$MNT" -- sh -c \
	'id -u; cat /sys/class/u-dma-buf/udmabuf1/size; head -c 4 /dev/udmabuf1 | od -An -tx1 | tr -d " ";
	echo x > /dev/null && echo null; echo "create x 4096" > /dev/u-dma-buf-mgr' 2>&1)
if setpriv --reuid=65534 --regid=65534 --clear-groups unshare -Ur true 2>/dev/null; then
	check "as nobody, through a user namespace: the device, /dev/null, and the manager's 0600" \
"65534
12288
00000000
null
sh: 2: cannot create /dev/u-dma-buf-mgr: Permission denied" "$out"
else
	check "as nobody without user namespaces: refused, saying what is missing" \
		"rmemfs-exec: not root, and no user namespace" "$(printf '%s\n' "$out" | cut -d: -f1-2)"
fi
unmount_rmemfs

DTB=$(board_dtb "$FIX/udmabuf/udmabuf-high.dts" 8G)
out=$("$BIN" --dry-run "$DTB")
phys=$(printf '%s\n' "$out" | sed -n 's/.*high32: phys address   = //p')
check "a 32-bit mask cannot use a CMA area above 4 GiB: the buffer comes from below" \
	"yes" "$([ $((phys)) -lt $((0x100000000)) ] && [ $((phys)) -ge $((0x40000000)) ] && echo yes || echo "no: $phys")"
check "dma-mask = <64> reaches it" \
	"u-dma-buf high64: phys address   = 0x0000000200000000" "$(printf '%s\n' "$out" | grep 'high64: phys')"
check "a coherent pool above the mask: 6.x warns at assignment, the pool is used" \
"udmabuf@2: reserved memory is beyond device's set DMA address range
u-dma-buf highpool: phys address   = 0x0000000210000000" \
	"$(printf '%s\n' "$out" | grep -E 'udmabuf@2: reserved|highpool: phys')"
finish
