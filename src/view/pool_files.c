// SPDX-License-Identifier: GPL-2.0
/*
 * regions/<name>/ and devices/<name>/ text files.  Pool files use the
 * names and formats of mm/cma_debug.c and /sys/kernel/mm/cma.
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/bitmap.h"
#include "kernel/of/fdt.h"
#include "view/render.h"

#include <libfdt.h>

bool rm_region_is_pool(const struct rm_region *r)
{
	return (r->type == RM_REGION_CMA && r->cma) ||
	       r->type == RM_REGION_COHERENT;
}

static const char *const plain_files[] = {
	"base", "size", "type", "flags", "compatible", "status", "devices", NULL
};

static const char *const pool_files[] = {
	"base", "size", "type", "flags", "compatible", "status", "devices",
	"base_pfn", "count", "order_per_bit", "used", "maxchunk", "bitmap",
	"bitmap_list", "alloc_pages_success", "alloc_pages_fail",
	"release_pages_success", NULL
};

const char *const *rm_region_files(const struct rm_region *r)
{
	return rm_region_is_pool(r) ? pool_files : plain_files;
}

/* a consistent copy of a pool's state, taken under its lock */
struct pool_view {
	uint64_t base_pfn, count, opb, nbits;
	uint64_t *bitmap;
	uint64_t success, fail, released;
};

static int pool_view_get(struct rm_region *r, struct pool_view *v)
{
	pthread_mutex_t *lock = NULL;
	const uint64_t *src = NULL;

	memset(v, 0, sizeof(*v));
	if (r->type == RM_REGION_CMA && r->cma) {
		struct rm_cma *c = r->cma;

		lock = &c->lock;
		pthread_mutex_lock(lock);
		v->base_pfn = c->base_pfn;
		v->count = c->count;
		v->opb = c->order_per_bit;
		v->nbits = cma_bitmap_maxno(c);
		src = c->bitmap;
		v->success = c->alloc_pages_success;
		v->fail = c->alloc_pages_fail;
		v->released = c->release_pages_success;
	} else if (r->coh) {
		struct rm_coherent *m = r->coh;

		lock = &m->lock;
		pthread_mutex_lock(lock);
		v->base_pfn = m->phys_base >> RM_PAGE_SHIFT;
		v->count = v->nbits = m->pages;
		src = m->bitmap;
		v->success = m->alloc_pages_success;
		v->fail = m->alloc_pages_fail;
		v->released = m->release_pages_success;
	} else {
		/* a DMA pool no device has created yet: all free */
		v->base_pfn = r->base >> RM_PAGE_SHIFT;
		v->count = v->nbits = r->size >> RM_PAGE_SHIFT;
	}
	v->bitmap = bitmap_zalloc(v->nbits);
	if (v->bitmap && src)
		memcpy(v->bitmap, src, bitmap_words(v->nbits) * sizeof(uint64_t));
	if (lock)
		pthread_mutex_unlock(lock);
	return v->bitmap ? 0 : -ENOMEM;
}

static void render_bitmap_u32(const struct pool_view *v, struct strbuf *sb)
{
	uint64_t words = (v->nbits + 31) / 32, k;

	for (k = 0; k < words; k++) {
		uint32_t w = (uint32_t)(v->bitmap[k / 2] >> (32 * (k % 2)));

		strbuf_printf(sb, "%s%u", k ? " " : "", w);
	}
	strbuf_printf(sb, "\n");
}

/* "%*pbl": ranges of set bits */
static void render_bitmap_list(const struct pool_view *v, struct strbuf *sb)
{
	uint64_t start = bitmap_next_set(v->bitmap, v->nbits, 0);
	bool first = true;

	while (start < v->nbits) {
		uint64_t end = bitmap_next_zero(v->bitmap, v->nbits, start);

		if (end - start == 1)
			strbuf_printf(sb, "%s%llu", first ? "" : ",",
				      (unsigned long long)start);
		else
			strbuf_printf(sb, "%s%llu-%llu", first ? "" : ",",
				      (unsigned long long)start,
				      (unsigned long long)(end - 1));
		first = false;
		start = bitmap_next_set(v->bitmap, v->nbits, end);
	}
	strbuf_printf(sb, "\n");
}

static int render_pool_file(struct rm_region *r, const char *file,
			    struct strbuf *sb)
{
	struct pool_view v;
	unsigned long long val;

	if (!rm_region_is_pool(r))
		return -ENOENT;
	if (pool_view_get(r, &v))
		return -ENOMEM;
	if (!strcmp(file, "bitmap")) {
		render_bitmap_u32(&v, sb);
		goto out;
	}
	if (!strcmp(file, "bitmap_list")) {
		render_bitmap_list(&v, sb);
		goto out;
	}
	if (!strcmp(file, "base_pfn"))
		val = v.base_pfn;
	else if (!strcmp(file, "count"))
		val = v.count;
	else if (!strcmp(file, "order_per_bit"))
		val = v.opb;
	else if (!strcmp(file, "used"))
		val = bitmap_weight(v.bitmap, v.nbits) << v.opb;
	else if (!strcmp(file, "maxchunk"))
		val = bitmap_longest_zero_run(v.bitmap, v.nbits) << v.opb;
	else if (!strcmp(file, "alloc_pages_success"))
		val = v.success;
	else if (!strcmp(file, "alloc_pages_fail"))
		val = v.fail;
	else if (!strcmp(file, "release_pages_success"))
		val = v.released;
	else {
		free(v.bitmap);
		return -ENOENT;
	}
	strbuf_printf(sb, "%llu\n", val);
out:
	free(v.bitmap);
	return 0;
}

static void render_compatible(struct rm_board *b, struct rm_region *r,
			      struct strbuf *sb)
{
	const char *p;
	int len;

	if (r->node < 0)
		return;
	p = fdt_getprop(b->fdt, r->node, "compatible", &len);
	while (p && len > 0) {
		size_t l = strnlen(p, (size_t)len);

		strbuf_printf(sb, "%.*s\n", (int)l, p);
		p += l + 1;
		len -= (int)l + 1;
	}
}

static void render_devices(struct rm_board *b, struct rm_region *r,
			   struct strbuf *sb)
{
	unsigned int i, k;

	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *dev = b->devices[i];

		for (k = 0; k < dev->nr_regs; k++)
			if (dev->regs[k].region == r && dev->regs[k].assigned) {
				strbuf_printf(sb, "%s\n", dev->name);
				break;
			}
	}
}

int rm_render_region_file(struct rm_board *b, struct rm_region *r,
			  const char *file, struct strbuf *sb)
{
	if (!strcmp(file, "base")) {
		strbuf_printf(sb, "0x%016llx\n", (unsigned long long)r->base);
	} else if (!strcmp(file, "size")) {
		strbuf_printf(sb, "%llu\n", (unsigned long long)r->size);
	} else if (!strcmp(file, "type")) {
		strbuf_printf(sb, "%s\n", rm_region_type_name(r->type));
	} else if (!strcmp(file, "flags")) {
		const char *sep = "";

		if (r->nomap) {
			strbuf_printf(sb, "%sno-map", sep);
			sep = " ";
		}
		if (r->reusable) {
			strbuf_printf(sb, "%sreusable", sep);
			sep = " ";
		}
		if (r->cma_default) {
			strbuf_printf(sb, "%slinux,cma-default", sep);
			sep = " ";
		}
		if (r->dma_default)
			strbuf_printf(sb, "%slinux,dma-default", sep);
		strbuf_printf(sb, "\n");
	} else if (!strcmp(file, "compatible")) {
		render_compatible(b, r, sb);
	} else if (!strcmp(file, "status")) {
		strbuf_printf(sb, "%s\n", r->status);
	} else if (!strcmp(file, "devices")) {
		render_devices(b, r, sb);
	} else {
		return render_pool_file(r, file, sb);
	}
	return 0;
}

int rm_render_device_file(struct rm_board *b, struct rm_device *dev,
			  const char *file, struct strbuf *sb)
{
	unsigned int k;

	(void)b;
	if (!strcmp(file, "of_node")) {
		strbuf_printf(sb, "%s\n", dev->node >= 0 ? dev->path : "");
	} else if (!strcmp(file, "memory-region")) {
		for (k = 0; k < dev->nr_regs; k++) {
			const struct rm_devreg *dr = &dev->regs[k];

			strbuf_printf(sb, "%d %s %s\n", dr->idx,
				      dr->target[0] ? dr->target : "-",
				      dr->result ? rm_errno_name(dr->result) : "0");
		}
	} else {
		return -ENOENT;
	}
	return 0;
}
