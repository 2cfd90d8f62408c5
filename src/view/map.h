/* SPDX-License-Identifier: GPL-2.0 */
/*
 * map - the physical memory map a person reads: the RAM banks and the
 * holes between them, and in address order every region by name, the
 * default CMA area, the DMA atomic pools it gave, the kernel's own early
 * reservations and the free gaps with their sizes.  One model, three
 * renderings: the text of `map` and "# map", the JSON, the SVG picture.
 * In a mount the live buffers are drawn inside their pools.
 */
#ifndef RM_MAP_H
#define RM_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/dma/mapping.h"
#include "kernel/system.h"
#include "util/strbuf.h"

/* a live buffer, as the front end that made it knows it */
struct rm_live_buffer {
	char name[RM_NAME_MAX];
	const struct rm_device *dev;	/* NULL: a region's own alloc file */
	struct rm_alloc alloc;
};

enum rm_map_kind {
	RM_MAP_HOLE,		/* between two banks: no RAM */
	RM_MAP_FREE,		/* RAM nobody holds */
	RM_MAP_REGION,		/* a /reserved-memory region, the default CMA */
	RM_MAP_EARLY,		/* the kernel's own, the initrd, reserve= */
	RM_MAP_OTHER,		/* memblock holds it, nobody we can name */
	RM_MAP_ATOMIC,		/* inside a CMA area: a DMA atomic pool */
	RM_MAP_BUFFER,		/* inside a pool: a live buffer */
};

struct rm_map_entry {
	uint64_t base;
	uint64_t size;
	enum rm_map_kind kind;
	const char *label;		/* "cma", "coherent", "no-map", "free", ... */
	char name[RM_NAME_MAX];
	const char *dt_label;		/* "hyp_mem" from __symbols__, or NULL */
	const struct rm_region *region;	/* RM_MAP_REGION, and the parent of
					 * RM_MAP_ATOMIC/RM_MAP_BUFFER */
	unsigned int depth;		/* 1: inside the region before it */
	bool outside_ram;		/* no byte in a bank */
	bool partly_outside;		/* some bytes outside every bank */
};

struct rm_map {
	struct rm_map_entry *e;		/* address order, children after parents */
	unsigned int nr;
	unsigned int cap;
	uint64_t ram;			/* bytes in the banks */
};

/* 0, or -ENOMEM; bufs may be NULL (the dry-run has none) */
int rm_map_build(struct rm_board *b, const struct rm_live_buffer *bufs,
		 unsigned int nr_bufs, struct rm_map *m);
void rm_map_release(struct rm_map *m);

/* kernel/dma/pool.c's names: atomic_pool_kernel, _dma, _dma32 */
const char *rm_atomic_pool_name(const struct rm_atomic_pool *ap);

/*
 * The node's label in the source ("hyp_mem: memory@80000000 {"), from the
 * blob's __symbols__ (dtc -@, as Debian builds its DTBs); NULL without.
 */
const char *rm_dt_label(const struct rm_board *b, const char *path);

/* the text: `map` in a mount, "# map" in --dry-run */
void rm_render_map(struct rm_board *b, const struct rm_live_buffer *bufs,
		   unsigned int nr_bufs, struct strbuf *sb);

#endif
