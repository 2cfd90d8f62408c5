/* SPDX-License-Identifier: GPL-2.0 */
/*
 * address - a device's DMA view from the buses above it
 * (drivers/of/address.c of_dma_get_range()), and dev_name() of a DT
 * platform device (drivers/of/platform.c of_device_make_bus_id()).
 */
#ifndef RM_OF_ADDRESS_H
#define RM_OF_ADDRESS_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

struct rm_board;
struct rm_device;

/*
 * dev->dma_range_map and bus_dma_limit from the parents' dma-ranges.
 * 0, or -ENOMEM.
 */
int rm_of_dma_get_range(struct rm_board *b, struct rm_device *dev);

/*
 * of_dma_get_max_cpu_address(NULL): over every available node, the
 * lowest of the highest CPU addresses their dma-ranges reach; ~0 when
 * nothing limits DMA.
 */
uint64_t rm_of_dma_get_max_cpu_address(struct rm_board *b);

/*
 * of_dma_is_coherent(): dma-coherent on the node or a DMA parent (the
 * dma-parent phandle, else the parent; a dma-noncoherent on the way says
 * no); arm64 has no CONFIG_OF_DMA_DEFAULT_COHERENT.  Read from 6.1 and
 * 6.12; 4.19 gets the same (its source is not here to read).
 */
bool rm_of_dma_is_coherent(struct rm_board *b, int node);

/* dev_name(): "<unit address>.<node name>", or the node name */
void rm_of_device_make_bus_id(struct rm_board *b, int node, char *buf,
			      size_t len);

#endif
