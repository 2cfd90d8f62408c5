/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bitmap_index - a kernel-layout bitmap plus summaries that let the
 * kernel's first-fit searches skip dense stretches, with answers identical
 * to the plain ones in bitmap.c (tests/unit/test_bitmap_index.c compares
 * them operation by operation).
 *
 * Both kernel searches always start at bit 0, so on a fragmented pool the
 * plain versions crawl the dense prefix on every call.  The summaries:
 *
 *   level 0 is the bitmap itself, read as "free" = clear bit;
 *   level j+1 has one bit per whole level-j word, set when that word is
 *   all free, so a level-j bit stands for a free naturally aligned block
 *   of 2^(6j) bits;
 *   has[o] of level j (o = 0..5) has one bit per level-j word, set when
 *   the word holds a free naturally aligned run of 2^o level-j bits, i.e.
 *   a free naturally aligned block of 2^(6j+o) bits.
 *
 * Each has[o] is a bit set with a 64-ary "word is non-zero" tree above it,
 * so "first word at or after w holding a free aligned 2^order block" is a
 * few word reads at any map size.  Bits past nbits count as busy.  The
 * coherent search is that query from bit 0.  The CMA search walks the
 * free aligned blocks that any fitting area must contain, checking the
 * clear run around each; its failure value is recomputed by the plain
 * search from a point near the end where both walks provably agree.
 *
 * Memory: 6 has[] sets of nbits/64 bits per level plus their trees, and
 * the upper levels - about 11 % of the raw bitmap (raw is at most
 * RM_KMALLOC_MAX, 4 MiB), allocated at the first search.
 *
 * The summaries are built at the first search from whatever the raw words
 * hold, so the raw words may be written directly (a pre-filled map) until
 * then; after that, every change must go through this module, or be
 * followed by bitmap_index_refresh() for the changed bits (or
 * bitmap_index_invalidate()).
 * Small maps, and maps whose summaries could not be allocated, are served
 * by the plain functions: same answers, no summaries.
 */
#ifndef RM_BITMAP_INDEX_H
#define RM_BITMAP_INDEX_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A map holds at most RM_KMALLOC_MAX * 8 = 2^25 bits (bitmap_zalloc's
 * limit), so at most 5 levels (2^25, 2^19, 2^13, 2^7, 2 units) and has[]
 * sets of at most 2^19 bits, 4 tree levels deep; one spare of each.
 */
#define BIX_MAX_LEVELS	6
#define BIX_SET_DEPTH	5
/* below this many bits a plain word-at-a-time scan is as fast */
#define BIX_MIN_BITS	4096

/* lvl[0] holds the bits, bit i of lvl[k + 1] says lvl[k] word i != 0 */
struct bix_set {
	uint64_t *lvl[BIX_SET_DEPTH];
	uint64_t nb[BIX_SET_DEPTH];	/* bits in lvl[k]; the top is 1 word */
	unsigned int depth;
};

struct bix_level {
	uint64_t nbits;			/* units (2^(6j) bits each) */
	uint64_t *free;			/* 1 = unit free; level 0: ~map */
	struct bix_set has[6];
};

struct bitmap_index {
	uint64_t *map;			/* raw bitmap, kernel layout; owned */
	uint64_t nbits;
	uint64_t min_bits;		/* index maps of this many bits up */
	bool built;			/* summaries match map */
	bool no_index;			/* too small or no memory: plain */
	unsigned int nlevels;
	struct bix_level lv[BIX_MAX_LEVELS];
	uint64_t *mem;			/* every summary word, one allocation */
	size_t mem_words;
};

/*
 * bitmap_index_init() - a zeroed map of nbits bits, allocated as
 * bitmap_zalloc() allocates it (so the same sizes fail: -ENOMEM).
 */
int bitmap_index_init(struct bitmap_index *bix, uint64_t nbits);
void bitmap_index_release(struct bitmap_index *bix);

/* Drop the summaries; they are rebuilt from the raw words on next use. */
void bitmap_index_invalidate(struct bitmap_index *bix);
/* Re-read the summaries for bits [start, start + nr) after a direct write. */
void bitmap_index_refresh(struct bitmap_index *bix, uint64_t start,
			  uint64_t nr);

void bitmap_index_set_range(struct bitmap_index *bix, uint64_t start,
			    uint64_t nr);
void bitmap_index_clear_range(struct bitmap_index *bix, uint64_t start,
			      uint64_t nr);

/* bitmap_find_free_region() on the map: same answer, same bits set. */
long bitmap_index_find_free_region(struct bitmap_index *bix,
				   unsigned int order);
/* bitmap_release_region() on the map, the 4.19/6.1 word_mask quirk included */
void bitmap_index_release_region(struct bitmap_index *bix, uint64_t pos,
				 unsigned int order, bool word_mask);
/*
 * bitmap_find_next_zero_area_off() on the map, size = nbits: the same
 * value, the failure value (index + nr past the end) included.
 */
uint64_t bitmap_index_find_next_zero_area_off(struct bitmap_index *bix,
					      uint64_t start, uint64_t nr,
					      uint64_t align_mask,
					      uint64_t align_offset);

/*
 * For tests: true when the summaries are those a fresh build from the raw
 * words gives (or there are none to check).
 */
bool bitmap_index_consistent(const struct bitmap_index *bix);

uint64_t bitmap_index_weight(const struct bitmap_index *bix);
uint64_t bitmap_index_longest_zero_run(const struct bitmap_index *bix);

#endif
