// SPDX-License-Identifier: GPL-2.0
/*
 * Dynamic regions: `size`, `alignment`, `alloc-ranges`
 * (__reserved_mem_alloc_size and the per-window allocation).
 */
#include <libfdt.h>

#include "kernel/lib/sizes.h"
#include "kernel/of/fdt.h"
#include "kernel/dma/contiguous.h"
#include "kernel/system.h"

#define SMP_CACHE_BYTES 64

/*
 * early_init_dt_alloc_reserved_memory_arch(): one window.  4.19's
 * __memblock_alloc_base() searches all of [0, end) and gives back a
 * result below start; 4.19 removes a no-map region from memory, 6.x
 * marks it NOMAP.
 */
static int alloc_arch(struct rm_board *b, uint64_t size, uint64_t align,
		      uint64_t start, uint64_t end, bool nomap, uint64_t *res)
{
	const struct rm_profile *p = b->profile;
	uint64_t base;

	end = end ? end : MB_ALLOC_ANYWHERE;
	align = align ? align : SMP_CACHE_BYTES;
	base = memblock_phys_alloc_range(&b->mb, size, align,
					 p->dyn_search_from_0 ? 0 : start, end);
	if (base && base < start) {
		memblock_free_range(&b->mb, base, size);
		base = 0;
	}
	if (!base)
		return -ENOMEM;
	*res = base;
	if (!nomap)
		return 0;
	if (p->dyn_nomap_removes)
		return memblock_remove(&b->mb, base, size);
	if (memblock_mark_nomap(&b->mb, base, size)) {
		memblock_free_range(&b->mb, base, size);
		return -ENOMEM;
	}
	return 0;
}

/*
 * 6.12 __reserved_mem_alloc_in_range(): a window touching an earlier
 * placed entry at its start is searched bottom-up, at its end top-down.
 * The table holds only earlier dynamics at this point.
 */
static int alloc_in_range(struct rm_board *b, uint64_t size, uint64_t align,
			  uint64_t start, uint64_t end, bool nomap,
			  uint64_t *res)
{
	bool prev = b->mb.bottom_up, bottom_up = false, top_down = false;
	unsigned int i;
	int ret;

	for (i = 0; i < b->nr_table; i++) {
		const struct rm_region *r = b->table[i];

		if (!r->size)
			continue;
		if (start >= r->base && start <= r->base + r->size)
			bottom_up = true;
		if (end >= r->base && end <= r->base + r->size)
			top_down = true;
	}
	if (bottom_up != top_down)
		b->mb.bottom_up = bottom_up;
	ret = alloc_arch(b, size, align, start, end, nomap, res);
	if (bottom_up != top_down)
		b->mb.bottom_up = prev;
	return ret;
}

/* the largest aligned free run inside [start, end), for the hint */
struct gap_search {
	uint64_t start, end, align, best;
};

static int gap_cb(uint64_t base, uint64_t end, void *arg)
{
	struct gap_search *g = arg;
	uint64_t s = base > g->start ? base : g->start;
	uint64_t e = end < g->end ? end : g->end;

	s = (s + g->align - 1) / g->align * g->align;
	if (e > s && e - s > g->best)
		g->best = e - s;
	return 0;
}

/* why a window did not fit, for the finding if no window does */
static void explain_no_fit(struct rm_board *b, struct strbuf *why,
			   uint64_t size, uint64_t align, uint64_t start,
			   uint64_t end)
{
	struct gap_search g = { start, end ? end : MB_ALLOC_ANYWHERE,
				align ? align : SMP_CACHE_BYTES, 0 };

	memblock_for_each_free(&b->mb, gap_cb, &g);
	strbuf_printf(why, "%swindow [" RM_PA_FMT ", " RM_PA_FMT "): largest "
		      "free run aligned to 0x%llx is 0x%llx bytes, 0x%llx asked",
		      why->len ? "; " : "", RM_PA(start), RM_PA(g.end),
		      (unsigned long long)g.align, (unsigned long long)g.best,
		      (unsigned long long)size);
}

static void report_invalid(struct rm_board *b, struct rm_region *r,
			   const char *prop)
{
	rm_report(b, "invalid-property", RM_ERROR, r->path, "'%s': %s does not "
		  "have the root's cells: the node is skipped", r->name, prop);
}

/* size and alignment, as __reserved_mem_alloc_size() reads them */
static int read_size_align(struct rm_board *b, struct rm_region *r,
			   bool nomap, uint64_t *size, uint64_t *align)
{
	unsigned int ac = b->root_addr_cells, sc = b->root_size_cells;
	const fdt32_t *prop;
	int len;

	prop = fdt_getprop(b->fdt, r->node, "size", &len);
	if (!prop) {
		rm_region_status(r, -EINVAL, "no reg size and no size property");
		return -EINVAL;
	}
	if (len != (int)sc * 4) {
		rm_err(b, RM_PREFIX "invalid size property in '%s' node.", r->name);
		rm_region_status(r, -EINVAL, "invalid size property");
		report_invalid(b, r, "size");
		return -EINVAL;
	}
	*size = dt_read_number(prop, (int)sc);
	*align = 0;
	prop = fdt_getprop(b->fdt, r->node, "alignment", &len);
	if (prop) {
		if (len != (int)ac * 4) {
			rm_err(b, RM_PREFIX "invalid alignment property in '%s' node.",
			       r->name);
			rm_region_status(r, -EINVAL, "invalid alignment property");
			report_invalid(b, r, "alignment");
			return -EINVAL;
		}
		*align = dt_read_number(prop, (int)ac);
	}
	/* CMA needs pageblock (6.x) or MAX_ORDER (4.19) alignment; 7.2
	 * asks the driver (rm_validate_node) */
	if (!b->profile->rmem_ops && b->kconfig.cma && dt_is_compatible(b->fdt, r->node, "shared-dma-pool") &&
	    dt_has_prop(b->fdt, r->node, "reusable") && !nomap &&
	    *align < b->profile->cma.min_align)
		*align = b->profile->cma.min_align;
	return 0;
}

/* 7.2 of_flat_dt_get_addr_size_prop(): a bad length is no alloc-ranges */
static bool bad_windows(struct rm_board *b, int node)
{
	int n;

	dt_addr_size_prop(b->fdt, node, "alloc-ranges",
			  b->root_addr_cells + b->root_size_cells, &n);
	return n < 0;
}

/* each alloc-ranges window in turn until one fits: 0, -EINVAL, -ENOMEM */
static int alloc_in_windows(struct rm_board *b, struct rm_region *r,
			    uint64_t size, uint64_t align, bool nomap,
			    uint64_t *base, struct strbuf *why)
{
	unsigned int ac = b->root_addr_cells, sc = b->root_size_cells;
	int t_len = (int)(ac + sc) * 4, len;
	const fdt32_t *win = fdt_getprop(b->fdt, r->node, "alloc-ranges", &len);

	if (t_len == 0 || len % t_len != 0) {
		rm_err(b, RM_PREFIX "invalid alloc-ranges property in '%s', "
		       "skipping node.", r->name);
		rm_region_status(r, -EINVAL, "invalid alloc-ranges property");
		report_invalid(b, r, "alloc-ranges");
		return -EINVAL;
	}
	for (; len > 0; len -= t_len, win += ac + sc) {
		uint64_t start = dt_read_number(win, (int)ac);
		uint64_t end = start + dt_read_number(win + ac, (int)sc);
		int ret;

		if (b->profile->dynamic_heuristic)
			ret = alloc_in_range(b, size, align, start, end, nomap, base);
		else
			ret = alloc_arch(b, size, align, start, end, nomap, base);
		if (ret == 0)
			return 0;
		explain_no_fit(b, why, size, align, start, end);
	}
	return -ENOMEM;
}

int rm_alloc_size(struct rm_board *b, struct rm_region *r)
{
	const struct rm_profile *p = b->profile;
	bool nomap = dt_has_prop(b->fdt, r->node, "no-map");
	struct strbuf why = STRBUF_INIT;
	uint64_t size, align, base = 0;
	int err;

	err = read_size_align(b, r, nomap, &size, &align);
	if (err)
		return err;
	if (p->rmem_ops) {
		err = rm_validate_node(b, r->node, r->name, &align);
		if (err && err != -ENODEV) {
			rm_region_status(r, err, "bypassed: cma= on the command line");
			return err;
		}
	}
	if (dt_has_prop(b->fdt, r->node, "alloc-ranges") &&
	    !(p->rmem_ops && bad_windows(b, r->node))) {
		err = alloc_in_windows(b, r, size, align, nomap, &base, &why);
		if (err == -EINVAL) {
			strbuf_release(&why);
			return err;
		}
	} else if (alloc_arch(b, size, align, 0, 0, nomap, &base)) {
		explain_no_fit(b, &why, size, align, 0, 0);
	}
	if (base == 0) {
		rm_report(b, "dynamic-no-space", RM_ERROR, r->path, "'%s': %s",
			  r->name, why.s ? why.s : "no room");
		strbuf_release(&why);
		if (p->dyn_fail_has_size)
			rm_err(b, RM_PREFIX "failed to allocate memory for node "
			       "'%s': size %llu MiB", r->name,
			       (unsigned long long)(size / SZ_1M));
		else
			rm_info(b, RM_PREFIX "failed to allocate memory for node '%s'",
				r->name);
		rm_region_status(r, -ENOMEM, "failed to allocate memory: size %llu",
				 (unsigned long long)size);
		r->size = 0;
		return -ENOMEM;
	}
	strbuf_release(&why);
	r->base = base;
	r->size = size;
	return 0;
}
