#!/bin/sh
# scripts/bench-udmabuf.sh - a u-dma-buf device file mapped next to a memfd
# (its anchor), through rmemfs-exec as a u-dma-buf program would, on the
# passthrough path and on the page-cache path (-o nopassthrough).  Prints
# each round and the median ratio per path.  Timing is reported, never
# asserted.  Environment: BUILD=build  ROUNDS=5  SIZE=0x2000000 (32 MiB)
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-5}
SIZE=${SIZE:-0x2000000}
T=$(mktemp -d /tmp/rmemfs-bench-udmabuf.XXXXXX)
trap 'fusermount3 -u "$T/mnt" 2>/dev/null; rm -rf "$T"' EXIT
make -s BUILD="$BUILD" all "$BUILD/tests/bench_mmap" || exit 1
cp tests/fixtures/virt/virt-2G.dts "$T/virt.dts"
cat > "$T/board.dts" <<DTS
/dts-v1/;
/include/ "virt.dts"
/ {
	reserved-memory {
		#address-cells = <2>;
		#size-cells = <2>;
		ranges;
		big: big-cma@60000000 {
			compatible = "shared-dma-pool";
			reusable;
			reg = <0x0 0x60000000 0x0 0x8000000>;
		};
	};
	udmabuf@0 {
		compatible = "ikwzm,u-dma-buf";
		device-name = "udmabuf0";
		size = <$SIZE>;
		memory-region = <&big>;
	};
};
DTS
dtc -q -I dts -O dtb -i "$T" -o "$T/board.dtb" "$T/board.dts" || exit 1
mkdir -p "$T/mnt"
for opts in "" "-o nopassthrough"; do
	# shellcheck disable=SC2086
	"$BUILD/rmemfs" $opts "$T/board.dtb" "$T/mnt" || exit 1
	path=$(sed -n 's/^backing=//p' "$T/mnt/config")
	"$BUILD/rmemfs-exec" "$T/mnt" -- "$BUILD/tests/bench_mmap" /dev/udmabuf0 \
		"$SIZE" "$ROUNDS" > "$T/out" || exit 1
	sed "s/^/$path: /" "$T/out"
	awk '{ print $NF }' "$T/out" | sort -n |
		awk -v p="$path" '{ a[NR] = $1 } END { print p ": median ratio " a[int((NR + 1) / 2)] " (u-dma-buf mmap / memfd mmap)" }'
	fusermount3 -u "$T/mnt"
done
