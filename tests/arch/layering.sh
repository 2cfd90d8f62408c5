#!/bin/sh
# layering.sh - the architecture, checked on the built objects and the
# sources (doc/design.md "Layers"):
#   - the core (src/kernel, src/board, src/view, src/util) includes no FUSE
#     header and its objects reference no fuse_* symbol;
#   - src/kernel never includes src/board, src/view or src/fs; src/view
#     never includes src/fs or src/board;
#   - no call circle between object files (nm: who defines what the
#     other one uses), no include circle between headers;
#   - every global function of the core is used by another object or a
#     test (dead code goes).
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

core_src=$(find src/kernel src/board src/view src/util -name '*.[ch]' | sort)
core_obj=$(find "$BUILD/obj/kernel" "$BUILD/obj/board" "$BUILD/obj/view" \
	"$BUILD/obj/util" -name '*.o' | sort)
all_obj=$(find "$BUILD/obj" -name '*.o' | sort)
[ -n "$core_obj" ] || { echo "not ok 1 - no objects in $BUILD/obj: build first"; exit 1; }

bad=$(grep -lE '#include *[<"]fuse' $core_src)
[ -z "$bad" ] && ok "the core includes no FUSE header" ||
	not_ok "FUSE headers included by the core: $bad"
bad=$(for o in $core_obj; do nm -u "$o" | grep -q ' fuse_' && echo "$o"; done)
[ -z "$bad" ] && ok "the core's objects use no fuse_* symbol" ||
	not_ok "fuse_* symbols used by: $bad"

# layer DIR may not include from the listed folders
check_layer() {
	dir=$1; shift
	pat=$(echo "$*" | sed 's/ /|/g')
	bad=$(grep -HnE "#include \"($pat)/" $(find "src/$dir" -name '*.[ch]') | head -5)
	[ -z "$bad" ] && ok "src/$dir includes nothing from $*" ||
		not_ok "src/$dir reaches up: $bad"
}
check_layer kernel board view fs
check_layer view fs board
check_layer util kernel board view fs
check_layer board view fs

# file-level call graph: an edge from the object that uses a symbol to
# the one that defines it; tsort fails on a circle
for o in $all_obj; do
	nm --defined-only -g "$o" | awk -v o="$o" '$2 ~ /[TDBR]/ {print $3, o}'
done | sort > "$tmp/defs"
for o in $all_obj; do
	nm -u "$o" | awk -v o="$o" '{print $2, o}'
done | sort > "$tmp/uses"
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 {print $2, $3}' | sort -u > "$tmp/calls"
if tsort "$tmp/calls" > /dev/null 2> "$tmp/loop"; then
	ok "no call circle between object files ($(wc -l < "$tmp/calls") edges)"
else
	not_ok "call circle between object files"
	sed 's/^/# /' "$tmp/loop" | head -20
fi

# header include graph
for h in $(find src -name '*.h'); do
	grep -oE '#include "[^"]+\.h"' "$h" | sed -E 's/#include "(.*)"/\1/' |
		while read -r inc; do echo "${h#src/} $inc"; done
done | sort -u > "$tmp/incs"
if tsort "$tmp/incs" > /dev/null 2> "$tmp/iloop"; then
	ok "no include circle between headers ($(wc -l < "$tmp/incs") edges)"
else
	not_ok "include circle between headers"
	sed 's/^/# /' "$tmp/iloop" | head -20
fi

# dead code: a global function of the core that nobody else uses
users=$(find "$BUILD/obj" "$BUILD/tests" -name '*.o' 2>/dev/null)
srcs_t=$(find tests -name '*.[ch]')
dead=""
for o in $core_obj; do
	for s in $(nm --defined-only -g "$o" | awk '$2 == "T" {print $3}'); do
		grep -q " $s\$" "$tmp/uses" 2>/dev/null && continue
		awk -v s="$s" -v o="$o" '$1 == s && $2 != o {f=1} END {exit !f}' "$tmp/uses" && continue
		grep -qw "$s" $srcs_t && continue
		dead="$dead $s(${o#"$BUILD"/obj/})"
	done
done
[ -z "$dead" ] && ok "every global function of the core has a user" ||
	not_ok "unused functions:$dead"
[ "$fail" = 0 ]
