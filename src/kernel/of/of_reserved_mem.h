/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rmem_internal - what the boot steps share and nobody else needs.
 */
#ifndef RM_RMEM_INTERNAL_H
#define RM_RMEM_INTERNAL_H

#include "kernel/system.h"

#define SZ_1K (1ULL << 10)
#define SZ_1M (1ULL << 20)
#define SZ_4G (4ULL << 30)

#define RM_PREFIX "OF: reserved mem: "

#define rm_err(b, fmt, ...) \
	bootlog_printf(&(b)->log, RM_LOG_ERR, fmt, ##__VA_ARGS__)
#define rm_warn(b, fmt, ...) \
	bootlog_printf(&(b)->log, RM_LOG_WARN, fmt, ##__VA_ARGS__)
#define rm_info(b, fmt, ...) \
	bootlog_printf(&(b)->log, RM_LOG_INFO, fmt, ##__VA_ARGS__)

/* rmem_region.c */
struct rm_region *rm_region_new(struct rm_board *b, int node, const char *name);
/* fdt_reserved_mem_save_node(): false (and the message) when full */
bool rm_table_save(struct rm_board *b, struct rm_region *r);
void rm_region_status(struct rm_region *r, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rm_hint(struct rm_board *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* rmem_scan.c */
int rm_check_root(struct rm_board *b, int node);
int rm_reserve_reg(struct rm_board *b, int node, const char *uname,
		   bool save_first);
int rm_scan_reserved_mem(struct rm_board *b);	/* 4.19, 6.1, 6.12 early */
void rm_scan_reg_nodes(struct rm_board *b);	/* 6.12, after paging_init */
void rm_reserve_memreserve(struct rm_board *b);

/* rmem_sort.c */
void rm_sort_table(struct rm_board *b);
void rm_check_for_overlap(struct rm_board *b);
void rm_heapsort_bottom_up(void *base, size_t n, size_t size,
			   int (*cmp)(const void *, const void *, void *),
			   void *priv);

/* rmem_dynamic.c */
int rm_alloc_size(struct rm_board *b, struct rm_region *r);

/* rmem_init.c */
int rm_init_node(struct rm_board *b, struct rm_region *r);
void rm_init_after(struct rm_board *b, struct rm_region *r, int err);
void rm_init_reserved_mem(struct rm_board *b);	/* 4.19, 6.1 */

/* contiguous.c */
void rm_contiguous_reserve(struct rm_board *b);
void rm_atomic_pools_init(struct rm_board *b);

/* early_alloc.c */
void rm_early_paging_init(struct rm_board *b);
void rm_early_reserved_mem_array(struct rm_board *b);
void rm_early_bootmem_init(struct rm_board *b);

/* device.c */
int rm_devices_init(struct rm_board *b);
void rm_devices_free(struct rm_board *b);

#endif
