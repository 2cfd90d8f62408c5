/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pool - the DMA atomic pools (kernel/dma/pool.c; arm64's own single
 * pool in 4.19), carved from the default CMA area before any driver
 * runs: the pages a fresh default area already has in use.
 */
#ifndef RM_POOL_H
#define RM_POOL_H

struct rm_board;

/* dma_atomic_pool_init() (6.x) / atomic_pool_init() (4.19) */
void rm_atomic_pools_init(struct rm_board *b);

#endif
