// SPDX-License-Identifier: GPL-2.0
/*
 * rm_boot(): the arm64 early boot in the profile's order (profiles.md
 * §2), from /memory to the devices' memory-region assignments.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/fdt.h"
#include "kernel/of/of_reserved_mem.h"

/* early_init_dt_scan_memory(): page-aligned banks of device_type memory */
static void scan_memory(struct rm_board *b)
{
	int node;

	fdt_for_each_subnode(node, b->fdt, 0) {
		const char *type = fdt_getprop(b->fdt, node, "device_type", NULL);
		unsigned int t = b->root_addr_cells + b->root_size_cells;
		const fdt32_t *reg;
		int len;

		if (!type || strcmp(type, "memory") || !dt_is_available(b->fdt, node))
			continue;
		reg = fdt_getprop(b->fdt, node, "linux,usable-memory", &len);
		if (!reg || len <= 0)
			reg = fdt_getprop(b->fdt, node, "reg", &len);
		if (!reg || !t)
			continue;
		for (; len >= (int)t * 4; len -= (int)t * 4, reg += t) {
			uint64_t base = dt_read_number(reg, (int)b->root_addr_cells);
			uint64_t size = dt_read_number(reg + b->root_addr_cells,
						       (int)b->root_size_cells);
			uint64_t aligned;

			if (!size)
				continue;
			/* early_init_dt_add_memory_arch() */
			aligned = (base + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);
			if (aligned - base >= size)
				continue;
			size -= aligned - base;
			size &= ~(RM_PAGE_SIZE - 1);
			if (size)
				memblock_add(&b->mb, aligned, size);
		}
	}
}

/* /chosen linux,initrd-start/-end: reserved page-aligned, as arm64 does */
static void reserve_initrd(struct rm_board *b)
{
	int chosen = fdt_path_offset(b->fdt, "/chosen"), ls, le;
	const fdt32_t *s, *e;
	uint64_t start, end, base;

	if (chosen < 0)
		return;
	s = fdt_getprop(b->fdt, chosen, "linux,initrd-start", &ls);
	e = fdt_getprop(b->fdt, chosen, "linux,initrd-end", &le);
	if (!s || !e || ls < 4 || le < 4 || ls > 8 || le > 8)
		return;
	start = dt_read_number(s, ls / 4);
	end = dt_read_number(e, le / 4);
	if (end <= start)
		return;
	base = start & ~(RM_PAGE_SIZE - 1);
	end = (end + RM_PAGE_SIZE - 1) & ~(RM_PAGE_SIZE - 1);
	memblock_add(&b->mb, base, end - base);
	memblock_clear_nomap(&b->mb, base, end - base);
	memblock_reserve(&b->mb, base, end - base);
}

static char *chosen_bootargs(struct rm_board *b)
{
	int chosen = fdt_path_offset(b->fdt, "/chosen"), len;
	const char *args;

	if (chosen < 0)
		return strdup("");
	args = fdt_getprop(b->fdt, chosen, "bootargs", &len);
	if (!args || len <= 0)
		return strdup("");
	return strndup(args, (size_t)len);
}

/* arm64_dma_phys_limit: the 32-bit addressable end of RAM */
static uint64_t dma_phys_limit(struct rm_board *b)
{
	uint64_t start = memblock_start_of_dram(&b->mb);
	uint64_t end = memblock_end_of_dram(&b->mb);
	uint64_t mask = 0xffffffffULL;

	if (!end)
		return 0;
	if (b->profile->nomap_removes) {
		/* 4.19 max_zone_dma_phys() */
		uint64_t offset = start & ~0xffffffffULL;

		return offset + (1ULL << 32) < end ? offset + (1ULL << 32) : end;
	}
	/* 6.x max_zone_phys(32) */
	if (start > 0xffffffffULL)
		mask = ~0ULL;
	return (mask < end - 1 ? mask : end - 1) + 1;
}

static int board_alloc(struct rm_board **out, const void *fdt, size_t fdt_size,
		       const struct rm_boot_opts *opts)
{
	struct rm_board *b = calloc(1, sizeof(*b));

	if (!b)
		return -ENOMEM;
	b->profile = opts->profile ? opts->profile : rm_profile_default();
	if (opts->kconfig)
		b->kconfig = *opts->kconfig;
	else
		rm_kconfig_defaults(&b->kconfig, b->profile);
	b->fdt = fdt;
	b->fdt_size = fdt_size;
	memblock_init(&b->mb);
	bootlog_init(&b->log);
	pthread_mutex_init(&b->lock, NULL);
	b->table_cap = b->profile->max_reserved;
	b->table = calloc(b->table_cap, sizeof(*b->table));
	b->max_cma = rm_kconfig_max_cma_areas(&b->kconfig, b->profile);
	b->cma_areas = calloc(b->max_cma ? b->max_cma : 1, sizeof(*b->cma_areas));
	*out = b;
	if (!b->table || !b->cma_areas)
		return -ENOMEM;
	return 0;
}

/* unique directory names for regions (duplicates: the path, '/' as '!') */
static void name_regions(struct rm_board *b)
{
	unsigned int i, j;

	for (i = 0; i < b->nr_regions; i++) {
		struct rm_region *r = b->regions[i];
		bool clash = false;
		char *c;

		for (j = 0; j < b->nr_regions; j++)
			if (j != i && !strcmp(b->regions[j]->name, r->name))
				clash = true;
		snprintf(r->dirname, sizeof(r->dirname), "%s",
			 clash && r->path[0] ? r->path : r->name);
		for (c = r->dirname; *c; c++)
			if (*c == '/')
				*c = '!';
	}
}

static void early_boot(struct rm_board *b, const struct rm_boot_opts *opts)
{
	const struct rm_profile *p = b->profile;
	unsigned int i;

	scan_memory(b);
	reserve_initrd(b);
	/* the kernel image, the DTB, ... as the user gave them */
	for (i = 0; i < opts->nr_reserve; i++)
		memblock_reserve(&b->mb, opts->reserve[i].base, opts->reserve[i].size);

	if (!p->memreserve_after_scan)
		rm_reserve_memreserve(b);
	rm_scan_reserved_mem(b);
	if (p->flow == RM_FLOW_SORTED)
		rm_init_reserved_mem(b);
	else
		rm_reserve_memreserve(b);

	b->dma_phys_limit = dma_phys_limit(b);
	if (p->default_cma_after_paging) {
		/* paging_init, unflatten_device_tree, bootmem_init */
		rm_early_paging_init(b);
		if (p->flow == RM_FLOW_EARLY_DYNAMIC) {
			rm_early_reserved_mem_array(b);
			rm_scan_reg_nodes(b);
		}
		rm_early_bootmem_init(b);
	}
	rm_contiguous_reserve(b);
}

int rm_boot(const void *fdt, size_t fdt_size, const struct rm_boot_opts *opts,
	    struct rm_board **out, char *err, size_t errlen)
{
	struct rm_board *b = NULL;
	int ret;

	ret = board_alloc(&b, fdt, fdt_size, opts);
	if (ret)
		goto fail;
	ret = dt_index_build(&b->dtix, fdt);
	if (ret)
		goto fail;
	b->root_addr_cells = dt_cells(fdt, 0, "#address-cells", 1);
	b->root_size_cells = dt_cells(fdt, 0, "#size-cells", 1);
	b->cmdline = opts->cmdline ? strdup(opts->cmdline) : chosen_bootargs(b);
	if (!b->cmdline) {
		ret = -ENOMEM;
		goto fail;
	}
	rm_cmdline_parse(&b->cl, b->cmdline);
	if (b->cl.cma_no_value && b->profile->config_string_msg)
		rm_err(b, "cma: Config string not provided");

	early_boot(b, opts);

	/* mem_init: what is left is the page allocator's */
	ret = sysmem_init(&b->sys, &b->mb);
	if (ret)
		goto fail;
	ret = cma_activate_all(b);
	if (ret)
		goto fail;
	rm_atomic_pools_init(b);
	name_regions(b);
	ret = rm_devices_init(b);
	if (ret)
		goto fail;
	*out = b;
	return 0;
fail:
	snprintf(err, errlen, "out of memory while booting the board");
	rm_board_free(b);
	return ret;
}

void rm_board_free(struct rm_board *b)
{
	unsigned int i;

	if (!b)
		return;
	rm_devices_free(b);
	for (i = 0; i < b->nr_regions; i++) {
		coherent_destroy(b->regions[i]->coh);
		free(b->regions[i]);
	}
	for (i = 0; i < b->nr_cma; i++)
		cma_free_area(b->cma_areas[i]);
	free(b->regions);
	free(b->table);
	free(b->cma_areas);
	free(b->cmdline);
	sysmem_release(&b->sys);
	memblock_release(&b->mb);
	bootlog_release(&b->log);
	strbuf_release(&b->hints);
	dt_index_free(&b->dtix);
	pthread_mutex_destroy(&b->lock);
	free(b);
}
