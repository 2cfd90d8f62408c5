// SPDX-License-Identifier: GPL-2.0
/*
 * test_bitmap_index - src/kernel/lib/bitmap_index.c against the plain src/kernel/lib/bitmap.c
 * searches (themselves checked against lib/bitmap.c in test_bitmap.c),
 * and on small maps against a bit-by-bit transcription of the kernel's
 * loops too.
 *
 * Long random sequences drive an indexed map and a plain copy with the
 * same operations: coherent-pool allocations of mixed orders, CMA-style
 * areas of any size, alignment, offset and start, exact releases, 6.1
 * word-mask releases at misaligned positions, raw ranges, direct writes
 * followed by a refresh, and dropped summaries.  Every search result and,
 * after every operation, the whole bitmap must be the same; the summaries
 * are compared with a fresh build now and then.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/lib/bitmap.h"
#include "kernel/lib/bitmap_index.h"

static uint64_t rng;

static uint64_t rnd(void)
{
	/* xorshift64*: each test seeds it, so failures replay */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

/* operations compared in this test (each test runs in its own process) */
static uint64_t compared;

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static void report(const char *test)
{
	fprintf(stderr, "# %s: %llu operations compared\n", test,
		(unsigned long long)compared);
}

/* ---- bit by bit, as lib/bitmap.c loops --------------------------------- */

static long kref_find_free_region(const uint64_t *map, uint64_t bits,
				  unsigned int order)
{
	uint64_t pos, end, i;

	if (order >= 63)
		return -ENOMEM;
	for (pos = 0; (end = pos + (1ULL << order)) <= bits; pos = end) {
		for (i = pos; i < end && !bitmap_test(map, i); i++)
			;
		if (i == end)
			return (long)pos;
	}
	return -ENOMEM;
}

static uint64_t kref_next(const uint64_t *map, uint64_t size, uint64_t i,
			  bool set)
{
	for (; i < size; i++)
		if (bitmap_test(map, i) == set)
			return i;
	return size;
}

static uint64_t kref_zero_area(const uint64_t *map, uint64_t size,
			       uint64_t start, uint64_t nr, uint64_t mask,
			       uint64_t off)
{
	uint64_t index, end, i;

again:
	index = kref_next(map, size, start, false);
	index = ((index + off + mask) & ~mask) - off;
	end = index + nr;
	if (end > size)
		return end;
	i = kref_next(map, end, index, true);
	if (i < end) {
		start = i + 1;
		goto again;
	}
	return index;
}

/* ---- the model --------------------------------------------------------- */

struct blk {
	uint64_t pos, nr;
	int order;		/* coherent block: its order; CMA area: -1 */
};

struct model {
	struct bitmap_index bix;
	uint64_t *ref;		/* the plain copy */
	uint64_t bits;
	struct blk *live;
	size_t n, cap;
	uint64_t used;		/* bits held by live blocks */
	uint64_t target;	/* occupancy the sequence steers to */
	bool kref;		/* also check the bit-by-bit searches */
	unsigned int op;
};

static void model_init(struct model *m, uint64_t bits, uint64_t min_bits,
		       unsigned int pct)
{
	memset(m, 0, sizeof(*m));
	ck_assert_int_eq(bitmap_index_init(&m->bix, bits), 0);
	m->bix.min_bits = min_bits;
	m->ref = bitmap_zalloc(bits);
	ck_assert_ptr_nonnull(m->ref);
	m->bits = bits;
	m->cap = (size_t)min_u64(bits + 1, 1 << 16);
	m->live = calloc(m->cap, sizeof(*m->live));
	ck_assert_ptr_nonnull(m->live);
	m->target = bits * pct / 100;
	m->kref = bits <= 4096;
}

static void model_free(struct model *m)
{
	bitmap_index_release(&m->bix);
	free(m->ref);
	free(m->live);
}

static void same_maps(struct model *m, const char *what)
{
	ck_assert_msg(!memcmp(m->bix.map, m->ref,
			      bitmap_words(m->bits) * sizeof(uint64_t)),
		      "op %u (%s): bitmaps differ, %llu bits", m->op, what,
		      (unsigned long long)m->bits);
	compared++;
}

static void push(struct model *m, uint64_t pos, uint64_t nr, int order)
{
	if (m->n == m->cap)
		return;
	m->live[m->n++] = (struct blk){ pos, nr, order };
	m->used += nr;
}

static struct blk pop_random(struct model *m)
{
	size_t i = below(m->n);
	struct blk b = m->live[i];

	m->live[i] = m->live[--m->n];
	m->used -= b.nr;
	return b;
}

static unsigned int pick_order(void)
{
	uint64_t r = below(100);

	if (r < 70)
		return (unsigned int)below(9);		/* 4 KiB .. 1 MiB */
	if (r < 95)
		return (unsigned int)below(18);
	return (unsigned int)below(70);			/* huge, >= 63 too */
}

static void op_coherent_alloc(struct model *m)
{
	unsigned int order = pick_order();
	long got = bitmap_index_find_free_region(&m->bix, order);
	long want = bitmap_find_free_region(m->ref, m->bits, order);

	ck_assert_msg(got == want, "op %u: find_free_region(order %u) = %ld, "
		      "plain %ld (%llu bits)", m->op, order, got, want,
		      (unsigned long long)m->bits);
	if (m->kref) {
		/* the plain search set the block: look at the map before it */
		if (want >= 0)
			bitmap_clear_range(m->ref, (uint64_t)want,
					   1ULL << order);
		ck_assert_int_eq(kref_find_free_region(m->ref, m->bits, order),
				 want);
		if (want >= 0)
			bitmap_set_range(m->ref, (uint64_t)want, 1ULL << order);
	}
	if (got >= 0)
		push(m, (uint64_t)got, 1ULL << order, (int)order);
	same_maps(m, "find_free_region");
}

static uint64_t pick_nr(uint64_t bits)
{
	uint64_t r = below(100);

	if (r < 55)
		return 1 + below(64);
	if (r < 80)
		return 1 + below(300);
	if (r < 95)
		return 1 + below(3000);
	return below(bits + 3);		/* 0, the whole map, past it */
}

static void op_cma_alloc(struct model *m)
{
	uint64_t nr = pick_nr(m->bits), mask, off, start = 0, got, want;
	uint64_t r = below(100);
	unsigned int align;

	if (r < 50) {
		/* as cma_alloc for a DMA buffer: align = min(get_order, 8) */
		align = nr > 1 ? 64 - (unsigned int)__builtin_clzll(nr - 1) : 0;
		align = align < 8 ? align : 8;
	} else {
		align = (unsigned int)below(r < 95 ? 11 : 24);
	}
	mask = (1ULL << align) - 1;
	off = below(2) ? 0 : below(mask + 1);
	r = below(100);
	if (r < 3)
		off = mask + 1 + below(100);	/* not the kernel's shape */
	else if (r < 5)
		mask = below(1000);			/* nor this */
	if (below(100) < 20)
		start = below(m->bits + 10);
	got = bitmap_index_find_next_zero_area_off(&m->bix, start, nr, mask,
						   off);
	want = bitmap_find_next_zero_area_off(m->ref, m->bits, start, nr,
					      mask, off);
	ck_assert_msg(got == want, "op %u: find_next_zero_area_off(start %llu, "
		      "nr %llu, mask %#llx, off %llu) = %llu, plain %llu "
		      "(%llu bits)", m->op, (unsigned long long)start,
		      (unsigned long long)nr, (unsigned long long)mask,
		      (unsigned long long)off, (unsigned long long)got,
		      (unsigned long long)want, (unsigned long long)m->bits);
	if (m->kref && !(mask & (mask + 1)) && off <= mask)
		ck_assert_uint_eq(kref_zero_area(m->ref, m->bits, start, nr,
						 mask, off), want);
	if (nr && nr <= m->bits && got <= m->bits - nr) {
		/* cma_alloc sets exactly nr bits */
		bitmap_index_set_range(&m->bix, got, nr);
		bitmap_set_range(m->ref, got, nr);
		push(m, got, nr, -1);
	}
	same_maps(m, "find_next_zero_area_off");
}

static void op_release(struct model *m)
{
	struct blk b = pop_random(m);
	uint64_t r = below(100);

	if (b.order < 0) {
		bitmap_index_clear_range(&m->bix, b.pos, b.nr);
		bitmap_clear_range(m->ref, b.pos, b.nr);
	} else if (r < 80) {
		bool wm = below(2);

		bitmap_index_release_region(&m->bix, b.pos,
					    (unsigned int)b.order, wm);
		bitmap_release_region(m->ref, m->bits, b.pos,
				      (unsigned int)b.order, wm);
	} else {
		/*
		 * A wrong free: misaligned position and/or wrong order, both
		 * 6.12 exact and 4.19/6.1 word mask (bits past the word stay).
		 */
		uint64_t pos = b.pos + below(70);
		unsigned int order = (unsigned int)below(r < 95 ? 10 : 66);
		bool wm = r < 92;

		bitmap_index_release_region(&m->bix, pos, order, wm);
		bitmap_release_region(m->ref, m->bits, pos, order, wm);
	}
	same_maps(m, "release");
}

static void op_raw(struct model *m)
{
	uint64_t s = below(m->bits), n = 1 + below(min_u64(m->bits - s, 700));
	uint64_t r = below(100);

	if (r < 40) {
		bitmap_index_set_range(&m->bix, s, n);
		bitmap_set_range(m->ref, s, n);
	} else if (r < 80) {
		bitmap_index_clear_range(&m->bix, s, n);
		bitmap_clear_range(m->ref, s, n);
	} else {
		/* a direct write to the raw words, then a refresh */
		uint64_t w = s / 64, v = rnd() & rnd();

		if ((w + 1) * 64 > m->bits)
			v &= ~0ULL >> (64 - m->bits % 64);
		m->bix.map[w] = v;
		m->ref[w] = v;
		bitmap_index_refresh(&m->bix, w * 64, 64);
	}
	same_maps(m, "raw");
}

static void check_summaries(struct model *m)
{
	ck_assert_msg(bitmap_index_consistent(&m->bix),
		      "op %u: summaries differ from a fresh build (%llu bits)",
		      m->op, (unsigned long long)m->bits);
	ck_assert_uint_eq(bitmap_index_weight(&m->bix),
			  bitmap_weight(m->ref, m->bits));
	ck_assert_uint_eq(bitmap_index_longest_zero_run(&m->bix),
			  bitmap_longest_zero_run(m->ref, m->bits));
}

/*
 * One sequence: pre-fill with direct writes (read by the first search, as
 * bench_engine's pre-fill is), then steer around the target occupancy.
 */
static void run_sequence(uint64_t bits, uint64_t min_bits, unsigned int pct,
			 unsigned int ops, unsigned int cma_pct)
{
	struct model m;
	uint64_t fill = 0, misses = 0;

	model_init(&m, bits, min_bits, pct);
	while (fill < m.target / 2 && m.n < m.cap && misses < 1000) {
		unsigned int o = (unsigned int)below(9);
		uint64_t pos = below(bits) & ~((1ULL << o) - 1);

		if (pos + (1ULL << o) > bits ||
		    bitmap_next_set(m.ref, pos + (1ULL << o), pos) <
		    pos + (1ULL << o)) {
			misses++;
			continue;
		}
		bitmap_set_range(m.bix.map, pos, 1ULL << o);
		bitmap_set_range(m.ref, pos, 1ULL << o);
		push(&m, pos, 1ULL << o, (int)o);
		fill += 1ULL << o;
	}
	for (m.op = 0; m.op < ops; m.op++) {
		uint64_t r = below(1000);

		if (r < 50) {
			op_raw(&m);
		} else if (r < 53) {
			bitmap_index_invalidate(&m.bix);
		} else if (m.n && (m.used >= m.target || r < 300)) {
			op_release(&m);
		} else if (below(100) < cma_pct) {
			op_cma_alloc(&m);
		} else {
			op_coherent_alloc(&m);
		}
		if (m.op % 97 == 0)
			check_summaries(&m);
	}
	check_summaries(&m);
	model_free(&m);
}

/* ---- tests --------------------------------------------------------------- */

/* sizes around word and level boundaries, indexed however small */
static const uint64_t small_sizes[] = {
	1, 2, 7, 63, 64, 65, 127, 128, 129, 640, 4095, 4096, 4097, 4160,
	4224 + 17,
};

START_TEST(test_small_maps_indexed)
{
	size_t i;

	rng = 0x1234567 + (uint64_t)_i;
	for (i = 0; i < sizeof(small_sizes) / sizeof(small_sizes[0]); i++) {
		run_sequence(small_sizes[i], 0, 30, 4000, 50);
		run_sequence(small_sizes[i], 0, 60, 4000, 50);
		run_sequence(small_sizes[i], 0, 90, 4000, 50);
	}
	report("test_small_maps_indexed");
}
END_TEST

/* the same through the unindexed (plain) path of small maps */
START_TEST(test_small_maps_plain)
{
	size_t i;

	rng = 0xabcdef;
	for (i = 0; i < sizeof(small_sizes) / sizeof(small_sizes[0]); i++)
		run_sequence(small_sizes[i], BIX_MIN_BITS, 60, 2000, 50);
	report("test_small_maps_plain");
}
END_TEST

/* mid-size maps: three levels, many searches crossing level words */
START_TEST(test_medium_maps)
{
	static const unsigned int pct[] = { 20, 50, 80, 97 };

	rng = 0x9e3779b97f4a7c15ULL + (uint64_t)_i;
	run_sequence(262144 + 64 * 13 + 5, 0, pct[_i], 30000, 50);
	run_sequence(70000, 0, pct[_i], 30000, 80);
	run_sequence(4096 * 64, 0, pct[_i], 20000, 20);
	report("test_medium_maps");
}
END_TEST

/* the benchmark's shape: 1 M pages at 50 %, orders 0..8 */
START_TEST(test_bench_shape)
{
	rng = 0x5eed + (uint64_t)_i;
	run_sequence(1ULL << 20, BIX_MIN_BITS, 50, 6000, _i ? 90 : 10);
	report("test_bench_shape");
}
END_TEST

/*
 * Failure values: full maps leave no area, and the plain search's
 * failure value (last candidate + nr) depends on the tail's layout; the
 * index must land on the same one through its restart point.
 */
START_TEST(test_failure_values)
{
	unsigned int round;

	rng = 0xfa11;
	for (round = 0; round < 300; round++) {
		struct model m;
		uint64_t bits = 64 + below(5000), i, k;

		model_init(&m, bits, 0, 100);
		m.kref = true;
		/* dense with short holes: most areas fail */
		for (i = 0; i < bits; i++)
			if (below(100) < 70 + round % 30)
				bitmap_set_range(m.ref, i, 1);
		memcpy(m.bix.map, m.ref, bitmap_words(bits) * sizeof(uint64_t));
		for (k = 0; k < 60; k++) {
			m.op = (unsigned int)k;
			op_cma_alloc(&m);
			if (m.n)
				op_release(&m);
		}
		check_summaries(&m);
		model_free(&m);
	}
	report("test_failure_values");
}
END_TEST

/* the 6.1 quirk's partial clears must leave the summaries consistent */
START_TEST(test_word_mask_release)
{
	struct bitmap_index bix;
	uint64_t *ref, bits = 8192, pos;
	size_t len = bitmap_words(bits) * sizeof(uint64_t);
	unsigned int order;

	rng = 0x61;
	ck_assert_int_eq(bitmap_index_init(&bix, bits), 0);
	bix.min_bits = 0;
	ref = bitmap_zalloc(bits);
	for (pos = 0; pos < 600; pos++) {
		for (order = 0; order < 9; order++) {
			memset(bix.map, 0xff, len);
			memset(ref, 0xff, len);
			bitmap_index_invalidate(&bix);
			ck_assert_int_eq(bitmap_index_find_free_region(&bix, 0),
					 -ENOMEM);
			bitmap_index_release_region(&bix, 64 * 40 + pos, order,
						    true);
			bitmap_release_region(ref, bits, 64 * 40 + pos, order,
					      true);
			ck_assert(!memcmp(bix.map, ref, len));
			ck_assert(bitmap_index_consistent(&bix));
			ck_assert_int_eq(
				bitmap_index_find_free_region(&bix, order % 3),
				bitmap_find_free_region(ref, bits, order % 3));
			ck_assert(!memcmp(bix.map, ref, len));
			compared += 3;
		}
	}
	free(ref);
	bitmap_index_release(&bix);
	report("test_word_mask_release");
}
END_TEST

/* bitmap_zalloc's limit holds: RM_KMALLOC_MAX bits fail, as in the kernel */
START_TEST(test_init_limit)
{
	struct bitmap_index bix;

	ck_assert_int_eq(bitmap_index_init(&bix, RM_KMALLOC_MAX * 8 + 1),
			 -ENOMEM);
	ck_assert_int_eq(bitmap_index_init(&bix, RM_KMALLOC_MAX * 8), 0);
	bix.min_bits = 0;
	ck_assert_int_eq(bitmap_index_find_free_region(&bix, 25), 0);
	ck_assert_int_eq(bitmap_index_find_free_region(&bix, 25), -ENOMEM);
	ck_assert_int_eq(bitmap_index_find_free_region(&bix, 24), -ENOMEM);
	bitmap_index_release_region(&bix, 0, 25, false);
	ck_assert_int_eq(bitmap_index_find_free_region(&bix, 24), 0);
	ck_assert_int_eq(bitmap_index_find_free_region(&bix, 24), 1 << 24);
	ck_assert_uint_eq(
		bitmap_index_find_next_zero_area_off(&bix, 0, 1, 0, 0),
		RM_KMALLOC_MAX * 8 + 1);
	ck_assert(bitmap_index_consistent(&bix));
	bitmap_index_release(&bix);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("bitmap_index");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_small_maps_indexed, 0, 2);
	tcase_add_test(tc, test_small_maps_plain);
	tcase_add_loop_test(tc, test_medium_maps, 0, 4);
	tcase_add_loop_test(tc, test_bench_shape, 0, 2);
	tcase_add_test(tc, test_failure_values);
	tcase_add_test(tc, test_word_mask_release);
	tcase_add_test(tc, test_init_limit);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
