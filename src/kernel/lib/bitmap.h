/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bitmap - the kernel's bitmap searches, bit for bit.
 *
 * Bit i lives in word i / 64 at bit i % 64, as on little-endian arm64, so
 * the debugfs u32 rendering (word 0 = bits 0..31) follows directly.
 */
#ifndef RM_BITMAP_H
#define RM_BITMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#define RM_BITS_PER_LONG 64

static inline size_t bitmap_words(uint64_t nbits)
{
	return (size_t)((nbits + RM_BITS_PER_LONG - 1) / RM_BITS_PER_LONG);
}

/*
 * The kernel's bitmap_zalloc() is a kmalloc: above KMALLOC_MAX_SIZE
 * (PAGE_SIZE << 10 = 4 MiB here, all three kernels) it fails.  So does
 * this one, which also keeps absurd blobs from allocating terabytes.
 */
#define RM_KMALLOC_MAX (4ULL << 20)

static inline uint64_t *bitmap_zalloc(uint64_t nbits)
{
	if (bitmap_words(nbits) > RM_KMALLOC_MAX / sizeof(uint64_t))
		return NULL;
	return calloc(bitmap_words(nbits) ? bitmap_words(nbits) : 1,
		      sizeof(uint64_t));
}

static inline bool bitmap_test(const uint64_t *map, uint64_t bit)
{
	return (map[bit / 64] >> (bit % 64)) & 1;
}

void bitmap_set_range(uint64_t *map, uint64_t start, uint64_t nr);
void bitmap_clear_range(uint64_t *map, uint64_t start, uint64_t nr);
/* First set (zero) bit in [start, size); size when there is none. */
uint64_t bitmap_next_set(const uint64_t *map, uint64_t size, uint64_t start);
uint64_t bitmap_next_zero(const uint64_t *map, uint64_t size, uint64_t start);
uint64_t bitmap_weight(const uint64_t *map, uint64_t nbits);
/* Longest run of zero bits (cma_debug's maxchunk, order_per_bit 0). */
uint64_t bitmap_longest_zero_run(const uint64_t *map, uint64_t nbits);

/*
 * bitmap_find_free_region() - lib/bitmap.c / include/linux/bitmap.h.
 * Tries only naturally aligned blocks of 2^order bits; sets the first
 * clear one and returns its position, or -ENOMEM.  order may be up to 63;
 * a block larger than the map never fits.
 */
long bitmap_find_free_region(uint64_t *map, uint64_t bits, unsigned int order);

/*
 * bitmap_release_region() - clear 2^order bits at pos.
 * @word_mask: the 4.19/6.1 __reg_op behaviour: below order 6 a single
 * word mask shifted by pos % 64 is used, so a misaligned pos near a word
 * end clears fewer bits.  6.12 clears the exact range.
 */
void bitmap_release_region(uint64_t *map, uint64_t bits, uint64_t pos,
			   unsigned int order, bool word_mask);

/*
 * bitmap_find_next_zero_area_off() - lib/bitmap.c, used by cma_alloc.
 * Returns the index, or a value > size - nr on failure (the kernel returns
 * index + nr past the end; callers compare against size).
 */
uint64_t bitmap_find_next_zero_area_off(const uint64_t *map, uint64_t size,
					uint64_t start, uint64_t nr,
					uint64_t align_mask,
					uint64_t align_offset);

#endif
