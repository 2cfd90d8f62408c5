// SPDX-License-Identifier: GPL-2.0
/*
 * --dry-run output: the boot log as the kernel prints it, the memory map,
 * one table of regions (address order) and one of devices, then rmemfs's
 * findings.  Sections after the log start with "# " so scripts can cut
 * the log out; sizes are exact with the human reading beside them, so a
 * diff of two runs is quiet where nothing moved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/units.h"
#include "kernel/drivers/u-dma-buf.h"
#include "view/map.h"
#include "view/render.h"

/* a failed dynamic region (the default CMA area too) has no base */
bool rm_region_placed(const struct rm_region *r)
{
	return r->size && (r->base || !r->err);
}

/* placed regions by address; those without a place keep the DT order */
static int by_address(const void *pa, const void *pb)
{
	const struct rm_region *a = *(const struct rm_region *const *)pa;
	const struct rm_region *b = *(const struct rm_region *const *)pb;
	bool pa_placed = rm_region_placed(a), pb_placed = rm_region_placed(b);

	if (pa_placed != pb_placed)
		return pa_placed ? -1 : 1;
	if (pa_placed && a->base != b->base)
		return a->base < b->base ? -1 : 1;
	return 0;
}

struct rm_region **rm_regions_by_address(struct rm_board *b)
{
	struct rm_region **v = malloc((b->nr_regions + 1) * sizeof(*v));
	unsigned int i;

	if (!v)
		return NULL;
	for (i = 0; i < b->nr_regions; i++)
		v[i] = b->regions[i];
	v[i] = NULL;
	/* qsort is not stable: ties (equal bases) fall back to the order */
	for (i = 1; i < b->nr_regions; i++) {
		struct rm_region *r = v[i];
		unsigned int j = i;

		while (j && by_address(&v[j - 1], &r) > 0) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = r;
	}
	return v;
}

static void render_regions(struct rm_board *b, struct strbuf *sb)
{
	struct rm_region **v = rm_regions_by_address(b);
	char human[RM_HUMAN_MAX], size[48], base[20];
	unsigned int i;

	strbuf_printf(sb, "\n# regions\n");
	strbuf_printf(sb, "%-32s %-18s %-24s %-10s %s\n", "NAME", "BASE", "SIZE",
		      "TYPE", "STATUS");
	for (i = 0; v && i < b->nr_regions; i++) {
		const struct rm_region *r = v[i];

		/* a node the kernel never placed has no base or size to show */
		snprintf(size, sizeof(size), "%llu (%s)",
			 (unsigned long long)r->size,
			 rm_human_size(r->size, human));
		snprintf(base, sizeof(base), "0x%016llx", (unsigned long long)r->base);
		strbuf_printf(sb, "%-32s %-18s %-24s %-10s %s\n", r->dirname,
			      rm_region_placed(r) ? base : "-", r->size ? size : "-",
			      rm_region_type_name(r->type), r->status);
	}
	free(v);
}

static void render_devices(struct rm_board *b, struct strbuf *sb)
{
	unsigned int i, k;

	strbuf_printf(sb, "\n# devices\n");
	strbuf_printf(sb, "%-32s %-4s %-32s %s\n", "DEVICE", "IDX", "REGION",
		      "RESULT");
	for (i = 0; i < b->nr_devices; i++) {
		const struct rm_device *dev = b->devices[i];

		for (k = 0; k < dev->nr_regs; k++) {
			const struct rm_devreg *dr = &dev->regs[k];
			const char *res = rm_devreg_result(dr);

			strbuf_printf(sb, "%-32s %-4d %-32s %s\n", dev->name, dr->idx,
				      dr->target[0] ? dr->target : "-",
				      res ? res : "-");
		}
	}
}

/* the u-dma-buf devices as sysfs would show them (only on such boards) */
static void render_udmabuf(struct rm_board *b, struct strbuf *sb)
{
	const struct udmabuf *ub;
	unsigned int i;
	bool any = false;

	for (i = 0; i < b->nr_devices; i++)
		any |= b->devices[i]->udmabuf_node;
	if (!any)
		return;
	strbuf_printf(sb, "\n# u-dma-buf\n");
	strbuf_printf(sb, "%-20s %-5s %-18s %-10s %-24s %s\n", "NAME", "MINOR",
		      "PHYS_ADDR", "SIZE", "POOL", "NODE");
	for (ub = b->udmabuf ? b->udmabuf->head : NULL; ub; ub = ub->next)
		strbuf_printf(sb, "%-20s %-5d 0x%016llx %-10llu %-24s %s\n",
			      ub->name, ub->minor,
			      (unsigned long long)ub->alloc.dma,
			      (unsigned long long)ub->size, ub->alloc.pool,
			      ub->dev->node >= 0 ? ub->dev->path : "-");
}

static void rm_render_findings(struct rm_board *b, struct strbuf *sb)
{
	unsigned int i;

	for (i = 0; i < b->findings.nr; i++) {
		const struct rm_finding *f = &b->findings.f[i];

		strbuf_printf(sb, "%-7s %s %s: %s%s\n",
			      rm_severity_name(f->severity), f->id, f->node,
			      f->text, f->ignored ? " (ignored)" : "");
	}
}

void rm_render_dryrun(struct rm_board *b, struct strbuf *sb)
{
	rm_render_dmesg(b, sb);
	strbuf_printf(sb, "\n# iomem\n");
	rm_render_iomem(b, sb);
	strbuf_printf(sb, "\n# map\n");
	rm_render_map(b, NULL, 0, sb);
	render_regions(b, sb);
	render_devices(b, sb);
	render_udmabuf(b, sb);
	if (b->findings.nr) {
		strbuf_printf(sb, "\n# findings\n");
		rm_render_findings(b, sb);
	}
}
