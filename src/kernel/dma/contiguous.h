/* SPDX-License-Identifier: GPL-2.0 */
/*
 * contiguous - CMA for DMA (kernel/dma/contiguous.c): DT pools
 * (rmem_cma_setup, rmem_cma_device_init) and the default area that
 * cma= or the Kconfig size asks for (dma_contiguous_reserve).
 */
#ifndef RM_CONTIGUOUS_H
#define RM_CONTIGUOUS_H

struct rm_board;
struct rm_region;

/* rmem_cma_setup(): the reservedmem_of_table entry for reusable pools */
int rmem_cma_setup(struct rm_board *b, struct rm_region *r);
/* 7.2 __rmem_cma_verify_node(): 0, -ENODEV (not CMA) or -EBUSY (cma=) */
int rmem_cma_verify_node(struct rm_board *b, int node, const char *uname);

/*
 * dma_contiguous_reserve(arm64_dma_phys_limit): the default area from
 * cma= or the Kconfig size, unless a DT linux,cma-default pool is it.
 */
void rm_contiguous_reserve(struct rm_board *b);

#endif
