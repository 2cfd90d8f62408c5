// SPDX-License-Identifier: GPL-2.0
#include "kernel/dma/swiotlb.h"
#include "kernel/lib/sizes.h"
#include "kernel/system.h"

/*
 * rmem_swiotlb_device_init(): the kernel points dev->dma_io_tlb_mem at
 * the pool; rmemfs models no slots, so only the assignment is kept.
 */
static int rmem_swiotlb_device_init(struct rm_board *b, struct rm_region *r,
				    struct rm_device *dev)
{
	(void)b;
	(void)r;
	(void)dev;
	return 0;
}

static const struct rm_reserved_mem_ops rmem_swiotlb_ops = {
	.device_init = rmem_swiotlb_device_init,
};

int rmem_swiotlb_setup(struct rm_board *b, struct rm_region *r)
{
	if (r->reusable || r->cma_default || r->dma_default || r->nomap) {
		rm_region_status(r, -EINVAL, "restricted pool with reusable, "
				 "linux,cma-default, linux,dma-default or no-map");
		return -EINVAL;
	}
	r->ops = &rmem_swiotlb_ops;
	r->type = RM_REGION_RESTRICTED;
	rm_info(b, "Reserved memory: created restricted DMA pool at " RM_PA_FMT
		", size %llu MiB", RM_PA(r->base),
		(unsigned long long)(r->size / SZ_1M));
	return 0;
}
