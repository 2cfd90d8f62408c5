// SPDX-License-Identifier: GPL-2.0
/*
 * bitmap_index - the kernel's first-fit bitmap searches over summaries
 * (see bitmap_index.h for the structure).  Every write to the raw bitmap
 * is done by the plain bitmap.c code, so the bits themselves are exactly
 * the kernel's (the 6.1 word-mask release included); the summaries of
 * the touched words are then re-read.  The searches return what the plain
 * bitmap_find_free_region() / bitmap_find_next_zero_area_off() return.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/bitmap.h"
#include "kernel/lib/bitmap_index.h"

#define NONE UINT64_MAX

/* aligned positions of a 2^o block inside a word, o = 0..6 */
static const uint64_t block_pattern[7] = {
	~0ULL, 0x5555555555555555ULL, 0x1111111111111111ULL,
	0x0101010101010101ULL, 0x0001000100010001ULL, 0x0000000100000001ULL,
	0x0000000000000001ULL,
};

static inline unsigned int fls64_idx(uint64_t x)
{
	/* index of the highest set bit; x != 0 */
	return 63 - (unsigned int)__builtin_clzll(x);
}

/* ---- a bit set with a "word is non-zero" tree ------------------------ */

/* lays s out at mem (NULL: only sizes it); 0 if it would be too deep */
static size_t set_layout(struct bix_set *s, uint64_t nbits, uint64_t *mem)
{
	size_t total = 0;
	uint64_t n = nbits;

	s->depth = 0;
	for (;;) {
		uint64_t w = bitmap_words(n) ? bitmap_words(n) : 1;

		if (s->depth == BIX_SET_DEPTH)
			return 0;
		if (mem)
			s->lvl[s->depth] = mem + total;
		s->nb[s->depth++] = n;
		total += w;
		if (w == 1)
			break;
		n = w;
	}
	return total;
}

static inline bool set_test(const struct bix_set *s, uint64_t i)
{
	return (s->lvl[0][i / 64] >> (i % 64)) & 1;
}

static void set_assign(struct bix_set *s, uint64_t i, bool val)
{
	unsigned int k;

	for (k = 0; k < s->depth; k++) {
		uint64_t *wp = &s->lvl[k][i / 64], old = *wp;
		uint64_t bit = 1ULL << (i % 64);

		*wp = val ? old | bit : old & ~bit;
		/* the parent bit says "non-zero": done unless that flipped */
		if (!old == !*wp)
			return;
		val = *wp != 0;
		i /= 64;
	}
}

/* first set bit at or after i, NONE if there is none */
static uint64_t set_next(const struct bix_set *s, uint64_t i)
{
	unsigned int k = 0;
	uint64_t word;

	for (;;) {
		if (i >= s->nb[k])
			return NONE;
		word = s->lvl[k][i / 64] & (~0ULL << (i % 64));
		if (word)
			break;
		/* nothing left in this word: ask the level above */
		if (++k == s->depth)
			return NONE;
		i = i / 64 + 1;
	}
	i = (i & ~63ULL) + (uint64_t)__builtin_ctzll(word);
	while (k--)
		i = i * 64 + (uint64_t)__builtin_ctzll(s->lvl[k][i]);
	return i;
}

static void set_build_tree(struct bix_set *s)
{
	unsigned int k;
	uint64_t i;

	for (k = 0; k + 1 < s->depth; k++)
		for (i = 0; i < s->nb[k + 1]; i++)
			if (s->lvl[k][i])
				s->lvl[k + 1][i / 64] |= 1ULL << (i % 64);
}

/* ---- levels ---------------------------------------------------------- */

static inline uint64_t level_words(const struct bix_level *lv)
{
	return bitmap_words(lv->nbits);
}

/* word w of level j read as free units; bits past the end are busy */
static inline uint64_t free_word(const struct bitmap_index *bix,
				 unsigned int j, uint64_t w)
{
	uint64_t f;

	if (j)
		return bix->lv[j].free[w];
	f = ~bix->map[w];
	if ((w + 1) * 64 > bix->nbits)
		f &= ~0ULL >> (64 - bix->nbits % 64);
	return f;
}

/* positions (bit = first unit) of the free aligned 2^r blocks of f */
static inline uint64_t free_blocks(uint64_t f, unsigned int r)
{
	unsigned int o;

	for (o = 0; o < r; o++)
		f &= f >> (1u << o);
	return f & block_pattern[r];
}

/*
 * Words [w0, w1] of level j changed: update their has[] bits, and the
 * level-(j+1) bits of those that became or stopped being all free.
 */
static void refresh_words(struct bitmap_index *bix, unsigned int j,
			  uint64_t w0, uint64_t w1)
{
	struct bix_level *lv = &bix->lv[j];
	struct bix_level *up = j + 1 < bix->nlevels ? &bix->lv[j + 1] : NULL;
	uint64_t lo = NONE, hi = 0, w;

	if (w1 >= level_words(lv))
		w1 = level_words(lv) - 1;
	for (w = w0; w <= w1; w++) {
		uint64_t free = free_word(bix, j, w), f = free;
		unsigned int o;

		for (o = 0; o < 6; o++) {
			bool now = (f & block_pattern[o]) != 0;

			if (now != set_test(&lv->has[o], w))
				set_assign(&lv->has[o], w, now);
			else if (!now)
				break;	/* nested: no larger block, then or now */
			f &= f >> (1u << o);
		}
		if (up && w < up->nbits &&
		    (free == ~0ULL) != ((up->free[w / 64] >> (w % 64)) & 1)) {
			up->free[w / 64] ^= 1ULL << (w % 64);
			if (lo == NONE)
				lo = w;
			hi = w;
		}
	}
	if (lo != NONE)
		refresh_words(bix, j + 1, lo / 64, hi / 64);
}

static void summaries_free(struct bitmap_index *bix)
{
	free(bix->mem);
	bix->mem = NULL;
	bix->mem_words = 0;
	bix->built = false;
	bix->nlevels = 0;
	memset(bix->lv, 0, sizeof(bix->lv));
}

static int build(struct bitmap_index *bix)
{
	uint64_t n = bix->nbits, *mem;
	size_t total = 0;
	unsigned int j, o;

	bix->nlevels = 0;
	while (n) {
		if (bix->nlevels == BIX_MAX_LEVELS)
			return -ENOMEM;	/* larger than bitmap_zalloc allows */
		bix->lv[bix->nlevels++].nbits = n;
		n /= 64;
	}
	/* size everything, then carve one zeroed allocation */
	for (j = 0; j < bix->nlevels; j++) {
		if (j)
			total += level_words(&bix->lv[j]);
		for (o = 0; o < 6; o++) {
			size_t sz = set_layout(&bix->lv[j].has[o],
					       level_words(&bix->lv[j]), NULL);

			if (!sz)
				return -ENOMEM;
			total += sz;
		}
	}
	mem = calloc(total, sizeof(*mem));
	if (!mem)
		return -ENOMEM;
	bix->mem = mem;
	bix->mem_words = total;
	for (j = 0; j < bix->nlevels; j++) {
		struct bix_level *lv = &bix->lv[j];

		if (j) {
			lv->free = mem;
			mem += level_words(lv);
		}
		for (o = 0; o < 6; o++)
			mem += set_layout(&lv->has[o], level_words(lv), mem);
	}
	/* bottom up: a level's free bits come from the words below it */
	for (j = 0; j < bix->nlevels; j++) {
		struct bix_level *lv = &bix->lv[j];
		struct bix_level *up = j + 1 < bix->nlevels ?
				       &bix->lv[j + 1] : NULL;
		uint64_t w;

		for (w = 0; w < level_words(lv); w++) {
			uint64_t free = free_word(bix, j, w), f = free;

			for (o = 0; o < 6 && (f & block_pattern[o]); o++) {
				lv->has[o].lvl[0][w / 64] |= 1ULL << (w % 64);
				f &= f >> (1u << o);
			}
			if (up && w < up->nbits && free == ~0ULL)
				up->free[w / 64] |= 1ULL << (w % 64);
		}
		for (o = 0; o < 6; o++)
			set_build_tree(&lv->has[o]);
	}
	bix->built = true;
	return 0;
}

/* summaries usable? builds them on first use */
static bool ready(struct bitmap_index *bix)
{
	if (bix->built)
		return true;
	if (bix->no_index)
		return false;
	if (bix->nbits < bix->min_bits || build(bix)) {
		/* plain scans: same answers, and no retry on every call */
		summaries_free(bix);
		bix->no_index = true;
		return false;
	}
	return true;
}

/*
 * First p >= from, p a multiple of 2^o, with [p, p + 2^o) free and inside
 * the map; NONE if there is none.
 */
static uint64_t next_free_block(const struct bitmap_index *bix, unsigned int o,
				uint64_t from)
{
	unsigned int j = o / 6, r = o % 6;
	const struct bix_level *lv;
	uint64_t step, p, u, w, m;

	if (o >= 63 || j >= bix->nlevels)
		return NONE;
	step = 1ULL << o;
	p = (from + step - 1) & ~(step - 1);
	if (p < from || p >= bix->nbits)
		return NONE;
	lv = &bix->lv[j];
	u = p >> (6 * j);
	w = u / 64;
	if (w >= level_words(lv))
		return NONE;
	m = free_blocks(free_word(bix, j, w), r) & (~0ULL << (u % 64));
	if (!m) {
		w = set_next(&lv->has[r], w + 1);
		if (w == NONE)
			return NONE;
		m = free_blocks(free_word(bix, j, w), r);
	}
	return (w * 64 + (uint64_t)__builtin_ctzll(m)) << (6 * j);
}

/* ---- public ---------------------------------------------------------- */

int bitmap_index_init(struct bitmap_index *bix, uint64_t nbits)
{
	memset(bix, 0, sizeof(*bix));
	bix->map = bitmap_zalloc(nbits);
	if (!bix->map)
		return -ENOMEM;
	bix->nbits = nbits;
	bix->min_bits = BIX_MIN_BITS;
	return 0;
}

void bitmap_index_release(struct bitmap_index *bix)
{
	if (!bix)
		return;
	summaries_free(bix);
	free(bix->map);
	bix->map = NULL;
	bix->nbits = 0;
}

void bitmap_index_invalidate(struct bitmap_index *bix)
{
	summaries_free(bix);
	bix->no_index = false;
}

void bitmap_index_refresh(struct bitmap_index *bix, uint64_t start,
			  uint64_t nr)
{
	if (!bix->built || !nr || start >= bix->nbits)
		return;
	if (nr > bix->nbits - start)
		nr = bix->nbits - start;
	refresh_words(bix, 0, start / 64, (start + nr - 1) / 64);
}

void bitmap_index_set_range(struct bitmap_index *bix, uint64_t start,
			    uint64_t nr)
{
	bitmap_set_range(bix->map, start, nr);
	bitmap_index_refresh(bix, start, nr);
}

void bitmap_index_clear_range(struct bitmap_index *bix, uint64_t start,
			      uint64_t nr)
{
	bitmap_clear_range(bix->map, start, nr);
	bitmap_index_refresh(bix, start, nr);
}

long bitmap_index_find_free_region(struct bitmap_index *bix,
				   unsigned int order)
{
	uint64_t p;

	if (!ready(bix))
		return bitmap_find_free_region(bix->map, bix->nbits, order);
	/* as the plain search: no block larger than the map fits */
	if (order >= 63 || (1ULL << order) > bix->nbits)
		return -ENOMEM;
	/* the first naturally aligned clear block is the kernel's answer */
	p = next_free_block(bix, order, 0);
	if (p == NONE)
		return -ENOMEM;
	bitmap_index_set_range(bix, p, 1ULL << order);
	return (long)p;
}

void bitmap_index_release_region(struct bitmap_index *bix, uint64_t pos,
				 unsigned int order, bool word_mask)
{
	uint64_t nwords;

	/* bitmap.c clears exactly the kernel's bits, quirk included ... */
	bitmap_release_region(bix->map, bix->nbits, pos, order, word_mask);
	if (order >= 63 || pos >= bix->nbits || !bix->built)
		return;
	/*
	 * ... and touches at most the words from pos's up to the one holding
	 * pos + 2^order - 1 (exact clear) or BITS_TO_LONGS(2^order) words
	 * from pos's (word mask): re-read that many words from pos's
	 * (refresh_words() stops at the end of the map).
	 */
	nwords = ((1ULL << order) + 63) / 64 + 1;
	refresh_words(bix, 0, pos / 64, pos / 64 + nwords - 1);
}

/* last set bit in [lo, hi), NONE if none */
static uint64_t prev_set(const uint64_t *map, uint64_t lo, uint64_t hi)
{
	uint64_t w, word;

	if (lo >= hi)
		return NONE;
	w = (hi - 1) / 64;
	word = map[w] & (~0ULL >> (63 - (hi - 1) % 64));
	for (;;) {
		if (w == lo / 64)
			word &= ~0ULL << (lo % 64);
		if (word)
			return w * 64 + fls64_idx(word);
		if (w == lo / 64)
			return NONE;
		word = map[--w];
	}
}

/* how far back the failure path looks for a restart point, in words */
#define SYNC_LOOKBACK 256

/*
 * Last set bit b in [start, last] with (b + off) & mask == 0, looking
 * back at most SYNC_LOOKBACK words (or aligned positions); NONE if none.
 */
static uint64_t last_aligned_set(const uint64_t *map, uint64_t start,
				 uint64_t last, uint64_t mask, uint64_t off)
{
	uint64_t n, ao;

	if (mask < 64) {
		/* mask + 1 divides 64: the same pattern in every word */
		uint64_t pat = block_pattern[__builtin_ctzll(mask + 1)] <<
			       ((0 - off) & mask);
		uint64_t w = last / 64, word;

		word = map[w] & pat & (~0ULL >> (63 - last % 64));
		for (n = 0; n < SYNC_LOOKBACK; n++) {
			if (w == start / 64)
				word &= ~0ULL << (start % 64);
			if (word)
				return w * 64 + fls64_idx(word);
			if (w == start / 64)
				return NONE;
			word = map[--w] & pat;
		}
		return NONE;
	}
	/* one aligned position per mask + 1 bits: test them one by one */
	ao = (last + off) & ~mask;	/* aligned position + off */
	for (n = 0; n < SYNC_LOOKBACK && ao >= off && ao - off >= start;
	     n++) {
		if (bitmap_test(map, ao - off))
			return ao - off;
		if (ao < mask + 1)
			break;
		ao -= mask + 1;
	}
	return NONE;
}

/*
 * No area exists at or after start; return the plain search's failure
 * value (its last candidate + nr).  After no fit, the plain search's step
 * is: candidate c = align(first zero at or after s), then s = first set
 * bit at or after c, plus one.  If b in [start, size - nr] is a set bit at
 * an aligned position, a walk from any s <= b either steps onto s = b + 1
 * or, from s <= b, reaches a candidate past b; that candidate is aligned
 * up from a zero bit past b (an aligned busy b would stop the rounding),
 * with all bits from b to it set, i.e. the walk from b + 1's own first
 * candidate.  So the plain search from b + 1 ends where the one from start
 * does: run it from the last such b, a short walk at the end of the map.
 */
static uint64_t zero_area_fail(struct bitmap_index *bix, uint64_t start,
			       uint64_t nr, uint64_t mask, uint64_t off)
{
	uint64_t last = bix->nbits - nr, b = NONE;

	if (start <= last)
		b = last_aligned_set(bix->map, start, last, mask, off);
	return bitmap_find_next_zero_area_off(bix->map, bix->nbits,
					      b == NONE ? start : b + 1, nr,
					      mask, off);
}

uint64_t bitmap_index_find_next_zero_area_off(struct bitmap_index *bix,
					      uint64_t start, uint64_t nr,
					      uint64_t align_mask,
					      uint64_t align_offset)
{
	uint64_t size = bix->nbits, mask = align_mask, off = align_offset;
	uint64_t from, blk, q;
	unsigned int j;

	/*
	 * The fast path needs the kernel's shapes: a power-of-two alignment
	 * with its offset below it, 1 <= nr <= size.  Anything else (and
	 * an unindexed map) takes the plain search.
	 */
	if (!nr || nr > size || start >= size || (mask & (mask + 1)) ||
	    off > mask || mask >= (1ULL << 40) || !ready(bix))
		return bitmap_find_next_zero_area_off(bix->map, size, start, nr,
						      mask, off);
	/*
	 * The answer is the first aligned p >= start with [p, p + nr) clear
	 * (each restart of the plain search skips only positions whose range
	 * holds the busy bit it found).  Every such range holds a naturally
	 * aligned clear block of 2^j bits: nr >= 2^(j+1) - 1 guarantees one,
	 * and with offset 0 the range starts with one of min(nr, mask + 1)
	 * rounded down.  Candidates are those blocks in order: each tells
	 * which clear run to try, and a run that fails sends the walk past
	 * its end.
	 */
	j = fls64_idx(nr + 1) - 1;
	if (!off && fls64_idx(nr < mask + 1 ? nr : mask + 1) > j)
		j = fls64_idx(nr < mask + 1 ? nr : mask + 1);
	blk = 1ULL << j;
	from = start;
	for (;;) {
		uint64_t lo, a, p, b;

		q = next_free_block(bix, j, from);
		if (q == NONE)
			break;
		/*
		 * q is the first candidate block of its clear run at or after
		 * start, so an area in this run starts at or after
		 * q - (nr - 2^j) (it holds a block, which is >= q): look back
		 * that far for the run's start.
		 */
		lo = q - (q - start < nr - blk ? q - start : nr - blk);
		a = prev_set(bix->map, lo, q);
		a = a == NONE ? lo : a + 1;
		p = ((a + off + mask) & ~mask) - off;
		if (p > size - nr)
			break;		/* later runs start later still */
		if (p == q && nr == blk)
			return p;	/* the clear block is the area */
		b = bitmap_next_set(bix->map, p + nr, q);
		if (b >= p + nr)
			return p;
		from = b + 1;
	}
	return zero_area_fail(bix, start, nr, mask, off);
}

bool bitmap_index_consistent(const struct bitmap_index *bix)
{
	struct bitmap_index fresh = *bix;
	bool same;

	if (!bix->built)
		return true;
	/* same nbits, same layout: the two allocations compare word for word */
	fresh.built = false;
	fresh.mem = NULL;
	if (build(&fresh))
		return false;	/* cannot tell: a test should not pass */
	same = fresh.mem_words == bix->mem_words &&
	       !memcmp(fresh.mem, bix->mem, bix->mem_words * sizeof(uint64_t));
	free(fresh.mem);
	return same;
}

uint64_t bitmap_index_weight(const struct bitmap_index *bix)
{
	return bitmap_weight(bix->map, bix->nbits);
}

uint64_t bitmap_index_longest_zero_run(const struct bitmap_index *bix)
{
	return bitmap_longest_zero_run(bix->map, bix->nbits);
}
