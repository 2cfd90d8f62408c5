// SPDX-License-Identifier: GPL-2.0
/*
 * of_reserved_mem_device_init_by_idx(): a device's memory-region index
 * looked up in reserved_mem[] and handed to the region's device_init.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "kernel/of/fdt.h"
#include "kernel/system.h"

/* __find_rmem() (6.1: by phandle) / of_reserved_mem_lookup() (6.12: by name) */
static struct rm_region *find_rmem(struct rm_board *b, int target)
{
	uint32_t phandle;
	unsigned int i;

	if (b->profile->lookup_by_name) {
		const char *name = dt_name(b->fdt, target);

		for (i = 0; i < b->nr_table; i++)
			if (!strcmp(b->table[i]->name, name))
				return b->table[i];
		return NULL;
	}
	/* a target without a phandle never matches */
	phandle = dt_get_phandle(b->fdt, target);
	if (!phandle)
		return NULL;
	for (i = 0; i < b->nr_table; i++)
		if (b->table[i]->phandle == phandle)
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
		rm_report(b, "device-einval", RM_ERROR, dev->path, "%s: "
			  "memory-region %d (%s) is not in the kernel's "
			  "reserved_mem table: %s", dev->name, dr->idx, dr->target,
			  shown->status);
	else if (!dr->region)
		rm_report(b, "device-einval", RM_ERROR, dev->path, "%s: "
			  "memory-region %d (%s) is not a /reserved-memory region "
			  "the kernel saved", dev->name, dr->idx, dr->target);
	else if (dr->region->type == RM_REGION_NONE)
		/* a carve-out the driver maps itself (firmware, modem) */
		rm_report(b, "no-init", RM_NOTE, dev->path, "%s: memory-region "
			  "%d (%s) has no init function (no compatible matched): "
			  "-EINVAL from of_reserved_mem_device_init, normal for a "
			  "carve-out the driver maps itself", dev->name, dr->idx,
			  dr->target);
	else
		rm_report(b, "device-einval", RM_ERROR, dev->path, "%s: "
			  "memory-region %d (%s) has no usable init (%s)",
			  dev->name, dr->idx, dr->target, dr->region->status);
}

int rm_device_init_by_idx(struct rm_board *b, struct rm_device *dev,
			  struct rm_devreg *dr)
{
	const struct rm_profile *p = b->profile;
	const fdt32_t *prop;
	int len = 0, target, ret;
	struct rm_region *r;

	prop = fdt_getprop(b->fdt, dev->node, "memory-region", &len);
	if (!prop || dr->idx < 0 || (dr->idx + 1) * 4 > len)
		return -ENODEV;
	target = dt_find_phandle(b->fdt, fdt32_ld(prop + dr->idx));
	if (target < 0) {
		rm_report(b, "device-enodev", RM_ERROR, dev->path, "%s: "
			  "memory-region %d: phandle 0x%x resolves to no node",
			  dev->name, dr->idx, fdt32_ld(prop + dr->idx));
		return -ENODEV;
	}
	snprintf(dr->target, sizeof(dr->target), "%s", dt_name(b->fdt, target));
	if (p->disabled_target_ok && !dt_is_available(b->fdt, target))
		return 0;
	r = find_rmem(b, target);
	dr->region = r;
	if (!r || !r->ops) {
		hint_einval(b, dev, dr, target);
		return -EINVAL;
	}
	ret = r->ops->device_init(b, r, dev);
	if (ret == 0) {
		dr->assigned = true;
		r->nr_devices++;
		rm_info(b, "%s: assigned reserved memory node %s", dev->kname,
			r->name);
	}
	return ret;
}
