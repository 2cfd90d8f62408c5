// SPDX-License-Identifier: GPL-2.0
/*
 * --dry-run output: the boot log as the kernel prints it, the memory map,
 * one table of regions and one of devices, then rmemfs's own hints.
 * Sections after the log start with "# " so scripts can cut the log out.
 */
#include <string.h>

#include "view/render.h"

static void render_regions(struct rm_board *b, struct strbuf *sb)
{
	unsigned int i;

	strbuf_printf(sb, "\n# regions\n");
	strbuf_printf(sb, "%-32s %-18s %-12s %-10s %s\n", "NAME", "BASE", "SIZE",
		      "TYPE", "STATUS");
	for (i = 0; i < b->nr_regions; i++) {
		const struct rm_region *r = b->regions[i];

		strbuf_printf(sb, "%-32s 0x%016llx %-12llu %-10s %s\n", r->dirname,
			      (unsigned long long)r->base,
			      (unsigned long long)r->size,
			      rm_region_type_name(r->type), r->status);
	}
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

			strbuf_printf(sb, "%-32s %-4d %-32s %s\n", dev->name, dr->idx,
				      dr->target[0] ? dr->target : "-",
				      dr->result ? rm_errno_name(dr->result) : "0");
		}
	}
}

void rm_render_dryrun(struct rm_board *b, struct strbuf *sb)
{
	rm_render_dmesg(b, sb);
	strbuf_printf(sb, "\n# iomem\n");
	rm_render_iomem(b, sb);
	render_regions(b, sb);
	render_devices(b, sb);
	if (b->hints.len) {
		strbuf_printf(sb, "\n# hints\n");
		strbuf_add(sb, b->hints.s, b->hints.len);
	}
}
