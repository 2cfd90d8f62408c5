// SPDX-License-Identifier: GPL-2.0
/*
 * A device's DMA view from the buses above it.  rmemfs keeps the map of
 * the innermost bus with dma-ranges (drivers/of/address.c
 * of_dma_get_range() finds the nearest one); its parent side is taken as
 * the CPU address.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/address.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"

#define MAX_DEPTH 32

int rm_of_dma_get_range(struct rm_board *b, struct rm_device *dev)
{
	int chain[MAX_DEPTH], depth = 0, node = dev->node, i;

	for (;;) {
		node = dt_index_parent(&b->dtix, node);
		if (node < 0 || depth == MAX_DEPTH)
			break;
		chain[depth++] = node;
	}
	for (i = depth - 1; i >= 0; i--) {
		int bus = chain[i], len, gp = i + 1 < depth ? chain[i + 1] : -1;
		const fdt32_t *p = fdt_getprop(b->fdt, bus, "dma-ranges", &len);
		uint32_t cac = dt_cells(b->fdt, bus, "#address-cells", 2);
		uint32_t csc = dt_cells(b->fdt, bus, "#size-cells", 1);
		uint32_t pac = gp >= 0 ? dt_cells(b->fdt, gp, "#address-cells", 2) :
			       b->root_addr_cells;
		struct rm_dma_range *r;
		int tuple, n;

		/* cells from the blob are checked before any arithmetic */
		if (!p || len == 0 || cac > 2 || pac > 2 || csc > 2)
			continue;
		tuple = (int)(cac + pac + csc) * 4;
		if (tuple == 0 || len % tuple)
			continue;
		/* a nested bus replaces the view: keep the innermost map */
		n = len / tuple;
		r = calloc((size_t)n, sizeof(*r));
		if (!r)
			return -ENOMEM;
		free(dev->dma_range_map);
		dev->dma_range_map = r;
		dev->nr_dma_ranges = (unsigned int)n;
		dev->bus_dma_limit = 0;
		for (; n--; p += cac + pac + csc, r++) {
			r->dma = dt_read_number(p, (int)cac);
			r->cpu = dt_read_number(p + cac, (int)pac);
			r->size = dt_read_number(p + cac + pac, (int)csc);
			if (r->size && r->dma + r->size - 1 > dev->bus_dma_limit)
				dev->bus_dma_limit = r->dma + r->size - 1;
		}
	}
	return 0;
}

void rm_of_device_make_bus_id(struct rm_board *b, int node, char *buf,
			      size_t len)
{
	const char *full = dt_name(b->fdt, node);
	int parent = dt_index_parent(&b->dtix, node), rlen;
	const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &rlen);
	uint32_t ac = parent >= 0 ? dt_cells(b->fdt, parent, "#address-cells", 2) : 2;
	size_t n = strcspn(full, "@");

	if (reg && ac && ac <= 2 && rlen >= (int)ac * 4)
		snprintf(buf, len, "%llx.%.*s",
			 (unsigned long long)dt_read_number(reg, (int)ac), (int)n,
			 full);
	else
		snprintf(buf, len, "%s", full);
}
