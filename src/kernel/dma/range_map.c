// SPDX-License-Identifier: GPL-2.0
#include "kernel/dma/range_map.h"

/*
 * Windows are tested as "x - start < size", unsigned: 4.19's single
 * dma_pfn_offset is a window of size ~0 whose start wraps (of/address.c).
 */
uint64_t rm_phys_to_dma(const struct rm_dma_range *map, unsigned int nr,
			uint64_t phys)
{
	unsigned int i;

	if (!nr)
		return phys;
	for (i = 0; i < nr; i++)
		if (phys - map[i].cpu < map[i].size)
			return phys - map[i].cpu + map[i].dma;
	return RM_DMA_MAPPING_ERROR;
}

uint64_t rm_dma_to_phys(const struct rm_dma_range *map, unsigned int nr,
			uint64_t dma)
{
	unsigned int i;

	if (!nr)
		return dma;
	for (i = 0; i < nr; i++)
		if (dma - map[i].dma < map[i].size)
			return dma - map[i].dma + map[i].cpu;
	return ~0ULL;
}

uint64_t rm_dma_limit(uint64_t mask, uint64_t bus_dma_limit)
{
	if (!mask || (bus_dma_limit && bus_dma_limit < mask))
		return bus_dma_limit;
	return mask;
}
