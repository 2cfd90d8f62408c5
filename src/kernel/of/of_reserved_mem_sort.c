// SPDX-License-Identifier: GPL-2.0
/*
 * The reserved_mem[] sort and overlap check (__rmem_check_for_overlap).
 *
 * The sort decides 6.1's (and 4.19's) dynamic placement order, because
 * every dynamic entry has key (0, 0) and the heapsort is unstable: the
 * permutation must be lib/sort.c's (kernel/lib/sort.c), step for step.
 */
#include "kernel/lib/sort.h"
#include "kernel/system.h"

/* __rmem_cmp(): base; then size (5.10+); then fdt_node (6.12 only) */
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
		rm_heapsort_top_down(b->table, b->nr_table, sizeof(b->table[0]),
				     rmem_cmp, priv);
	else if (b->profile->sort_algo == RM_SORT_HEAP_TWO_PER_ROUND)
		rm_heapsort_two_per_round(b->table, b->nr_table,
					  sizeof(b->table[0]), rmem_cmp, priv);
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
		rm_report(b, "overlap", RM_ERROR, this->path,
			  "'%s' and '%s' overlap by %llu bytes ([" RM_PA_FMT
			  ", " RM_PA_FMT ")); both stay reserved", this->name,
			  next->name,
			(unsigned long long)((this_end < next_end ? this_end : next_end) -
					     next->base),
			RM_PA(next->base),
			RM_PA(this_end < next_end ? this_end : next_end));
	}
}
