// SPDX-License-Identifier: GPL-2.0
/*
 * struct reserved_mem bookkeeping: the kernel's reserved_mem[] table
 * (fdt_reserved_mem_save_node), and the list of every region rmemfs shows
 * (failed ones included, with their status).
 */
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/fdt.h"
#include "kernel/system.h"

struct rm_region *rm_region_new(struct rm_board *b, int node, const char *name)
{
	struct rm_region *r, **n;

	n = realloc(b->regions, (b->nr_regions + 1) * sizeof(*n));
	if (!n)
		return NULL;
	b->regions = n;
	r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->node = node;
	snprintf(r->name, sizeof(r->name), "%s", name);
	if (node >= 0) {
		dt_index_path(&b->dtix, b->fdt, node, r->path, sizeof(r->path));
		r->nomap = dt_has_prop(b->fdt, node, "no-map");
		r->reusable = dt_has_prop(b->fdt, node, "reusable");
		r->cma_default = dt_has_prop(b->fdt, node, "linux,cma-default");
		r->dma_default = dt_has_prop(b->fdt, node, "linux,dma-default");
	}
	r->type = RM_REGION_NONE;
	snprintf(r->status, sizeof(r->status), "ok");
	b->regions[b->nr_regions++] = r;
	return r;
}

bool rm_table_save(struct rm_board *b, struct rm_region *r)
{
	if (b->nr_table >= b->table_cap) {
		rm_err(b, RM_PREFIX "%s", b->profile->not_enough_space);
		rm_report(b, "table-full", RM_ERROR, r->path, "'%s': reserved_mem[] "
			  "is full (%u entries): the region is reserved but never "
			  "initialised, and no device finds it", r->name,
			  b->table_cap);
		rm_region_status(r, -ENOSPC, "not enough space for all defined regions");
		r->type = RM_REGION_FAILED;
		return false;
	}
	b->table[b->nr_table++] = r;
	r->in_table = true;
	return true;
}

void rm_table_drop(struct rm_board *b, struct rm_region *r)
{
	unsigned int i;

	for (i = 0; i < b->nr_table; i++) {
		if (b->table[i] != r)
			continue;
		memmove(&b->table[i], &b->table[i + 1],
			(b->nr_table - i - 1) * sizeof(b->table[0]));
		b->nr_table--;
		r->in_table = false;
		return;
	}
}

int rm_table_resize(struct rm_board *b, unsigned int cap)
{
	struct rm_region **t;

	if (cap < b->nr_table)
		cap = b->nr_table;
	t = realloc(b->table, (cap ? cap : 1) * sizeof(*t));
	if (!t)
		return -ENOMEM;
	b->table = t;
	b->table_cap = cap;
	return 0;
}

void rm_region_status(struct rm_region *r, int err, const char *fmt, ...)
{
	char why[RM_STATUS_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/*
	 * The kernel keeps the last init error; the first reason given is
	 * the one a user needs (a DMA-pool attempt after a failed CMA setup
	 * only says "reusable"), so the errno updates and the reason stays.
	 */
	if (err && r->err) {
		const char *old = strchr(r->status, ' ');

		snprintf(why, sizeof(why), "%s", old ? old + 1 : "");
	}
	r->err = err;
	if (err)
		snprintf(r->status, sizeof(r->status), "%.12s %.170s",
			 rm_errno_name(err), why);
	else
		snprintf(r->status, sizeof(r->status), "ok");
}

const char *rm_region_type_name(enum rm_region_type t)
{
	static const char *const names[] = {
		[RM_REGION_NONE] = "none",
		[RM_REGION_CMA] = "cma",
		[RM_REGION_COHERENT] = "coherent",
		[RM_REGION_RESTRICTED] = "restricted",
		[RM_REGION_FAILED] = "failed",
		[RM_REGION_SKIPPED] = "skipped",
	};

	return names[t];
}

/* bytes of [base, base + size) that lie in memory (NOMAP included) */
static uint64_t in_memory(const struct memblock *mb, uint64_t base,
			  uint64_t size)
{
	uint64_t end = base + size < base ? ~0ULL : base + size, n = 0;
	size_t i;

	for (i = 0; i < mb->memory.cnt; i++) {
		const struct mb_region *m = &mb->memory.r[i];
		uint64_t s = m->base > base ? m->base : base;
		uint64_t e = m->base + m->size < end ? m->base + m->size : end;

		if (e > s)
			n += e - s;
	}
	return n;
}

static bool unreserved(const struct rm_board *b, int node)
{
	unsigned int i;

	for (i = 0; i < b->nr_unreserved; i++)
		if (b->unreserved[i] == node)
			return true;
	return false;
}

void rm_note_outside_ram(struct rm_board *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++) {
		struct rm_region *r = b->regions[i];
		uint64_t n;

		if (r->err || r->type == RM_REGION_SKIPPED ||
		    r->type == RM_REGION_FAILED)
			continue;
		if (r->node >= 0 && unreserved(b, r->node)) {
			/* the log said "failed to reserve memory for node" */
			snprintf(r->status, sizeof(r->status), "ok, not reserved: %s",
				 r->size ? "no-map over memory already reserved "
				 "(-EBUSY)" : "reg size is 0");
			continue;
		}
		if (!r->size || !b->mb.memory.cnt)
			continue;	/* no RAM at all: said once, elsewhere */
		n = in_memory(&b->mb, r->base, r->size);
		if (n == r->size)
			continue;
		snprintf(r->status, sizeof(r->status), "ok, %s RAM",
			 n ? "partly outside" : "outside");
		rm_report(b, "outside-ram", RM_WARNING, r->path, "'%s' ["
			  RM_PA_FMT ", " RM_PA_FMT ") is %s every memory bank%s: "
			  "the kernel reserves it without memory behind it",
			  r->name, RM_PA(r->base), RM_PA(r->base + r->size),
			  n ? "partly outside" : "outside",
			  b->cl.mem_given ? " (or beyond mem=)" : "");
	}
}
