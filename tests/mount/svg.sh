#!/bin/sh
# --dry-run --format=svg (issue 10): the map as a picture renders without
# error (rsvg-convert, librsvg2-bin) and names every region it places;
# outside-RAM regions and failed ones say so.
. "$(dirname "$0")/lib.sh"

names_in_svg() {	# names_in_svg DRYRUN-TEXT SVG: placed regions missing
	printf '%s\n' "$1" | sed -n '/^# regions/,/^$/p' | sed '1,2d;/^$/d' |
		awk '$2 != "-" {print $1}' | while read -r r; do
		grep -qF ">$r" "$2" || grep -qF ">$r " "$2" || echo "$r"
	done
}

svg_case() {	# svg_case NAME MIN-REGIONS rmemfs-args...
	name=$1 min=$2
	shift 2
	"$BIN" --dry-run --format=svg "$@" >"$T/$name.svg"
	rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 2 ] || { not_ok "$name: exit $rc"; return; }
	if rsvg-convert "$T/$name.svg" -o "$T/$name.png" 2>"$T/$name.err" &&
	   [ -s "$T/$name.png" ] && [ ! -s "$T/$name.err" ]; then
		ok "$name: rsvg-convert renders it without a message"
	else
		not_ok "$name: rsvg-convert: $(head -3 "$T/$name.err")"
	fi
	text=$("$BIN" --dry-run "$@")
	placed=$(printf '%s\n' "$text" | sed -n '/^# regions/,/^$/p' | sed '1,2d;/^$/d' |
		awk '$2 != "-"' | wc -l)
	if [ "$placed" -ge "$min" ]; then
		ok "$name: $placed placed regions (at least $min)"
	else
		not_ok "$name: only $placed placed regions, wanted $min"
	fi
	check "$name: every placed region's name is in the picture" "" \
		"$(names_in_svg "$text" "$T/$name.svg" | tr '\n' ' ')"
}

svg_case builtin 5
svg_case sm8450 30 "$(board_dtb "$FIX/boards/sm8450-hdk.dts" 8G)"
svg_case carveout 3 -o memory=0x80000000+1G,0x100000000+1G "$FIX/cli/carveout.dts"
check "a region outside RAM is dashed and says so" "1 1" \
	"$(grep -c 'stroke-dasharray' "$T/carveout.svg") $(grep -c '>outside RAM<' "$T/carveout.svg")"
check "the hole between the banks is drawn" "1" "$(grep -c '>hole: no RAM, 1 GiB<' "$T/carveout.svg")"
check "a failed region says why" "1" \
	"$(grep -c '>-EINVAL incorrect alignment of CMA region<' "$T/builtin.svg")"
check "the default CMA area's atomic pools are drawn inside it" "3" \
	"$(grep -c '<title>atomic pool atomic_pool_' "$T/builtin.svg")"
sed 's/model = "rmemfs carve-out board";/model = "Board <A\&B> \\"rev 2\\"";/' "$FIX/cli/carveout.dts" >"$T/markup.dts"
"$BIN" --dry-run --format=svg "$T/markup.dts" >"$T/markup.svg"
check "a model with markup is escaped: the picture stays XML and renders" \
	"1 0" "$(grep -c 'Board &lt;A&amp;B&gt; &quot;rev 2&quot;' "$T/markup.svg") \
$(rsvg-convert "$T/markup.svg" -o "$T/markup.png" 2>&1 >/dev/null | wc -l)"
finish
