/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swiotlb - restricted DMA pools (kernel/dma/swiotlb.c,
 * CONFIG_DMA_RESTRICTED_POOL): set up and assigned; their allocations
 * (swiotlb slots) are not modelled, a device takes the default path.
 */
#ifndef RM_SWIOTLB_H
#define RM_SWIOTLB_H

struct rm_board;
struct rm_region;

/* rmem_swiotlb_setup(): the reservedmem_of_table entry */
int rmem_swiotlb_setup(struct rm_board *b, struct rm_region *r);

#endif
