#!/bin/sh
# --dry-run as a lint CI can trust (issue 10): options refused by name,
# a file given as the mount point refused, findings with a severity, an
# id and a node; exit 2 only for errors; -o ignore= and -o strict.
. "$(dirname "$0")/lib.sh"
C=$FIX/cli/carveout.dts

# options: a typo of ours, an option nobody knows, FUSE's own
check_err "-o profle=6.1: refused by name" \
	"rmemfs: unknown option 'profle=6.1' (did you mean 'profile'?)" \
	"$BIN" --dry-run -o profle=6.1 "$C"
"$BIN" --dry-run -o profle=6.1 "$C" >/dev/null 2>&1
check "-o profle=6.1: exit 1" "1" "$?"
check_err "-o sync=sometimes: refused, naming the values" "rmemfs: sync=sometimes: off or strict" \
	"$BIN" --dry-run -o sync=sometimes "$C"
check_err "-o synk=strict: did you mean sync" "(did you mean 'sync'?)" \
	"$BIN" --dry-run -o synk=strict "$C"
check_err "-o cmdlin=...: refused by name" "unknown option 'cmdlin=cma=64M'" \
	"$BIN" --dry-run -o cmdlin=cma=64M "$C"
check_err "-o frobnicate: libfuse's refusal names it" "unknown option(s): \`-o frobnicate'" \
	"$BIN" --dry-run -o frobnicate "$C"
"$BIN" --dry-run -o frobnicate "$C" >/dev/null 2>&1
check "-o frobnicate: exit 1" "1" "$?"
"$BIN" --dry-run -o allow_other,ro -s "$C" >/dev/null 2>&1
check "options the mount takes (allow_other, ro, -s) are accepted" "0" "$?"
"$BIN" -o strict --dry-run "$C" >/dev/null 2>&1
check "-o strict before --dry-run leaves --dry-run set (int flags)" "2" "$?"

# a regular file as the mount point: refused, the file untouched
cp "$C" "$T/board.dts"
sum=$(cksum <"$T/board.dts")
check_err "BOARD without a mount point: refused" \
	"rmemfs: $T/board.dts is a file: give a mount point, or use --dry-run" \
	"$BIN" "$T/board.dts"
check "the file is untouched and nothing is mounted on it" "$sum no" \
	"$(cksum <"$T/board.dts") $(mountpoint -q "$T/board.dts" && echo yes || echo no)"

# cpp's #include without -o dts_include= names the option
check_err "#include without dts_include: says which option to add" \
	"cpp-include.dts: has #include lines, which need the C preprocessor: add -o dts_include=DIR[:DIR]" \
	"$BIN" --dry-run "$FIX/cpp-include.dts"

# a carve-out a remoteproc lists, with no compatible: a note, exit 0
out=$("$BIN" --dry-run "$C")
check "carve-out without compatible and a region outside RAM: exit 0" "0" "$?"
check "the carve-out is a note with its id and the device's node" \
	"note    no-init /remoteproc@4080000: remoteproc@4080000: memory-region 0 (modem@8a000000) has no init function (no compatible matched): -EINVAL from of_reserved_mem_device_init, normal for a carve-out the driver maps itself" \
	"$(printf '%s\n' "$out" | grep ' no-init ')"
check "outside RAM is a warning" \
	"warning outside-ram /reserved-memory/beyond@f0000000" \
	"$(printf '%s\n' "$out" | grep -o '^warning outside-ram [^:]*')"
"$BIN" --dry-run -o strict "$C" >/dev/null
check "-o strict: the warning counts, exit 2" "2" "$?"
"$BIN" --dry-run -o strict -o ignore=outside-ram@beyond@f0000000 "$C" >/dev/null
check "-o strict with the warning waived by node name: exit 0" "0" "$?"

# the built-in board: two errors, each waivable
"$BIN" --dry-run -o ignore=cma-alignment >/dev/null
check "one of two errors waived: still exit 2" "2" "$?"
out=$("$BIN" --dry-run -o ignore=cma-alignment:device-einval@/camera@2e000000)
check "both waived (one by id, one by id@path): exit 0" "0" "$?"
check "waived findings stay listed, marked" "2" \
	"$(printf '%s\n' "$out" | grep -c '^error .* (ignored)$')"
check_err "-o ignore= with an unknown id: refused by name" \
	"ignore=cma-alignmnt: unknown finding id 'cma-alignmnt'" \
	"$BIN" --dry-run -o ignore=cma-alignmnt
check_err "-o ignore= with an empty element: refused" \
	"expected ID[@NODE][:ID[@NODE]...]" "$BIN" --dry-run -o ignore=overlap::

# cma= the kernel cannot use: findings, not silence
out=$("$BIN" --dry-run -o cmdline=cma=abc "$C")
check "cma=abc: exit 2" "2" "$?"
check "cma=abc: an error saying what the kernel reads" \
	"error   cma-syntax /chosen: cma=abc: not SIZE[@BASE[-LIMIT]]; the kernel reads a size of 0 bytes and makes no default CMA area" \
	"$(printf '%s\n' "$out" | grep ' cma-syntax ')"
out=$("$BIN" --dry-run -o cmdline=cma=4G "$C")
check "cma=4G: exit 2" "2" "$?"
check "cma=4G: the default area's failure is a finding" \
	"error   default-cma-failed /chosen: the default CMA area (4096 MiB, cma=) does not fit below 0x00000000c0000000 (ZONE_DMA's end): -EINVAL" \
	"$(printf '%s\n' "$out" | grep ' default-cma-failed ')"
check "cma=4G: and a row of the table, after the placed regions" \
	"reserved - 4294967296 (4 GiB) failed -EINVAL the default CMA area could not be reserved" \
	"$(printf '%s\n' "$out" | sed -n '/^# regions/,/^# devices/p' | grep '^reserved ' | tr -s ' ')"

# every id the source reports is one -o ignore= knows and the doc lists
missing=""
for id in $(grep -rhoE 'rm_report(_at)?\(b, "[a-z0-9-]+"' "$ROOT/src" | sed 's/.*"\(.*\)"/\1/' | sort -u); do
	grep -q "\"$id\"" "$ROOT/src/kernel/findings.c" || missing="$missing $id(findings.c)"
	grep -q "^| \`$id\` |" "$ROOT/doc/findings.md" || missing="$missing $id(doc)"
done
check "every reported id is known to -o ignore= and in doc/findings.md" "" "$missing"
check "and the doc lists no id the source does not report" \
	"$(grep -rhoE 'rm_report(_at)?\(b, "[a-z0-9-]+"' "$ROOT/src" | sort -u | sed 's/.*"\(.*\)"/\1/' | sort -u | wc -l)" \
	"$(grep -c '^| `[a-z0-9-]*` |' "$ROOT/doc/findings.md")"
finish
