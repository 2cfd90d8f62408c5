// SPDX-License-Identifier: GPL-2.0
/*
 * regions/<name>/: what the kernel knows of a region, and for a pool the
 * files of mm/cma_debug.c and /sys/kernel/mm/cma (names and formats),
 * the same for CMA areas and coherent pools.
 */
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/dma/coherent.h"
#include "kernel/lib/bitmap.h"
#include "view/files.h"

bool rm_region_is_pool(const struct rm_region *r)
{
	return (r->type == RM_REGION_CMA && r->cma) ||
	       r->type == RM_REGION_COHERENT;
}

static bool region_is_pool(const struct rm_obj *o)
{
	return rm_region_is_pool(o->region);
}

/* ---- the region ---------------------------------------------------- */

static int show_base(const struct rm_obj *o, const struct rm_view_env *env,
		     struct strbuf *sb)
{
	strbuf_printf(sb, "0x%016llx\n", (unsigned long long)o->region->base);
	return 0;
}

static int show_size(const struct rm_obj *o, const struct rm_view_env *env,
		     struct strbuf *sb)
{
	strbuf_printf(sb, "%llu\n", (unsigned long long)o->region->size);
	return 0;
}

static int show_type(const struct rm_obj *o, const struct rm_view_env *env,
		     struct strbuf *sb)
{
	strbuf_printf(sb, "%s\n", rm_region_type_name(o->region->type));
	return 0;
}

static int show_flags(const struct rm_obj *o, const struct rm_view_env *env,
		      struct strbuf *sb)
{
	const struct rm_region *r = o->region;
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
	return 0;
}

static int show_compatible(const struct rm_obj *o,
			   const struct rm_view_env *env, struct strbuf *sb)
{
	const char *p = NULL;
	int len = 0;

	if (o->region->node >= 0)
		p = fdt_getprop(o->b->fdt, o->region->node, "compatible", &len);
	while (p && len > 0) {
		size_t l = strnlen(p, (size_t)len);

		strbuf_printf(sb, "%.*s\n", (int)l, p);
		p += l + 1;
		len -= (int)l + 1;
	}
	return 0;
}

static int show_status(const struct rm_obj *o, const struct rm_view_env *env,
		       struct strbuf *sb)
{
	strbuf_printf(sb, "%s\n", o->region->status);
	return 0;
}

static int show_devices(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb)
{
	unsigned int i, k;

	for (i = 0; i < o->b->nr_devices; i++) {
		const struct rm_device *dev = o->b->devices[i];

		for (k = 0; k < dev->nr_regs; k++)
			if (dev->regs[k].region == o->region &&
			    dev->regs[k].assigned) {
				strbuf_printf(sb, "%s\n", dev->name);
				break;
			}
	}
	return 0;
}

/* ---- the pool (mm/cma_debug.c) -------------------------------------- */

/*
 * The pool's numbers, taken under its lock.  Each file asks for what it
 * shows: a counter copies no bitmap and searches nothing.
 */
enum { WANT_USED = 1, WANT_MAXCHUNK = 2, WANT_BITMAP = 4 };

struct pool_view {
	uint64_t base_pfn, count, opb, nbits;
	uint64_t used_bits, maxchunk_bits;
	uint64_t success, fail, released;
	uint64_t *bitmap;
};

static int pool_view_get(const struct rm_region *r, struct pool_view *v,
			 unsigned int want)
{
	pthread_mutex_t *lock = NULL;
	const struct bitmap_index *bix = NULL;

	memset(v, 0, sizeof(*v));
	if (r->type == RM_REGION_CMA && r->cma) {
		struct rm_cma *c = r->cma;

		lock = &c->lock;
		pthread_mutex_lock(lock);
		v->base_pfn = c->base_pfn;
		v->count = c->count;
		v->opb = c->order_per_bit;
		v->nbits = cma_bitmap_maxno(c);
		bix = c->bitmap ? &c->bix : NULL;
		v->success = c->alloc_pages_success;
		v->fail = c->alloc_pages_fail;
		v->released = c->release_pages_success;
	} else if (r->coh) {
		struct rm_coherent *m = r->coh;

		lock = &m->lock;
		pthread_mutex_lock(lock);
		v->base_pfn = m->phys_base >> RM_PAGE_SHIFT;
		v->count = v->nbits = m->pages;
		bix = &m->bix;
		v->success = m->alloc_pages_success;
		v->fail = m->alloc_pages_fail;
		v->released = m->release_pages_success;
	} else {
		/* a DMA pool whose memory could not be mapped: all free */
		v->base_pfn = r->base >> RM_PAGE_SHIFT;
		v->count = v->nbits = r->size >> RM_PAGE_SHIFT;
	}
	v->maxchunk_bits = v->nbits;
	if (bix && (want & WANT_USED))
		v->used_bits = bitmap_index_weight(bix);
	if (bix && (want & WANT_MAXCHUNK))
		v->maxchunk_bits = bitmap_index_longest_zero_run(bix);
	if (want & WANT_BITMAP) {
		v->bitmap = bitmap_zalloc(v->nbits);
		if (v->bitmap && bix)
			memcpy(v->bitmap, bix->map,
			       bitmap_words(v->nbits) * sizeof(uint64_t));
	}
	if (lock)
		pthread_mutex_unlock(lock);
	return (want & WANT_BITMAP) && !v->bitmap ? -ENOMEM : 0;
}

static int show_pool_number(const struct rm_obj *o, struct strbuf *sb,
			    size_t field)
{
	struct pool_view v;

	pool_view_get(o->region, &v, 0);
	strbuf_printf(sb, "%llu\n", (unsigned long long)
		      *(const uint64_t *)((const char *)&v + field));
	return 0;
}

#define POOL_NUMBER(name, field)					\
static int show_##name(const struct rm_obj *o,				\
		       const struct rm_view_env *env, struct strbuf *sb)	\
{									\
	return show_pool_number(o, sb, offsetof(struct pool_view, field)); \
}
POOL_NUMBER(base_pfn, base_pfn)
POOL_NUMBER(count, count)
POOL_NUMBER(order_per_bit, opb)
POOL_NUMBER(alloc_pages_success, success)
POOL_NUMBER(alloc_pages_fail, fail)
POOL_NUMBER(release_pages_success, released)

/* cma_used_get() and cma_maxchunk_get(): pages, through order_per_bit */
static int show_used(const struct rm_obj *o, const struct rm_view_env *env,
		     struct strbuf *sb)
{
	struct pool_view v;

	pool_view_get(o->region, &v, WANT_USED);
	strbuf_printf(sb, "%llu\n", (unsigned long long)(v.used_bits << v.opb));
	return 0;
}

static int show_maxchunk(const struct rm_obj *o, const struct rm_view_env *env,
			 struct strbuf *sb)
{
	struct pool_view v;

	pool_view_get(o->region, &v, WANT_MAXCHUNK);
	strbuf_printf(sb, "%llu\n",
		      (unsigned long long)(v.maxchunk_bits << v.opb));
	return 0;
}

/* debugfs_create_u32_array(): the bitmap as u32 words */
static int show_bitmap(const struct rm_obj *o, const struct rm_view_env *env,
		       struct strbuf *sb)
{
	struct pool_view v;
	uint64_t words, k;

	if (pool_view_get(o->region, &v, WANT_BITMAP))
		return -ENOMEM;
	words = (v.nbits + 31) / 32;
	for (k = 0; k < words; k++) {
		uint32_t w = (uint32_t)(v.bitmap[k / 2] >> (32 * (k % 2)));

		strbuf_printf(sb, "%s%u", k ? " " : "", w);
	}
	strbuf_printf(sb, "\n");
	free(v.bitmap);
	return 0;
}

/* "%*pbl": ranges of set bits */
static int show_bitmap_list(const struct rm_obj *o,
			    const struct rm_view_env *env, struct strbuf *sb)
{
	struct pool_view v;
	uint64_t start;
	bool first = true;

	if (pool_view_get(o->region, &v, WANT_BITMAP))
		return -ENOMEM;
	start = bitmap_next_set(v.bitmap, v.nbits, 0);
	while (start < v.nbits) {
		uint64_t end = bitmap_next_zero(v.bitmap, v.nbits, start);

		if (end - start == 1)
			strbuf_printf(sb, "%s%llu", first ? "" : ",",
				      (unsigned long long)start);
		else
			strbuf_printf(sb, "%s%llu-%llu", first ? "" : ",",
				      (unsigned long long)start,
				      (unsigned long long)(end - 1));
		first = false;
		start = bitmap_next_set(v.bitmap, v.nbits, end);
	}
	strbuf_printf(sb, "\n");
	free(v.bitmap);
	return 0;
}

#define TEXT(n, fn) { .name = n, .kind = RM_FILE_TEXT, .mode = 0444, .show = fn }
#define POOL(n, fn) { .name = n, .kind = RM_FILE_TEXT, .mode = 0444, \
		      .show = fn, .present = region_is_pool }

const struct rm_file rm_region_files[] = {
	TEXT("base", show_base),
	TEXT("size", show_size),
	TEXT("type", show_type),
	TEXT("flags", show_flags),
	TEXT("compatible", show_compatible),
	TEXT("status", show_status),
	TEXT("devices", show_devices),
	POOL("base_pfn", show_base_pfn),
	POOL("count", show_count),
	POOL("order_per_bit", show_order_per_bit),
	POOL("used", show_used),
	POOL("maxchunk", show_maxchunk),
	POOL("bitmap", show_bitmap),
	POOL("bitmap_list", show_bitmap_list),
	POOL("alloc_pages_success", show_alloc_pages_success),
	POOL("alloc_pages_fail", show_alloc_pages_fail),
	POOL("release_pages_success", show_release_pages_success),
	POOL("allocations", rm_show_allocations),
	/* sticky and world-writable like /tmp: only a buffer's owner removes it */
	{ .name = "alloc", .kind = RM_FILE_ALLOC, .mode = 0666,
	  .present = region_is_pool },
	{ .name = "buffers", .kind = RM_FILE_BUFFERS, .mode = 01777,
	  .present = region_is_pool },
	{ .name = NULL },
};
