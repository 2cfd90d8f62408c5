/* SPDX-License-Identifier: GPL-2.0 */
/*
 * system - a booted board: memblock, the reserved-memory table, CMA
 * areas, coherent pools and devices, as the emulated kernel left them.
 *
 * This is the core's public face: the renderers and the FUSE layer read
 * it, and allocate through kernel/dma/mapping.h.  Boot builds it once;
 * after rm_boot() returns only the pools change (each under its own
 * lock) and the log grows (under its lock).
 */
#ifndef RM_SYSTEM_H
#define RM_SYSTEM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/bootlog.h"
#include "kernel/device.h"
#include "kernel/early_param.h"
#include "kernel/findings.h"
#include "kernel/kconfig.h"
#include "kernel/mm/cma.h"
#include "kernel/mm/memblock.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/of/fdt_index.h"
#include "kernel/of/of_reserved_mem.h"
#include "kernel/profile.h"
#include "util/strbuf.h"

#define RM_MAX_RESERVE 64

struct udmabuf_class;

/* the zones a GFP flag asks for; 4.19 has no ZONE_DMA (GFP_DMA is DMA32) */
enum rm_zone { RM_ZONE_DMA, RM_ZONE_DMA32, RM_ZONE_NORMAL, RM_NR_ZONES };

struct rm_reserve_range {
	uint64_t base;
	uint64_t size;
};

struct rm_boot_opts {
	const struct rm_profile *profile;
	const char *cmdline;		/* NULL: /chosen/bootargs */
	const struct rm_kconfig *kconfig; /* NULL: defaults for the profile */
	const struct rm_reserve_range *reserve;
	unsigned int nr_reserve;
};

/* memory taken before or beside /reserved-memory, and by whom */
struct rm_early_res {
	uint64_t base;
	uint64_t size;
	const char *what;		/* "initrd", "page tables", ... (static) */
};

struct rm_atomic_pool {
	const char *gfp;		/* "GFP_KERNEL", ... */
	uint64_t size;			/* bytes */
	uint64_t phys;			/* 0 when not from CMA */
	bool from_cma;
	bool ok;
};

struct rm_board {
	const struct rm_profile *profile;
	struct rm_kconfig kconfig;
	struct rm_cmdline cl;
	char *cmdline;			/* effective command line */
	const void *fdt;		/* borrowed; must outlive the board */
	size_t fdt_size;
	struct dt_index dtix;		/* parents of every node */
	uint32_t root_addr_cells;
	uint32_t root_size_cells;
	struct memblock mb;
	struct rm_reserve_range *banks;	/* RAM as the kernel took it from
					 * /memory (after mem=): the map's */
	unsigned int nr_banks;
	struct bootlog log;
	size_t log_boot_len;		/* bytes of it before the drivers probe */

	struct rm_region **regions;	/* display order: table, then others */
	unsigned int nr_regions;
	struct rm_region **table;	/* reserved_mem[] in the kernel's order */
	unsigned int nr_table;
	unsigned int table_cap;		/* MAX_RESERVED_REGIONS */

	struct rm_cma_table cma;	/* mm/cma.c cma_areas[] */
	struct rm_cma *default_cma;	/* dma_contiguous_default_area */
	struct rm_region *default_cma_region;

	struct rm_device **devices;	/* DT order, "default" last */
	unsigned int nr_devices;
	struct rm_device *default_dev;

	struct rm_sysmem sys;		/* the page allocator stand-in */
	uint64_t dt_dma_limit;		/* of_dma_get_max_cpu_address() */
	unsigned int zone_dma_bits;	/* 6.1 */
	uint64_t zone_dma_limit;	/* the DMA code's zone test: 6.1
					 * DMA_BIT_MASK(zone_dma_bits), 6.12
					 * zone_dma_limit; inclusive */
	uint64_t dma_phys_limit;	/* arm64_dma_phys_limit: ZONE_DMA's end */
	uint64_t dma32_phys_limit;	/* ZONE_DMA32's end */
	/* the zones' ends as the page allocator sees them: whole pages,
	 * contiguous, ascending (DMA, DMA32, Normal; 4.19: DMA32, Normal) */
	uint64_t zone_end[RM_NR_ZONES];
	unsigned int nr_zones;
	uint64_t early_alloc_bytes;	/* kernel's own boot allocations */
	struct rm_early_res *early;	/* the same, one by one, with the
					 * initrd, -o reserve= and /memreserve/ */
	unsigned int nr_early;
	uint64_t early_node_data;	/* where NODE_DATA went, 0 = nowhere */
	int early_rmem_count;		/* 6.12: entries the early scan counted */
	struct rm_atomic_pool atomic[3];
	unsigned int nr_atomic;

	int *unreserved;		/* nodes with a reg tuple not reserved */
	unsigned int nr_unreserved;

	bool initrd_warned;		/* WARN_ONCE state, per call site */
	bool memremap_warned;
	bool memremap_mixed_warned;
	unsigned int nr_dev_errors;	/* device inits that failed */
	bool panicked;			/* the kernel would die here */
	struct udmabuf_class *udmabuf;	/* the u-dma-buf module's devices */
	struct rm_findings findings;	/* rmemfs's diagnosis */
};

/* printk at the three levels the emulated code uses */
#define rm_err(b, fmt, ...) \
	bootlog_printf(&(b)->log, RM_LOG_ERR, fmt, ##__VA_ARGS__)
#define rm_warn(b, fmt, ...) \
	bootlog_printf(&(b)->log, RM_LOG_WARN, fmt, ##__VA_ARGS__)
#define rm_info(b, fmt, ...) \
	bootlog_printf(&(b)->log, RM_LOG_INFO, fmt, ##__VA_ARGS__)

/*
 * Boot @fdt as the profile's kernel would.  Returns 0 and the board, or a
 * negative errno with a message in err when the board cannot be booted at
 * all (out of memory).  A board whose reserved memory the kernel rejects
 * boots, with the errors in its log.
 */
int rm_boot(const void *fdt, size_t fdt_size, const struct rm_boot_opts *opts,
	    struct rm_board **out, char *err, size_t errlen);
void rm_board_free(struct rm_board *b);

/*
 * The highest address a page from zone z (or a lower one, as the
 * zonelist falls back) may have; ~0 for ZONE_NORMAL.
 */
uint64_t rm_zone_top(const struct rm_board *b, enum rm_zone z);

/* system.c */
/* remember what an early reservation is for (the map shows it) */
void rm_early_note(struct rm_board *b, uint64_t base, uint64_t size,
		   const char *what);
/*
 * rmemfs's own explanation of a kernel decision (kernel/findings.h): a
 * stable id, a severity, the node's DT path ("" or "/" for the board).
 */
void rm_report(struct rm_board *b, const char *id, enum rm_severity sev,
	       const char *node, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* the same about the node at FDT offset node (-1: the board) */
void rm_report_at(struct rm_board *b, const char *id, enum rm_severity sev,
		  int node, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
struct rm_device *rm_device_find(struct rm_board *b, const char *name);
/* unique directory names for regions and devices (a clash: the path) */
void rm_name_dirs(struct rm_board *b);
const char *rm_errno_name(int err);	/* -22 -> "-EINVAL" */
/* what a memory-region index gave: "0", "-EINVAL", ...; NULL when the
 * driver never asked (a u-dma-buf probe stopped before it) */
const char *rm_devreg_result(const struct rm_devreg *dr);

#endif
