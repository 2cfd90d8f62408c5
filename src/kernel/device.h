/* SPDX-License-Identifier: GPL-2.0 */
/*
 * device - the parts of struct device the reserved-memory code touches:
 * dev->dma_mem, dev->cma_area, the DMA mask and dev->dma_range_map, plus
 * the result of each memory-region index as a driver would see it.
 */
#ifndef RM_DEVICE_H
#define RM_DEVICE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/dma/range_map.h"

#define RM_NAME_MAX 256

struct rm_region;
struct rm_coherent;
struct rm_cma;

/* one memory-region index and what of_reserved_mem_device_init_by_idx said */
struct rm_devreg {
	int idx;
	char target[RM_NAME_MAX];	/* region node name, "" if none */
	int result;
	struct rm_region *region;	/* NULL when not found */
	bool assigned;			/* added to the assigned list */
	bool tried;			/* the driver asked for this index */
};

struct rm_device {
	char name[RM_NAME_MAX];		/* directory name (unique) */
	char kname[RM_NAME_MAX];	/* dev_name() for log lines */
	char path[RM_NAME_MAX];		/* of_node full path */
	int node;			/* -1 for "default" */
	struct rm_devreg *regs;
	unsigned int nr_regs;
	struct rm_coherent *dma_mem;	/* dev->dma_mem */
	struct rm_region *dma_mem_region;
	struct rm_cma *cma_area;	/* dev->cma_area */
	struct rm_region *cma_area_region;
	struct rm_dma_range *dma_range_map;
	unsigned int nr_dma_ranges;
	uint64_t bus_dma_limit;		/* 0 = none */
	uint64_t coherent_dma_mask;
	bool dma_coherent;		/* of_dma_configure(): dev_is_dma_coherent */
	bool udmabuf_node;		/* "ikwzm,u-dma-buf": its probe asks for
					 * index 0 only, at module load */
};

/* the device's view of a CPU address */
static inline uint64_t rm_dev_phys_to_dma(const struct rm_device *dev,
					  uint64_t phys)
{
	return dev ? rm_phys_to_dma(dev->dma_range_map, dev->nr_dma_ranges,
				    phys) : phys;
}

/* the highest DMA address the device reaches (mask and bus limit) */
static inline uint64_t rm_dev_dma_limit(const struct rm_device *dev)
{
	return rm_dma_limit(dev->coherent_dma_mask, dev->bus_dma_limit);
}

#endif
