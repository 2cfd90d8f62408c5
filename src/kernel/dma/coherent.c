// SPDX-License-Identifier: GPL-2.0
/*
 * Coherent pools (kernel/dma/coherent.c): a page bitmap handed out in
 * naturally aligned power-of-two blocks by bitmap_find_free_region(),
 * searched through bitmap_index.c's summaries (same answers, without
 * crawling the busy bottom of a fragmented pool).
 */
#include <errno.h>
#include <stdlib.h>

#include "kernel/lib/bitmap_index.h"
#include "kernel/dma/coherent.h"
#include "kernel/mm/memblock.h"

unsigned int rm_get_order(uint64_t size)
{
	/* fls((size - 1) >> PAGE_SHIFT); size 0 wraps to 64 - 12 = 52 */
	uint64_t n = (size - 1) >> RM_PAGE_SHIFT;

	return n ? 64 - (unsigned int)__builtin_clzll(n) : 0;
}

int coherent_create(uint64_t phys, uint64_t size, bool release_word_mask,
		    bool zero_size_region_at_0, struct rm_coherent **out)
{
	struct rm_coherent *mem;
	uint64_t pages = size >> RM_PAGE_SHIFT;

	if (!size)
		return -EINVAL;
	mem = calloc(1, sizeof(*mem));
	if (!mem)
		return -ENOMEM;
	if (bitmap_index_init(&mem->bix, pages)) {
		free(mem);
		return -ENOMEM;
	}
	mem->bitmap = mem->bix.map;
	pthread_mutex_init(&mem->lock, NULL);
	mem->phys_base = phys & ~(RM_PAGE_SIZE - 1);
	mem->pages = pages;
	mem->release_word_mask = release_word_mask;
	mem->zero_size_region_at_0 = zero_size_region_at_0;
	*out = mem;
	return 0;
}

void coherent_destroy(struct rm_coherent *mem)
{
	if (!mem)
		return;
	pthread_mutex_destroy(&mem->lock);
	bitmap_index_release(&mem->bix);
	free(mem);
}

int coherent_alloc(struct rm_coherent *mem, uint64_t size, uint64_t *page,
		   unsigned int *order, uint64_t *nr_pages)
{
	unsigned int o = rm_get_order(size);
	long pos;

	*order = o;
	pthread_mutex_lock(&mem->lock);
	if (size > mem->pages << RM_PAGE_SHIFT)
		goto fail;
	if (o >= 32 && mem->zero_size_region_at_0) {
		/*
		 * 6.12 inline bitmap_find_free_region(): BIT(order) lands in
		 * an unsigned int and becomes 0, so a 0-bit region at page 0
		 * "succeeds" and marks nothing.
		 */
		*page = 0;
		*nr_pages = 0;
		pthread_mutex_unlock(&mem->lock);
		return 0;
	}
	pos = bitmap_index_find_free_region(&mem->bix, o);
	if (pos < 0)
		goto fail;
	*page = (uint64_t)pos;
	*nr_pages = 1ULL << o;
	mem->alloc_pages_success += 1ULL << o;
	pthread_mutex_unlock(&mem->lock);
	return 0;
fail:
	/* no kernel counter here: rmemfs counts the pages asked for */
	mem->alloc_pages_fail += (size + RM_PAGE_SIZE - 1) >> RM_PAGE_SHIFT;
	pthread_mutex_unlock(&mem->lock);
	return -ENOMEM;
}

void coherent_release(struct rm_coherent *mem, uint64_t page,
		      unsigned int order)
{
	if (order >= 32)
		return;		/* the zero-length region marked nothing */
	pthread_mutex_lock(&mem->lock);
	bitmap_index_release_region(&mem->bix, page, order,
				    mem->release_word_mask);
	mem->release_pages_success += 1ULL << order;
	pthread_mutex_unlock(&mem->lock);
}

uint64_t coherent_used_pages(struct rm_coherent *mem)
{
	uint64_t n;

	pthread_mutex_lock(&mem->lock);
	n = bitmap_index_weight(&mem->bix);
	pthread_mutex_unlock(&mem->lock);
	return n;
}

uint64_t coherent_maxchunk_pages(struct rm_coherent *mem)
{
	uint64_t n;

	pthread_mutex_lock(&mem->lock);
	n = bitmap_index_longest_zero_run(&mem->bix);
	pthread_mutex_unlock(&mem->lock);
	return n;
}
