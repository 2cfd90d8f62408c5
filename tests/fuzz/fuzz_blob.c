// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_blob - libFuzzer target: the input is a board blob, as
 * `rmemfs --dry-run BOARD.dtb` (and the mount) would read it.
 *
 * rm_board_validate() first, exactly as board_load does for a file; a blob
 * that passes is booted with the 6.12, 6.1 and 4.19 profiles in turn (the
 * order rotated by a selector byte), and every boot is rendered the way the
 * dry-run and the tree show it: the dry-run text, meminfo, config, cmdline,
 * every region's and every device's files.  Each device and each pool
 * region then makes one allocation, which is rendered and freed, so a blob
 * that boots a strange pool also exercises its allocator.  Everything is
 * freed: the fuzzer runs with leak detection.
 *
 * The selector is the last byte of the input when it lies beyond the
 * blob's totalsize, else the low byte of the header's boot_cpuid_phys (the
 * first byte of a valid blob is always the 0xd0 of FDT_MAGIC, so it cannot
 * select anything).  RMEMFS_FUZZ_ONE_PROFILE=1 in the environment boots one
 * profile per input (the selected one) instead of all three.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board_load.h"
#include "dma_alloc.h"
#include "profile.h"
#include "render.h"
#include "rmem.h"
#include "strbuf.h"

#define MAX_BLOB (1u << 20)

static const char *const profiles[] = { "6.12", "6.1", "4.19" };
static int one_profile = -1;

static void render_all(struct rm_board *b)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned int i;

	rm_render_dryrun(b, &sb);
	rm_render_meminfo(b, &sb);
	rm_render_config(b, "page-cache", &sb);
	rm_render_cmdline(b, &sb);
	for (i = 0; i < b->nr_regions; i++) {
		const char *const *f = rm_region_files(b->regions[i]);

		for (; *f; f++)
			rm_render_region_file(b, b->regions[i], *f, &sb);
	}
	for (i = 0; i < b->nr_devices; i++) {
		rm_render_device_file(b, b->devices[i], "of_node", &sb);
		rm_render_device_file(b, b->devices[i], "memory-region", &sb);
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
	if (n)
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
	render_all(b);
	alloc_all(b, sel);
	rm_board_free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	unsigned int sel, i;
	uint32_t total;
	void *blob;

	if (one_profile < 0) {
		const char *e = getenv("RMEMFS_FUZZ_ONE_PROFILE");

		one_profile = e && *e == '1';
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
	total = (uint32_t)data[4] << 24 | (uint32_t)data[5] << 16 |
		(uint32_t)data[6] << 8 | data[7];
	sel = size > total ? data[size - 1] : data[31];
	for (i = 0; i < 3; i++) {
		boot_one(blob, size, profiles[(sel + i) % 3], sel / 3 + i);
		if (one_profile)
			break;
	}
	free(blob);
	return 0;
}
