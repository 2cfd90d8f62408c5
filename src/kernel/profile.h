/* SPDX-License-Identifier: GPL-2.0 */
/*
 * profile - every way the emulated kernels differ, in one table.
 *
 * Code asks the profile; it never compares version numbers.  Each row
 * names the kernel code it pins; doc/kernels.md says what each kernel
 * does there and how it was checked.  Rows are grouped by the kernel file
 * that behaves differently; mm/cma.c, kernel/dma/coherent.c and
 * mm/page_alloc.c get their own group handed to them whole, so those
 * files never look at the rest of the system.
 */
#ifndef RM_PROFILE_H
#define RM_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

enum rm_flow {
	/* 4.19, 6.1: save everything, sort, overlap check, then place and
	 * init each entry in sorted order (fdt_init_reserved_mem) */
	RM_FLOW_SORTED,
	/* 6.12: statics reserved, dynamics placed+saved+initialised in DT
	 * order; statics saved and initialised later, overlap check last.
	 * That second scan (fdt_scan_reserved_mem_reg_nodes) is also what
	 * prints the root and reg errors a second time, the "ignores %d
	 * regions" warning, "No reserved-memory node", and reads an empty
	 * reg's garbage tuple (of_reserved_mem_scan.c rm_scan_reg_nodes). */
	RM_FLOW_EARLY_DYNAMIC,
};

/* fdt_init_reserved_mem() after an init function failed */
enum rm_release_rule {
	RM_RELEASE_NONE,	/* 4.19: keeps the memory, says nothing */
	/* 5.10: "compatible matching fail", memblock_free, and for no-map
	 * memblock_add: a removed (dynamic) range comes back, a static one
	 * stays NOMAP (memblock_add does not touch flags) */
	RM_RELEASE_FREE_ADD,
	/* 6.x: memblock_free, or memblock_clear_nomap for no-map */
	RM_RELEASE_FREE_CLEAR_NOMAP,
};

enum rm_sort_algo {
	RM_SORT_HEAP_BOTTOM_UP,	/* 5.10, 6.1 sort_r: ties go left */
	RM_SORT_HEAP_TOP_DOWN,	/* 4.19 sort: same permutation */
	RM_SORT_HEAP_TWO_PER_ROUND, /* 6.12, 7.2 __sort_r (6.12's key is
				 * strict, 7.2's is not: there it shows) */
};

/* where ZONE_DMA ends (arm64_dma_phys_limit), zone_sizes_init() */
enum rm_zone_dma_rule {
	/* 4.19 max_zone_dma_phys(): only ZONE_DMA32, to the end of the
	 * 4 GiB block that holds the start of RAM; no dma-ranges input */
	RM_ZONE_DMA_RAM_BLOCK,
	/* 6.1 zone_dma_bits = min(32, fls64(of_dma_get_max_cpu_address)):
	 * the DT limit rounded up to a mask; max_zone_phys() widens it to
	 * 4 GiB when RAM starts above it */
	RM_ZONE_DMA_BITS,
	/* 6.12 zone_dma_limit = of_dma_get_max_cpu_address, exact, capped
	 * at 4 GiB when RAM starts below it; ZONE_DMA may be empty */
	RM_ZONE_DMA_LIMIT,
};

/* bus_dma_limit from a device's dma-ranges, of_dma_configure_id() */
enum rm_dma_limit_rule {
	RM_DMA_LIMIT_MASK,	/* 4.19: first window only, a power-of-two mask */
	RM_DMA_LIMIT_SPAN,	/* 6.1: lowest start + span, odd size fixed up */
	RM_DMA_LIMIT_END,	/* 6.12: the highest bus address */
};

/* kernel/dma/pool.c dma_atomic_pool_init() */
enum rm_atomic_pools {
	RM_ATOMIC_POOL_ONE,	/* 4.19 arm64: one 256 KiB pool */
	RM_ATOMIC_POOLS_THREE,	/* 6.x: kernel, DMA (if managed), DMA32 */
	RM_ATOMIC_POOLS_MANAGED, /* 7.2: each only where its zone is managed */
};

/* mm/cma.c */
struct rm_cma_quirks {
	uint64_t min_align;		/* CMA_MIN_ALIGNMENT_BYTES / 4.19 MAX_ORDER */
	bool areas_plus_one;		/* MAX_CMA_AREAS = 1 + CONFIG_CMA_AREAS */
	bool fixed_align_error;		/* 6.x "Region at %pa must be aligned" */
	bool limit_check;		/* 6.x "Size (%pa) ... exceeds limit" */
	bool try_above_4g;		/* 6.x bottom-up in [4G, limit) */
	bool on_node;			/* 6.12 " on node %d" */
	bool msg_requested_size;	/* 7.2 "Reserved %ld MiB": the request */
	bool free_on_init_fail;		/* 6.x frees after cma_init failure */
	const char *alloc_func;		/* __func__ in the failure line */
	bool fail_names_area;		/* 6.x "%s: alloc failed" */
	bool fail_dump;			/* 6.12 "number of available pages" */
	/* 7.2: the dump per range over four lines; failures are -EBUSY,
	 * and a request larger than the area fails out loud too */
	bool fail_dump_ranges;
	int activate_warn_line;		/* WARN at mm/cma.c:N (no memmap) */
	const char *activate_warn_func;
};

/* kernel/dma/coherent.c and the lib/bitmap.c under it */
struct rm_coherent_quirks {
	bool release_word_mask;		/* 4.19/6.1 __reg_op release */
	bool zero_size_region_at_0;	/* 6.12 BIT(52) truncated: page 0 */
};

/* mm/page_alloc.c __alloc_pages() */
struct rm_page_alloc_quirks {
	unsigned int max_order;		/* largest buddy order (inclusive) */
	int warn_line;			/* WARN at mm/page_alloc.c:N, 0 = none */
	const char *warn_func;
};

struct rm_profile {
	const char *name;

	/* drivers/of/fdt.c early_init_dt_scan_memory(): every node, status
	 * ignored (4.19, 5.10) or the root's available children (6.x) */
	bool memory_scan_whole_tree;

	/*
	 * 7.2 reserved_mem_ops: node_validate before a region is reserved
	 * or placed, -ENODEV meaning "not this driver's" (a summary line,
	 * no matching fail), a failed init leaving reserved_mem[], and reg
	 * read by of_flat_dt_get_addr_size_prop (first tuple only; a bad
	 * length is no reg, silently, also for memory nodes' reg and
	 * linux,usable-memory)
	 */
	bool rmem_ops;

	/* drivers/of: scan and save */
	enum rm_flow flow;
	const char *scan_prefix;	/* "OF: fdt: " / "OF: reserved mem: " */
	bool scan_grandchildren;	/* 4.19 of_scan_flat_dt depth walk */
	bool memreserve_after_scan;	/* 6.12 */
	unsigned int max_reserved;	/* MAX_RESERVED_REGIONS */
	bool table_resized;		/* 6.12 alloc_reserved_mem_array() */
	unsigned int max_dynamic;	/* 6.12 dynamic_nodes[]; 0 = no cap */
	const char *not_enough_space;	/* wording differs in 4.19 */
	bool nomap_removes;		/* static no-map: 4.19 memblock_remove;
					 * 5.10+ mark NOMAP (-EBUSY if reserved) */
	bool dyn_nomap_removes;		/* dynamic no-map: 4.19, 5.10
					 * memblock_remove; 6.x mark NOMAP */
	bool dyn_search_from_0;		/* 4.19 __memblock_alloc_base([0, end)) */
	bool dynamic_heuristic;		/* 6.12 __reserved_mem_alloc_in_range */
	bool dyn_fail_has_size;		/* 6.x "...: size %lu MiB" */
	bool failed_reserve_is_info;	/* 4.19 pr_info "%ld MiB" */

	/* sort (lib/sort.c) and overlap check */
	enum rm_sort_algo sort_algo;
	bool sort_key_size;		/* 6.x compares size after base */
	bool sort_key_node;		/* 6.12 then fdt_node */
	bool overlap_skips_zero_base;	/* 4.19 */

	/* __reserved_mem_init_node and after */
	bool init_returns_last_error;	/* 6.x; 4.19 returns 0/-ENOENT */
	enum rm_release_rule matching_fail; /* "compatible matching fail" */
	bool summary_line;		/* 6.12 "%pa..%pa (%lu KiB) ..." */

	/* of_reserved_mem_device_init_by_idx() */
	bool lookup_by_name;		/* 6.12 of_reserved_mem_lookup */
	bool disabled_target_ok;	/* 6.x returns 0 for a disabled target */

	/* drivers/of/device.c of_dma_configure_id() */
	enum rm_dma_limit_rule dma_range_limit;
	bool dma_ranges_from_device;	/* 5.10: the walk starts at the device */

	/* arch/arm64/mm/init.c */
	enum rm_zone_dma_rule zone_dma;
	bool zone_device_line;		/* 6.12 prints "  Device   empty" */
	bool default_cma_after_paging;	/* 6.x bootmem_init; 4.19 right away */
	/*
	 * The kernel's own memblock allocations between the reserved-memory
	 * scan and the default CMA area (doc/early-boot-model.md §2).
	 */
	int early_pt_adjust;		/* page tables = N_PTE + N_PMD + this */
	unsigned int early_idmap_pages;	/* 6.1 create_idmap */
	bool early_numa_distance;	/* 6.1: 256 B aligned 4 KiB */
	unsigned int node_data_size;	/* NODE_DATA */
	bool early_cpumask;		/* 6.12: 64 B */
	unsigned int unflatten_prop_size; /* sizeof(struct property) */
	unsigned int unflatten_node_size; /* sizeof(struct device_node) */
	unsigned int section_size_bits;	/* SECTION_SIZE_BITS: 27, 5.10 30 */
	bool cma_before_sparse;		/* 7.2: sparse_init after setup_arch */
	unsigned int rmem_array_entry;	/* 6.12 reserved_mem[] entry, 0 = static */

	/* kernel/dma/contiguous.c */
	bool cmdline_bypasses_dt_default; /* 6.x "bypass ... cmdline" */
	bool config_string_msg;		/* 6.x "Config string not provided" */
	bool cma_limit_replaces;	/* 7.2: cma=S@B-L's L over the DMA limit */
	struct rm_cma_quirks cma;	/* mm/cma.c */

	/* kernel/dma/pool.c: three pools (6.x) or one 256 KiB pool (4.19) */
	enum rm_atomic_pools atomic_pools;

	/* kernel/dma/coherent.c: rmem_dma_device_init() */
	bool dup_pool_ebusy;		/* 6.1.192/6.12.117 backport */
	bool pool_fail_msg_any;		/* 4.19 pr_err on any creation failure */
	bool dma_mask_warning;		/* 6.x "beyond device's set DMA ..." */
	int memremap_warn_line;		/* kernel/iomem.c:N, 0 = none */
	const char *memremap_warn_func;	/* "memremap+0x1e0/0x220" */
	struct rm_coherent_quirks coherent;

	/* dma_alloc_coherent(): kernel/dma/direct.c, 4.19 arm64 __dma_alloc */
	bool cma_for_one_page;		/* 4.19: default area for 1 page too */
	bool cma_fail_nowarn;		/* 4.19 swiotlb_alloc adds NOWARN */
	struct rm_page_alloc_quirks page_alloc;

	/* kernel/panic.c __warn(): 7.2 "WARNING: %s:%d at %pS, CPU#%d: %s/%d" */
	bool warn_file_first;

	/* drivers/base/dd.c really_probe(): 6.12 dev_err "probe with
	 * driver %s failed with error %d"; before, pr_warn "%s: probe of
	 * %s failed with error %d" */
	bool probe_fail_dev_err;

	/* Kconfig of the Debian kernel the profile is checked against */
	unsigned int kconfig_max_order;	/* as the kernel's .config spells it */
	/*
	 * Its CMA-related .config lines, for -o config=debian (NULL: 4.19,
	 * no Debian kernel), and the package they come from
	 */
	const char *debian_config;
	const char *debian_package;
};

extern const struct rm_profile rm_profiles[];
extern const unsigned int rm_nr_profiles;

/* NULL when the name is unknown */
const struct rm_profile *rm_profile_find(const char *name);
const struct rm_profile *rm_profile_default(void);
/* the names, newest first, joined for a message */
const char *rm_profile_names(void);

#endif
