// SPDX-License-Identifier: GPL-2.0
/*
 * Compatible dispatch (__reserved_mem_init_node) and the init functions
 * of the __reservedmem_of_table in link order: contiguous.o (CMA), then
 * coherent.o (DMA pool), then swiotlb.o (restricted pool, when built).
 */
#include "kernel/of/fdt.h"
#include "kernel/of/of_reserved_mem.h"

/* kernel/dma/contiguous.c rmem_cma_setup(); its pr_fmt has no prefix */
static int rmem_cma_setup(struct rm_board *b, struct rm_region *r)
{
	const struct rm_profile *p = b->profile;
	uint64_t align = p->cma_min_align;
	struct rm_cma *cma;
	int err;

	if (!b->kconfig.dma_cma)
		return -ENOENT;		/* not built: not in the table */
	if (p->cmdline_bypasses_dt_default && b->cl.cma_given && r->cma_default) {
		rm_info(b, "Reserved memory: bypass %s node, using cmdline CMA "
			"params instead", r->name);
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
		rm_hint(b, "'%s': CMA needs base and size aligned to 0x%llx: base "
			RM_PA_FMT " (nearest aligned " RM_PA_FMT "), size 0x%llx "
			"(aligned up 0x%llx)", r->name, (unsigned long long)align,
			RM_PA(r->base), RM_PA((r->base + align - 1) & ~(align - 1)),
			(unsigned long long)r->size,
			(unsigned long long)((r->size + align - 1) & ~(align - 1)));
		return -EINVAL;
	}
	err = cma_init_reserved_mem(b, r->base, r->size, 0, r->name, &cma);
	if (err) {
		rm_err(b, "Reserved memory: unable to setup CMA region");
		rm_region_status(r, err, "unable to setup CMA region");
		return err;
	}
	if (r->cma_default)
		b->default_cma = cma;
	r->cma_ops = true;
	r->cma = cma;
	r->type = RM_REGION_CMA;
	rm_info(b, "Reserved memory: created CMA memory pool at " RM_PA_FMT
		", size %llu MiB", RM_PA(r->base),
		(unsigned long long)(r->size / SZ_1M));
	return 0;
}

/* kernel/dma/coherent.c rmem_dma_setup() on arm64 (no global pool) */
static int rmem_dma_setup(struct rm_board *b, struct rm_region *r)
{
	if (r->reusable) {
		rm_region_status(r, -EINVAL, "a DMA pool cannot be reusable");
		return -EINVAL;
	}
	r->dma_ops = true;
	r->type = RM_REGION_COHERENT;
	rm_info(b, "Reserved memory: created DMA memory pool at " RM_PA_FMT
		", size %llu MiB", RM_PA(r->base),
		(unsigned long long)(r->size / SZ_1M));
	return 0;
}

/* kernel/dma/swiotlb.c rmem_swiotlb_setup(), CONFIG_DMA_RESTRICTED_POOL */
static int rmem_swiotlb_setup(struct rm_board *b, struct rm_region *r)
{
	if (r->reusable || r->cma_default || r->dma_default || r->nomap) {
		rm_region_status(r, -EINVAL, "restricted pool with reusable, "
				 "linux,cma-default, linux,dma-default or no-map");
		return -EINVAL;
	}
	r->type = RM_REGION_RESTRICTED;
	rm_info(b, "Reserved memory: created restricted DMA pool at " RM_PA_FMT
		", size %llu MiB", RM_PA(r->base),
		(unsigned long long)(r->size / SZ_1M));
	return 0;
}

struct rm_of_init {
	const char *compatible;
	int (*init)(struct rm_board *b, struct rm_region *r);
	bool (*built)(const struct rm_board *b);
};

static bool cma_built(const struct rm_board *b)
{
	return b->kconfig.cma && b->kconfig.dma_cma;
}

static bool always_built(const struct rm_board *b)
{
	(void)b;
	return true;
}

static bool restricted_built(const struct rm_board *b)
{
	return b->kconfig.dma_restricted_pool;
}

static const struct rm_of_init reservedmem_of_table[] = {
	{ "shared-dma-pool", rmem_cma_setup, cma_built },
	{ "shared-dma-pool", rmem_dma_setup, always_built },
	{ "restricted-dma-pool", rmem_swiotlb_setup, restricted_built },
};

/* __reserved_mem_init_node() */
int rm_init_node(struct rm_board *b, struct rm_region *r)
{
	int ret = -ENOENT;
	size_t i;

	for (i = 0; i < sizeof(reservedmem_of_table) / sizeof(reservedmem_of_table[0]); i++) {
		const struct rm_of_init *e = &reservedmem_of_table[i];

		if (!e->built(b) || !dt_is_compatible(b->fdt, r->node, e->compatible))
			continue;
		ret = e->init(b, r);
		if (ret == 0) {
			rm_info(b, RM_PREFIX "initialized node %s, compatible id %s",
				r->name, e->compatible);
			rm_region_status(r, 0, "ok");
			return 0;
		}
	}
	if (ret == -ENOENT)
		return ret;
	/* an init function matched and failed; 4.19 drops the error */
	r->type = RM_REGION_FAILED;
	return b->profile->init_returns_last_error ? ret : -ENOENT;
}

/*
 * What fdt_init_reserved_mem() (6.1) / fdt_init_reserved_mem_node()
 * (6.12) do with the result: give the memory back on a real error, and
 * in 6.12 print the summary line otherwise.
 */
void rm_init_after(struct rm_board *b, struct rm_region *r, int err)
{
	const struct rm_profile *p = b->profile;

	if (err && err != -ENOENT) {
		r->type = RM_REGION_FAILED;
		if (!p->matching_fail_releases)
			return;
		rm_info(b, RM_PREFIX "node %s compatible matching fail", r->name);
		if (r->nomap)
			memblock_clear_nomap(&b->mb, r->base, r->size);
		else
			memblock_free_range(&b->mb, r->base, r->size);
		r->released = true;
		return;
	}
	if (p->summary_line)
		rm_info(b, RM_PREFIX RM_PA_FMT ".." RM_PA_FMT " (%llu KiB) %s %s %s",
			RM_PA(r->base), RM_PA(r->base + r->size - 1),
			(unsigned long long)(r->size / SZ_1K),
			r->nomap ? "nomap" : "map",
			r->reusable ? "reusable" : "non-reusable", r->name);
}

/*
 * 4.19 and 6.1 fdt_init_reserved_mem(): overlap check (which sorts),
 * then each entry in sorted order: phandle, placement when dynamic,
 * init.
 */
void rm_init_reserved_mem(struct rm_board *b)
{
	unsigned int i;

	rm_check_for_overlap(b);
	for (i = 0; i < b->nr_table; i++) {
		struct rm_region *r = b->table[i];
		int err = 0;

		r->phandle = dt_get_phandle(b->fdt, r->node);
		if (r->size == 0) {
			r->dynamic = true;
			err = rm_alloc_size(b, r);
			if (err)
				r->type = RM_REGION_FAILED;
		}
		if (err == 0)
			rm_init_after(b, r, rm_init_node(b, r));
	}
}
