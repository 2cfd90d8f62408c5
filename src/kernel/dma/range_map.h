/* SPDX-License-Identifier: GPL-2.0 */
/*
 * range_map - a device's view of memory: dev->dma_range_map (struct
 * bus_dma_region, include/linux/dma-direct.h) and the limits
 * dma_coherent_ok() checks.  Built at boot from the buses' dma-ranges
 * (of/address.c); read at run time by dma_alloc_coherent().
 */
#ifndef RM_RANGE_MAP_H
#define RM_RANGE_MAP_H

#include <stdint.h>

struct rm_dma_range {
	uint64_t cpu;			/* parent (CPU physical) address */
	uint64_t dma;			/* child (bus) address */
	uint64_t size;
};

/* translate_phys_to_dma(): identity without a map or outside it */
uint64_t rm_phys_to_dma(const struct rm_dma_range *map, unsigned int nr,
			uint64_t phys);

/* min_not_zero(mask, bus_dma_limit): the highest DMA address reachable */
uint64_t rm_dma_limit(uint64_t mask, uint64_t bus_dma_limit);

/*
 * The highest CPU address the page allocator may hand out for a device
 * with this map: the end of the last non-empty range when the bus
 * limits DMA, else everything (dma_direct_optimal_gfp_mask's zone pick,
 * approximated by the CPU side of the map).
 */
uint64_t rm_dma_cpu_limit(const struct rm_dma_range *map, unsigned int nr,
			  uint64_t bus_dma_limit);

#endif
