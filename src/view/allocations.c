// SPDX-License-Identifier: GPL-2.0
/*
 * The allocations files: what a device allocated, and what a region's
 * memory was given to.  A fresh mount's CMA area is already partly used
 * by the DMA atomic pools (kernel/dma/pool.c takes them at boot from the
 * default area): they are listed first, so `used` is never unexplained.
 */
#include <stdlib.h>

#include "view/files.h"
#include "view/map.h"

static void line(struct strbuf *sb, const char *name, uint64_t phys,
		 uint64_t dma, uint64_t size, const char *pool)
{
	strbuf_printf(sb, "%s 0x%llx 0x%llx %llu %s\n", name,
		      (unsigned long long)phys, (unsigned long long)dma,
		      (unsigned long long)size, pool);
}

int rm_show_allocations(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb)
{
	struct rm_live_buffer *v = NULL;
	unsigned int i, n = 0;
	int ret;

	if (o->region && o->region == o->b->default_cma_region) {
		for (i = 0; i < o->b->nr_atomic; i++) {
			const struct rm_atomic_pool *ap = &o->b->atomic[i];

			if (ap->ok && ap->from_cma)
				line(sb, rm_atomic_pool_name(ap), ap->phys, ap->phys,
				     ap->size, o->region->cma->name);
		}
	}
	if (!env || !env->buffers)
		return 0;
	ret = env->buffers(env->ctx, &v, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		const struct rm_live_buffer *lb = &v[i];

		if (o->dev ? lb->dev != o->dev : lb->alloc.region != o->region)
			continue;
		line(sb, lb->name, lb->alloc.phys, lb->alloc.dma, lb->alloc.size,
		     lb->alloc.pool);
	}
	free(v);
	return 0;
}
