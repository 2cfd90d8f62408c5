// SPDX-License-Identifier: GPL-2.0
/*
 * The reserved_mem[] sort and overlap check (__rmem_check_for_overlap).
 *
 * The sort decides 6.1's (and 4.19's) dynamic placement order, because
 * every dynamic entry has key (0, 0) and the heapsort is unstable: the
 * permutation must be lib/sort.c's, step for step.
 */
#include <stdlib.h>
#include <string.h>

#include "kernel/of/of_reserved_mem.h"

typedef int (*rm_cmp_fn)(const void *, const void *, void *);

static void swap_elems(char *a, char *b, size_t size)
{
	char tmp[64];

	while (size) {
		size_t n = size < sizeof(tmp) ? size : sizeof(tmp);

		memcpy(tmp, a, n);
		memcpy(a, b, n);
		memcpy(b, tmp, n);
		a += n;
		b += n;
		size -= n;
	}
}

/*
 * lib/sort.c sort_r() as of 6.1: bottom-up heapsort.  Indices here are
 * element indices; the kernel scales them by size.
 */
void rm_heapsort_bottom_up(void *base, size_t num, size_t size, rm_cmp_fn cmp,
			   void *priv)
{
	char *e = base;
	size_t n = num, a = num / 2;

#define EL(i) (e + (i) * size)
	if (!a)
		return;
	for (;;) {
		size_t b, c, d;

		if (a)
			a--;
		else if (--n)
			swap_elems(EL(0), EL(n), size);
		else
			break;
		/* find the sift-down path to a leaf; ties go left */
		for (b = a; c = 2 * b + 1, (d = c + 1) < n;)
			b = cmp(EL(c), EL(d), priv) >= 0 ? c : d;
		if (d == n)
			b = c;
		/* backtrack to where "a" belongs */
		while (b != a && cmp(EL(a), EL(b), priv) >= 0)
			b = (b - 1) / 2;
		c = b;
		while (b != a) {
			b = (b - 1) / 2;
			swap_elems(EL(b), EL(c), size);
		}
	}
#undef EL
}

/* lib/sort.c sort() as of 4.19: the classic top-down heapsort */
static void heapsort_top_down(void *base, size_t num, size_t size,
			      rm_cmp_fn cmp, void *priv)
{
	char *e = base;
	long i, n = (long)num, c, r;

#define EL(i) (e + (size_t)(i) * size)
	if (num < 2)
		return;
	for (i = n / 2 - 1; i >= 0; i--) {
		for (r = i; r * 2 + 1 < n; r = c) {
			c = r * 2 + 1;
			if (c < n - 1 && cmp(EL(c), EL(c + 1), priv) < 0)
				c++;
			if (cmp(EL(r), EL(c), priv) >= 0)
				break;
			swap_elems(EL(r), EL(c), size);
		}
	}
	for (i = n - 1; i > 0; i--) {
		swap_elems(EL(0), EL(i), size);
		for (r = 0; r * 2 + 1 < i; r = c) {
			c = r * 2 + 1;
			if (c < i - 1 && cmp(EL(c), EL(c + 1), priv) < 0)
				c++;
			if (cmp(EL(r), EL(c), priv) >= 0)
				break;
			swap_elems(EL(r), EL(c), size);
		}
	}
#undef EL
}

/* __rmem_cmp(): base; then size (6.x); then fdt_node (6.12) */
static int rmem_cmp(const void *pa, const void *pb, void *priv)
{
	const struct rm_region *ra = *(struct rm_region *const *)pa;
	const struct rm_region *rb = *(struct rm_region *const *)pb;
	const struct rm_profile *p = priv;

	if (ra->base != rb->base)
		return ra->base < rb->base ? -1 : 1;
	if (p->sort_key_size && ra->size != rb->size)
		return ra->size < rb->size ? -1 : 1;
	if (p->sort_key_node && ra->node != rb->node)
		return ra->node < rb->node ? -1 : 1;
	return 0;
}

void rm_sort_table(struct rm_board *b)
{
	void *priv = (void *)b->profile;

	if (b->profile->sort_algo == RM_SORT_HEAP_TOP_DOWN)
		heapsort_top_down(b->table, b->nr_table, sizeof(b->table[0]),
				  rmem_cmp, priv);
	else
		rm_heapsort_bottom_up(b->table, b->nr_table, sizeof(b->table[0]),
				      rmem_cmp, priv);
}

void rm_check_for_overlap(struct rm_board *b)
{
	unsigned int i;

	if (b->nr_table < 2)
		return;
	rm_sort_table(b);
	for (i = 0; i + 1 < b->nr_table; i++) {
		struct rm_region *this = b->table[i], *next = b->table[i + 1];
		uint64_t this_end = this->base + this->size;
		uint64_t next_end = next->base + next->size;

		if (b->profile->overlap_skips_zero_base &&
		    !(this->base && next->base))
			continue;
		if (this_end <= next->base)
			continue;
		rm_err(b, RM_PREFIX "OVERLAP DETECTED!\n%s (" RM_PA_FMT "--"
		       RM_PA_FMT ") overlaps with %s (" RM_PA_FMT "--" RM_PA_FMT
		       ")", this->name, RM_PA(this->base), RM_PA(this_end),
		       next->name, RM_PA(next->base), RM_PA(next_end));
		rm_hint(b, "'%s' and '%s' overlap by %llu bytes ([" RM_PA_FMT
			", " RM_PA_FMT ")); both stay reserved", this->name,
			next->name,
			(unsigned long long)((this_end < next_end ? this_end : next_end) -
					     next->base),
			RM_PA(next->base),
			RM_PA(this_end < next_end ? this_end : next_end));
	}
}
