// SPDX-License-Identifier: GPL-2.0
/*
 * Word-at-a-time versions of the kernel's bitmap helpers.  The answers
 * are those of lib/bitmap.c; only the way of finding them is faster.
 */
#include <errno.h>

#include "kernel/lib/bitmap.h"

static inline uint64_t first_word_mask(uint64_t start)
{
	return ~0ULL << (start % 64);
}

static inline uint64_t last_word_mask(uint64_t end)
{
	/* mask of the valid bits in the word holding bit end-1 */
	return ~0ULL >> ((64 - end % 64) % 64);
}

void bitmap_set_range(uint64_t *map, uint64_t start, uint64_t nr)
{
	uint64_t end = start + nr;
	uint64_t w = start / 64;

	if (!nr)
		return;
	if (w == (end - 1) / 64) {
		map[w] |= first_word_mask(start) & last_word_mask(end);
		return;
	}
	map[w++] |= first_word_mask(start);
	for (; w < (end - 1) / 64; w++)
		map[w] = ~0ULL;
	map[w] |= last_word_mask(end);
}

void bitmap_clear_range(uint64_t *map, uint64_t start, uint64_t nr)
{
	uint64_t end = start + nr;
	uint64_t w = start / 64;

	if (!nr)
		return;
	if (w == (end - 1) / 64) {
		map[w] &= ~(first_word_mask(start) & last_word_mask(end));
		return;
	}
	map[w++] &= ~first_word_mask(start);
	for (; w < (end - 1) / 64; w++)
		map[w] = 0;
	map[w] &= ~last_word_mask(end);
}

static uint64_t find_next(const uint64_t *map, uint64_t size, uint64_t start,
			  uint64_t invert)
{
	uint64_t w, word;

	if (start >= size)
		return size;
	w = start / 64;
	word = (map[w] ^ invert) & first_word_mask(start);
	for (;;) {
		if (word) {
			uint64_t bit = w * 64 + (uint64_t)__builtin_ctzll(word);

			return bit < size ? bit : size;
		}
		if (++w * 64 >= size)
			return size;
		word = map[w] ^ invert;
	}
}

uint64_t bitmap_next_set(const uint64_t *map, uint64_t size, uint64_t start)
{
	return find_next(map, size, start, 0);
}

uint64_t bitmap_next_zero(const uint64_t *map, uint64_t size, uint64_t start)
{
	return find_next(map, size, start, ~0ULL);
}

uint64_t bitmap_weight(const uint64_t *map, uint64_t nbits)
{
	uint64_t n = 0, w;

	for (w = 0; w < nbits / 64; w++)
		n += (uint64_t)__builtin_popcountll(map[w]);
	if (nbits % 64)
		n += (uint64_t)__builtin_popcountll(map[w] & last_word_mask(nbits));
	return n;
}

uint64_t bitmap_longest_zero_run(const uint64_t *map, uint64_t nbits)
{
	uint64_t best = 0, start = bitmap_next_zero(map, nbits, 0);

	while (start < nbits) {
		uint64_t end = bitmap_next_set(map, nbits, start);

		if (end - start > best)
			best = end - start;
		start = bitmap_next_zero(map, nbits, end);
	}
	return best;
}

long bitmap_find_free_region(uint64_t *map, uint64_t bits, unsigned int order)
{
	uint64_t step, pos = 0;

	if (order >= 63)
		return -ENOMEM;
	step = 1ULL << order;
	/*
	 * The kernel tries the blocks at multiples of 2^order in turn and
	 * takes the first clear one.  Any block before the first zero bit
	 * (rounded up to a block) holds a set bit, and so does the block
	 * holding a busy bit: skipping to them gives the same first fit
	 * with word-sized steps through dense runs.
	 */
	for (;;) {
		uint64_t zero = bitmap_next_zero(map, bits, pos), busy;

		pos = (zero + step - 1) & ~(step - 1);
		if (pos < zero || pos + step > bits || pos + step < pos)
			return -ENOMEM;
		busy = bitmap_next_set(map, pos + step, pos);
		if (busy >= pos + step) {
			bitmap_set_range(map, pos, step);
			return (long)pos;
		}
		pos = busy + 1;
	}
}

void bitmap_release_region(uint64_t *map, uint64_t bits, uint64_t pos,
			   unsigned int order, bool word_mask)
{
	uint64_t nbits, mask, w, nwords;

	if (order >= 63 || pos >= bits)
		return;
	nbits = 1ULL << order;
	if (!word_mask) {
		/* 6.12: bitmap_clear(pos, BIT(order)), bounded by the map */
		bitmap_clear_range(map, pos, nbits < bits - pos ? nbits : bits - pos);
		return;
	}
	/*
	 * __reg_op(REG_OP_RELEASE): one mask of min(nbits, 64) bits shifted
	 * by pos % 64, applied to each of the BITS_TO_LONGS(nbits) words from
	 * the one holding pos.  Exact for aligned pos; for a misaligned pos
	 * the bits shifted past bit 63 are simply not cleared.
	 */
	mask = nbits >= 64 ? ~0ULL : (1ULL << nbits) - 1;
	mask <<= pos % 64;
	nwords = (nbits + 63) / 64;
	for (w = 0; w < nwords && pos / 64 + w < bitmap_words(bits); w++)
		map[pos / 64 + w] &= ~mask;
}

uint64_t bitmap_find_next_zero_area_off(const uint64_t *map, uint64_t size,
					uint64_t start, uint64_t nr,
					uint64_t align_mask,
					uint64_t align_offset)
{
	uint64_t index, end, busy;

again:
	index = bitmap_next_zero(map, size, start);
	/* align the index relative to align_offset, as __ALIGN_MASK does */
	index = ((index + align_offset + align_mask) & ~align_mask) -
		align_offset;
	end = index + nr;
	if (end > size || end < index)
		return end < index ? UINT64_MAX : end;
	busy = bitmap_next_set(map, end, index);
	if (busy < end) {
		start = busy + 1;
		goto again;
	}
	return index;
}
