// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/units.h"
#include "view/map.h"

/* [s, e) with e saturated: a range ending at 2^64 stays ordered */
struct iv {
	uint64_t s, e;
};

static uint64_t end_of(uint64_t base, uint64_t size)
{
	return base + size < base ? ~0ULL : base + size;
}

static const char *region_label(const struct rm_region *r)
{
	switch (r->type) {
	case RM_REGION_CMA: return "cma";
	case RM_REGION_COHERENT: return "coherent";
	case RM_REGION_RESTRICTED: return "restricted";
	case RM_REGION_FAILED: return "failed";
	case RM_REGION_SKIPPED: return "skipped";
	default: return r->nomap ? "no-map" : "reserved";
	}
}

const char *rm_atomic_pool_name(const struct rm_atomic_pool *ap)
{
	if (!ap->gfp[0])
		return "atomic_pool";		/* 4.19: one pool */
	if (strstr(ap->gfp, "DMA32"))
		return "atomic_pool_dma32";
	if (strstr(ap->gfp, "GFP_DMA"))
		return "atomic_pool_dma";
	return "atomic_pool_kernel";
}

const char *rm_dt_label(const struct rm_board *b, const char *path)
{
	int sym, off;

	if (!b->fdt || !path || !path[0])
		return NULL;
	sym = fdt_path_offset(b->fdt, "/__symbols__");
	if (sym < 0)
		return NULL;
	fdt_for_each_property_offset(off, b->fdt, sym) {
		const char *name;
		int len;
		const char *val = fdt_getprop_by_offset(b->fdt, off, &name, &len);

		if (val && len > 0 && !val[len - 1] && !strcmp(val, path))
			return name;
	}
	return NULL;
}

static struct rm_map_entry *add(struct rm_map *m, uint64_t base, uint64_t size,
				enum rm_map_kind kind, const char *label,
				const char *name)
{
	struct rm_map_entry *e;

	if (m->nr == m->cap) {
		unsigned int cap = m->cap ? m->cap * 2 : 64;

		e = realloc(m->e, cap * sizeof(*e));
		if (!e)
			return NULL;
		m->e = e;
		m->cap = cap;
	}
	e = &m->e[m->nr++];
	memset(e, 0, sizeof(*e));
	e->base = base;
	e->size = size;
	e->kind = kind;
	e->label = label;
	snprintf(e->name, sizeof(e->name), "%s", name);
	return e;
}

static int by_base(const void *pa, const void *pb)
{
	const struct rm_map_entry *a = pa, *b = pb;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if (a->kind != b->kind)		/* holes and free first, then named */
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int iv_cmp(const void *pa, const void *pb)
{
	const struct iv *a = pa, *b = pb;

	return a->s < b->s ? -1 : a->s > b->s;
}

/* sort and merge in place; returns the new count */
static unsigned int iv_merge(struct iv *v, unsigned int n)
{
	unsigned int i, k = 0;

	if (n > 1)
		qsort(v, n, sizeof(*v), iv_cmp);
	for (i = 0; i < n; i++) {
		if (k && v[i].s <= v[k - 1].e) {
			if (v[i].e > v[k - 1].e)
				v[k - 1].e = v[i].e;
			continue;
		}
		v[k++] = v[i];
	}
	return k;
}

/* emit [s, e) minus the merged cover, as entries of one kind */
static int emit_gaps(struct rm_map *m, uint64_t s, uint64_t e,
		     const struct iv *cover, unsigned int n,
		     enum rm_map_kind kind, const char *label)
{
	unsigned int i;

	for (i = 0; i < n && s < e; i++) {
		if (cover[i].e <= s)
			continue;
		if (cover[i].s >= e)
			break;
		if (cover[i].s > s && !add(m, s, cover[i].s - s, kind, label, ""))
			return -ENOMEM;
		s = cover[i].e;
	}
	if (s < e && !add(m, s, e - s, kind, label, ""))
		return -ENOMEM;
	return 0;
}

static void mark_outside(const struct rm_board *b, struct rm_map_entry *e)
{
	uint64_t s = e->base, end = end_of(e->base, e->size), inside = 0;
	unsigned int i;

	for (i = 0; i < b->nr_banks; i++) {
		uint64_t bs = b->banks[i].base;
		uint64_t be = end_of(bs, b->banks[i].size);
		uint64_t lo = s > bs ? s : bs, hi = end < be ? end : be;

		if (lo < hi)
			inside += hi - lo;
	}
	e->outside_ram = !inside;
	e->partly_outside = inside && inside < end - s;
}

/* what the tables name: placed regions, and the early reservations,
 * adjacent pieces of one kind joined ("mem_section" is taken twice) */
static int add_named(struct rm_board *b, struct rm_map *m)
{
	struct rm_map_entry *e;
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++) {
		const struct rm_region *r = b->regions[i];

		if (!r->size || (!r->base && r->err))
			continue;	/* never placed */
		e = add(m, r->base, r->size, RM_MAP_REGION,
			region_label(r), r->dirname);
		if (!e)
			return -ENOMEM;
		e->region = r;
		e->dt_label = rm_dt_label(b, r->path);
	}
	for (i = 0; i < b->nr_early; i++) {
		const struct rm_early_res *er = &b->early[i];
		struct rm_map_entry *last = m->nr ? &m->e[m->nr - 1] : NULL;

		if (last && last->kind == RM_MAP_EARLY &&
		    !strcmp(last->name, er->what) &&
		    end_of(last->base, last->size) == er->base) {
			last->size += er->size;
			continue;
		}
		if (last && last->kind == RM_MAP_EARLY &&
		    !strcmp(last->name, er->what) &&
		    end_of(er->base, er->size) == last->base) {
			last->base = er->base;	/* top-down: the next is below */
			last->size += er->size;
			continue;
		}
		if (!add(m, er->base, er->size, RM_MAP_EARLY, "kernel", er->what))
			return -ENOMEM;
	}
	for (i = 0; i < m->nr; i++)
		mark_outside(b, &m->e[i]);
	return 0;
}

/* free RAM, the holes between banks, and reservations nobody names */
static int add_unnamed(struct rm_board *b, struct rm_map *m)
{
	const struct mb_type *res = &b->mb.reserved;
	unsigned int named = m->nr, n = 0, nn, i;
	struct iv *cover = malloc((named + res->cnt + 1) * sizeof(*cover));
	struct iv *names = malloc((named + 1) * sizeof(*names));
	int ret = -ENOMEM;

	if (!cover || !names)
		goto out;
	for (i = 0; i < named; i++) {
		names[i].s = cover[n].s = m->e[i].base;
		names[i].e = cover[n++].e = end_of(m->e[i].base, m->e[i].size);
	}
	for (i = 0; i < res->cnt; i++) {
		cover[n].s = res->r[i].base;
		cover[n++].e = end_of(res->r[i].base, res->r[i].size);
	}
	n = iv_merge(cover, n);
	nn = iv_merge(names, named);
	ret = 0;
	for (i = 0; i < b->nr_banks && !ret; i++) {
		uint64_t bs = b->banks[i].base, be = end_of(bs, b->banks[i].size);

		m->ram += be - bs;
		ret = emit_gaps(m, bs, be, cover, n, RM_MAP_FREE, "free");
		if (!ret && i + 1 < b->nr_banks && be < b->banks[i + 1].base &&
		    !add(m, be, b->banks[i + 1].base - be, RM_MAP_HOLE, "hole", ""))
			ret = -ENOMEM;
	}
	for (i = 0; i < res->cnt && !ret; i++)
		ret = emit_gaps(m, res->r[i].base,
				end_of(res->r[i].base, res->r[i].size), names, nn,
				RM_MAP_OTHER, "reserved");
out:
	free(cover);
	free(names);
	return ret;
}

/* the atomic pools a CMA area gave, and the live buffers, by parent */
static int add_children(struct rm_board *b, const struct rm_live_buffer *bufs,
			unsigned int nr_bufs, struct rm_map *kids)
{
	struct rm_map_entry *e;
	unsigned int i;

	for (i = 0; i < b->nr_atomic; i++) {
		const struct rm_atomic_pool *ap = &b->atomic[i];

		if (!ap->ok || !ap->from_cma || !b->default_cma_region)
			continue;
		e = add(kids, ap->phys, ap->size, RM_MAP_ATOMIC, "atomic pool",
			rm_atomic_pool_name(ap));
		if (!e)
			return -ENOMEM;
		e->region = b->default_cma_region;
		e->depth = 1;
	}
	for (i = 0; i < nr_bufs; i++) {
		const struct rm_alloc *a = &bufs[i].alloc;

		if (!a->region)
			continue;	/* system memory: not on the map */
		e = add(kids, a->phys, a->span ? a->span : a->size, RM_MAP_BUFFER,
			"buffer", bufs[i].name);
		if (!e)
			return -ENOMEM;
		e->region = a->region;
		e->depth = 1;
	}
	if (kids->nr > 1)	/* qsort(NULL, 0) is undefined */
		qsort(kids->e, kids->nr, sizeof(*kids->e), by_base);
	return 0;
}

int rm_map_build(struct rm_board *b, const struct rm_live_buffer *bufs,
		 unsigned int nr_bufs, struct rm_map *m)
{
	struct rm_map top = { 0 }, kids = { 0 };
	unsigned int i, k;
	int ret;

	memset(m, 0, sizeof(*m));
	ret = add_named(b, &top);
	if (!ret)
		ret = add_unnamed(b, &top);
	if (!ret)
		ret = add_children(b, bufs, nr_bufs, &kids);
	if (ret)
		goto out;
	if (top.nr > 1)
		qsort(top.e, top.nr, sizeof(*top.e), by_base);
	m->ram = top.ram;
	for (i = 0; i < top.nr; i++) {
		if (!add(m, 0, 0, 0, NULL, "")) {
			ret = -ENOMEM;
			goto out;
		}
		m->e[m->nr - 1] = top.e[i];
		if (top.e[i].kind != RM_MAP_REGION)
			continue;
		for (k = 0; k < kids.nr; k++) {
			if (kids.e[k].region != top.e[i].region)
				continue;
			if (!add(m, 0, 0, 0, NULL, "")) {
				ret = -ENOMEM;
				goto out;
			}
			m->e[m->nr - 1] = kids.e[k];
		}
	}
out:
	free(top.e);
	free(kids.e);
	if (ret)
		rm_map_release(m);
	return ret;
}

void rm_map_release(struct rm_map *m)
{
	free(m->e);
	memset(m, 0, sizeof(*m));
}

static void render_entry(struct rm_board *b, const struct rm_map_entry *e,
			 struct strbuf *sb)
{
	const struct rm_region *r = e->kind == RM_MAP_REGION ? e->region : NULL;
	char human[RM_HUMAN_MAX];

	strbuf_printf(sb, "%s0x%016llx-0x%016llx %10s  %s%*s%s",
		      e->depth ? "  " : "", (unsigned long long)e->base,
		      (unsigned long long)(end_of(e->base, e->size) - 1),
		      rm_human_size(e->size, human), e->label,
		      e->name[0] ? (int)(12 - strlen(e->label)) : 0, "", e->name);
	if (e->dt_label)
		strbuf_printf(sb, " (%s)", e->dt_label);
	if (r && r == b->default_cma_region)
		strbuf_printf(sb, " (the default CMA area)");
	if (r && r->err)
		strbuf_printf(sb, " (%s)", r->status);
	if (e->kind == RM_MAP_HOLE)
		strbuf_printf(sb, " (no RAM)");
	if (e->outside_ram)
		strbuf_printf(sb, " (outside RAM)");
	else if (e->partly_outside)
		strbuf_printf(sb, " (partly outside RAM)");
	strbuf_printf(sb, "\n");
}

void rm_render_map(struct rm_board *b, const struct rm_live_buffer *bufs,
		   unsigned int nr_bufs, struct strbuf *sb)
{
	struct rm_map m;
	char human[RM_HUMAN_MAX];
	unsigned int i;

	if (rm_map_build(b, bufs, nr_bufs, &m)) {
		strbuf_printf(sb, "(out of memory building the map)\n");
		return;
	}
	strbuf_printf(sb, "RAM: %s in %u bank%s:", rm_human_size(m.ram, human),
		      b->nr_banks, b->nr_banks == 1 ? "" : "s");
	for (i = 0; i < b->nr_banks; i++)
		strbuf_printf(sb, " [0x%llx-0x%llx]",
			      (unsigned long long)b->banks[i].base,
			      (unsigned long long)(end_of(b->banks[i].base,
							  b->banks[i].size) - 1));
	strbuf_printf(sb, "\n");
	for (i = 0; i < m.nr; i++)
		render_entry(b, &m.e[i], sb);
	for (i = 0; i < b->nr_atomic; i++) {
		const struct rm_atomic_pool *ap = &b->atomic[i];

		if (ap->ok && !ap->from_cma)
			strbuf_printf(sb, "%s %s: from the page allocator (its "
				      "address is not predicted)\n",
				      rm_atomic_pool_name(ap),
				      rm_human_size(ap->size, human));
	}
	rm_map_release(&m);
}
