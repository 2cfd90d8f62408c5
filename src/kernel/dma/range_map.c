// SPDX-License-Identifier: GPL-2.0
#include "kernel/dma/range_map.h"

uint64_t rm_phys_to_dma(const struct rm_dma_range *map, unsigned int nr,
			uint64_t phys)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (phys >= map[i].cpu && phys - map[i].cpu < map[i].size)
			return phys - map[i].cpu + map[i].dma;
	return phys;
}

uint64_t rm_dma_limit(uint64_t mask, uint64_t bus_dma_limit)
{
	if (!mask || (bus_dma_limit && bus_dma_limit < mask))
		return bus_dma_limit;
	return mask;
}

uint64_t rm_dma_cpu_limit(const struct rm_dma_range *map, unsigned int nr,
			  uint64_t bus_dma_limit)
{
	uint64_t limit = ~0ULL;
	unsigned int i;

	if (!bus_dma_limit)
		return limit;
	limit = bus_dma_limit;
	for (i = 0; i < nr; i++)
		if (map[i].size)
			limit = map[i].cpu + map[i].size - 1;
	return limit;
}
