// SPDX-License-Identifier: GPL-2.0
/*
 * Devices: every node with memory-region, initialised index by index as
 * a driver calling of_reserved_mem_device_init_by_idx() would, plus the
 * region-less "default" device.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/address.h"
#include "kernel/of/fdt.h"
#include "kernel/of/platform.h"
#include "kernel/system.h"

static struct rm_device *device_new(struct rm_board *b, int node)
{
	struct rm_device *dev, **n;

	n = realloc(b->devices, (b->nr_devices + 1) * sizeof(*n));
	if (!n)
		return NULL;
	b->devices = n;
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return NULL;
	dev->node = node;
	/* a driver's 64-bit mask, as the oracle's probe module sets it */
	dev->coherent_dma_mask = ~0ULL;
	b->devices[b->nr_devices++] = dev;
	return dev;
}

/* a platform device for the node, its memory-region indices unset */
static int device_add(struct rm_board *b, int node, int len)
{
	struct rm_device *dev = device_new(b, node);
	int n = len / 4, idx;

	if (!dev)
		return -ENOMEM;
	dt_index_path(&b->dtix, b->fdt, node, dev->path, sizeof(dev->path));
	rm_of_device_make_bus_id(b, node, dev->kname, sizeof(dev->kname));
	if (rm_of_dma_get_range(b, dev))
		return -ENOMEM;
	dev->dma_coherent = rm_of_dma_is_coherent(b, node);
	dev->regs = calloc(n ? (size_t)n : 1, sizeof(*dev->regs));
	if (!dev->regs)
		return -ENOMEM;
	dev->nr_regs = (unsigned int)n;
	for (idx = 0; idx < n; idx++)
		dev->regs[idx].idx = idx;
	if (dt_is_compatible(b->fdt, node, "ikwzm,u-dma-buf")) {
		/*
		 * of_platform_device_create_pdata()'s 32-bit default: the
		 * u-dma-buf probe keeps it unless the node has dma-mask, and
		 * only ever initialises memory-region 0.
		 */
		dev->udmabuf_node = true;
		dev->coherent_dma_mask = 0xffffffffULL;
		dev->nr_regs = n ? 1 : 0;
	}
	return 0;
}

bool rm_of_device_populated(struct rm_board *b, int node)
{
	for (; node > 0; node = dt_index_parent(&b->dtix, node))
		if (!dt_is_available(b->fdt, node))
			return false;
	return node == 0;
}

int rm_devices_init(struct rm_board *b)
{
	int node, depth = 0, len;
	unsigned int i, k;

	for (node = fdt_next_node(b->fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(b->fdt, node, &depth)) {
		if (!fdt_getprop(b->fdt, node, "memory-region", &len) &&
		    !dt_is_compatible(b->fdt, node, "ikwzm,u-dma-buf"))
			continue;
		if (!rm_of_device_populated(b, node))
			continue;	/* no platform device is created */
		if (device_add(b, node, len))
			return -ENOMEM;
	}
	/* names first: the hints of the assignments use them */
	rm_name_dirs(b);
	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *dev = b->devices[i];

		for (k = 0; k < dev->nr_regs && !dev->udmabuf_node; k++) {
			struct rm_devreg *dr = &dev->regs[k];

			dr->tried = true;
			dr->result = rm_device_init_by_idx(b, dev, dr);
			if (dr->result)
				b->nr_dev_errors++;
		}
	}
	/* the generic dma_alloc_coherent() path of a region-less device */
	b->default_dev = device_new(b, -1);
	if (!b->default_dev)
		return -ENOMEM;
	snprintf(b->default_dev->name, sizeof(b->default_dev->name), "default");
	snprintf(b->default_dev->kname, sizeof(b->default_dev->kname), "default");
	return 0;
}

void rm_devices_free(struct rm_board *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_devices; i++) {
		free(b->devices[i]->regs);
		free(b->devices[i]->dma_range_map);
		free(b->devices[i]);
	}
	free(b->devices);
	b->devices = NULL;
	b->nr_devices = 0;
}
