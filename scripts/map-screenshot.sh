#!/bin/sh
# scripts/map-screenshot.sh [OUTDIR] - the memory-map picture of a real
# board with 30+ regions, checked in a browser: rmemfs --dry-run
# --format=svg of sm8450-hdk's reserved memory (tests/fixtures/boards/,
# transplanted onto QEMU's virt with 8 GiB), then headless Chromium
# (Debian package chromium, installed here when missing) screenshots it.
# Writes OUTDIR/map-example.svg and OUTDIR/map-example.png (default doc/).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/doc}
BIN=${BIN:-$ROOT/build/rmemfs}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

if ! command -v chromium >/dev/null; then
	echo "map-screenshot: installing chromium" >&2
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO="sudo -n"
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends chromium fonts-dejavu-core >&2
fi
cp "$ROOT/tests/fixtures/virt/virt-8G.dts" "$T/virt.dts"
cp "$ROOT/tests/fixtures/boards/sm8450-hdk.dts" "$T/board.dts"
dtc -q -I dts -O dtb -o "$T/sm8450-hdk.dtb" "$T/board.dts"
mkdir -p "$OUT"
rc=0
"$BIN" --dry-run --format=svg "$T/sm8450-hdk.dtb" >"$T/map.svg" || rc=$?
# 2: the board has error findings; the picture is made all the same
[ "$rc" = 0 ] || [ "$rc" = 2 ] || { echo "map-screenshot: rmemfs exited $rc" >&2; exit 1; }
cp "$T/map.svg" "$OUT/map-example.svg"
h=$(sed -n 's/.*viewBox="0 0 [0-9]* \([0-9]*\)".*/\1/p' "$OUT/map-example.svg" | head -1)
[ -n "$h" ] || { echo "map-screenshot: no viewBox in the SVG" >&2; exit 1; }
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--window-size="1100,$h" --screenshot="$OUT/map-example.png" \
	"file://$OUT/map-example.svg" 2>"$T/chromium.log" ||
	{ cat "$T/chromium.log" >&2; exit 1; }
echo "map-screenshot: $OUT/map-example.svg, $OUT/map-example.png (1100x$h)"
