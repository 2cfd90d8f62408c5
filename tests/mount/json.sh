#!/bin/sh
# --dry-run --format=json (issue 10): valid against doc/rmemfs.schema.json
# and saying what the text says: the same regions, devices, findings and
# exit status; unknown formats refused.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
SCHEMA=$ROOT/doc/rmemfs.schema.json
C=$FIX/cli/carveout.dts

"$BIN" --dry-run --format=json >"$T/builtin.json"
check "built-in board as JSON: exit 2 as the text" "2" "$?"
"$BIN" --dry-run --format=json -o memory=1G "$FIX/cli/bootloader-memory.dts" >"$T/bl.json"
"$BIN" --dry-run --format=json -o strict -o ignore=no-init "$C" >"$T/co.json"
check "strict and ignore reach the JSON exit status" "2" "$?"
"$BIN" --dry-run --format=json -o cmdline=cma=4G "$C" >"$T/cma4g.json"
out=$($PY "$ROOT/tests/tools/validate-json.py" "$SCHEMA" "$T"/*.json)
check "every document validates against the schema" "4 of 4 documents valid" "$out"

q() {	# q FILE EXPR: a Python expression over the document d
	$PY -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}
check "top-level keys in the documented order" \
	"schema_version board profile cmdline config memory zones regions cma atomic_pools early devices udmabuf findings errors strict map log" \
	"$(q "$T/builtin.json" "' '.join(d.keys())")"
check "board: path, model, compatible" "(built-in)|rmemfs built-in board|['rmemfs,builtin']" \
	"$(q "$T/builtin.json" "d['board']['path'] + '|' + d['board']['model'] + '|' + str(d['board']['compatible'])")"
check "regions as in the text table, in address order" \
	"$("$BIN" --dry-run | sed -n '/^# regions/,/^$/p' | sed '1,2d;/^$/d' | awk '{print $1}' | tr '\n' ' ')" \
	"$(q "$T/builtin.json" "' '.join(r['dir'] for r in d['regions']) + ' '")"
check "a failed region: status, errno and reason apart" \
	"failed -EINVAL incorrect alignment of CMA region" \
	"$(q "$T/builtin.json" "' '.join(str(x) for r in d['regions'] if r['name'] == 'isp@71100000' for x in (r['status'], r['errno'], r['reason']))")"
check "the default CMA area is marked in regions and cma" "linux,cma linux,cma" \
	"$(q "$T/builtin.json" "[r['name'] for r in d['regions'] if r['default_cma']][0] + ' ' + [c['name'] for c in d['cma'] if c['default']][0]")"
check "a region lists the devices assigned to it" "['/camera@2e000000']" \
	"$(q "$T/builtin.json" "[r['devices'] for r in d['regions'] if r['name'] == 'isp@71100000'][0]")"
check "devices: each memory-region index, its region and result" \
	"0 /reserved-memory/isp@71100000 -EINVAL" \
	"$(q "$T/builtin.json" "' '.join(str(x) for dv in d['devices'] if dv['name'] == 'camera@2e000000' for m in dv['memory_regions'] for x in (m['index'], m['region'], m['result']))")"
check "findings with severity, id and node; errors counted" \
	"error:cma-alignment:/reserved-memory/isp@71100000 error:device-einval:/camera@2e000000 2" \
	"$(q "$T/builtin.json" "' '.join(f['severity'] + ':' + f['id'] + ':' + f['node'] for f in d['findings']) + ' ' + str(d['errors'])")"
check "the atomic pools taken from the default CMA area, with addresses" \
	"atomic_pool_kernel:cma:0x000000007b000000 atomic_pool_dma:cma:0x000000007b040000 atomic_pool_dma32:cma:0x000000007b080000" \
	"$(q "$T/builtin.json" "' '.join(a['name'] + ':' + a['from'] + ':' + a['base'] for a in d['atomic_pools'])")"
check "the log is the text's, line for line" \
	"$("$BIN" --dry-run | sed '/^$/,$d' | wc -l)" "$(q "$T/builtin.json" "len(d['log'])")"
check "skipped and outside-RAM nodes are regions too (placed ones first)" \
	"beyond@f0000000:ok:0x00000000f0000000 off@90000000:skipped:None" \
	"$(q "$T/bl.json" "' '.join(r['name'] + ':' + r['status'] + ':' + str(r['base']) for r in d['regions'] if r['name'] in ('off@90000000', 'beyond@f0000000'))")"
check "outside RAM in the map" "beyond@f0000000 True" \
	"$(q "$T/bl.json" "' '.join(str(x) for e in d['map'] if e['name'] == 'beyond@f0000000' for x in (e['name'], e['outside_ram']))")"
check "the waived finding is marked, the warning counts under strict" "True 1 True" \
	"$(q "$T/co.json" "' '.join(str(x) for x in ([f['ignored'] for f in d['findings'] if f['id'] == 'no-init'][0], d['errors'], d['strict']))")"
check "cma=4G: the default area's row has no base, its failure a finding" \
	"reserved None 4294967296 failed default-cma-failed" \
	"$(q "$T/cma4g.json" "' '.join(str(x) for r in d['regions'] if r['name'] == 'reserved' for x in (r['name'], r['base'], r['size'], r['status'])) + ' ' + [f['id'] for f in d['findings'] if f['severity'] == 'error'][0]")"
dtc -q -@ -I dts -O dtb -o "$T/labels.dtb" "$C"
"$BIN" --dry-run --format=json "$T/labels.dtb" >"$T/labels.json.out"
check "a DTB built with -@: the region's source label (__symbols__)" "modem" \
	"$(q "$T/labels.json.out" "[r['label'] for r in d['regions'] if r['name'] == 'modem@8a000000'][0]")"
check "and in the map text" "0x000000008a000000-0x000000008a7fffff      8 MiB  no-map      modem@8a000000 (modem)" \
	"$("$BIN" --dry-run "$T/labels.dtb" | grep '^0x.* modem@8a000000')"
check_err "--format=xml: refused by name" "--format=xml: expected text, json or svg" \
	"$BIN" --dry-run --format=xml
finish
