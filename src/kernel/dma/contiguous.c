// SPDX-License-Identifier: GPL-2.0
/*
 * CMA for DMA (kernel/dma/contiguous.c): the DT pools that are CMA areas,
 * and the default area, dma_contiguous_default_area, from cma= or the
 * Kconfig size.  Its pr_fmt has no prefix; the "cma: " lines are mm/cma.c's.
 */
#include "kernel/dma/contiguous.h"
#include "kernel/lib/sizes.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"

/* rmem_cma_device_init(): always 0, overwrites dev->cma_area */
static int rmem_cma_device_init(struct rm_board *b, struct rm_region *r,
				struct rm_device *dev)
{
	(void)b;
	dev->cma_area = r->cma;
	dev->cma_area_region = r;
	return 0;
}

static const struct rm_reserved_mem_ops rmem_cma_ops = {
	.device_init = rmem_cma_device_init,
};

/*
 * 7.2 __rmem_cma_verify_node(), the CMA driver's node_validate, fixup
 * and the start of its init: -ENODEV for a node that is not reusable or
 * is no-map (not a CMA node), -EBUSY for the DT default when cma= is on
 * the command line (said each time it is asked).
 */
static int rmem_cma_verify_node(struct rm_board *b, int node,
				const char *uname)
{
	if (!dt_has_prop(b->fdt, node, "reusable") ||
	    dt_has_prop(b->fdt, node, "no-map"))
		return -ENODEV;
	if (b->cl.cma_given && dt_has_prop(b->fdt, node, "linux,cma-default")) {
		/* contiguous.c resets pr_fmt: no prefix */
		rm_err(b, "Skipping dt linux,cma-default node in favor for "
		       "\"cma=\" kernel param.");
		rm_report_at(b, "cmdline-bypass", RM_NOTE, node, "'%s': cma= on "
			     "the command line replaces this linux,cma-default "
			     "pool: the kernel never reserves it", uname);
		return -EBUSY;
	}
	return 0;
}

int rm_validate_node(struct rm_board *b, int node, const char *uname,
		     uint64_t *align)
{
	int ret;

	if (!b->kconfig.cma || !b->kconfig.dma_cma ||
	    !dt_is_compatible(b->fdt, node, "shared-dma-pool"))
		return -ENODEV;
	ret = rmem_cma_verify_node(b, node, uname);
	if (!ret && align && *align < b->profile->cma.min_align)
		*align = b->profile->cma.min_align;
	return ret;
}

int rmem_cma_setup(struct rm_board *b, struct rm_region *r)
{
	const struct rm_profile *p = b->profile;
	uint64_t align = p->cma.min_align;
	struct rm_cma *cma;
	int err;

	if (!b->kconfig.dma_cma)
		return -ENOENT;		/* not built: not in the table */
	if (p->rmem_ops) {
		err = rmem_cma_verify_node(b, r->node, r->name);
		if (err == -EBUSY)
			rm_region_status(r, err, "bypassed: cma= on the command line");
		else if (err)
			rm_region_status(r, err, "not a CMA region (%s)",
					 r->nomap ? "no-map" : "not reusable");
		if (err)
			return err;
	}
	if (p->cmdline_bypasses_dt_default && b->cl.cma_given && r->cma_default) {
		rm_info(b, "Reserved memory: bypass %s node, using cmdline CMA "
			"params instead", r->name);
		rm_report(b, "cmdline-bypass", RM_NOTE, r->path, "'%s': cma= on "
			  "the command line replaces this linux,cma-default pool, "
			  "whose memory goes back", r->name);
		rm_region_status(r, -EBUSY, "bypassed: cma= on the command line");
		return -EBUSY;
	}
	if (!r->reusable || r->nomap) {
		rm_region_status(r, -EINVAL, "not a CMA region (%s)",
				 r->nomap ? "no-map" : "not reusable");
		return -EINVAL;
	}
	if ((r->base | r->size) & (align - 1)) {
		rm_err(b, "Reserved memory: incorrect alignment of CMA region");
		rm_region_status(r, -EINVAL, "incorrect alignment of CMA region");
		rm_report(b, "cma-alignment", RM_ERROR, r->path, "'%s': CMA needs "
			  "base and size aligned to 0x%llx: base " RM_PA_FMT
			  " (nearest aligned " RM_PA_FMT "), size 0x%llx (aligned up "
			  "0x%llx)", r->name, (unsigned long long)align,
			RM_PA(r->base), RM_PA((r->base + align - 1) & ~(align - 1)),
			(unsigned long long)r->size,
			(unsigned long long)((r->size + align - 1) & ~(align - 1)));
		return -EINVAL;
	}
	err = cma_init_reserved_mem(&b->cma, &b->mb, r->base, r->size, 0,
				    r->name, &cma);
	if (err) {
		rm_err(b, "Reserved memory: unable to setup CMA region");
		rm_report(b, "cma-setup", RM_ERROR, r->path, "'%s': %s", r->name,
			  err == -ENOSPC ? "no CMA slot left (MAX_CMA_AREAS): "
			  "raise CONFIG_CMA_AREAS" : "cma_init_reserved_mem failed");
		rm_region_status(r, err, "unable to setup CMA region");
		return err;
	}
	if (r->cma_default) {
		b->default_cma = cma;
		b->default_cma_region = r;
	}
	r->ops = &rmem_cma_ops;
	r->cma = cma;
	r->type = RM_REGION_CMA;
	rm_info(b, "Reserved memory: created CMA memory pool at " RM_PA_FMT
		", size %llu MiB", RM_PA(r->base),
		(unsigned long long)(r->size / SZ_1M));
	return 0;
}

/* cma_early_percent_memory() */
static uint64_t cma_percent_memory(struct rm_board *b)
{
	uint64_t pages = memblock_phys_mem_size(&b->mb) >> RM_PAGE_SHIFT;

	return (pages * b->kconfig.cma_size_percentage / 100) << RM_PAGE_SHIFT;
}

/* size_bytes from CONFIG_CMA_SIZE_SEL_* */
static uint64_t kconfig_cma_size(struct rm_board *b)
{
	uint64_t mbytes = b->kconfig.cma_size_mbytes * SZ_1M;
	uint64_t pct;

	switch (b->kconfig.cma_size_sel) {
	case RM_CMA_SEL_PERCENTAGE:
		return cma_percent_memory(b);
	case RM_CMA_SEL_MIN:
		pct = cma_percent_memory(b);
		return mbytes < pct ? mbytes : pct;
	case RM_CMA_SEL_MAX:
		pct = cma_percent_memory(b);
		return mbytes > pct ? mbytes : pct;
	case RM_CMA_SEL_MBYTES:
	default:
		return mbytes;
	}
}

/* the default area as a region, so that it is shown like the DT's */
static void add_default_region(struct rm_board *b, struct rm_cma *cma)
{
	struct rm_region *r = rm_region_new(b, -1, "reserved");

	if (!r)
		return;
	r->base = rm_pfn_phys(cma->base_pfn);
	r->size = rm_pfn_phys(cma->count);
	r->reusable = true;
	r->cma_default = true;
	r->ops = &rmem_cma_ops;
	r->cma = cma;
	r->type = RM_REGION_CMA;
	b->default_cma_region = r;
}

/* the default area that could not be placed: a finding and a row */
static void report_default_failed(struct rm_board *b, int err, uint64_t base,
				  uint64_t size, uint64_t limit, bool fixed)
{
	struct rm_region *r = rm_region_new(b, -1, "reserved");
	const char *from = b->cl.cma_given ? "cma=" : "the Kconfig size";

	if (r) {
		r->base = base;
		r->size = size;
		r->cma_default = true;
		r->reusable = true;
		r->type = RM_REGION_FAILED;
		rm_region_status(r, err, "the default CMA area could not be "
				 "reserved");
	}
	if (fixed)
		rm_report(b, "default-cma-failed", RM_ERROR, "/chosen", "the "
			  "default CMA area (%llu MiB at " RM_PA_FMT ", %s) cannot "
			  "be reserved there (%s)", (unsigned long long)(size / SZ_1M),
			  RM_PA(base), from, rm_errno_name(err));
	else
		rm_report(b, "default-cma-failed", RM_ERROR, "/chosen", "the "
			  "default CMA area (%llu MiB, %s) does not fit below "
			  RM_PA_FMT " (ZONE_DMA's end%s): %s",
			  (unsigned long long)(size / SZ_1M), from, RM_PA(limit),
			  b->cl.limit_cmdline ? " or cma='s limit" : "",
			  rm_errno_name(err));
}

void rm_contiguous_reserve(struct rm_board *b)
{
	uint64_t limit = b->dma_phys_limit, size, base = 0;
	bool fixed = false;
	struct rm_cma *cma;
	int err;

	if (!b->kconfig.cma || !b->kconfig.dma_cma)
		return;
	if (b->cl.cma_given) {
		size = b->cl.size_cmdline;
		base = b->cl.base_cmdline;
		/* "Hornor the user setup dma address limit": 7.2 takes it
		 * as given, older kernels min_not_zero() with the DMA one */
		if (b->cl.limit_cmdline && (b->profile->cma_limit_replaces ||
					    b->cl.limit_cmdline < limit))
			limit = b->cl.limit_cmdline;
		else if (!limit)
			limit = b->cl.limit_cmdline;
		if (b->cl.base_cmdline + b->cl.size_cmdline == b->cl.limit_cmdline)
			fixed = true;
	} else {
		size = kconfig_cma_size(b);
	}
	/* a DT linux,cma-default area already in place wins over both */
	if (!size || b->default_cma)
		return;
	err = cma_declare_contiguous(&b->cma, &b->mb, base, size, limit, 0, 0,
				     fixed, "reserved", &cma);
	if (!err) {
		b->default_cma = cma;
		add_default_region(b, cma);
		return;
	}
	report_default_failed(b, err, base, size, limit, fixed);
}
