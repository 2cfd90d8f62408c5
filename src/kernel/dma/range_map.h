/* SPDX-License-Identifier: GPL-2.0 */
/*
 * range_map - a device's view of memory: dev->dma_range_map (struct
 * bus_dma_region, include/linux/dma-direct.h) and the limit
 * dma_coherent_ok() checks.  Built at boot from the buses' dma-ranges
 * (of/address.c); read at run time by dma_alloc_coherent().
 */
#ifndef RM_RANGE_MAP_H
#define RM_RANGE_MAP_H

#include <stdint.h>

#define RM_DMA_MAPPING_ERROR (~0ULL)

struct rm_dma_range {
	uint64_t cpu;			/* CPU physical start */
	uint64_t dma;			/* bus start */
	uint64_t size;
};

/*
 * translate_phys_to_dma(): the identity without a map, DMA_MAPPING_ERROR
 * for an address outside every window.
 */
uint64_t rm_phys_to_dma(const struct rm_dma_range *map, unsigned int nr,
			uint64_t phys);
/* translate_dma_to_phys(): the mirror; (phys_addr_t)-1 outside */
uint64_t rm_dma_to_phys(const struct rm_dma_range *map, unsigned int nr,
			uint64_t dma);

/* min_not_zero(mask, bus_dma_limit): the highest DMA address reachable */
uint64_t rm_dma_limit(uint64_t mask, uint64_t bus_dma_limit);

#endif
