// SPDX-License-Identifier: GPL-2.0
/*
 * Compatible dispatch (__reserved_mem_init_node) over the
 * __reservedmem_of_table in link order: contiguous.o (CMA), then
 * coherent.o (DMA pool), then swiotlb.o (restricted pool, when built);
 * what happens after an init, and 4.19/6.1's fdt_init_reserved_mem().
 */
#include "kernel/dma/coherent.h"
#include "kernel/dma/contiguous.h"
#include "kernel/dma/swiotlb.h"
#include "kernel/lib/sizes.h"
#include "kernel/of/fdt.h"
#include "kernel/system.h"

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

/* what an init returns for "no driver here": 7.2 -ENODEV, before -ENOENT */
static int no_driver(const struct rm_profile *p)
{
	return p->rmem_ops ? -ENODEV : -ENOENT;
}

/*
 * __reserved_mem_init_node(): each matching driver in table order; 7.2
 * stops at the first answer that is not -ENODEV, older kernels go on
 * after any error and return the last.
 */
int rm_init_node(struct rm_board *b, struct rm_region *r)
{
	int ret = no_driver(b->profile);
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
		if (b->profile->rmem_ops && ret != -ENODEV)
			break;
	}
	if (ret == no_driver(b->profile)) {
		if (b->profile->rmem_ops)
			rm_region_status(r, 0, "reserved; no driver takes it "
					 "(%s)", r->reusable && r->nomap ?
					 "reusable and no-map" : "no init for it");
		return ret;
	}
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

	if (err && err != no_driver(p)) {
		r->type = RM_REGION_FAILED;
		/* the init's own finding, if it made one, says more */
		if (!rm_findings_has(&b->findings, r->path, RM_NOTE))
			rm_report(b, "init-failed", RM_ERROR, r->path, "'%s': no "
				  "init function took it (%s)", r->name, r->status);
		if (p->matching_fail == RM_RELEASE_NONE)
			return;
		rm_info(b, RM_PREFIX "node %s compatible matching fail", r->name);
		if (p->matching_fail == RM_RELEASE_FREE_ADD) {
			memblock_free_range(&b->mb, r->base, r->size);
			if (r->nomap)
				memblock_add(&b->mb, r->base, r->size);
		} else if (r->nomap) {
			memblock_clear_nomap(&b->mb, r->base, r->size);
		} else {
			memblock_free_range(&b->mb, r->base, r->size);
		}
		/* 7.2: the entry leaves reserved_mem[] (its slot is reused) */
		if (p->rmem_ops)
			rm_table_drop(b, r);
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
