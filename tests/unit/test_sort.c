// SPDX-License-Identifier: GPL-2.0
/*
 * test_sort - the heapsorts of src/kernel/lib/sort.c and the
 * reserved_mem[] sort of src/kernel/of/of_reserved_mem_sort.c against
 * lib/sort.c as doc/kernels.md §5 describes it: 6.1 sort_r (bottom-up,
 * rm_heapsort_bottom_up), 4.19 sort (top-down, reached through
 * rm_sort_table with the 4.19 profile) and the 6.12 strict key.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/lib/sort.h"
#include "kernel/system.h"

struct elem {
	uint64_t base;
	uint64_t size;
	int id;
};

/* __rmem_cmp() of 6.1: base, then size */
static int cmp_base_size(const void *pa, const void *pb, void *priv)
{
	const struct elem *a = pa, *b = pb;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return 0;
}

/* 4.19 __rmem_cmp(): base only */
static int cmp_base(const void *pa, const void *pb, void *priv)
{
	const struct elem *a = pa, *b = pb;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	return 0;
}

/* doc/kernels.md §5.1: all keys equal -> the rotation [1, 2, ..., n-1, 0] */
START_TEST(test_all_equal_rotation)
{
	struct elem e[64];
	int n, i;

	for (n = 0; n <= 64; n++) {
		for (i = 0; i < n; i++)
			e[i] = (struct elem){ 0, 0, i };
		rm_heapsort_bottom_up(e, (size_t)n, sizeof(e[0]), cmp_base_size,
				      NULL);
		if (n < 2) {
			for (i = 0; i < n; i++)
				ck_assert_int_eq(e[i].id, i);
			continue;
		}
		for (i = 0; i < n - 1; i++)
			ck_assert_int_eq(e[i].id, i + 1);
		ck_assert_int_eq(e[n - 1].id, 0);
	}
}
END_TEST

/*
 * doc/kernels.md §5.1, out/boards/fsl-ls1046a-rdb.mem4G.k6.1: three dynamic
 * pools bman-fbpr, qman-fqd, qman-pfdr (DT order) are placed qman-fqd,
 * qman-pfdr, bman-fbpr.
 */
START_TEST(test_three_equal)
{
	struct elem e[3] = { { 0, 0, 'A' }, { 0, 0, 'B' }, { 0, 0, 'C' } };

	rm_heapsort_bottom_up(e, 3, sizeof(e[0]), cmp_base_size, NULL);
	ck_assert_int_eq(e[0].id, 'B');
	ck_assert_int_eq(e[1].id, 'C');
	ck_assert_int_eq(e[2].id, 'A');
}
END_TEST

enum { S1, D1, D2, S2, D3, S3, D4, D5, D6, S4, S5, D7 };

/*
 * run/sorttest.k6.1 (examples/profiles/sorttest.dts): dynamics placed
 * d3,d6,d7,d1,d2,d4,d5, and "s5@52000000 ... overlaps with s4@52000000".
 * The bases are those of sorttest.dts (s3 is the lowest static).
 */
START_TEST(test_sorttest_mixed)
{
	struct elem e[12] = {
		[S1] = { 0x50000000, 0x100000, S1 },
		[D1] = { 0, 0, D1 },
		[D2] = { 0, 0, D2 },
		[S2] = { 0x51000000, 0x100000, S2 },
		[D3] = { 0, 0, D3 },
		[S3] = { 0x4f000000, 0x100000, S3 },
		[D4] = { 0, 0, D4 },
		[D5] = { 0, 0, D5 },
		[D6] = { 0, 0, D6 },
		[S4] = { 0x52000000, 0x100000, S4 },
		[S5] = { 0x52000000, 0x100000, S5 },
		[D7] = { 0, 0, D7 },
	};
	static const int want[12] = {
		D3, D6, D7, D1, D2, D4, D5, S3, S1, S2, S5, S4
	};
	int i;

	rm_heapsort_bottom_up(e, 12, sizeof(e[0]), cmp_base_size, NULL);
	for (i = 0; i < 12; i++)
		ck_assert_int_eq(e[i].id, want[i]);
}
END_TEST

/*
 * out/errors.k6.1 and out/errors-minus-one.k6.1 (doc/kernels.md §5.1): the
 * saved entries in DT order give too-big, dyn-b, dyn-a, dyn-c, resp.
 * (without cma-2m-aligned) dyn-c, dyn-a, dyn-b, too-big.
 */
START_TEST(test_errors_dts_orders)
{
	enum { OVA, OVB, MIS, C2M, NOMAP, COH, OK, OI, BR, TOO, DA, DB, DC };
	static const struct elem all[13] = {
		{ 0x58000000, 0x200000, OVA }, { 0x58100000, 0x200000, OVB },
		{ 0x5a100000, 0x400000, MIS }, { 0x5d200000, 0x200000, C2M },
		{ 0x5b000000, 0x400000, NOMAP }, { 0x5c000000, 0x400000, COH },
		{ 0x40400000, 0x100000, OK }, { 0x48000000, 0x100000, OI },
		{ 0x200000000ULL, 0x100000, BR }, { 0, 0, TOO },
		{ 0, 0, DA }, { 0, 0, DB }, { 0, 0, DC },
	};
	static const int want[13] = {
		TOO, DB, DA, DC, OK, OI, OVA, OVB, MIS, NOMAP, COH, C2M, BR
	};
	static const int want_m1[12] = {
		DC, DA, DB, TOO, OK, OI, OVA, OVB, MIS, NOMAP, COH, BR
	};
	struct elem e[13];
	int i, n = 0;

	memcpy(e, all, sizeof(e));
	rm_heapsort_bottom_up(e, 13, sizeof(e[0]), cmp_base_size, NULL);
	for (i = 0; i < 13; i++)
		ck_assert_int_eq(e[i].id, want[i]);

	for (i = 0; i < 13; i++)
		if (all[i].id != C2M)
			e[n++] = all[i];
	rm_heapsort_bottom_up(e, 12, sizeof(e[0]), cmp_base_size, NULL);
	for (i = 0; i < 12; i++)
		ck_assert_int_eq(e[i].id, want_m1[i]);
}
END_TEST

/* lib/sort.c swaps element by element: sizes beyond one 64-byte chunk */
START_TEST(test_large_elements)
{
	struct big {
		uint64_t base, size;
		int id;
		char pad[150];
	} e[9];
	int i;

	for (i = 0; i < 9; i++) {
		memset(&e[i], 0, sizeof(e[i]));
		e[i].id = i;
		memset(e[i].pad, 'a' + i, sizeof(e[i].pad));
	}
	rm_heapsort_bottom_up(e, 9, sizeof(e[0]), cmp_base_size, NULL);
	for (i = 0; i < 9; i++) {
		int want = i < 8 ? i + 1 : 0;

		ck_assert_int_eq(e[i].id, want);
		ck_assert_int_eq(e[i].pad[0], 'a' + want);
		ck_assert_int_eq(e[i].pad[149], 'a' + want);
	}
}
END_TEST

/* ---- references written from doc/kernels.md §5.1 and §5.2 ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

typedef int (*cmp_fn)(const void *, const void *, void *);

static void eswap(struct elem *e, size_t i, size_t j)
{
	struct elem t = e[i];

	e[i] = e[j];
	e[j] = t;
}

/* §5.1 step by step; the rotation done as successive swaps up from b */
static void ref_bottom_up(struct elem *e, size_t n, cmp_fn cmp)
{
	size_t a = n / 2, m = n;

	if (n < 2)
		return;
	for (;;) {
		size_t b, c, d = 0, top;

		if (a > 0) {
			a--;
		} else {
			m--;
			if (m == 0)
				break;
			eswap(e, 0, m);
		}
		b = a;
		for (;;) {
			c = 2 * b + 1;
			d = c + 1;
			if (!(d < m))
				break;
			b = cmp(&e[c], &e[d], NULL) >= 0 ? c : d;
		}
		if (d == m)
			b = c;
		while (b != a && cmp(&e[a], &e[b], NULL) >= 0)
			b = (b - 1) / 2;
		/* e[a] goes to b, the path below a moves up one level */
		top = b;
		while (top != a) {
			size_t p = (top - 1) / 2;

			eswap(e, p, b);
			top = p;
		}
	}
}

/* §5.2: classic top-down heapsort, ties to the left child */
static void ref_sift(struct elem *e, size_t r, size_t lim, cmp_fn cmp)
{
	while (2 * r + 1 < lim) {
		size_t c = 2 * r + 1;

		if (c + 1 < lim && cmp(&e[c], &e[c + 1], NULL) < 0)
			c++;
		if (cmp(&e[r], &e[c], NULL) >= 0)
			return;
		eswap(e, r, c);
		r = c;
	}
}

static void ref_top_down(struct elem *e, size_t n, cmp_fn cmp)
{
	size_t i;

	if (n < 2)
		return;
	for (i = n / 2; i-- > 0;)
		ref_sift(e, i, n, cmp);
	for (i = n - 1; i > 0; i--) {
		eswap(e, 0, i);
		ref_sift(e, 0, i, cmp);
	}
}

static void random_array(struct elem *e, size_t n)
{
	/* few distinct keys: many ties, dynamics (0,0) frequent */
	uint64_t nkeys = 1 + rnd() % 5;
	size_t i;

	for (i = 0; i < n; i++) {
		e[i].base = (rnd() % 3 == 0) ? 0 : (rnd() % nkeys) << 24;
		e[i].size = e[i].base ? (1 + rnd() % 2) << 20 : 0;
		e[i].id = (int)i;
	}
}

/* lib/sort.c sort_r (6.1) == the §5.1 text, and == §5.2 top-down (claim §5.2) */
START_TEST(test_property_bottom_up_vs_refs)
{
	struct elem in[40], a[40], b[40], c[40];
	unsigned int iter;

	rng_state = 0x5eed5eed12345678ULL;
	for (iter = 0; iter < 4000; iter++) {
		size_t n = rnd() % 41, i;
		cmp_fn cmp = (iter & 1) ? cmp_base : cmp_base_size;

		random_array(in, n);
		memcpy(a, in, sizeof(in));
		memcpy(b, in, sizeof(in));
		memcpy(c, in, sizeof(in));
		rm_heapsort_bottom_up(a, n, sizeof(a[0]), cmp, NULL);
		ref_bottom_up(b, n, cmp);
		ref_top_down(c, n, cmp);
		for (i = 0; i < n; i++) {
			ck_assert_msg(a[i].id == b[i].id,
				      "iter %u n %zu pos %zu: %d vs ref %d",
				      iter, n, i, a[i].id, b[i].id);
			ck_assert_msg(a[i].id == c[i].id,
				      "iter %u n %zu pos %zu: %d vs top-down %d",
				      iter, n, i, a[i].id, c[i].id);
			if (i)
				ck_assert_int_le(cmp(&a[i - 1], &a[i], NULL), 0);
		}
	}
}
END_TEST

static struct rm_region regions[40];

static void load_table(struct rm_board *b, struct rm_region **tab,
		       const struct elem *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&regions[i], 0, sizeof(regions[i]));
		regions[i].base = e[i].base;
		regions[i].size = e[i].size;
		regions[i].node = 1000 - (int)i * 8;	/* not DT order */
		tab[i] = &regions[i];
	}
	b->table = tab;
	b->nr_table = (unsigned int)n;
}

/*
 * 4.19 lib/sort.c sort() through rm_sort_table: the same permutation as
 * 6.1's sort_r with the 4.19 key, base only (doc/kernels.md §5.2).
 */
START_TEST(test_property_top_down_table_k4_19)
{
	struct rm_region *tab[40];
	struct rm_board b;
	struct elem in[40], a[40];
	unsigned int iter;

	memset(&b, 0, sizeof(b));
	b.profile = rm_profile_find("4.19");
	ck_assert_ptr_nonnull(b.profile);
	ck_assert_int_eq(b.profile->sort_algo, RM_SORT_HEAP_TOP_DOWN);
	rng_state = 0x0419041904190419ULL;
	for (iter = 0; iter < 3000; iter++) {
		size_t n = rnd() % 41, i;

		random_array(in, n);
		load_table(&b, tab, in, n);
		memcpy(a, in, sizeof(in));
		rm_sort_table(&b);
		rm_heapsort_bottom_up(a, n, sizeof(a[0]), cmp_base, NULL);
		for (i = 0; i < n; i++)
			ck_assert_msg(tab[i] == &regions[a[i].id],
				      "iter %u n %zu pos %zu: region %d, sort_r %d",
				      iter, n, i, (int)(tab[i] - regions),
				      a[i].id);
	}
}
END_TEST

/* rm_sort_table on 6.1 = sort_r with (base, size): run/sorttest.k6.1 again */
START_TEST(test_table_sorttest_k6_1)
{
	static const struct elem in[12] = {
		{ 0x50000000, 0x100000, S1 }, { 0, 0, D1 }, { 0, 0, D2 },
		{ 0x51000000, 0x100000, S2 }, { 0, 0, D3 },
		{ 0x4f000000, 0x100000, S3 }, { 0, 0, D4 }, { 0, 0, D5 },
		{ 0, 0, D6 }, { 0x52000000, 0x100000, S4 },
		{ 0x52000000, 0x100000, S5 }, { 0, 0, D7 },
	};
	static const int want[12] = {
		D3, D6, D7, D1, D2, D4, D5, S3, S1, S2, S5, S4
	};
	struct rm_region *tab[12];
	struct rm_board b;
	int i;

	memset(&b, 0, sizeof(b));
	b.profile = rm_profile_find("6.1");
	load_table(&b, tab, in, 12);
	rm_sort_table(&b);
	for (i = 0; i < 12; i++)
		ck_assert_ptr_eq(tab[i], &regions[want[i]]);
}
END_TEST

/* 6.12 __rmem_cmp(): base, size, fdt_node - run/sorttest.k6.12 "s4 ... s5" */
START_TEST(test_table_strict_k6_12)
{
	static const struct elem in[6] = {
		{ 0x52000000, 0x100000, 0 }, { 0x52000000, 0x100000, 1 },
		{ 0x4f000000, 0x100000, 2 }, { 0x52000000, 0x200000, 3 },
		{ 0x50000000, 0x100000, 4 }, { 0x52000000, 0x100000, 5 },
	};
	struct rm_region *tab[6];
	struct rm_board b;
	int i;

	memset(&b, 0, sizeof(b));
	b.profile = rm_profile_find("6.12");
	load_table(&b, tab, in, 6);
	for (i = 0; i < 6; i++)
		regions[i].node = 100 + i * 8;		/* DT order */
	rm_sort_table(&b);
	ck_assert_ptr_eq(tab[0], &regions[2]);
	ck_assert_ptr_eq(tab[1], &regions[4]);
	ck_assert_ptr_eq(tab[2], &regions[0]);	/* s4 before s5 */
	ck_assert_ptr_eq(tab[3], &regions[1]);
	ck_assert_ptr_eq(tab[4], &regions[5]);
	ck_assert_ptr_eq(tab[5], &regions[3]);
}
END_TEST

/*
 * lib/sort.c __sort_r as of 6.12 and 7.2 (rm_heapsort_two_per_round):
 * with equal keys its permutation is its own.  7.2's __rmem_cmp has no
 * fdt_node tie-break, so it shows: two identical statics are reported
 * "e1 ... overlaps with e0", three come out e2, e1, e0 (the kernel's
 * lib/sort.c:191-275 stepped through: heap build, no extraction round
 * below four elements, the final swap and fix-up; golden sorttest.k7.2
 * shows the same code's "s4 ... overlaps with s5").
 */
START_TEST(test_two_per_round_equal_keys_k7_2)
{
	struct elem two[2] = { { 0x50000000, 0x100000, 0 }, { 0x50000000, 0x100000, 1 } };
	struct elem three[3] = { { 0, 0, 0 }, { 0, 0, 1 }, { 0, 0, 2 } };

	rm_heapsort_two_per_round(two, 2, sizeof(two[0]), cmp_base_size, NULL);
	ck_assert_int_eq(two[0].id, 1);
	ck_assert_int_eq(two[1].id, 0);
	rm_heapsort_two_per_round(three, 3, sizeof(three[0]), cmp_base_size,
				  NULL);
	ck_assert_int_eq(three[0].id, 2);
	ck_assert_int_eq(three[1].id, 1);
	ck_assert_int_eq(three[2].id, 0);
}
END_TEST

/* it sorts: any input, keys ascending, every element kept once */
START_TEST(test_two_per_round_sorts)
{
	struct elem a[40];
	unsigned int iter;

	rng_state = 0x0dd5eed5eed0ddULL;
	for (iter = 0; iter < 4000; iter++) {
		size_t n = rnd() % 41, i;
		unsigned int seen[40] = { 0 };

		random_array(a, n);
		rm_heapsort_two_per_round(a, n, sizeof(a[0]), cmp_base_size,
					  NULL);
		for (i = 0; i < n; i++) {
			seen[a[i].id]++;
			if (i)
				ck_assert_int_le(cmp_base_size(&a[i - 1], &a[i],
							       NULL), 0);
		}
		for (i = 0; i < n; i++)
			ck_assert_uint_eq(seen[i], 1);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_all_equal_rotation);
	tcase_add_test(tc, test_three_equal);
	tcase_add_test(tc, test_sorttest_mixed);
	tcase_add_test(tc, test_errors_dts_orders);
	tcase_add_test(tc, test_large_elements);
	tcase_add_test(tc, test_property_bottom_up_vs_refs);
	tcase_add_test(tc, test_property_top_down_table_k4_19);
	tcase_add_test(tc, test_table_sorttest_k6_1);
	tcase_add_test(tc, test_table_strict_k6_12);
	tcase_add_test(tc, test_two_per_round_equal_keys_k7_2);
	tcase_add_test(tc, test_two_per_round_sorts);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
