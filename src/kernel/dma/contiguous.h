/* SPDX-License-Identifier: GPL-2.0 */
/*
 * contiguous - CMA for DMA (kernel/dma/contiguous.c): DT pools
 * (rmem_cma_setup, rmem_cma_device_init) and the default area that
 * cma= or the Kconfig size asks for (dma_contiguous_reserve).
 */
#ifndef RM_CONTIGUOUS_H
#define RM_CONTIGUOUS_H

#include <stdint.h>

struct rm_board;
struct rm_region;

/* rmem_cma_setup(): the reservedmem_of_table entry for reusable pools */
int rmem_cma_setup(struct rm_board *b, struct rm_region *r);
/*
 * 7.2 fdt_validate_reserved_mem_node(): the first driver's node_validate
 * that does not say -ENODEV.  Of the drivers only CMA has one, so this
 * is rmem_cma_validate(): it raises *align (may be NULL) to what CMA
 * needs.  0, -ENODEV (no driver validates it) or -EBUSY.
 */
int rm_validate_node(struct rm_board *b, int node, const char *uname,
		     uint64_t *align);

/*
 * dma_contiguous_reserve(arm64_dma_phys_limit): the default area from
 * cma= or the Kconfig size, unless a DT linux,cma-default pool is it.
 */
void rm_contiguous_reserve(struct rm_board *b);

#endif
