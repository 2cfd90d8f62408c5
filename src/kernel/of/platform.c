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

#include "kernel/of/fdt.h"
#include "kernel/of/of_reserved_mem.h"

/* dev_name() of a DT platform device: "<addr>.<name>" or the basename */
static void make_kname(struct rm_board *b, int node, char *buf, size_t len)
{
	const char *full = dt_name(b->fdt, node);
	int parent = dt_index_parent(&b->dtix, node), rlen;
	const fdt32_t *reg = fdt_getprop(b->fdt, node, "reg", &rlen);
	uint32_t ac = parent >= 0 ? dt_cells(b->fdt, parent, "#address-cells", 2) : 2;
	size_t n = strcspn(full, "@");

	if (reg && ac && ac <= 2 && rlen >= (int)ac * 4)
		snprintf(buf, len, "%llx.%.*s",
			 (unsigned long long)dt_read_number(reg, (int)ac), (int)n, full);
	else
		snprintf(buf, len, "%s", full);
}

/* dma-ranges of the parent buses, outermost first */
static void collect_dma_ranges(struct rm_board *b, struct rm_device *dev)
{
	int chain[32], depth = 0, node = dev->node, i;

	dev->coherent_dma_mask = ~0ULL;	/* a driver's 64-bit mask, as rmemprobe */
	for (;;) {
		node = dt_index_parent(&b->dtix, node);
		if (node < 0 || depth == 32)
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
			return;
		free(dev->ranges);
		dev->ranges = r;
		dev->nr_ranges = (unsigned int)n;
		dev->bus_dma_limit = 0;
		for (; n--; p += cac + pac + csc, r++) {
			r->dma = dt_read_number(p, (int)cac);
			r->cpu = dt_read_number(p + cac, (int)pac);
			r->size = dt_read_number(p + cac + pac, (int)csc);
			if (r->size && r->dma + r->size - 1 > dev->bus_dma_limit)
				dev->bus_dma_limit = r->dma + r->size - 1;
		}
	}
}

uint64_t rm_dev_phys_to_dma(const struct rm_device *dev, uint64_t phys)
{
	unsigned int i;

	if (!dev)
		return phys;
	for (i = 0; i < dev->nr_ranges; i++) {
		const struct rm_dma_range *r = &dev->ranges[i];

		if (phys >= r->cpu && phys - r->cpu < r->size)
			return phys - r->cpu + r->dma;
	}
	return phys;
}

/* region_intersects(IORESOURCE_SYSTEM_RAM): 0 disjoint, 1 ram, 2 mixed */
static int ram_intersects(struct rm_board *b, uint64_t base, uint64_t size)
{
	bool ram = false, other = false;
	size_t i;

	for (i = 0; i < b->mb.memory.cnt; i++) {
		const struct mb_region *m = &b->mb.memory.r[i];

		if (m->base >= base + size || base >= m->base + m->size)
			continue;
		if (m->flags & MEMBLOCK_NOMAP)
			other = true;	/* a top-level "reserved" resource */
		else
			ram = true;
	}
	return !ram ? 0 : other ? 2 : 1;
}

static void warn_once(struct rm_board *b, bool *once, const char *msg,
		      const char *where)
{
	if (*once)
		return;
	*once = true;
	rm_warn(b, "------------[ cut here ]------------");
	rm_warn(b, "%s", msg);
	if (where)
		rm_warn(b, "WARNING: CPU: 0 PID: 1 at %s", where);
}

/* dma_init_coherent_memory() for rmem->priv */
static int create_pool(struct rm_board *b, struct rm_region *r)
{
	const struct rm_profile *p = b->profile;
	char msg[160], where[96];
	int kind, err;

	if (!r->size)
		return -EINVAL;
	kind = ram_intersects(b, r->base, r->size);
	if (kind) {
		/* memremap(MEMREMAP_WC) refuses to alias System RAM */
		snprintf(msg, sizeof(msg), "memremap attempted on %s " RM_PA_FMT
			 " size: %#llx", kind == 2 ? "mixed range" : "ram",
			 RM_PA(r->base), (unsigned long long)r->size);
		snprintf(where, sizeof(where), "kernel/iomem.c:%d %s",
			 p->memremap_warn_line, p->memremap_warn_func);
		warn_once(b, kind == 2 ? &b->memremap_mixed_warned :
			  &b->memremap_warned, msg,
			  kind == 1 && p->memremap_warn_line ? where : NULL);
		err = -EINVAL;
		rm_hint(b, "'%s': a coherent pool without no-map lies in System "
			"RAM and memremap(MEMREMAP_WC) refuses it: add no-map",
			r->name);
		goto fail;
	}
	err = coherent_create(r->base, r->size, p->release_word_mask,
			      p->zero_size_region_at_0, &r->coh);
	if (!err)
		return 0;
fail:
	if (p->pool_fail_msg_any || err == -ENOMEM)
		rm_err(b, "Reserved memory: failed to init DMA memory pool at "
		       RM_PA_FMT ", size %llu MiB", RM_PA(r->base),
		       (unsigned long long)(r->size / SZ_1M));
	return err;
}

int rm_region_get_pool(struct rm_board *b, struct rm_region *r)
{
	if (r->coh)
		return 0;
	return create_pool(b, r);
}

/* rmem_dma_device_init() */
static int dma_device_init(struct rm_board *b, struct rm_region *r,
			   struct rm_device *dev)
{
	const struct rm_profile *p = b->profile;
	int err = rm_region_get_pool(b, r);
	uint64_t limit;

	if (err)
		return err;
	limit = dev->coherent_dma_mask;
	if (!limit || (dev->bus_dma_limit && dev->bus_dma_limit < limit))
		limit = dev->bus_dma_limit;
	if (p->dma_mask_warning && r->base + r->size - 1 > limit)
		rm_warn(b, "%s: reserved memory is beyond device's set DMA "
			"address range", dev->kname);
	if (dev->dma_mem) {
		rm_hint(b, "%s: already has coherent pool '%s'; '%s' is %s",
			dev->name, dev->dma_mem_region->name, r->name,
			p->dup_pool_ebusy ? "refused with -EBUSY" : "ignored");
		return p->dup_pool_ebusy ? -EBUSY : 0;
	}
	dev->dma_mem = r->coh;
	dev->dma_mem_region = r;
	return 0;
}

static struct rm_region *find_rmem(struct rm_board *b, int target)
{
	unsigned int i;

	if (b->profile->lookup_by_name) {
		const char *name = dt_name(b->fdt, target);

		for (i = 0; i < b->nr_table; i++)
			if (!strcmp(b->table[i]->name, name))
				return b->table[i];
		return NULL;
	}
	/* __find_rmem(): by phandle; a target without one never matches */
	if (!dt_get_phandle(b->fdt, target))
		return NULL;
	for (i = 0; i < b->nr_table; i++)
		if (b->table[i]->phandle == dt_get_phandle(b->fdt, target))
			return b->table[i];
	return NULL;
}

static void hint_einval(struct rm_board *b, struct rm_device *dev,
			struct rm_devreg *dr, int target)
{
	struct rm_region *shown = NULL;
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++)
		if (b->regions[i]->node == target)
			shown = b->regions[i];
	if (!dr->region && shown)
		rm_hint(b, "%s: memory-region %d (%s) is not in the kernel's "
			"reserved_mem table: %s", dev->name, dr->idx, dr->target,
			shown->status);
	else if (!dr->region)
		rm_hint(b, "%s: memory-region %d (%s) is not a /reserved-memory "
			"region the kernel saved", dev->name, dr->idx, dr->target);
	else
		rm_hint(b, "%s: memory-region %d (%s) has no usable init (%s)",
			dev->name, dr->idx, dr->target,
			dr->region->type == RM_REGION_NONE ?
			"no compatible matched" : dr->region->status);
}

/* of_reserved_mem_device_init_by_idx() */
static int init_by_idx(struct rm_board *b, struct rm_device *dev,
		       struct rm_devreg *dr)
{
	const struct rm_profile *p = b->profile;
	int len, target, ret;
	const fdt32_t *prop = fdt_getprop(b->fdt, dev->node, "memory-region", &len);
	struct rm_region *r;

	if (!prop || dr->idx < 0 || (dr->idx + 1) * 4 > len)
		return -ENODEV;
	target = dt_find_phandle(b->fdt, fdt32_ld(prop + dr->idx));
	if (target < 0) {
		rm_hint(b, "%s: memory-region %d: phandle 0x%x resolves to no "
			"node", dev->name, dr->idx, fdt32_ld(prop + dr->idx));
		return -ENODEV;
	}
	snprintf(dr->target, sizeof(dr->target), "%s", dt_name(b->fdt, target));
	if (p->disabled_target_ok && !dt_is_available(b->fdt, target))
		return 0;
	r = find_rmem(b, target);
	dr->region = r;
	if (!r || !(r->cma_ops || r->dma_ops || r->type == RM_REGION_RESTRICTED)) {
		hint_einval(b, dev, dr, target);
		return -EINVAL;
	}
	if (r->cma_ops) {
		/* rmem_cma_device_init(): always 0, overwrites */
		dev->cma_area = r->cma;
		dev->cma_area_region = r;
		ret = 0;
	} else if (r->dma_ops) {
		ret = dma_device_init(b, r, dev);
	} else {
		ret = 0;
	}
	if (ret == 0) {
		dr->assigned = true;
		r->nr_devices++;
		rm_info(b, "%s: assigned reserved memory node %s", dev->kname,
			r->name);
	}
	return ret;
}

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
	b->devices[b->nr_devices++] = dev;
	return dev;
}

/* directory names: node name, or the path with '/' as '!' on a clash */
static void name_devices(struct rm_board *b)
{
	unsigned int i, j;

	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *dev = b->devices[i];
		bool clash = false;

		if (dev->node < 0)
			continue;
		for (j = 0; j < b->nr_devices; j++)
			if (j != i && b->devices[j]->node >= 0 &&
			    !strcmp(dt_name(b->fdt, b->devices[j]->node),
				    dt_name(b->fdt, dev->node)))
				clash = true;
		if (!strcmp(dt_name(b->fdt, dev->node), "default"))
			clash = true;
		if (clash) {
			char *c;

			snprintf(dev->name, sizeof(dev->name), "%s", dev->path);
			for (c = dev->name; *c; c++)
				if (*c == '/')
					*c = '!';
		} else {
			snprintf(dev->name, sizeof(dev->name), "%s",
				 dt_name(b->fdt, dev->node));
		}
	}
}

int rm_devices_init(struct rm_board *b)
{
	int node = -1, depth = 0;
	unsigned int i;

	for (node = fdt_next_node(b->fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(b->fdt, node, &depth)) {
		struct rm_device *dev;
		int len, n, idx;

		if (!fdt_getprop(b->fdt, node, "memory-region", &len))
			continue;
		if (!dt_is_available(b->fdt, node))
			continue;	/* no platform device is created */
		dev = device_new(b, node);
		if (!dev)
			return -ENOMEM;
		dt_index_path(&b->dtix, b->fdt, node, dev->path, sizeof(dev->path));
		make_kname(b, node, dev->kname, sizeof(dev->kname));
		collect_dma_ranges(b, dev);
		n = len / 4;
		dev->regs = calloc(n ? (size_t)n : 1, sizeof(*dev->regs));
		if (!dev->regs)
			return -ENOMEM;
		dev->nr_regs = (unsigned int)n;
		for (idx = 0; idx < n; idx++)
			dev->regs[idx].idx = idx;
	}
	name_devices(b);
	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *dev = b->devices[i];
		unsigned int k;

		for (k = 0; k < dev->nr_regs; k++) {
			struct rm_devreg *dr = &dev->regs[k];

			dr->result = init_by_idx(b, dev, dr);
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
	b->default_dev->coherent_dma_mask = ~0ULL;
	return 0;
}

void rm_devices_free(struct rm_board *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_devices; i++) {
		free(b->devices[i]->regs);
		free(b->devices[i]->ranges);
		free(b->devices[i]);
	}
	free(b->devices);
	b->devices = NULL;
	b->nr_devices = 0;
}

struct rm_device *rm_device_find(struct rm_board *b, const char *name)
{
	unsigned int i;

	for (i = 0; i < b->nr_devices; i++)
		if (!strcmp(b->devices[i]->name, name))
			return b->devices[i];
	return NULL;
}
