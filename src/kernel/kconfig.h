/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kconfig - the few CONFIG_ values the emulated code depends on, read
 * from a kernel .config.  Without a file, the arm64 Kconfig defaults.
 */
#ifndef RM_KCONFIG_H
#define RM_KCONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/profile.h"

enum rm_cma_size_sel {
	RM_CMA_SEL_MBYTES,
	RM_CMA_SEL_PERCENTAGE,
	RM_CMA_SEL_MIN,
	RM_CMA_SEL_MAX,
};

struct rm_kconfig {
	bool cma;			/* CONFIG_CMA */
	bool dma_cma;			/* CONFIG_DMA_CMA */
	bool dma_restricted_pool;	/* CONFIG_DMA_RESTRICTED_POOL */
	uint64_t cma_size_mbytes;	/* CONFIG_CMA_SIZE_MBYTES */
	uint64_t cma_size_percentage;	/* CONFIG_CMA_SIZE_PERCENTAGE */
	enum rm_cma_size_sel cma_size_sel;
	unsigned int cma_alignment;	/* CONFIG_CMA_ALIGNMENT (order) */
	unsigned int cma_areas;		/* CONFIG_CMA_AREAS as written */
	unsigned int page_shift;	/* from CONFIG_ARM64_*K_PAGES */
	unsigned int max_order;		/* CONFIG_ARCH_FORCE_MAX_ORDER as written */
	bool max_order_set;
};

/* The Kconfig defaults on arm64 for this profile. */
void rm_kconfig_defaults(struct rm_kconfig *kc, const struct rm_profile *p);

/*
 * Apply a .config text.  Returns 0, or -EINVAL with a message in err
 * ("line 12: CONFIG_CMA_ALIGNMENT=abc: not a number").
 */
int rm_kconfig_parse(struct rm_kconfig *kc, const char *text, char *err,
		     size_t errlen);

/* Slots in cma_areas[]: 6.12 uses CONFIG_CMA_AREAS, older 1 + it. */
unsigned int rm_kconfig_max_cma_areas(const struct rm_kconfig *kc,
				      const struct rm_profile *p);

const char *rm_cma_size_sel_name(enum rm_cma_size_sel sel);

#endif
