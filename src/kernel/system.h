/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rmem - a booted board: the reserved-memory table, CMA areas, coherent
 * pools and devices, as the emulated kernel left them.
 *
 * This is the core's public face: the dry-run printer and the FUSE layer
 * both read it, and allocate through dma_alloc.h.
 */
#ifndef RM_RMEM_H
#define RM_RMEM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/bootlog.h"
#include "kernel/mm/cma.h"
#include "kernel/early_param.h"
#include "kernel/of/fdt_index.h"
#include "kernel/dma/coherent.h"
#include "kernel/kconfig.h"
#include "kernel/mm/memblock.h"
#include "kernel/profile.h"
#include "util/strbuf.h"
#include "kernel/mm/page_alloc.h"

#define RM_NAME_MAX 256
#define RM_STATUS_MAX 192
#define RM_MAX_RESERVE 64

enum rm_region_type {
	RM_REGION_NONE,		/* no init function matched */
	RM_REGION_CMA,
	RM_REGION_COHERENT,
	RM_REGION_RESTRICTED,
	RM_REGION_FAILED,
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
	/* reserved_mem->ops / ->priv */
	bool cma_ops;
	bool dma_ops;
	struct rm_cma *cma;
	struct rm_coherent *coh;	/* created at first device_init */
	unsigned int nr_devices;	/* assigned devices */
};

struct rm_dma_range {
	uint64_t cpu;			/* parent (CPU physical) address */
	uint64_t dma;			/* child (bus) address */
	uint64_t size;
};

struct rm_devreg {
	int idx;
	char target[RM_NAME_MAX];	/* region node name, "" if none */
	int result;			/* of_reserved_mem_device_init_by_idx */
	struct rm_region *region;	/* NULL when not found */
	bool assigned;			/* added to the assigned list */
};

struct rm_device {
	char name[RM_NAME_MAX];		/* directory name (unique) */
	char kname[RM_NAME_MAX];	/* dev_name() for log lines */
	char path[RM_NAME_MAX];		/* of_node full path */
	int node;			/* -1 for "default" */
	struct rm_devreg *regs;
	unsigned int nr_regs;
	/* dev->dma_mem and dev->cma_area */
	struct rm_coherent *dma_mem;
	struct rm_region *dma_mem_region;
	struct rm_cma *cma_area;
	struct rm_region *cma_area_region;
	/* bus view: dma-ranges of the parents, composed */
	struct rm_dma_range *ranges;
	unsigned int nr_ranges;
	uint64_t bus_dma_limit;		/* 0 = none */
	uint64_t coherent_dma_mask;
};

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

struct rm_atomic_pool {
	const char *gfp;		/* "GFP_KERNEL", ... */
	uint64_t size;			/* bytes */
	uint64_t phys;			/* 0 when not from CMA */
	bool from_cma;
	bool ok;
};

struct rm_board {
	pthread_mutex_t lock;		/* lazy pool creation at run time */
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
	struct bootlog log;

	struct rm_region **regions;	/* display order: table, then others */
	unsigned int nr_regions;
	struct rm_region **table;	/* reserved_mem[] in the kernel's order */
	unsigned int nr_table;
	unsigned int table_cap;		/* MAX_RESERVED_REGIONS */

	struct rm_cma **cma_areas;	/* cma_areas[] in declaration order */
	unsigned int nr_cma;
	unsigned int max_cma;
	struct rm_cma *default_cma;	/* dma_contiguous_default_area */

	struct rm_device **devices;	/* DT order, "default" last */
	unsigned int nr_devices;
	struct rm_device *default_dev;

	struct rm_sysmem sys;		/* the page allocator stand-in */
	uint64_t dma_phys_limit;	/* arm64_dma_phys_limit */
	uint64_t early_alloc_bytes;	/* kernel's own boot allocations */
	int early_rmem_count;		/* 6.12: entries the early scan counted */
	struct rm_atomic_pool atomic[3];
	unsigned int nr_atomic;

	bool memremap_warned;		/* WARN_ONCE state, per call site */
	bool memremap_mixed_warned;
	bool page_alloc_warned;
	unsigned int nr_dev_errors;	/* device inits that failed */
	struct strbuf hints;		/* dry-run explanations */
};

/*
 * Boot @fdt as the profile's kernel would.  Returns 0 and the board, or a
 * negative errno with a message in err when the board cannot be booted at
 * all (out of memory).  A board whose reserved memory the kernel rejects
 * boots, with the errors in its log.
 */
int rm_boot(const void *fdt, size_t fdt_size, const struct rm_boot_opts *opts,
	    struct rm_board **out, char *err, size_t errlen);
void rm_board_free(struct rm_board *b);

struct rm_region *rm_region_find(struct rm_board *b, const char *name);
/* rmem->priv of a DMA-pool region, created as device_init would */
int rm_region_get_pool(struct rm_board *b, struct rm_region *r);
struct rm_device *rm_device_find(struct rm_board *b, const char *name);
const char *rm_region_type_name(enum rm_region_type t);

/* phys -> DMA address for the device (dma-ranges), identity without */
uint64_t rm_dev_phys_to_dma(const struct rm_device *dev, uint64_t phys);

/* printk helpers: "%pa" and errno names */
#define RM_PA_FMT "0x%016llx"
#define RM_PA(x) ((unsigned long long)(x))
const char *rm_errno_name(int err);	/* -22 -> "-EINVAL" */
#ifndef ENOENT
#include <errno.h>
#endif

#endif
