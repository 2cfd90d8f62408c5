#!/bin/sh
# Boards whose bootloader fills in /memory, the regions every boot must
# account for, and command lines with commas (issue 9):
#   -o memory=SIZE | BASE+SIZE[,...]  as U-Boot's fdt_fixup_memory_banks()
#   the no-RAM finding, first; skipped and outside-RAM regions in the table
#   and in regions/; cmdline= with commas (\, or carried on), cmdline_file=
. "$(dirname "$0")/lib.sh"
B=$FIX/cli/bootloader-memory.dts

row() {	# row NAME: the region's line of the dry-run table, columns squeezed
	printf '%s\n' "$out" | sed -n '/^# regions/,/^# devices/p' |
		grep "^$1 " | tr -s ' '
}

out=$("$BIN" --dry-run "$B")
check "no RAM: exit 2" "2" "$?"
check "no RAM: the first finding says where the bootloader's RAM goes" \
	"error   no-ram /memory@80000000: /memory@80000000 has no size (the bootloader fills it in): give the board's RAM with -o memory=..." \
	"$(printf '%s\n' "$out" | sed -n '/^# findings$/{n;p;q}')"

out=$("$BIN" --dry-run -o memory=1G "$B")
check "memory=SIZE: one bank at memory@80000000's unit address" \
	"  node   0: [mem 0x0000000080200000-0x00000000bfffffff]" \
	"$(printf '%s\n' "$out" | grep '^  node   0: ' | tail -1)"
check "memory=1G: the dynamic default CMA pool placed at the top" \
	"linux,cma 0x00000000bf000000 16777216 (16 MiB) cma ok" "$(row 'linux,cma')"
check "a region outside every bank says so" \
	"beyond@f0000000 0x00000000f0000000 1048576 (1 MiB) none ok, outside RAM" \
	"$(row 'beyond@f0000000')"
printf '%s\n' "$out" | grep -q "^warning outside-ram /reserved-memory/beyond@f0000000: 'beyond@f0000000' \[0x00000000f0000000, 0x00000000f0100000) is outside every memory bank" &&
	ok "finding: outside every memory bank" || not_ok "finding: outside every memory bank"
check "a disabled child is listed as skipped, with its status" \
	'off@90000000 - - skipped skipped: status = "disabled"' \
	"$(row 'off@90000000')"
check "a child with neither reg nor size is listed as skipped" \
	"nothing - - skipped skipped: neither reg nor size" \
	"$(row nothing)"
out=$("$BIN" --dry-run -o profile=6.1 -o memory=1G "$B")
check "6.1: an empty reg is skipped silently by the kernel, listed here" \
	"empty@a0000000 - - skipped skipped: empty reg: nothing reserved" \
	"$(row 'empty@a0000000')"

out=$("$BIN" --dry-run -o memory=0x80000000+0x20000000,0x100000000+0x40000000 "$B")
check "memory=BASE+SIZE,BASE+SIZE: two banks" \
	"  node   0: [mem 0x0000000080200000-0x000000009fffffff]
  node   0: [mem 0x0000000100000000-0x000000013fffffff]" \
	"$(printf '%s\n' "$out" | grep '^  node   0: ' | tail -2)"

printf '/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>; };\n' > "$T/nomem.dts"
check_err "memory=SIZE without a memory@BASE node: exit 1, BASE+SIZE needed" \
	"memory=SIZE: the board has no memory@BASE node: give the bank as BASE+SIZE" \
	"$BIN" --dry-run -o memory=1G "$T/nomem.dts"
"$BIN" --dry-run -o memory=0x40000000+1G "$T/nomem.dts" > "$T/out" 2>&1
check "memory=BASE+SIZE on a board with no memory node: /memory made" \
	"  node   0: [mem 0x0000000040000000-0x000000007fffffff]" \
	"$(grep '^  node   0: ' "$T/out" | tail -1)"
check_err "memory=garbage: exit 1, the option named" "memory=1Q: expected SIZE or BASE+SIZE" \
	"$BIN" --dry-run -o memory=1Q "$B"

# command lines with commas
out=$("$BIN" --dry-run -o 'cmdline=console=ttyS0,115200 cma=32M')
printf '%s\n' "$out" | grep -q '^cma: Reserved 32 MiB at ' &&
	ok "cmdline=console=ttyS0,115200 cma=32M keeps cma=32M" ||
	not_ok "cmdline= with a comma lost cma=32M"
out=$("$BIN" --dry-run -o 'cmdline=console=ttyS0\,115200n8 cma=16M')
printf '%s\n' "$out" | grep -q '^cma: Reserved 16 MiB at ' &&
	ok "cmdline= with FUSE's \\, escape" || not_ok "cmdline= with \\,"
printf 'console=ttyAMA0,115200 root=/dev/vda2 cma=8M\n' > "$T/cmdline"
out=$("$BIN" --dry-run -o "cmdline_file=$T/cmdline")
printf '%s\n' "$out" | grep -q '^cma: Reserved 8 MiB at ' &&
	ok "cmdline_file= reads a real command line" || not_ok "cmdline_file="
printf 'cma=8M\ncma=16M\n' > "$T/two"
check_err "cmdline_file= with two lines: exit 1" "more than one line" \
	"$BIN" --dry-run -o "cmdline_file=$T/two"

mount_rmemfs -o 'cmdline=console=ttyS0,115200 cma=32M' -o memory=1G "$B"
check "mounted: cmdline holds the comma and what follows" \
	"console=ttyS0,115200 cma=32M" "$(cat "$MNT/cmdline")"
check "mounted: regions/ shows the skipped child" "skipped" \
	"$(cat "$MNT/regions/off@90000000/type")"
check "mounted: its status says why" 'skipped: status = "disabled"' \
	"$(cat "$MNT/regions/off@90000000/status")"
check "mounted: the region outside RAM" "ok, outside RAM" \
	"$(cat "$MNT/regions/beyond@f0000000/status")"
unmount_rmemfs
finish
