// SPDX-License-Identifier: GPL-2.0
/*
 * --dry-run --compare=PROFILE: the one question before a kernel upgrade,
 * what changes.  Two boots of the same board; only the differences are
 * printed: each region whose base, size or status moved, each device
 * whose result changed, the default CMA area, and the log lines present
 * in one boot and not the other.
 */
#include <stdlib.h>
#include <string.h>

#include "util/units.h"
#include "view/render.h"

static const struct rm_region *find_region(const struct rm_board *b,
					   const struct rm_region *like)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++) {
		const struct rm_region *r = b->regions[i];

		if (like->path[0] ? !strcmp(r->path, like->path) :
				    !r->path[0] && !strcmp(r->name, like->name))
			return r;
	}
	return NULL;
}

static void where(const struct rm_region *r, struct strbuf *sb)
{
	char hs[RM_HUMAN_MAX];

	if (!r) {
		strbuf_printf(sb, "absent");
		return;
	}
	if (rm_region_placed(r))
		strbuf_printf(sb, "0x%016llx ", (unsigned long long)r->base);
	strbuf_printf(sb, "%s, %s", rm_human_size(r->size, hs), r->status);
}

static bool same_region(const struct rm_region *a, const struct rm_region *b)
{
	return a && b && a->base == b->base && a->size == b->size &&
	       !strcmp(a->status, b->status);
}

static unsigned int regions_diff(struct rm_board *a, struct rm_board *b,
				 struct strbuf *sb)
{
	unsigned int i, n = 0;

	for (i = 0; i < a->nr_regions + b->nr_regions; i++) {
		bool from_a = i < a->nr_regions;
		const struct rm_region *r = from_a ? a->regions[i] :
					    b->regions[i - a->nr_regions];
		const struct rm_region *ra = from_a ? r : find_region(a, r);
		const struct rm_region *rb = from_a ? find_region(b, r) : r;

		if (!from_a && ra)
			continue;	/* seen from a's side */
		if (same_region(ra, rb))
			continue;
		strbuf_printf(sb, "region %s\n  %-5s ", r->path[0] ? r->path : r->name,
			      a->profile->name);
		where(ra, sb);
		strbuf_printf(sb, "\n  %-5s ", b->profile->name);
		where(rb, sb);
		strbuf_printf(sb, "\n");
		n++;
	}
	return n;
}

static const struct rm_devreg *find_devreg(const struct rm_board *b,
					   const struct rm_device *like, int idx)
{
	unsigned int i, k;

	for (i = 0; i < b->nr_devices; i++) {
		const struct rm_device *d = b->devices[i];

		if (strcmp(d->path, like->path) || strcmp(d->name, like->name))
			continue;
		for (k = 0; k < d->nr_regs; k++)
			if (d->regs[k].idx == idx)
				return &d->regs[k];
	}
	return NULL;
}

static unsigned int devices_diff(struct rm_board *a, struct rm_board *b,
				 struct strbuf *sb)
{
	unsigned int i, k, n = 0;

	for (i = 0; i < a->nr_devices; i++) {
		const struct rm_device *d = a->devices[i];

		for (k = 0; k < d->nr_regs; k++) {
			const struct rm_devreg *da = &d->regs[k];
			const struct rm_devreg *db = find_devreg(b, d, da->idx);
			int rb = db ? db->result : 0;

			if (db && da->result == rb)
				continue;
			strbuf_printf(sb, "device %s memory-region %d (%s)\n  %-5s %s\n"
				      "  %-5s %s\n", d->name, da->idx,
				      da->target[0] ? da->target : "-",
				      a->profile->name,
				      da->result ? rm_errno_name(da->result) : "0",
				      b->profile->name, !db ? "absent" :
				      rb ? rm_errno_name(rb) : "0");
			n++;
		}
	}
	return n;
}

static void default_cma(const struct rm_board *b, struct strbuf *sb)
{
	const struct rm_cma *c = b->default_cma;
	char hs[RM_HUMAN_MAX];

	if (!c) {
		strbuf_printf(sb, "none");
		return;
	}
	strbuf_printf(sb, "%s at 0x%016llx (%s)",
		      rm_human_size(c->count << RM_PAGE_SHIFT, hs),
		      (unsigned long long)rm_pfn_phys(c->base_pfn), c->name);
}

static unsigned int default_cma_diff(struct rm_board *a, struct rm_board *b,
				     struct strbuf *sb)
{
	struct strbuf sa = STRBUF_INIT, sbb = STRBUF_INIT;
	unsigned int n = 0;

	default_cma(a, &sa);
	default_cma(b, &sbb);
	if (strcmp(sa.s, sbb.s)) {
		strbuf_printf(sb, "default CMA area\n  %-5s %s\n  %-5s %s\n",
			      a->profile->name, sa.s, b->profile->name, sbb.s);
		n = 1;
	}
	strbuf_release(&sa);
	strbuf_release(&sbb);
	return n;
}

/* split a log into lines, in place */
static char **lines_of(char *text, unsigned int *n)
{
	char **v = NULL, *line, *save = NULL, **grown;
	unsigned int cap = 0;

	*n = 0;
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			grown = realloc(v, cap * sizeof(*v));
			if (!grown)
				break;
			v = grown;
		}
		v[(*n)++] = line;
	}
	return v;
}

/* the lines of x with no equal line left in y, in x's order */
static unsigned int only_in(char **x, unsigned int nx, char **y,
			    unsigned int ny, const char *who, struct strbuf *sb)
{
	bool *used = calloc(ny + 1, sizeof(*used));
	unsigned int i, k, n = 0;

	for (i = 0; used && i < nx; i++) {
		for (k = 0; k < ny; k++)
			if (!used[k] && !strcmp(x[i], y[k]))
				break;
		if (k < ny) {
			used[k] = true;
			continue;
		}
		strbuf_printf(sb, "%s%s\n", n ? "" : who, x[i]);
		n++;
	}
	free(used);
	return n;
}

static unsigned int log_diff(struct rm_board *a, struct rm_board *b,
			     struct strbuf *sb)
{
	size_t la, lb;
	char *ta = bootlog_snapshot(&a->log, &la), *tb = bootlog_snapshot(&b->log, &lb);
	unsigned int na, nb, n;
	char **va = lines_of(ta, &na), **vb = lines_of(tb, &nb);
	struct strbuf who = STRBUF_INIT;

	strbuf_printf(&who, "log lines only in %s:\n", a->profile->name);
	n = only_in(va, na, vb, nb, who.s, sb);
	strbuf_release(&who);
	strbuf_printf(&who, "log lines only in %s:\n", b->profile->name);
	n += only_in(vb, nb, va, na, who.s, sb);
	strbuf_release(&who);
	free(va);
	free(vb);
	free(ta);
	free(tb);
	return n;
}

unsigned int rm_render_compare(struct rm_board *a, struct rm_board *b,
			       struct strbuf *sb)
{
	unsigned int n = 0;

	strbuf_printf(sb, "# compare %s with %s\n", a->profile->name,
		      b->profile->name);
	n += regions_diff(a, b, sb);
	n += devices_diff(a, b, sb);
	n += default_cma_diff(a, b, sb);
	n += log_diff(a, b, sb);
	if (!n)
		strbuf_printf(sb, "no difference\n");
	return n;
}
