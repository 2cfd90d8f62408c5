// SPDX-License-Identifier: GPL-2.0
/*
 * What rmemfs adds around the emulated kernel: hints, errno names, and
 * the names regions and devices are shown under.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/fdt.h"
#include "kernel/system.h"

void rm_report(struct rm_board *b, const char *id, enum rm_severity sev,
	       const char *node, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (sb.s)
		rm_findings_add(&b->findings, id, sev, node, sb.s);
	strbuf_release(&sb);
}

uint64_t rm_zone_top(const struct rm_board *b, enum rm_zone z)
{
	unsigned int i = b->nr_zones == 2 && z > RM_ZONE_DMA ? z - 1 : z;

	if (z == RM_ZONE_NORMAL || i + 1 >= b->nr_zones)
		return ~0ULL;
	return b->zone_end[i] - 1;
}

void rm_report_at(struct rm_board *b, const char *id, enum rm_severity sev,
		  int node, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	char path[RM_NAME_MAX] = "/";
	va_list ap;

	if (node > 0)
		dt_index_path(&b->dtix, b->fdt, node, path, sizeof(path));
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (sb.s)
		rm_findings_add(&b->findings, id, sev, path, sb.s);
	strbuf_release(&sb);
}

void rm_early_note(struct rm_board *b, uint64_t base, uint64_t size,
		   const char *what)
{
	struct rm_early_res *n;

	if (!size)
		return;
	n = realloc(b->early, (b->nr_early + 1) * sizeof(*n));
	if (!n)
		return;		/* only the map's label is lost */
	b->early = n;
	n[b->nr_early].base = base;
	n[b->nr_early].size = size;
	n[b->nr_early++].what = what;
}

struct rm_device *rm_device_find(struct rm_board *b, const char *name)
{
	unsigned int i;

	for (i = 0; i < b->nr_devices; i++)
		if (!strcmp(b->devices[i]->name, name))
			return b->devices[i];
	return NULL;
}

/* the node name, or on a clash the full path with '/' as '!' */
static void dirname_of(char *out, size_t len, const char *name,
		       const char *path, bool clash)
{
	char *c;

	snprintf(out, len, "%s", clash && path[0] ? path : name);
	for (c = out; *c; c++)
		if (*c == '/')
			*c = '!';
}

void rm_name_dirs(struct rm_board *b)
{
	unsigned int i, j;

	for (i = 0; i < b->nr_regions; i++) {
		struct rm_region *r = b->regions[i];
		bool clash = false;

		for (j = 0; j < b->nr_regions; j++)
			if (j != i && !strcmp(b->regions[j]->name, r->name))
				clash = true;
		dirname_of(r->dirname, sizeof(r->dirname), r->name, r->path,
			   clash);
	}
	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *dev = b->devices[i];
		const char *name;
		bool clash;

		if (dev->node < 0)
			continue;
		name = dt_name(b->fdt, dev->node);
		/* "default" is the region-less device's own directory */
		clash = !strcmp(name, "default");
		for (j = 0; j < b->nr_devices; j++)
			if (j != i && b->devices[j]->node >= 0 &&
			    !strcmp(dt_name(b->fdt, b->devices[j]->node), name))
				clash = true;
		dirname_of(dev->name, sizeof(dev->name), name, dev->path, clash);
	}
}

const char *rm_errno_name(int err)
{
	switch (err) {
	case 0: return "0";
	case -EPERM: return "-EPERM";
	case -ENOENT: return "-ENOENT";
	case -ENOMEM: return "-ENOMEM";
	case -EBUSY: return "-EBUSY";
	case -ENODEV: return "-ENODEV";
	case -EINVAL: return "-EINVAL";
	case -ENOSPC: return "-ENOSPC";
	case -EEXIST: return "-EEXIST";
	default: return "-E?";
	}
}

const char *rm_devreg_result(const struct rm_devreg *dr)
{
	if (!dr->tried)
		return NULL;
	return dr->result ? rm_errno_name(dr->result) : "0";
}
