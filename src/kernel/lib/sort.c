// SPDX-License-Identifier: GPL-2.0
/*
 * lib/sort.c's heapsorts, step for step: an unstable sort's permutation
 * of equal keys is what decides 4.19's to 6.1's dynamic placement order
 * and 7.2's overlap messages
 * (of_reserved_mem_sort.c), so the algorithm must be the kernel's own.
 */
#include <stdbool.h>
#include <string.h>

#include "kernel/lib/sort.h"

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
 * The bottom-up sift of lib/sort.c: the path of larger children down to a
 * leaf (on a tie 6.1's code goes left, 6.12's right), then back up to
 * where element a belongs, and the rotation that puts it there.
 */
static void sift_down(char *e, size_t size, size_t a, size_t n, rm_cmp_fn cmp,
		      void *priv, bool ties_right)
{
	size_t b, c, d;

#define EL(i) (e + (i) * size)
	for (b = a; c = 2 * b + 1, (d = c + 1) < n;) {
		int r = cmp(EL(c), EL(d), priv);

		b = (ties_right ? r > 0 : r >= 0) ? c : d;
	}
	if (d == n)
		b = c;
	while (b != a && cmp(EL(a), EL(b), priv) >= 0)
		b = (b - 1) / 2;
	c = b;
	while (b != a) {
		b = (b - 1) / 2;
		swap_elems(EL(b), EL(c), size);
	}
#undef EL
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
		if (a)
			a--;
		else if (--n)
			swap_elems(EL(0), EL(n), size);
		else
			break;
		sift_down(e, size, a, n, cmp, priv, false);
	}
#undef EL
}

/*
 * lib/sort.c __sort_r() as of 6.12 and 7.2: the bottom-up heapsort with
 * ties on the sift-down path going right, two largest elements taken
 * out per round (the second from whichever child of the root is larger,
 * sifted first), and a final fix-up of the last two.
 */
void rm_heapsort_two_per_round(void *base, size_t num, size_t size,
			       rm_cmp_fn cmp, void *priv)
{
	char *e = base;
	size_t n = num, a = num / 2, shift = 0;

#define EL(i) (e + (i) * size)
	if (!a)
		return;
	for (;;) {
		if (a) {
			a -= (size_t)1 << shift;
		} else if (n > 3) {
			n--;
			swap_elems(EL(0), EL(n), size);
			shift = cmp(EL(1), EL(2), priv) <= 0;
			a = (size_t)1 << shift;
			n--;
			swap_elems(EL(a), EL(n), size);
		} else {
			break;
		}
		sift_down(e, size, a, n, cmp, priv, true);
	}
	n--;
	swap_elems(EL(0), EL(n), size);
	if (n == 2 && cmp(EL(0), EL(1), priv) > 0)
		swap_elems(EL(0), EL(1), size);
#undef EL
}

/* lib/sort.c sort() as of 4.19: the classic top-down heapsort */
void rm_heapsort_top_down(void *base, size_t num, size_t size,
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

