// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_blob - libFuzzer target: the input is a board blob, as
 * `rmemfs --dry-run BOARD.dtb` (and the mount) would read it.
 *
 * rm_board_validate() first, exactly as board_load does for a file; a blob
 * that passes is booted (rm_boot, no command line or .config override: the
 * blob's /chosen/bootargs and the Kconfig defaults) with the 6.12, 6.1 and
 * 4.19 profiles in turn: the profile rotates with a selector byte of the
 * input.  Each device and each pool region then makes one allocation, and
 * while they are live the board is rendered the way the dry-run and the
 * tree show it: the dry-run text, meminfo, config, cmdline, every region's
 * and every device's files.  Then everything is freed: the fuzzer runs with
 * leak detection.
 *
 * The selector is the low byte of the header's boot_cpuid_phys (dtc -b N
 * sets it; rmemfs never reads it), or the last byte of the input when that
 * lies beyond the blob's totalsize.  The first byte cannot serve: a valid
 * blob always starts with the 0xd0 of FDT_MAGIC.  profile = selector % 3,
 * allocation size from selector / 3.
 *
 * Environment:
 *   RMEMFS_FUZZ_ALL_PROFILES=1  boot every input with all three profiles
 *                               (rotated by the selector), 3x slower
 *   RMEMFS_FUZZ_SKIP_KNOWN=1    skip inputs that hit a bug already reported
 *                               (known_bug() below), so a long run can look
 *                               past them; off by default
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board/load.h"
#include "kernel/dma/mapping.h"
#include "kernel/profile.h"
#include "view/files.h"
#include "view/render.h"
#include "kernel/system.h"
#include "util/strbuf.h"

#define MAX_BLOB (1u << 20)

static const char *const profiles[] = { "6.12", "6.1", "4.19" };
static int all_profiles = -1, skip_known = -1;

/* every text file of a directory's table, as the mount shows it */
static void render_table(const struct rm_file *table, const struct rm_obj *o,
			 struct strbuf *sb)
{
	const struct rm_file *f;

	for (f = table; f->name; f++)
		if (f->kind == RM_FILE_TEXT && rm_file_present(f, o))
			f->show(o, NULL, sb);
}

static void render_all(struct rm_board *b)
{
	struct strbuf sb = STRBUF_INIT;
	struct rm_obj o = { .b = b };
	unsigned int i;

	rm_render_dryrun(b, &sb);
	render_table(rm_root_files, &o, &sb);
	for (i = 0; i < b->nr_regions; i++) {
		struct rm_obj r = { .b = b, .region = b->regions[i] };

		render_table(rm_region_files, &r, &sb);
	}
	for (i = 0; i < b->nr_devices; i++) {
		struct rm_obj d = { .b = b, .dev = b->devices[i] };

		render_table(rm_device_files, &d, &sb);
	}
	strbuf_release(&sb);
}

/* one allocation per device and per pool, sizes from the selector */
static void alloc_all(struct rm_board *b, unsigned int sel)
{
	static const uint64_t sizes[] = { 1, 4096, 8192, 12288, 65536 + 1,
					  1 << 20, 3 << 20, 16 << 20 };
	struct rm_alloc *a;
	unsigned int i, n = 0, max = b->nr_devices + b->nr_regions;
	uint64_t size = sizes[sel % (sizeof(sizes) / sizeof(sizes[0]))];

	a = calloc(max ? max : 1, sizeof(*a));
	if (!a)
		return;
	for (i = 0; i < b->nr_devices; i++)
		if (!rm_dma_alloc(b, b->devices[i], size, &a[n]))
			n++;
	for (i = 0; i < b->nr_regions; i++)
		if (rm_region_is_pool(b->regions[i]) &&
		    !rm_region_alloc(b, b->regions[i], size, &a[n]))
			n++;
	render_all(b);
	while (n)
		rm_dma_free(b, &a[--n]);
	free(a);
}

static void boot_one(const void *blob, size_t size, const char *profile,
		     unsigned int sel)
{
	struct rm_boot_opts bo = { 0 };
	struct rm_board *b = NULL;
	char err[512];

	bo.profile = rm_profile_find(profile);
	if (!bo.profile)
		abort();
	if (rm_boot(blob, size, &bo, &b, err, sizeof(err)))
		return;		/* out of memory: nothing was kept */
	alloc_all(b, sel);
	rm_board_free(b);
}

static int cells(const void *fdt, int node, const char *name, int dflt)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, name, &len);
	return p && len >= 4 ? (int)fdt32_to_cpu(*p) : dflt;
}

/* any size of a (ac, sc) tuple list in prop larger than max; total too */
static int big_sizes(const void *fdt, int node, const char *prop, int ac,
		     int sc, uint64_t max, uint64_t *total)
{
	const fdt32_t *reg;
	int len, c;

	if (ac < 0 || sc < 0 || ac + sc == 0 || ac > 64 || sc > 64)
		return 0;
	reg = fdt_getprop(fdt, node, prop, &len);
	for (; reg && len >= (ac + sc) * 4; len -= (ac + sc) * 4, reg += ac + sc) {
		uint64_t size = 0;

		for (c = 0; c < sc; c++)
			size = size << 32 | fdt32_to_cpu(reg[ac + c]);
		if (size > max || (*total += size) > max)
			return 1;
	}
	return 0;
}

/*
 * The bugs already reported, each with its input under
 * tests/fuzz/regress/fuzz_blob/ (named after them).  The first three are
 * fixed in 649cc1d; their filters stay for fuzzing older trees.
 *  - hugemem: the early page-table model (src/kernel/arm64/early_alloc.c) looped once
 *    per 2 MiB of /memory and nothing clamped a bank to what arm64 can
 *    address: a bank of petabytes took minutes to forever.  Skipped: boards
 *    whose /memory banks add up to more than 1 TiB.
 *  - hugepool: a coherent pool's bitmap (src/kernel/dma/coherent.c coherent_create)
 *    was sized from the region, unbounded: a no-map pool of 2^59 bytes
 *    asked calloc for 16 TiB.  Skipped: /reserved-memory children with a
 *    reg or size over 1 TiB.
 *  - rootcells: the root's #address-cells/#size-cells were used unchecked
 *    (then src/boot.c scan_memory(), now src/kernel/of/fdt.c dt_scan_memory()): #size-cells = <0xfffffffd> walked reg out
 *    of the blob, SIGSEGV.  Skipped: root cells over 4.
 *  - buscells: src/device.c collect_dma_ranges() (now src/kernel/of/address.c) computes
 *    (int)(cac + pac + csc) * 4 from a parent bus's cells before checking
 *    them: #address-cells = <0x40000000> on a device's bus is a signed
 *    overflow (UBSan).  Skipped: any node's cells over 4.
 */
static int big_cells(const void *fdt)
{
	int node = 0, depth = 0;

	for (; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth))
		if ((unsigned int)cells(fdt, node, "#address-cells", 0) > 4 ||
		    (unsigned int)cells(fdt, node, "#size-cells", 0) > 4)
			return 1;
	return 0;
}

static int known_bug(const void *fdt)
{
	int ac = cells(fdt, 0, "#address-cells", 1);
	int sc = cells(fdt, 0, "#size-cells", 1);
	uint64_t total = 0, t;
	int node, rm, rac, rsc;

	if ((unsigned int)ac > 4 || (unsigned int)sc > 4 || big_cells(fdt))
		return 1;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (!type || strcmp(type, "memory"))
			continue;
		if (big_sizes(fdt, node, "reg", ac, sc, 1ULL << 40, &total) ||
		    big_sizes(fdt, node, "linux,usable-memory", ac, sc,
			      1ULL << 40, &total))
			return 1;
	}
	rm = fdt_path_offset(fdt, "/reserved-memory");
	if (rm < 0)
		return 0;
	rac = cells(fdt, rm, "#address-cells", ac);
	rsc = cells(fdt, rm, "#size-cells", sc);
	fdt_for_each_subnode(node, fdt, rm) {
		t = 0;
		if (big_sizes(fdt, node, "reg", rac, rsc, 1ULL << 40, &t))
			return 1;
		t = 0;
		if (big_sizes(fdt, node, "size", 0, rsc, 1ULL << 40, &t))
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	unsigned int sel, i;
	uint32_t total;
	void *blob;

	if (all_profiles < 0) {
		const char *e = getenv("RMEMFS_FUZZ_ALL_PROFILES");

		all_profiles = e && *e == '1';
		e = getenv("RMEMFS_FUZZ_SKIP_KNOWN");
		skip_known = e && *e == '1';
	}
	if (size > MAX_BLOB)
		return 0;
	/* board_load hands rm_boot a malloc'ed copy: aligned, owned */
	blob = malloc(size ? size : 1);
	if (!blob)
		return 0;
	memcpy(blob, data, size);
	if (rm_board_validate(blob, size, "fuzz.dtb", err, sizeof(err))) {
		free(blob);
		return 0;
	}
	if (skip_known && known_bug(blob)) {
		free(blob);
		return 0;
	}
	total = (uint32_t)data[4] << 24 | (uint32_t)data[5] << 16 |
		(uint32_t)data[6] << 8 | data[7];
	sel = size > total ? data[size - 1] : data[31];
	for (i = 0; i < 3; i++) {
		boot_one(blob, size, profiles[(sel + i) % 3], sel / 3 + i);
		if (!all_profiles)
			break;
	}
	free(blob);
	return 0;
}
