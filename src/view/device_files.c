// SPDX-License-Identifier: GPL-2.0
/*
 * devices/<name>/: the node, each memory-region index with the result a
 * driver got, the pools the device was given, and its buffers.
 */
#include <stdio.h>

#include "view/files.h"

static int show_of_node(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb)
{
	strbuf_printf(sb, "%s\n", o->dev->node >= 0 ? o->dev->path : "");
	return 0;
}

static int show_memory_region(const struct rm_obj *o,
			      const struct rm_view_env *env, struct strbuf *sb)
{
	unsigned int k;

	for (k = 0; k < o->dev->nr_regs; k++) {
		const struct rm_devreg *dr = &o->dev->regs[k];
		/* "-": the driver never asked */
		const char *res = rm_devreg_result(dr);

		strbuf_printf(sb, "%d %s %s\n", dr->idx,
			      dr->target[0] ? dr->target : "-", res ? res : "-");
	}
	return 0;
}

static bool has_dma_mem(const struct rm_obj *o)
{
	return o->dev->dma_mem_region != NULL;
}

static void dma_mem_target(const struct rm_obj *o, char *buf, size_t len)
{
	snprintf(buf, len, "../../regions/%s", o->dev->dma_mem_region->dirname);
}

static bool has_cma_area(const struct rm_obj *o)
{
	return o->dev->cma_area_region != NULL;
}

static void cma_area_target(const struct rm_obj *o, char *buf, size_t len)
{
	snprintf(buf, len, "../../regions/%s", o->dev->cma_area_region->dirname);
}

static int show_dma_faults(const struct rm_obj *o, const struct rm_view_env *env,
			   struct strbuf *sb)
{
	return env && env->dma_faults ? env->dma_faults(env->ctx, o->dev, sb) : 0;
}

static int show_sync_report(const struct rm_obj *o,
			    const struct rm_view_env *env, struct strbuf *sb)
{
	return env && env->sync_report ? env->sync_report(env->ctx, o->dev, sb) : 0;
}

const struct rm_file rm_device_files[] = {
	{ .name = "of_node", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_of_node },
	{ .name = "memory-region", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_memory_region },
	{ .name = "dma_mem", .kind = RM_FILE_LINK, .mode = 0777,
	  .present = has_dma_mem, .target = dma_mem_target },
	{ .name = "cma_area", .kind = RM_FILE_LINK, .mode = 0777,
	  .present = has_cma_area, .target = cma_area_target },
	{ .name = "allocations", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = rm_show_allocations },
	{ .name = "alloc", .kind = RM_FILE_ALLOC, .mode = 0666 },
	{ .name = "buffers", .kind = RM_FILE_BUFFERS, .mode = 01777 },
	{ .name = "dma", .kind = RM_FILE_DMA, .mode = 0600 },
	{ .name = "dma_faults", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_dma_faults },
	{ .name = "sync", .kind = RM_FILE_DMA_SYNC, .mode = 0200 },
	{ .name = "sync_report", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_sync_report },
	{ .name = NULL },
};
