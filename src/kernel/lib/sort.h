/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sort - lib/sort.c's three heapsorts (the permutation of equal keys is
 * part of the kernel's behaviour here, so no other sort will do).
 */
#ifndef RM_SORT_H
#define RM_SORT_H

#include <stddef.h>

typedef int (*rm_cmp_fn)(const void *, const void *, void *);

/* sort_r() as of 6.1: bottom-up heapsort */
void rm_heapsort_bottom_up(void *base, size_t num, size_t size, rm_cmp_fn cmp,
			   void *priv);
/* __sort_r() as of 6.12 and 7.2: two extractions a round, ties right */
void rm_heapsort_two_per_round(void *base, size_t num, size_t size,
			       rm_cmp_fn cmp, void *priv);
/* sort() as of 4.19: the classic top-down heapsort */
void rm_heapsort_top_down(void *base, size_t num, size_t size, rm_cmp_fn cmp,
			  void *priv);

#endif
