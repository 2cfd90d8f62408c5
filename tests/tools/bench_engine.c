// SPDX-License-Identifier: GPL-2.0
/*
 * bench_engine - in-process speed of the engine (a benchmark, not a test:
 * it reports, it never asserts).
 *
 *   bench_engine [-n REPS] [-r RUNS] [-t MS] [-c CMA_BOARD] [DTB...]
 *
 * For each DTB: rm_options_boot + rm_render_dryrun, REPS times, median.
 * Then alloc/free pairs per second at ~50 % occupancy of a 4 GiB pool:
 * a coherent pool (bitmap_find_free_region placement) and a CMA area
 * (cma_alloc: bitmap_find_next_zero_area_off, align = min(order, 8)) -
 * the largest area of CMA_BOARD, or a bare 4 GiB bitmap driven as
 * cma_alloc drives it when no board is given.  RUNS runs of MS each,
 * median.  Output: "name value unit", one line per measurement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernel/lib/bitmap.h"
#include "kernel/mm/cma.h"
#include "kernel/dma/coherent.h"
#include "board/options.h"
#include "view/render.h"
#include "kernel/system.h"

#define POOL_PAGES	(1ULL << 20)	/* 4 GiB of 4 KiB pages */
#define MAX_ORDER_BENCH	8		/* sizes 4 KiB .. 1 MiB */
#define CMA_ALIGN_MAX	8		/* CONFIG_CMA_ALIGNMENT */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	/* xorshift64*: fixed seed, the same sequence every run */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static int bench_dryrun(const char *dtb, int reps)
{
	struct rm_options o = { .dtb = (char *)dtb, .dry_run = true };
	double *t = calloc((size_t)reps, sizeof(*t));
	size_t len = 0;
	char err[1024];
	int i;

	if (!t)
		return 1;
	for (i = 0; i < reps; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct rm_board *b = NULL;
		void *blob = NULL;
		double t0 = now();

		if (rm_options_boot(&o, &b, &blob, err, sizeof(err))) {
			fprintf(stderr, "bench_engine: %s\n", err);
			free(t);
			return 1;
		}
		rm_render_dryrun(b, &sb);
		len = sb.len;
		strbuf_release(&sb);
		rm_board_free(b);
		free(blob);
		t[i] = now() - t0;
	}
	printf("dryrun:%s %.3f ms\n", base_name(dtb), median(t, reps) * 1e3);
	fprintf(stderr, "# dryrun %s: %d reps, %zu bytes of output\n",
		dtb, reps, len);
	free(t);
	return 0;
}

/*
 * A pool under test: alloc 2^order pages -> 0 and a handle, free it.
 * The pre-fill writes the bitmap directly: block i of the map is handle
 * hbase + i, aligned as the allocator aligns (align_max, absolute pfn).
 */
struct pool_ops {
	const char *name;
	int (*alloc)(void *p, unsigned int order, uint64_t *h);
	void (*free)(void *p, uint64_t h, unsigned int order);
	void *p;
	uint64_t *map;
	uint64_t nbits;
	uint64_t hbase;
	unsigned int align_max;
};

static int coh_alloc(void *p, unsigned int order, uint64_t *h)
{
	unsigned int o;
	uint64_t n;

	return coherent_alloc(p, 4096ULL << order, h, &o, &n);
}

static void coh_free(void *p, uint64_t h, unsigned int order)
{
	coherent_release(p, h, order);
}

static struct rm_board *cma_board;

static int cma_alloc_op(void *p, unsigned int order, uint64_t *h)
{
	unsigned int align = order < CMA_ALIGN_MAX ? order : CMA_ALIGN_MAX;

	*h = cma_alloc(p, 1ULL << order, align, true);
	return *h ? 0 : -1;
}

static void cma_free_op(void *p, uint64_t h, unsigned int order)
{
	cma_release(p, h, 1ULL << order);
}

/* no board: a bare bitmap at pfn 0x100000, searched as cma_alloc does */
#define BARE_BASE_PFN 0x100000ULL

static int bare_alloc(void *p, unsigned int order, uint64_t *h)
{
	unsigned int align = order < CMA_ALIGN_MAX ? order : CMA_ALIGN_MAX;
	uint64_t mask = (1ULL << align) - 1;
	uint64_t off = BARE_BASE_PFN & mask;
	uint64_t no = bitmap_find_next_zero_area_off(p, POOL_PAGES, 0,
						     1ULL << order, mask, off);

	if (no >= POOL_PAGES)
		return -1;
	bitmap_set_range(p, no, 1ULL << order);
	*h = BARE_BASE_PFN + no;
	return 0;
}

static void bare_free(void *p, uint64_t h, unsigned int order)
{
	bitmap_clear_range(p, h - BARE_BASE_PFN, 1ULL << order);
}

struct live {
	uint64_t h;
	unsigned int order;
};

static int bench_pool(const struct pool_ops *ops, uint64_t pages, int runs,
		      double secs)
{
	size_t cap = pages, n = 0, i;
	struct live *l = malloc(cap * sizeof(*l));
	uint64_t used = 0, target = pages / 2, fails = 0, allocs = 0;
	double *rate = calloc((size_t)runs, sizeof(*rate));
	int r, misses = 0;

	if (!l || !rate)
		return 1;
	/*
	 * Pre-fill to half with blocks at random (aligned) places all over
	 * the pool; the allocator itself would need O(pool) per small block
	 * to fill a dense bottom.  The steady state then runs first fit.
	 */
	while (used < target && misses < 1000000) {
		unsigned int o = (unsigned int)(rnd() % (MAX_ORDER_BENCH + 1));
		unsigned int a = o < ops->align_max ? o : ops->align_max;
		uint64_t amask = (1ULL << a) - 1;
		uint64_t off = ops->hbase & amask;
		uint64_t pos = rnd() % (ops->nbits - (1ULL << o));

		pos = ((pos + off + amask) & ~amask) - off;
		if (pos + (1ULL << o) > ops->nbits ||
		    bitmap_next_set(ops->map, pos + (1ULL << o), pos) <
		    pos + (1ULL << o)) {
			misses++;
			continue;
		}
		bitmap_set_range(ops->map, pos, 1ULL << o);
		l[n].h = ops->hbase + pos;
		l[n++].order = o;
		used += 1ULL << o;
	}
	/*
	 * Steady state: alloc below half, free a random live block above.
	 * Run -1 is a warm-up (the random pre-fill settling to first fit).
	 */
	for (r = -1; r < runs; r++) {
		uint64_t ops_done = 0;
		double t0 = now(), t;

		do {
			int k;

			for (k = 0; k < 1024; k++, ops_done++) {
				unsigned int o;

				if (used < target && n < cap) {
					o = (unsigned int)(rnd() % (MAX_ORDER_BENCH + 1));
					allocs++;
					if (!ops->alloc(ops->p, o, &l[n].h)) {
						l[n++].order = o;
						used += 1ULL << o;
						continue;
					}
					fails++;
				}
				if (!n)
					continue;
				i = rnd() % n;
				ops->free(ops->p, l[i].h, l[i].order);
				used -= 1ULL << l[i].order;
				l[i] = l[--n];
			}
			t = now() - t0;
		} while (t < secs);
		if (r >= 0)
			rate[r] = (double)ops_done / 2 / t;
	}
	printf("%s %.0f pairs/s\n", ops->name, median(rate, runs));
	fprintf(stderr, "# %s: %llu pages, %zu live blocks, %.1f %% used, "
		"%.2f %% of allocs failed (fragmentation)\n", ops->name,
		(unsigned long long)pages, n, 100.0 * (double)used / (double)pages,
		allocs ? 100.0 * (double)fails / (double)allocs : 0.0);
	while (n--)
		ops->free(ops->p, l[n].h, l[n].order);
	free(l);
	free(rate);
	return 0;
}

static struct rm_cma *largest_cma(struct rm_board *b)
{
	struct rm_cma *best = NULL;
	unsigned int i;

	for (i = 0; i < b->cma.nr; i++)
		if (b->cma.areas[i]->bitmap &&
		    (!best || b->cma.areas[i]->count > best->count))
			best = b->cma.areas[i];
	return best;
}

int main(int argc, char **argv)
{
	int reps = 200, runs = 5, ms = 400, c, ret = 0;
	const char *cma_path = NULL;
	struct rm_coherent *coh;
	struct pool_ops ops;
	void *blob = NULL;
	char err[1024];

	while ((c = getopt(argc, argv, "n:r:t:c:")) != -1) {
		switch (c) {
		case 'n': reps = atoi(optarg); break;
		case 'r': runs = atoi(optarg); break;
		case 't': ms = atoi(optarg); break;
		case 'c': cma_path = optarg; break;
		default:
			fprintf(stderr, "usage: %s [-n REPS] [-r RUNS] [-t MS] "
				"[-c CMA_BOARD] [DTB...]\n", argv[0]);
			return 1;
		}
	}
	if (reps < 1 || runs < 1 || ms < 1)
		return 1;
	for (; optind < argc; optind++)
		ret |= bench_dryrun(argv[optind], reps);

	if (coherent_create(0x100000000ULL, POOL_PAGES << 12,
			    &rm_profile_default()->coherent, &coh)) {
		fprintf(stderr, "bench_engine: coherent_create failed\n");
		return 1;
	}
	ops = (struct pool_ops){ "coherent_4g", coh_alloc, coh_free, coh,
				 coh->bitmap, coh->pages, 0, 63 };
	ret |= bench_pool(&ops, POOL_PAGES, runs, ms / 1e3);
	coherent_destroy(coh);

	if (cma_path) {
		struct rm_options o = { .dtb = (char *)cma_path };
		struct rm_cma *cma;

		if (rm_options_boot(&o, &cma_board, &blob, err, sizeof(err))) {
			fprintf(stderr, "bench_engine: %s\n", err);
			return 1;
		}
		cma = largest_cma(cma_board);
		if (!cma) {
			fprintf(stderr, "bench_engine: %s has no CMA area\n", cma_path);
			return 1;
		}
		fprintf(stderr, "# cma area %s: %llu pages at pfn 0x%llx, %llu used\n",
			cma->name, (unsigned long long)cma->count,
			(unsigned long long)cma->base_pfn,
			(unsigned long long)cma_used_pages(cma));
		ops = (struct pool_ops){ "cma_area", cma_alloc_op, cma_free_op, cma,
					 cma->bitmap, cma->count, cma->base_pfn,
					 CMA_ALIGN_MAX };
		ret |= bench_pool(&ops, cma->count, runs, ms / 1e3);
		rm_board_free(cma_board);
		free(blob);
	} else {
		uint64_t *map = bitmap_zalloc(POOL_PAGES);

		if (!map)
			return 1;
		ops = (struct pool_ops){ "cma_bitmap_4g", bare_alloc, bare_free, map,
					 map, POOL_PAGES, BARE_BASE_PFN,
					 CMA_ALIGN_MAX };
		ret |= bench_pool(&ops, POOL_PAGES, runs, ms / 1e3);
		free(map);
	}
	return ret;
}
