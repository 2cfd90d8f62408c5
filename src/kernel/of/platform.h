/* SPDX-License-Identifier: GPL-2.0 */
/*
 * platform - the devices rmemfs shows: every available node with
 * memory-region (a platform device whose driver calls
 * of_reserved_mem_device_init_by_idx() for each index), plus "default",
 * the region-less dma_alloc_coherent() path.
 */
#ifndef RM_OF_PLATFORM_H
#define RM_OF_PLATFORM_H

#include <stdbool.h>

struct rm_board;

/*
 * of_platform_populate() makes a device for the node: it and every
 * ancestor are available (a disabled bus hides its whole subtree).
 */
bool rm_of_device_populated(struct rm_board *b, int node);

/* create, name and initialise the devices: 0, or -ENOMEM */
int rm_devices_init(struct rm_board *b);
void rm_devices_free(struct rm_board *b);

#endif
