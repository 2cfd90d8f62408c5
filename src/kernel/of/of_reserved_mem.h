/* SPDX-License-Identifier: GPL-2.0 */
/*
 * of_reserved_mem - struct reserved_mem and the /reserved-memory boot
 * (drivers/of/of_reserved_mem.c, and the scan half of drivers/of/fdt.c
 * that 6.12 moved there):
 *   of_reserved_mem.c        regions, the reserved_mem[] table, statuses
 *   of_reserved_mem_scan.c   finding the nodes, static reg, saving entries
 *   of_reserved_mem_alloc.c  dynamic placement (__reserved_mem_alloc_size)
 *   of_reserved_mem_sort.c   the sort and the overlap check
 *   of_reserved_mem_init.c   compatible dispatch (__reserved_mem_init_node)
 *   of_reserved_mem_device.c of_reserved_mem_device_init_by_idx()
 * The pools themselves are set up by their owners: contiguous.c (CMA),
 * coherent.c (DMA pool), swiotlb.c (restricted pool).
 */
#ifndef RM_OF_RESERVED_MEM_H
#define RM_OF_RESERVED_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/device.h"

#define RM_STATUS_MAX 192
#define RM_PREFIX "OF: reserved mem: "

struct rm_board;
struct rm_region;

enum rm_region_type {
	RM_REGION_NONE,		/* no init function matched */
	RM_REGION_CMA,
	RM_REGION_COHERENT,
	RM_REGION_RESTRICTED,
	RM_REGION_FAILED,
	RM_REGION_SKIPPED,	/* a child the kernel never looked at */
};

/* reserved_mem->ops: what a successful init function leaves behind */
struct rm_reserved_mem_ops {
	int (*device_init)(struct rm_board *b, struct rm_region *r,
			   struct rm_device *dev);
};

/* One /reserved-memory child (or the cmdline/Kconfig area "reserved"). */
struct rm_region {
	char name[RM_NAME_MAX];		/* node name with unit address */
	char path[RM_NAME_MAX];		/* full DT path, "" for "reserved" */
	char dirname[RM_NAME_MAX];	/* unique name under regions/ */
	int node;			/* FDT offset, -1 for "reserved" */
	uint32_t phandle;
	uint64_t base;
	uint64_t size;
	bool dynamic;			/* placed from size/alignment */
	bool nomap;
	bool reusable;
	bool cma_default;
	bool dma_default;
	bool in_table;			/* saved in the kernel's reserved_mem[] */
	bool released;			/* memory given back after init failed */
	enum rm_region_type type;
	int err;			/* result of placement/init, 0 = ok */
	char status[RM_STATUS_MAX];	/* "ok" or "-EINVAL why" */
	const struct rm_reserved_mem_ops *ops;	/* NULL: no init succeeded */
	struct rm_cma *cma;		/* CMA: rmem->priv */
	struct rm_coherent *coh;	/* DMA pool: rmem->priv */
	int pool_err;			/* DMA pool that could not be made */
	unsigned int nr_devices;	/* assigned devices */
};

const char *rm_region_type_name(enum rm_region_type t);

/* of_reserved_mem.c */
struct rm_region *rm_region_new(struct rm_board *b, int node, const char *name);
/* fdt_reserved_mem_save_node(): false (and the message) when full */
bool rm_table_save(struct rm_board *b, struct rm_region *r);
/* 7.2: a failed init leaves the table */
void rm_table_drop(struct rm_board *b, struct rm_region *r);
/* the table's new size (never below what it holds): 0 or -ENOMEM */
int rm_table_resize(struct rm_board *b, unsigned int cap);
void rm_region_status(struct rm_region *r, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * rmemfs: a static region with no memory behind it (outside every bank,
 * or beyond mem=) says so in its status, with a hint.
 */
void rm_note_outside_ram(struct rm_board *b);

/* of_reserved_mem_scan.c */
int rm_scan_reserved_mem(struct rm_board *b);	/* 4.19, 6.1, 6.12 early */
/*
 * rmemfs: every child of /reserved-memory the boot left without a region
 * (disabled, neither reg nor size, an empty reg, past a table limit, the
 * whole node ignored) gets one of type "skipped", with the reason.
 */
void rm_account_children(struct rm_board *b);
void rm_scan_reg_nodes(struct rm_board *b);	/* 6.12, after paging_init */
void rm_reserve_memreserve(struct rm_board *b);

/* of_reserved_mem_sort.c */
void rm_sort_table(struct rm_board *b);		/* the kernel's permutation */
void rm_check_for_overlap(struct rm_board *b);

/* of_reserved_mem_alloc.c */
int rm_alloc_size(struct rm_board *b, struct rm_region *r);

/* of_reserved_mem_init.c */
int rm_init_node(struct rm_board *b, struct rm_region *r);

void rm_init_after(struct rm_board *b, struct rm_region *r, int err);
void rm_init_reserved_mem(struct rm_board *b);	/* 4.19, 6.1 */

/* of_reserved_mem_device.c */
int rm_device_init_by_idx(struct rm_board *b, struct rm_device *dev,
			  struct rm_devreg *dr);

#endif
