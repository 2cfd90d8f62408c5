#!/bin/sh
# Bad input everywhere (issue 5): every file written with garbage, huge
# writes, NUL bytes, bad numbers and names, and the operations the tree
# does not allow.  Each fails with its errno, and the whole tree (every
# file's text, every entry's mode and owner) is the same afterwards.
. "$(dirname "$0")/lib.sh"

mount_rmemfs || { not_ok "mount"; exit 1; }
echo "8192 keep" > "$MNT/devices/display@2c000000/alloc"
B=$MNT/devices/display@2c000000/buffers/keep

snapshot() {
	(cd "$MNT" && find . -printf '%p %M %u %g\n' | sort &&
		find . -type f ! -path './devices/*/buffers/*' ! -path './regions/*/buffers/*' \
			! -name alloc ! -name dma ! -name dma_faults -print | sort |
			while read -r f; do echo "== $f"; cat "$f"; done)
}
before=$(snapshot 2>/dev/null)
head -c 1048576 /dev/urandom > "$T/garbage"
printf '4096\0name' > "$T/nul"

# u-dma-buf-mgr logs what it cannot parse, as the driver does: below
files=$(cd "$MNT" && find . -type f ! -path '*/buffers/*' ! -name u-dma-buf-mgr)
bad=0
for f in $files; do
	case $f in
	*/alloc | */sync) want="Invalid argument" ;;
	*/dma) want="Bad address" ;;	# a DMA fault: no buffer at 0
	*) want="Permission denied" ;;
	esac
	for input in "$T/garbage" "$T/nul"; do
		out=$(bash -c "cat '$input' > '$MNT/$f'" 2>&1)
		case "$out" in *"$want"*) ;; *) bad=$((bad + 1)); echo "# $f <$(basename "$input")>: $out" ;; esac
	done
done
check "garbage, 1 MiB and NUL bytes into every file: EINVAL/EACCES" "0" "$bad"

A=$MNT/devices/default/alloc
bad=0
for v in -1 -0x1000 18446744073709551616 0x10000000000000000 99999999999E 1Q "4096 ." \
	"4096 .." "4096 a/b" "4096 /" "$(printf '4096 %0300d' 0)" "" " " "4096 a b c"; do
	out=$(bash -c "printf '%s\n' '$v' > '$A'" 2>&1)
	case "$out" in *"Invalid argument"*) ;; *) bad=$((bad + 1)); echo "# '$v': $out" ;; esac
done
check "bad sizes and names: EINVAL" "0" "$bad"

check_err "mkdir in regions" "Operation not permitted" mkdir "$MNT/regions/x"
check_err "mkdir in buffers" "Operation not permitted" mkdir "$MNT/devices/default/buffers/x"
check_err "rmdir" "Operation not permitted" rmdir "$MNT/devices/default/buffers"
check_err "rename a directory" "Operation not permitted" mv "$MNT/regions" "$MNT/r"
check_err "link" "Operation not permitted" ln "$B" "$MNT/devices/default/buffers/l"
check_err "symlink" "Operation not permitted" ln -s "$B" "$MNT/devices/default/buffers/s"
check_err "chmod a directory" "Operation not permitted" chmod 0777 "$MNT/regions"
check_err "chown a buffer" "Operation not permitted" chown 1:1 "$B"
check_err "truncate a buffer" "Operation not permitted" truncate -s 4096 "$B"
sz=$(stat -c %s "$B")
bash -c ": > '$B'"
check "O_TRUNC a buffer: ignored, the size stays (a block device's rule)" "0 $sz" \
	"$? $(stat -c %s "$B")"
check_err "write past a buffer's end" "Operation not permitted" \
	dd if=/dev/zero of="$B" bs=4096 seek=2 count=1 conv=notrunc status=none
check_err "setxattr" "Operation not permitted" setfattr -n user.rmemfs.phys -v 0 "$B"
check_err "removexattr" "Operation not permitted" setfattr -x user.rmemfs.phys "$B"
check_err "mknod" "Operation not permitted" mkfifo "$MNT/devices/default/buffers/f"

after=$(snapshot 2>/dev/null)
check "the whole tree is unchanged" "$before" "$after"
check "each write into a dma file is a recorded fault (2 per device)" \
	"$(($(ls "$MNT/devices" | wc -l) * 2))" "$(cat "$MNT"/devices/*/dma_faults | wc -l)"
# dmesg is part of the snapshot: the bad input logged nothing

# the manager: EINVAL for garbage, no device made; only its pr_err lines
bad=0
for input in "$T/garbage" "$T/nul"; do
	out=$(bash -c "cat '$input' > '$MNT/u-dma-buf-mgr'" 2>&1)
	case "$out" in *"Invalid argument"*) ;; *) bad=$((bad + 1)); echo "# u-dma-buf-mgr <$(basename "$input")>: $out" ;; esac
done
check "garbage into u-dma-buf-mgr: EINVAL" "0" "$bad"
# (its pr_err lines count in board's log_errors, as in the kernel's log)
check "and the tree is unchanged but for the manager's log lines" \
	"$(printf '%s\n' "$after" | grep -av '^log_errors=')" \
	"$(snapshot 2>/dev/null | grep -av -e '^u-dma-buf-mgr: ' -e '^log_errors=')"

# a killed server: ENOTCONN, never wrong data; fusermount3 -u recovers
pid=$(pgrep -f "rmemfs.* $MNT\$" | head -1)
if [ -n "$pid" ]; then
	kill -9 "$pid"
	# requests in flight as it dies fail ECONNABORTED: wait for the exit
	while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
	check_err "killed server: ENOTCONN" "Transport endpoint is not connected" cat "$MNT/dmesg"
	fusermount3 -u "$MNT" && ok "fusermount3 -u recovers the mount point" ||
		not_ok "fusermount3 -u recovers the mount point"
	mountpoint -q "$MNT" && not_ok "mount point free again" || ok "mount point free again"
else
	not_ok "find the server's pid"
fi
finish
