#!/bin/sh
# librmemfs (issue 13): the same placement as `echo > alloc`; lifetimes
# (fork, exec, SIGKILL with buffers held: memory back exactly when the
# last user goes); every errno; a program built only from
# `pkg-config --cflags --libs rmemfs` after `make install`.
. "$(dirname "$0")/lib.sh"
API=$HELPERS/api_test
SIZES="4096 16384 12288 8192 4097 1 65536 1048576"
mount_rmemfs 2>/dev/null || { not_ok "mount"; finish; exit 1; }
api=$(for d in display@2c000000 default; do "$API" place "$MNT/devices/$d" $SIZES; done)
unmount_rmemfs
mount_rmemfs 2>/dev/null || { not_ok "mount again"; finish; exit 1; }
shell=$(for d in display@2c000000 default; do
	i=0
	for s in $SIZES; do
		exec 3<>"$MNT/devices/$d/alloc"
		if echo "$s a$i" >&3 2>/dev/null; then
			read -r name phys dma rest <&3
			echo "$name $dma"
		else
			echo "a$i -12"	# ENOMEM, as the API says it
		fi
		exec 3<&-
		i=$((i + 1))
	done
done)
check "the API's placement is the alloc file's (a coherent pool, the default path)" \
	"$shell" "$api"
check "and the first buffers are where the goldens put them" \
	"a0 0x50000000" "$(printf '%s\n' "$api" | head -1)"
unmount_rmemfs

mount_rmemfs 2>/dev/null || { not_ok "mount"; finish; exit 1; }
want=files
grep -q '^backing=passthrough' "$MNT/config" && want=fast
check "one round trip on the mount's socket where passthrough is on, else the files" \
	"$want" "$("$API" path "$MNT/devices/display@2c000000")"
"$API" life "$MNT/devices/display@2c000000" >"$T/life.out" 2>&1
tap life <"$T/life.out"
"$API" reuse "$MNT/devices/display@2c000000" >"$T/reuse.out" 2>&1
tap reuse <"$T/reuse.out"
"$API" errors "$MNT/devices/display@2c000000" "$MNT/regions/linux,cma" >"$T/errors.out" 2>&1
tap errors <"$T/errors.out"
B=$MNT/devices/display@2c000000/buffers/xa
echo "4096 xa" >"$MNT/devices/display@2c000000/alloc"
check_err "user.rmemfs.autofree takes only 1" "Invalid argument" \
	setfattr -n user.rmemfs.autofree -v 0 "$B"
check_err "no other xattr can be set" "Operation not permitted" \
	setfattr -n user.rmemfs.other -v 1 "$B"
setfattr -n user.rmemfs.autofree -v 1 "$B"
check "setfattr user.rmemfs.autofree=1: the buffer goes when its last user does (here: now)" \
	"" "$(grep '^xa ' "$MNT/devices/display@2c000000/allocations")"
check "the buffers of a program that exited without freeing went back" "" \
	"$(grep -E '^a[0-9] ' "$MNT/devices/display@2c000000/allocations")"

# make install, then a program that knows only pkg-config
unmount_rmemfs

# each buffer holds a memfd and a probe file in the server: a soft limit
# of 64 files must not cap them (fs_main.c raises it to the hard limit).
# Not under valgrind: it keeps the file limit it started with for itself
# (its setrlimit raises nothing), so the check would test valgrind.
if [ "${VALGRIND:-0}" = 1 ]; then
	echo "# skipped under valgrind: the soft file limit check"
else
	(ulimit -Sn 64 && mount_rmemfs 2>/dev/null) || { not_ok "mount with 64 files"; finish; exit 1; }
	sizes=$(i=0; while [ $i -lt 200 ]; do echo 4096; i=$((i + 1)); done)
	# shellcheck disable=SC2086
	held=$("$API" place "$MNT/devices/default" $sizes)
	check "a server started with a soft limit of 64 files holds 200 buffers of a program" \
		"200 0" "$(printf '%s\n' "$held" | grep -c ' 0x') $(printf '%s\n' "$held" | grep -vc ' 0x')"
	check "and they went back when it exited" "" \
		"$(grep -E '^a[0-9]+ ' "$MNT/devices/default/allocations")"
	unmount_rmemfs
fi
mount_rmemfs 2>/dev/null || { not_ok "mount"; finish; exit 1; }

make -s -C "$ROOT" BUILD="$BUILD" install PREFIX="$T/prefix" >/dev/null 2>&1 ||
	not_ok "make install PREFIX=$T/prefix"
cat > "$T/prog.c" <<'CEOF'
#include <rmemfs.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct rmem_buf b;
	int err = rmem_alloc(argv[1], 1 << 20, "frame0", &b);

	if (err)
		return fprintf(stderr, "rmem_alloc: %s\n", strerror(-err)), 1;
	memset(b.addr, 0xab, b.size);
	printf("%s dma=0x%llx %zu bytes in %s\n", b.name,
	       (unsigned long long)b.dma, b.size, b.pool);
	return rmem_free(&b) ? 1 : 0;
}
CEOF
san=
nm -D "$T/prefix/lib/librmemfs.so" 2>/dev/null | grep -q __asan && san="-fsanitize=address,undefined"
if PKG_CONFIG_PATH=$T/prefix/lib/pkgconfig cc $san -o "$T/prog" "$T/prog.c" \
	$(PKG_CONFIG_PATH=$T/prefix/lib/pkgconfig pkg-config --cflags --libs rmemfs); then
	check "built from pkg-config alone, it allocates with the kernel's placement" \
		"frame0 dma=0x7b100000 1048576 bytes in linux,cma" \
		"$(LD_LIBRARY_PATH=$T/prefix/lib "$T/prog" "$MNT/devices/default")"
else
	not_ok "cc \$(pkg-config --cflags --libs rmemfs)"
fi
check "and its buffer went back when it freed it" "" \
	"$(grep '^frame0 ' "$MNT/devices/default/allocations")"
unmount_rmemfs
finish
