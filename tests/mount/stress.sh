#!/bin/sh
# Concurrent stress on the built-in board (interface.md §4): processes
# allocating through every device's and every pool's alloc file, mapping,
# filling with a pattern of their own, verifying, freeing; some SIGKILLed
# while they hold mapped buffers and respawned.  At the end no byte was
# seen that its process did not write, no two live buffers overlapped, no
# buffer is left, every pool's used is back to its start, the server lives.
# See tests/mount/stress.c.
#
# The short version runs in `make check`.  The long one:
#     STRESS_PROCS=8 STRESS_ITERS=5000 sh tests/mount/stress.sh
# Environment: STRESS_PROCS (4), STRESS_ITERS (200; 100 with VALGRIND=1),
# STRESS_HOLD (mapped buffers each process keeps, 4), STRESS_KILLS (default
# PROCS * ITERS / 250, at least 3), STRESS_MAXSIZE (307200 bytes),
# STRESS_TIMEOUT (50 s for the short run, 300 s under valgrind, 3600 s when
# ITERS > 1000), STRESS_SEED, SERVER_LOG.
. "$(dirname "$0")/lib.sh"
ST=$HELPERS/stress
PROCS=${STRESS_PROCS:-4}
if [ "${VALGRIND:-0}" = 1 ]; then
	# the server under memcheck: a few iterations, more time
	ITERS=${STRESS_ITERS:-100}
	TIMEOUT=${STRESS_TIMEOUT:-300}
else
	ITERS=${STRESS_ITERS:-200}
	TIMEOUT=${STRESS_TIMEOUT:-50}
fi
[ "$ITERS" -gt 1000 ] && TIMEOUT=${STRESS_TIMEOUT:-3600}

[ -x "$ST" ] || { not_ok "stress helper $ST not built (make tests)"; exit 1; }
mount_rmemfs || { not_ok "mount"; exit 1; }
ok "mount the built-in board"
pid=$(pgrep -n -f "^$BIN .*$MNT\$" 2>/dev/null || true)

set -- "$MNT" -p "$PROCS" -n "$ITERS" -t "$TIMEOUT"
[ -n "${STRESS_HOLD:-}" ] && set -- "$@" -H "$STRESS_HOLD"
[ -n "${STRESS_KILLS:-}" ] && set -- "$@" -k "$STRESS_KILLS"
[ -n "${STRESS_MAXSIZE:-}" ] && set -- "$@" -s "$STRESS_MAXSIZE"
[ -n "${STRESS_SEED:-}" ] && set -- "$@" -r "$STRESS_SEED"
start=$(date +%s)
"$ST" "$@" > "$T/stress.out" 2> "$T/stress.err"
rc=$?
end=$(date +%s)
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	"not ok - "*) not_ok "${line#not ok - }" ;;
	*) echo "$line" ;;
	esac
done < "$T/stress.out"
if [ -s "$T/stress.err" ]; then
	sed 's/^/# stderr: /' "$T/stress.err" | head -20
fi
case $rc in
0|1) ;;
*) not_ok "stress exited $rc" ;;
esac
echo "# wall time $((end - start)) s"

# the tree still answers, and the server process still runs
if mountpoint -q "$MNT" && grep -q . "$MNT/dmesg" 2>/dev/null; then
	ok "mount still serves after the stress"
else
	not_ok "mount still serves after the stress"
fi
if [ -n "$pid" ]; then
	kill -0 "$pid" 2>/dev/null && ok "server process $pid alive" ||
		not_ok "server process $pid alive"
fi
if unmount_rmemfs; then
	ok "clean unmount"
else
	not_ok "clean unmount"
fi
finish
