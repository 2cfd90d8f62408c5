// SPDX-License-Identifier: GPL-2.0
/*
 * The three emulated kernels.  Every row below is a statement of
 * doc/kernels.md (section in the comment); the 6.1 and 6.12 columns were
 * checked on the real Debian kernels by the oracle, the 4.19 column comes
 * from the seeds and the 4.19.0 source.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/lib/sizes.h"
#include "kernel/profile.h"

const struct rm_profile rm_profiles[] = {
	{
		.name = "7.2",
		.flow = RM_FLOW_EARLY_DYNAMIC,			/* §1.1 */
		.rmem_ops = true,				/* §7.3 */
		.scan_prefix = "OF: reserved mem: ",		/* §14 */
		.memreserve_after_scan = true,			/* §1.4 */
		.max_reserved = 64,
		.table_resized = true,				/* §3.3 */
		.max_dynamic = 64,
		.not_enough_space = "not enough space for all defined regions.",
		.dynamic_heuristic = true,			/* §6.4 */
		.dyn_fail_has_size = true,
		.sort_algo = RM_SORT_HEAP_TWO_PER_ROUND,			/* §5.3 */
		.sort_key_size = true,
		.init_returns_last_error = true,		/* §7 */
		.matching_fail = RM_RELEASE_FREE_CLEAR_NOMAP,
		.summary_line = true,
		.lookup_by_name = true,				/* §9 */
		.disabled_target_ok = true,
		.dma_range_limit = RM_DMA_LIMIT_END,		/* §9.7 */
		.zone_dma = RM_ZONE_DMA_LIMIT,			/* §2.1 */
		.zone_device_line = true,
		.default_cma_after_paging = true,
		.cma_before_sparse = true,			/* §10.2 */
		.early_pt_adjust = 1,		/* doc/early-boot-model.md §2.3b */
		.node_data_size = 0x3800,
		.early_cpumask = true,
		.unflatten_prop_size = 112,		/* OF_DYNAMIC: _flags */
		.unflatten_node_size = 208,
		.section_size_bits = 27,
		.rmem_array_entry = 40,		/* no fdt_node */
		.config_string_msg = true,
		.cma_limit_replaces = true,			/* §10.1 */
		.cma = {					/* §10.3, §12.1 */
			.min_align = SZ_2M,
			.fixed_align_error = true,
			.limit_check = true,
			.try_above_4g = true,
			.msg_requested_size = true,
			.free_on_init_fail = true,
			.alloc_func = "__cma_alloc_frozen",
			.fail_names_area = true,
			.fail_dump = true,
			.fail_dump_ranges = true,
			.activate_warn_line = 129,		/* §11 */
			.activate_warn_func = "cma_validate_zones+0x1c8/0x290",
		},
		.atomic_pools = RM_ATOMIC_POOLS_MANAGED,			/* §11 */
		.dup_pool_ebusy = true,				/* §9.2 */
		.dma_mask_warning = true,
		.probe_fail_dev_err = true,
		.warn_file_first = true,
		.memremap_warn_line = 105,
		.memremap_warn_func = "memremap+0x2e8/0x338",
		.coherent = {					/* §12.1.3 */
			.zero_size_region_at_0 = true,
		},
		.page_alloc = {
			.max_order = 10,
			.warn_line = 5336,
			.warn_func = "__alloc_frozen_pages_noprof+0x2a0/0x14e0",
		},
		.kconfig_max_order = 10,
		.debian_package = "linux-binary-7.2.13+deb14-arm64 7.2.13-1",
		.debian_config =			/* its .config */
			"CONFIG_ARM64_4K_PAGES=y\n"
			"CONFIG_ARCH_FORCE_MAX_ORDER=10\n"
			"CONFIG_CMA=y\n"
			"CONFIG_CMA_AREAS=20\n"
			"CONFIG_DMA_CMA=y\n"
			"CONFIG_CMA_SIZE_MBYTES=64\n"
			"CONFIG_CMA_SIZE_SEL_MBYTES=y\n"
			"CONFIG_CMA_ALIGNMENT=8\n",
	},
	{
		.name = "6.12",
		.flow = RM_FLOW_EARLY_DYNAMIC,			/* §1.1 */
		.scan_prefix = "OF: reserved mem: ",		/* §14 */
		.memreserve_after_scan = true,			/* §1.4 */
		.max_reserved = 64,
		.table_resized = true,				/* §3.3 */
		.max_dynamic = 64,
		.not_enough_space = "not enough space for all defined regions.",
		.dynamic_heuristic = true,			/* §6.4 */
		.dyn_fail_has_size = true,
		.sort_algo = RM_SORT_HEAP_TWO_PER_ROUND,			/* §5.3 */
		.sort_key_size = true,
		.sort_key_node = true,
		.init_returns_last_error = true,		/* §7 */
		.matching_fail = RM_RELEASE_FREE_CLEAR_NOMAP,
		.summary_line = true,
		.lookup_by_name = true,				/* §9 */
		.disabled_target_ok = true,
		.dma_range_limit = RM_DMA_LIMIT_END,		/* §9.7 */
		.zone_dma = RM_ZONE_DMA_LIMIT,			/* §2.1 */
		.zone_device_line = true,
		.default_cma_after_paging = true,
		.early_pt_adjust = -13,		/* doc/early-boot-model.md §2.3 */
		.node_data_size = 0x3740,
		.early_cpumask = true,
		.unflatten_prop_size = 104,
		.unflatten_node_size = 208,
		.section_size_bits = 27,
		.rmem_array_entry = 48,
		.cmdline_bypasses_dt_default = true,		/* §8.1 */
		.config_string_msg = true,
		.cma = {					/* §10.3, §12.1 */
			.min_align = SZ_2M,
			.fixed_align_error = true,
			.limit_check = true,
			.try_above_4g = true,
			.on_node = true,
			.free_on_init_fail = true,
			.alloc_func = "__cma_alloc",
			.fail_names_area = true,
			.fail_dump = true,
			.activate_warn_line = 106,		/* §11 */
			.activate_warn_func = "cma_init_reserved_areas+0x308/0x338",
		},
		.atomic_pools = RM_ATOMIC_POOLS_THREE,			/* §11 */
		.dup_pool_ebusy = true,				/* §9.2 */
		.dma_mask_warning = true,
		.probe_fail_dev_err = true,
		.memremap_warn_line = 104,
		.memremap_warn_func = "memremap+0x23c/0x288",
		.coherent = {					/* §12.1.3 */
			.zero_size_region_at_0 = true,
		},
		.page_alloc = {
			.max_order = 10,
			.warn_line = 4832,
			.warn_func = "__alloc_pages_noprof+0xb54/0xec8",
		},
		.kconfig_max_order = 10,
		.debian_package = "linux-image-6.12.117+deb12-arm64-unsigned 6.12.117-1~deb12u1",
		.debian_config =			/* its .config */
			"CONFIG_ARM64_4K_PAGES=y\n"
			"CONFIG_ARCH_FORCE_MAX_ORDER=10\n"
			"CONFIG_CMA=y\n"
			"CONFIG_CMA_AREAS=20\n"
			"CONFIG_DMA_CMA=y\n"
			"CONFIG_CMA_SIZE_MBYTES=64\n"
			"CONFIG_CMA_SIZE_SEL_MBYTES=y\n"
			"CONFIG_CMA_ALIGNMENT=8\n",
	},
	{
		.name = "6.1",
		.flow = RM_FLOW_SORTED,
		.scan_prefix = "OF: fdt: ",
		.max_reserved = 64,
		.not_enough_space = "not enough space for all defined regions.",
		.dyn_fail_has_size = true,
		.sort_algo = RM_SORT_HEAP_BOTTOM_UP,		/* §5.1 */
		.sort_key_size = true,
		.init_returns_last_error = true,
		.matching_fail = RM_RELEASE_FREE_CLEAR_NOMAP,
		.disabled_target_ok = true,
		.dma_range_limit = RM_DMA_LIMIT_SPAN,
		.zone_dma = RM_ZONE_DMA_BITS,
		.default_cma_after_paging = true,
		.early_pt_adjust = -2,		/* doc/early-boot-model.md §2.2 */
		.early_idmap_pages = 4,
		.early_numa_distance = true,
		.node_data_size = 0x2c80,
		.unflatten_prop_size = 96,
		.unflatten_node_size = 208,
		.section_size_bits = 27,
		.cmdline_bypasses_dt_default = true,
		.config_string_msg = true,
		.cma = {
			.min_align = SZ_2M,
			.areas_plus_one = true,			/* §8.1.5 */
			.fixed_align_error = true,
			.limit_check = true,
			.try_above_4g = true,
			.free_on_init_fail = true,
			.alloc_func = "cma_alloc",
			.fail_names_area = true,
			.activate_warn_line = 110,
			.activate_warn_func = "cma_init_reserved_areas+0x6c/0x218",
		},
		.atomic_pools = RM_ATOMIC_POOLS_THREE,
		.dup_pool_ebusy = true,
		.dma_mask_warning = true,
		.memremap_warn_line = 107,
		.memremap_warn_func = "memremap+0x1e0/0x220",
		.coherent = {
			.release_word_mask = true,		/* §13.1 */
		},
		.page_alloc = {
			.max_order = 10,
			.warn_line = 5634,
			.warn_func = "__alloc_pages+0x3a4/0xfbc",
		},
		.kconfig_max_order = 11,
		.debian_package = "linux-image-6.1.0-56-arm64-unsigned 6.1.192-2",
		.debian_config =			/* its .config */
			"CONFIG_ARM64_4K_PAGES=y\n"
			"CONFIG_ARCH_FORCE_MAX_ORDER=11\n"
			"CONFIG_CMA=y\n"
			"CONFIG_CMA_AREAS=19\n"
			"CONFIG_DMA_CMA=y\n"
			"CONFIG_CMA_SIZE_MBYTES=64\n"
			"CONFIG_CMA_SIZE_SEL_MBYTES=y\n"
			"CONFIG_CMA_ALIGNMENT=8\n",
	},
	{
		.name = "5.10",
		.memory_scan_whole_tree = true,			/* §2 */
		.flow = RM_FLOW_SORTED,
		.scan_prefix = "OF: fdt: ",
		.scan_grandchildren = true,			/* §3.1 */
		.max_reserved = 64,
		.dyn_nomap_removes = true,			/* §3.2 */
		.not_enough_space = "not enough space for all defined regions.",
		.sort_algo = RM_SORT_HEAP_BOTTOM_UP,		/* §5.1 */
		.sort_key_size = true,
		.init_returns_last_error = true,
		.matching_fail = RM_RELEASE_FREE_ADD,
		.disabled_target_ok = true,
		.dma_range_limit = RM_DMA_LIMIT_SPAN,
		.dma_ranges_from_device = true,			/* §9.7 */
		.zone_dma = RM_ZONE_DMA_BITS,
		.default_cma_after_paging = true,
		.early_pt_adjust = -2,		/* doc/early-boot-model.md §2.3a */
		.early_numa_distance = true,
		.node_data_size = 0x2500,
		.unflatten_prop_size = 88,
		.unflatten_node_size = 168,
		.section_size_bits = 30,		/* 1 GiB sections */
		.cmdline_bypasses_dt_default = true,
		.config_string_msg = true,
		.cma = {
			.min_align = SZ_4M,
			.areas_plus_one = true,			/* §8.1.5 */
			.fixed_align_error = true,
			.limit_check = true,
			.free_on_init_fail = true,
			.alloc_func = "cma_alloc",
			.activate_warn_line = 106,
			.activate_warn_func = "cma_init_reserved_areas+0x8c/0x19c",
		},
		.atomic_pools = RM_ATOMIC_POOLS_THREE,
		.pool_fail_msg_any = true,
		.memremap_warn_line = 107,
		.memremap_warn_func = "memremap+0x160/0x1c0",
		.coherent = {
			.release_word_mask = true,		/* §13.1 */
		},
		.page_alloc = {
			.max_order = 10,
			.warn_line = 4977,
			.warn_func = "__alloc_pages_nodemask+0x778/0xefc",
		},
		.kconfig_max_order = 11,
		.debian_package = "linux-image-5.10.0-32-arm64-unsigned 5.10.223-1",
		.debian_config =			/* its .config */
			"CONFIG_ARM64_4K_PAGES=y\n"
			"CONFIG_FORCE_MAX_ZONEORDER=11\n"
			"CONFIG_CMA=y\n"
			"CONFIG_CMA_AREAS=19\n"
			"CONFIG_DMA_CMA=y\n"
			"CONFIG_CMA_SIZE_MBYTES=64\n"
			"CONFIG_CMA_SIZE_SEL_MBYTES=y\n"
			"CONFIG_CMA_ALIGNMENT=8\n",
	},
	{
		.name = "4.19",
		.memory_scan_whole_tree = true,			/* §2 */
		.flow = RM_FLOW_SORTED,
		.scan_prefix = "OF: fdt: ",
		.scan_grandchildren = true,			/* §3.1 */
		.max_reserved = 32,
		.not_enough_space = "not enough space all defined regions.",
		.nomap_removes = true,				/* seed 002 */
		.dyn_nomap_removes = true,
		.dyn_search_from_0 = true,			/* §6.3 */
		.failed_reserve_is_info = true,
		.sort_algo = RM_SORT_HEAP_TOP_DOWN,		/* §5.2 */
		.overlap_skips_zero_base = true,		/* §4 */
		.dma_range_limit = RM_DMA_LIMIT_MASK,		/* §16 */
		.zone_dma = RM_ZONE_DMA_RAM_BLOCK,		/* §2.1 */
		.cma = {
			.min_align = SZ_4M,			/* seed 002 */
			.areas_plus_one = true,
			.alloc_func = "cma_alloc",
		},
		.pool_fail_msg_any = true,			/* §9.2 */
		.coherent = {
			.release_word_mask = true,
		},
		.cma_for_one_page = true,			/* §12.2 */
		.cma_fail_nowarn = true,
		/* swiotlb_alloc adds __GFP_NOWARN: no page_alloc WARN */
		.page_alloc = {
			.max_order = 10,
		},
		.kconfig_max_order = 11,
	},
};

const unsigned int rm_nr_profiles = sizeof(rm_profiles) / sizeof(rm_profiles[0]);

const struct rm_profile *rm_profile_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < rm_nr_profiles; i++)
		if (!strcmp(rm_profiles[i].name, name))
			return &rm_profiles[i];
	return NULL;
}

/* the kernel a user gets without -o profile= */
const struct rm_profile *rm_profile_default(void)
{
	return rm_profile_find("6.12");
}

/* "7.2, 6.12, 6.1, 5.10 or 4.19": for the messages that refuse a name */
const char *rm_profile_names(void)
{
	static char names[64];
	unsigned int i;
	size_t n = 0;

	if (names[0])
		return names;
	for (i = 0; i < rm_nr_profiles; i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
				      !i ? "" : i + 1 == rm_nr_profiles ?
				      " or " : ", ", rm_profiles[i].name);
	return names;
}
