# tests/mount/lib.sh - sourced by the mount tests.
#
# mount_rmemfs [rmemfs args...]: mounts on $MNT and returns once the mount
# is live (rmemfs without -f daemonizes only after mounting: no sleep).
# The trap unmounts and removes the temp dir whatever happens.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
BIN=$ROOT/$BUILD/rmemfs
HELPERS=$ROOT/$BUILD/tests
FIX=$ROOT/tests/fixtures
T=$(mktemp -d /tmp/rmemfs-test.XXXXXX)
MNT=$T/mnt
mkdir -p "$MNT"
n=0
failed=0

cleanup() {
	fusermount3 -u "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

server() {
	if [ "${VALGRIND:-0}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=definite --log-file="$T/valgrind.%p" \
			"$BIN" "$@"
	else
		"$BIN" "$@"
	fi
}

# RMEMFS_OPTS: options added to every mount (pagecache.sh forces a path)
mount_rmemfs() {
	# shellcheck disable=SC2086
	set -- ${RMEMFS_OPTS:-} "$@"
	if [ -n "${SERVER_LOG:-}" ]; then
		# foreground, with its stderr kept (debugging); wait for the mount
		server -f "$@" "$MNT" 2>"$SERVER_LOG" &
		i=0
		until mountpoint -q "$MNT" || [ $i -gt 200 ]; do i=$((i + 1)); sleep 0.05; done
	else
		server "$@" "$MNT"
	fi
}

unmount_rmemfs() {
	fusermount3 -u "$MNT"
}

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}

# tap PREFIX <FILE: a helper program's TAP lines ("ok [N] - what") as
# ours, other lines as comments.  Read from a file, not a pipe: a pipe's
# loop runs in a subshell and its counts would be lost.
tap() {
	while IFS= read -r line; do
		case "$line" in
		"ok "*) ok "$1: ${line#* - }" ;;
		"not ok "*) not_ok "$1: ${line#* - }" ;;
		"1.."*) ;;
		*) echo "# $line" ;;
		esac
	done
}

# check DESCRIPTION EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		echo "#   expected: $(printf '%s' "$2" | head -5)"
		echo "#   actual:   $(printf '%s' "$3" | head -5)"
	fi
}

# check_err DESCRIPTION ERRNO-TEXT COMMAND...: the command fails with it
check_err() {
	desc=$1 want=$2
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	case "$out" in
	*"$want"*) [ $rc != 0 ] && { ok "$desc"; return; } ;;
	esac
	not_ok "$desc"
	echo "#   wanted failure '$want', got rc=$rc: $out"
}

# compile a DTS fixture over QEMU's virt tree (as the oracle boots it)
board_dtb() {
	dts=$1 mem=${2:-2G}
	cp "$FIX/virt/virt-$mem.dts" "$T/virt.dts"
	cp "$dts" "$T/board.dts"
	dtc -q -I dts -O dtb -i "$(dirname "$dts")" -o "$T/board.dtb" "$T/board.dts"
	echo "$T/board.dtb"
}

finish() {
	if [ "${VALGRIND:-0}" = 1 ]; then
		# the server exits after the unmount; its report is complete then
		for f in "$T"/valgrind.*; do
			if [ -s "$f" ]; then
				not_ok "valgrind report of the server"
				sed 's/^/# /' "$f" | head -60
			fi
		done
	fi
	[ "$failed" = 0 ]
}
