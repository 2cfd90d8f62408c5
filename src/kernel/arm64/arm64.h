/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 - what arch/arm64 does around the reserved-memory boot: the
 * initrd reservation and ZONE_DMA's end (arch/arm64/mm/init.c), and the
 * kernel's own early memblock allocations that come before the default
 * CMA area (early_alloc.c: paging_init, unflatten_device_tree, sparse).
 */
#ifndef RM_ARM64_H
#define RM_ARM64_H

#include <stdint.h>

struct rm_board;

/* init.c */
/* arm64_memblock_init(): the initrd, page-aligned, reserved */
void rm_arm64_reserve_initrd(struct rm_board *b);
/*
 * zone_sizes_init(): ZONE_DMA's end (arm64_dma_phys_limit), ZONE_DMA32's,
 * and the limit the DMA code compares with (zone_dma_bits' mask on 6.1,
 * zone_dma_limit on 6.12), from the tree's dma-ranges (4.19: from RAM).
 */
void rm_arm64_zone_limits(struct rm_board *b);
/* free_area_init(): the "Zone ranges:" and node lines */
void rm_arm64_free_area_init(struct rm_board *b);

/* early_alloc.c (6.x; doc/early-boot-model.md) */
void rm_early_paging_init(struct rm_board *b);
void rm_early_reserved_mem_array(struct rm_board *b);
void rm_early_bootmem_init(struct rm_board *b);
void rm_early_sparse_init(struct rm_board *b);

#endif
