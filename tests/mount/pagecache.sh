#!/bin/sh
# The page-cache path for buffers (the fallback where FUSE passthrough is
# missing or not permitted): the buffer tests again with -o nopassthrough.
set -u
dir=$(dirname "$0")
for t in alloc users badinput udmabuf dma api; do
	RMEMFS_OPTS="-o nopassthrough" sh "$dir/$t.sh" | sed "s/^\(\(not \)\{0,1\}ok [0-9]*\) - /\1 - page-cache: /"
done
