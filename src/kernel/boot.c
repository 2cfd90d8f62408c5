// SPDX-License-Identifier: GPL-2.0
/*
 * rm_boot(): the arm64 early boot in the profile's order (doc/kernels.md
 * §2), from /memory to the devices' memory-region assignments.  Every
 * step is a call into the file that models the kernel's; this file only
 * knows the order.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/arm64/arm64.h"
#include "kernel/dma/coherent.h"
#include "kernel/dma/contiguous.h"
#include "kernel/dma/pool.h"
#include "kernel/drivers/u-dma-buf.h"
#include "kernel/of/fdt.h"
#include "kernel/of/platform.h"
#include "kernel/system.h"

static int board_alloc(struct rm_board **out, const void *fdt, size_t fdt_size,
		       const struct rm_boot_opts *opts)
{
	struct rm_board *b = calloc(1, sizeof(*b));

	*out = b;
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
	b->log.warn_file_first = b->profile->warn_file_first;
	b->table_cap = b->profile->max_reserved;
	b->table = calloc(b->table_cap, sizeof(*b->table));
	if (!b->table)
		return -ENOMEM;
	return cma_table_init(&b->cma,
			      rm_kconfig_max_cma_areas(&b->kconfig, b->profile),
			      &b->profile->cma, &b->log);
}

/*
 * No RAM: on most boards the bootloader fills in /memory.  The first
 * hint, since everything after it follows from it.
 */
static void hint_no_ram(struct rm_board *b)
{
	int node = fdt_subnode_offset(b->fdt, 0, "memory");
	char path[RM_NAME_MAX];

	if (node < 0) {
		rm_report(b, "no-ram", RM_ERROR, "/", "the board has no /memory "
			  "node (the bootloader adds it): give the board's RAM "
			  "with -o memory=BASE+SIZE");
		return;
	}
	dt_index_path(&b->dtix, b->fdt, node, path, sizeof(path));
	rm_report(b, "no-ram", RM_ERROR, path, "%s has no size (the bootloader "
		  "fills it in): give the board's RAM with -o memory=...", path);
}

/* the banks before no-map carves them (4.19 removes no-map regions) */
static void save_banks(struct rm_board *b)
{
	size_t i, n = b->mb.memory.cnt;

	b->banks = n ? calloc(n, sizeof(*b->banks)) : NULL;
	if (!b->banks)
		return;		/* the map shows no banks; the boot goes on */
	for (i = 0; i < n; i++) {
		b->banks[i].base = b->mb.memory.r[i].base;
		b->banks[i].size = b->mb.memory.r[i].size;
	}
	b->nr_banks = n;
}

/* setup_arch() to mm_core_init(): memory, reservations, the default area */
static void early_boot(struct rm_board *b, const struct rm_boot_opts *opts)
{
	const struct rm_profile *p = b->profile;
	unsigned int i;

	dt_scan_memory(b->fdt, b->root_addr_cells, b->root_size_cells,
		       b->profile->memory_scan_whole_tree, b->profile->rmem_ops,
		       &b->mb);
	if (!b->mb.memory.cnt)
		hint_no_ram(b);
	/* arm64_memblock_init(): mem= first, then the initrd */
	if (b->cl.mem_given)
		memblock_mem_limit_remove_map(&b->mb, b->cl.mem_limit);
	save_banks(b);
	rm_arm64_reserve_initrd(b);
	/* the kernel image, the DTB, ... as the user gave them */
	for (i = 0; i < opts->nr_reserve; i++) {
		memblock_reserve(&b->mb, opts->reserve[i].base, opts->reserve[i].size);
		rm_early_note(b, opts->reserve[i].base, opts->reserve[i].size,
			      "-o reserve= (kernel image, DTB, ...)");
	}

	if (!p->memreserve_after_scan)
		rm_reserve_memreserve(b);
	rm_scan_reserved_mem(b);
	if (p->flow == RM_FLOW_SORTED)
		rm_init_reserved_mem(b);
	else
		rm_reserve_memreserve(b);

	if (p->default_cma_after_paging) {
		/* paging_init, unflatten_device_tree, bootmem_init */
		rm_early_paging_init(b);
		if (p->flow == RM_FLOW_EARLY_DYNAMIC) {
			rm_early_reserved_mem_array(b);
			rm_scan_reg_nodes(b);
		}
		rm_early_bootmem_init(b);
		rm_arm64_zone_limits(b);
		if (p->cma_before_sparse) {
			/* 7.2: sparse_init() moved into free_area_init(),
			 * after setup_arch() */
			rm_contiguous_reserve(b);
			rm_early_sparse_init(b);
			rm_arm64_free_area_init(b);
		} else {
			rm_early_sparse_init(b);
			rm_arm64_free_area_init(b);
			rm_contiguous_reserve(b);
		}
	} else {
		/* 4.19: the default area ends arm64_memblock_init(), the
		 * zones are printed by bootmem_init() after it */
		rm_arm64_zone_limits(b);
		rm_contiguous_reserve(b);
		rm_arm64_free_area_init(b);
	}
}

/* the DT path of the region whose CMA area holds pfn, "/" for none */
static const char *region_of_pfn(struct rm_board *b, uint64_t pfn)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++) {
		const struct rm_region *r = b->regions[i];

		if (r->cma && pfn >= r->cma->base_pfn &&
		    pfn - r->cma->base_pfn < (r->size >> RM_PAGE_SHIFT))
			return r->path[0] ? r->path : "/";
	}
	return "/";
}

/* "CMA area %s could not be activated": the region's finding */
static void report_not_activated(struct rm_board *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++) {
		struct rm_region *r = b->regions[i];

		if (!r->cma || r->cma->bitmap)
			continue;
		rm_report(b, "cma-not-activated", RM_ERROR, r->path,
			  "CMA area %s could not be activated: its pages lie in "
			  "two zones (ZONE_DMA ends at " RM_PA_FMT ")", r->cma->name,
			  RM_PA(b->zone_end[0]));
		rm_region_status(r, -EINVAL, "CMA area could not be activated");
	}
}

/*
 * core_initcall cma_init_reserved_areas(): an area with pages in two
 * zones is not activated; one with a page that has no memmap (above
 * mem=, say) faults the kernel: 1, and the board is dead.
 */
static int activate_cma(struct rm_board *b)
{
	struct rm_cma_memmap mm = { .mb = &b->mb, .nr_zones = b->nr_zones };
	uint64_t pfn = 0;
	unsigned int i;

	for (i = 0; i < b->nr_zones; i++)
		mm.zone_end[i] = b->zone_end[i];
	if (!cma_init_reserved_areas(&b->cma, &mm, &pfn)) {
		report_not_activated(b);
		return 0;
	}
	rm_err(b, "Unable to handle kernel paging request at the struct page "
	       "of pfn 0x%llx (no memmap)", (unsigned long long)pfn);
	rm_err(b, "Kernel panic - not syncing: Attempted to kill init! "
	       "exitcode=0x0000000b");
	rm_report(b, "kernel-panic", RM_ERROR, region_of_pfn(b, pfn),
		  "the kernel dies activating a CMA area: pfn 0x%llx (" RM_PA_FMT
		  ") has no memory behind it (a reusable region beyond mem= or "
		  "outside RAM)", (unsigned long long)pfn, RM_PA(rm_pfn_phys(pfn)));
	b->panicked = true;
	return 1;
}

int rm_boot(const void *fdt, size_t fdt_size, const struct rm_boot_opts *opts,
	    struct rm_board **out, char *err, size_t errlen)
{
	struct rm_board *b = NULL;
	int ret, dead;

	ret = board_alloc(&b, fdt, fdt_size, opts);
	if (ret)
		goto fail;
	ret = dt_index_build(&b->dtix, fdt);
	if (ret)
		goto fail;
	b->root_addr_cells = dt_cells(fdt, 0, "#address-cells", 1);
	b->root_size_cells = dt_cells(fdt, 0, "#size-cells", 1);
	b->cmdline = opts->cmdline ? strdup(opts->cmdline) : dt_bootargs(fdt);
	if (!b->cmdline) {
		ret = -ENOMEM;
		goto fail;
	}
	rm_cmdline_parse(&b->cl, b->cmdline);
	if (b->cl.mem_given)
		rm_info(b, "Memory limited to %lluMB",
			(unsigned long long)(b->cl.mem_limit >> 20));
	if (b->cl.cma_no_value && b->profile->config_string_msg) {
		rm_err(b, "cma: Config string not provided");
		rm_report(b, "cma-syntax", RM_ERROR, "/chosen",
			  "cma without a value: the kernel ignores it");
	}
	if (b->cl.cma_bad)
		rm_report(b, "cma-syntax", RM_ERROR, "/chosen",
			  "cma=%s: not SIZE[@BASE[-LIMIT]]; the kernel reads a "
			  "size of %llu bytes%s", b->cl.cma_text,
			  (unsigned long long)b->cl.size_cmdline,
			  b->cl.size_cmdline ? " and ignores the rest" :
			  " and makes no default CMA area");

	early_boot(b, opts);

	/* mm_core_init(): what is left is the page allocator's */
	ret = sysmem_init(&b->sys, &b->mb, &b->profile->page_alloc, &b->log);
	if (ret)
		goto fail;
	dead = activate_cma(b);
	/* rmemfs's account of the regions: skipped children, no RAM behind */
	rm_account_children(b);
	rm_note_outside_ram(b);
	rm_name_dirs(b);
	if (dead)
		goto out;	/* the kernel died: nothing after it runs */
	rm_atomic_pools_init(b);
	/* what the kernel printed before a driver ran (the oracle's boot,
	 * before its probe module) */
	b->log_boot_len = b->log.text.len;
	ret = rm_devices_init(b);
	if (ret)
		goto fail;
	/* the u-dma-buf module, loaded once the system is up */
	ret = udmabuf_probe_all(b);
	if (ret)
		goto fail;
	/* from here on only allocations: every pool exists */
	rm_coherent_complete_pools(b);
out:
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
	udmabuf_class_free(b);
	rm_devices_free(b);
	for (i = 0; i < b->nr_regions; i++) {
		coherent_destroy(b->regions[i]->coh);
		free(b->regions[i]);
	}
	cma_table_release(&b->cma);
	free(b->regions);
	free(b->table);
	free(b->cmdline);
	free(b->unreserved);
	free(b->early);
	free(b->banks);
	sysmem_release(&b->sys);
	memblock_release(&b->mb);
	bootlog_release(&b->log);
	rm_findings_release(&b->findings);
	dt_index_free(&b->dtix);
	free(b);
}
