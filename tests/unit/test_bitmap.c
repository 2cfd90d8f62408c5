// SPDX-License-Identifier: GPL-2.0
/*
 * test_bitmap - src/kernel/lib/bitmap.c against lib/bitmap.c, include/linux/bitmap.h
 * and the oracle's coherent-pool / CMA allocation sequences
 * (../shared/oracle/README.md "Allocation sequences", doc/kernels.md §13).
 *
 * Page numbers in the sequences are the rmemprobe "page=" values of
 * examples/out/coherent-<seq>.k6.1.txt (identical on 6.12).
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "kernel/lib/bitmap.h"

#define NWORDS_MAX 64	/* 4096 bits */

/* get_order() for 4 KiB pages: include/asm-generic/getorder.h */
static unsigned int get_order(uint64_t size)
{
	unsigned int order = 0;

	size = (size - 1) >> 12;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* dma_alloc_from_dev_coherent: bitmap_find_free_region(get_order(size)) */
static long coh_alloc(uint64_t *map, uint64_t pages, uint64_t bytes)
{
	return bitmap_find_free_region(map, pages, get_order(bytes));
}

/* dma_release_from_dev_coherent: bitmap_release_region(page, order) */
static void coh_free(uint64_t *map, uint64_t pages, long page, uint64_t bytes,
		     bool word_mask)
{
	bitmap_release_region(map, pages, (uint64_t)page, get_order(bytes),
			      word_mask);
}

/*
 * dma_alloc_contiguous -> cma_alloc(count = size/4K,
 * align = min(get_order(size), CONFIG_CMA_ALIGNMENT = 8)), mask and offset
 * as cma_bitmap_aligned_mask()/_offset() with order_per_bit 0; on success
 * exactly count bits are set.  Returns the bit or -1.
 */
static long cma_take(uint64_t *map, uint64_t maxno, uint64_t base_pfn,
		     uint64_t bytes)
{
	unsigned int align = get_order(bytes) < 8 ? get_order(bytes) : 8;
	uint64_t mask = (1ULL << align) - 1;
	uint64_t offset = base_pfn & mask;
	uint64_t count = (bytes + 4095) / 4096;
	uint64_t no;

	no = bitmap_find_next_zero_area_off(map, maxno, 0, count, mask, offset);
	if (no >= maxno)
		return -1;
	bitmap_set_range(map, no, count);
	return (long)no;
}

/* examples/out/coherent-frag: 16-page pool coh64k, devA */
START_TEST(test_free_region_frag)
{
	uint64_t map[1] = { 0 };
	long a0, a1;

	a0 = coh_alloc(map, 16, 4096);
	ck_assert_int_eq(a0, 0);
	a1 = coh_alloc(map, 16, 4096);
	ck_assert_int_eq(a1, 1);
	coh_free(map, 16, a0, 4096, false);
	ck_assert_uint_eq(map[0], 0x2);
	ck_assert_int_eq(coh_alloc(map, 16, 16384), 4);	/* 0-3 has page 1 */
	ck_assert_int_eq(coh_alloc(map, 16, 16384), 8);
	ck_assert_int_eq(coh_alloc(map, 16, 8192), 2);	/* aligned pair 2-3 */
	ck_assert_int_eq(coh_alloc(map, 16, 4096), 0);	/* freed page reused */
	ck_assert_int_eq(coh_alloc(map, 16, 16384), 12);
	ck_assert_uint_eq(map[0], 0xffff);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), -ENOMEM);
	ck_assert_uint_eq(map[0], 0xffff);
}
END_TEST

/* examples/out/coherent-sizes: 16-page pool, sizes -> 2^order blocks */
START_TEST(test_free_region_sizes)
{
	uint64_t map[1] = { 0 };

	/* 3 pages take a 4-page block, page 3 is wasted */
	ck_assert_int_eq(coh_alloc(map, 16, 12288), 0);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), 4);
	ck_assert_uint_eq(map[0], 0x1f);

	/* exactly the pool size fills it */
	map[0] = 0;
	ck_assert_int_eq(coh_alloc(map, 16, 65536), 0);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), -ENOMEM);

	/* larger than the pool: order 5 never fits 16 bits */
	map[0] = 0;
	ck_assert_int_eq(coh_alloc(map, 16, 65537), -ENOMEM);
	ck_assert_int_eq(coh_alloc(map, 16, 131072), -ENOMEM);
	ck_assert_uint_eq(map[0], 0);

	/* 1 byte = 1 page; 4097 bytes = 2 pages, 2-aligned */
	ck_assert_int_eq(coh_alloc(map, 16, 1), 0);
	ck_assert_int_eq(coh_alloc(map, 16, 1), 1);
	ck_assert_int_eq(coh_alloc(map, 16, 4097), 2);

	/* 40K = 10 pages = order 4: fails with 0-3 busy, takes all when empty */
	ck_assert_int_eq(coh_alloc(map, 16, 40960), -ENOMEM);
	map[0] = 0;
	ck_assert_int_eq(coh_alloc(map, 16, 40960), 0);
	ck_assert_uint_eq(map[0], 0xffff);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), -ENOMEM);

	/* 5 pages take an 8-page block */
	map[0] = 0;
	ck_assert_int_eq(coh_alloc(map, 16, 32768), 0);
	ck_assert_int_eq(coh_alloc(map, 16, 20480), 8);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), -ENOMEM);
}
END_TEST

/* examples/out/coherent-7pages: 7-page pool coh7p, devC, steps 0-18 */
START_TEST(test_free_region_7pages)
{
	uint64_t map[1] = { 0 };
	long s2, s3, s4, s7, s10;

	ck_assert_int_eq(coh_alloc(map, 7, 28672), -ENOMEM);	/* seq 0 */
	ck_assert_int_eq(coh_alloc(map, 7, 32768), -ENOMEM);	/* seq 1 */
	s2 = coh_alloc(map, 7, 16384);
	ck_assert_int_eq(s2, 0);
	s3 = coh_alloc(map, 7, 8192);
	ck_assert_int_eq(s3, 4);
	s4 = coh_alloc(map, 7, 4096);
	ck_assert_int_eq(s4, 6);
	ck_assert_int_eq(coh_alloc(map, 7, 4096), -ENOMEM);	/* seq 5 */
	ck_assert_uint_eq(map[0], 0x7f);
	coh_free(map, 7, s2, 16384, false);			/* seq 6 */
	s7 = coh_alloc(map, 7, 12288);
	ck_assert_int_eq(s7, 0);
	coh_free(map, 7, s3, 8192, false);			/* seq 8 */
	/* a 4-block at 4 would end at 8 > 7 */
	ck_assert_int_eq(coh_alloc(map, 7, 16384), -ENOMEM);	/* seq 9 */
	s10 = coh_alloc(map, 7, 8192);
	ck_assert_int_eq(s10, 4);
	coh_free(map, 7, s7, 12288, false);			/* seq 11 */
	coh_free(map, 7, s10, 8192, false);			/* seq 12 */
	coh_free(map, 7, s4, 4096, false);			/* seq 13 */
	ck_assert_uint_eq(map[0], 0);
	ck_assert_int_eq(coh_alloc(map, 7, 8192), 0);		/* seq 14 */
	ck_assert_int_eq(coh_alloc(map, 7, 8192), 2);
	ck_assert_int_eq(coh_alloc(map, 7, 8192), 4);
	ck_assert_int_eq(coh_alloc(map, 7, 8192), -ENOMEM);	/* page 6 alone */
	ck_assert_int_eq(coh_alloc(map, 7, 4096), 6);		/* seq 18 */
	ck_assert_uint_eq(map[0], 0x7f);
}
END_TEST

/* examples/out/coherent-shared: devA and devB share coh64k's bitmap */
START_TEST(test_free_region_shared)
{
	uint64_t map[1] = { 0 };
	long s0, s1, s8;

	s0 = coh_alloc(map, 16, 4096);			/* devA */
	ck_assert_int_eq(s0, 0);
	s1 = coh_alloc(map, 16, 4096);			/* devB */
	ck_assert_int_eq(s1, 1);
	ck_assert_int_eq(coh_alloc(map, 16, 8192), 2);
	ck_assert_int_eq(coh_alloc(map, 16, 16384), 4);
	coh_free(map, 16, s0, 4096, false);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), 0);
	coh_free(map, 16, s1, 4096, false);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), 1);
	s8 = coh_alloc(map, 16, 32768);
	ck_assert_int_eq(s8, 8);
	ck_assert_int_eq(coh_alloc(map, 16, 4096), -ENOMEM);
	coh_free(map, 16, s8, 32768, false);
	ck_assert_int_eq(coh_alloc(map, 16, 32768), 8);
}
END_TEST

/* kernel-semantics.md §10.14: an unaligned free run is never used */
START_TEST(test_free_region_natural_alignment)
{
	uint64_t map[1] = { 0 };

	ck_assert_int_eq(bitmap_find_free_region(map, 8, 0), 0);
	ck_assert_int_eq(bitmap_find_free_region(map, 8, 0), 1);
	bitmap_release_region(map, 8, 0, 0, false);
	ck_assert_int_eq(bitmap_find_free_region(map, 8, 2), 4);
	/* pages 0, 2, 3 are free but not an aligned 4-block */
	ck_assert_int_eq(bitmap_find_free_region(map, 8, 2), -ENOMEM);
	ck_assert_int_eq(bitmap_find_free_region(map, 8, 1), 2);
	ck_assert_uint_eq(map[0], 0xfe);

	/* bits 1..4 free but straddling: order 2 must go to 8 */
	map[0] = 0x1 | 0xe0;	/* 0 and 5,6,7 busy */
	ck_assert_int_eq(bitmap_find_free_region(map, 16, 2), 8);
	ck_assert_uint_eq(map[0], 0xfe1);
}
END_TEST

/*
 * lib/bitmap.c (6.1): pos + (1U << order) <= bits fails for order 52
 * (doc/kernels.md §12.1.3, out/coherent-zero.k6.1: size 0 -> FAIL); a block
 * exactly the map size fits.
 */
START_TEST(test_free_region_large_orders)
{
	uint64_t map[4] = { 0 };

	ck_assert_int_eq(bitmap_find_free_region(map, 16, 52), -ENOMEM);
	ck_assert_int_eq(bitmap_find_free_region(map, 16, 63), -ENOMEM);
	ck_assert_int_eq(bitmap_find_free_region(map, 16, 5), -ENOMEM);
	ck_assert_uint_eq(map[0], 0);
	ck_assert_int_eq(bitmap_find_free_region(map, 16, 4), 0);
	ck_assert_uint_eq(map[0], 0xffff);

	/* multi-word regions: __reg_op with whole-word masks */
	memset(map, 0, sizeof(map));
	map[1] = 1ULL << 6;				/* bit 70 busy */
	ck_assert_int_eq(bitmap_find_free_region(map, 256, 6), 0);
	ck_assert_int_eq(bitmap_find_free_region(map, 256, 6), 128);
	ck_assert_int_eq(bitmap_find_free_region(map, 256, 7), -ENOMEM);
	ck_assert_int_eq(bitmap_find_free_region(map, 256, 5), 96);
	ck_assert_int_eq(bitmap_find_free_region(map, 256, 6), 192);
	ck_assert_uint_eq(map[0], ~0ULL);
	ck_assert_uint_eq(map[1], 0xffffffff00000040ULL);
	ck_assert_uint_eq(map[2], ~0ULL);
	ck_assert_uint_eq(map[3], ~0ULL);
	/* a 200-bit map: the 64-block at 192 would end at 256 > 200 */
	memset(map, 0, sizeof(map));
	map[0] = map[1] = map[2] = ~0ULL;
	ck_assert_int_eq(bitmap_find_free_region(map, 200, 6), -ENOMEM);
	ck_assert_int_eq(bitmap_find_free_region(map, 200, 3), 192);
	ck_assert_uint_eq(map[3], 0xff);
}
END_TEST

/* include/linux/bitmap.h (6.12): bitmap_clear(pos, BIT(order)), exact */
START_TEST(test_release_exact_k6_12)
{
	uint64_t map[3];

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 62, 2, false);	/* bits 62..65 */
	ck_assert_uint_eq(map[0], 0x3fffffffffffffffULL);
	ck_assert_uint_eq(map[1], ~0ULL << 2);
	ck_assert_uint_eq(map[2], ~0ULL);

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 32, 6, false);	/* bits 32..95 */
	ck_assert_uint_eq(map[0], 0xffffffffULL);
	ck_assert_uint_eq(map[1], 0xffffffff00000000ULL);
	ck_assert_uint_eq(map[2], ~0ULL);

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 32, 7, false);	/* bits 32..159 */
	ck_assert_uint_eq(map[0], 0xffffffffULL);
	ck_assert_uint_eq(map[1], 0);
	ck_assert_uint_eq(map[2], 0xffffffff00000000ULL);
}
END_TEST

/*
 * lib/bitmap.c __reg_op(REG_OP_RELEASE) (4.19, 6.1): one mask of
 * min(2^order, 64) bits shifted by pos % 64, applied to BITS_TO_LONGS(2^order)
 * words from pos / 64; bits shifted past bit 63 are not cleared.
 */
START_TEST(test_release_word_mask_k4_19_k6_1)
{
	uint64_t map[3];

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 62, 2, true);	/* only 62, 63 */
	ck_assert_uint_eq(map[0], 0x3fffffffffffffffULL);
	ck_assert_uint_eq(map[1], ~0ULL);
	ck_assert_uint_eq(map[2], ~0ULL);

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 63, 1, true);	/* only 63 */
	ck_assert_uint_eq(map[0], 0x7fffffffffffffffULL);
	ck_assert_uint_eq(map[1], ~0ULL);

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 32, 6, true);	/* 1 word: 32..63 */
	ck_assert_uint_eq(map[0], 0xffffffffULL);
	ck_assert_uint_eq(map[1], ~0ULL);
	ck_assert_uint_eq(map[2], ~0ULL);

	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 32, 7, true);	/* 2 words, high halves */
	ck_assert_uint_eq(map[0], 0xffffffffULL);
	ck_assert_uint_eq(map[1], 0xffffffffULL);
	ck_assert_uint_eq(map[2], ~0ULL);

	/* order 0 and a mid-word misaligned pos stay exact */
	map[0] = map[1] = map[2] = ~0ULL;
	bitmap_release_region(map, 192, 70, 0, true);
	bitmap_release_region(map, 192, 5, 2, true);	/* 5..8 in one word */
	ck_assert_uint_eq(map[0], ~0x1e0ULL);
	ck_assert_uint_eq(map[1], ~0x40ULL);
}
END_TEST

/* doc/kernels.md §13.1: for an aligned pos both release paths agree */
START_TEST(test_release_aligned_same)
{
	unsigned int order;

	for (order = 0; order <= 7; order++) {
		uint64_t a[4], b[4], pos;

		for (pos = 0; pos + (1ULL << order) <= 256;
		     pos += 1ULL << order) {
			memset(a, 0xff, sizeof(a));
			memset(b, 0xff, sizeof(b));
			bitmap_release_region(a, 256, pos, order, false);
			bitmap_release_region(b, 256, pos, order, true);
			ck_assert_mem_eq(a, b, sizeof(a));
			ck_assert_uint_eq(bitmap_weight(a, 256),
					  256 - (1ULL << order));
			ck_assert_uint_eq(bitmap_next_zero(a, 256, 0), pos);
			ck_assert_uint_eq(bitmap_next_set(a, 256, pos),
					  pos + (1ULL << order) < 256 ?
					  pos + (1ULL << order) : 256);
		}
	}
}
END_TEST

/*
 * examples/out/coherent-cma.k6.1 / .k6.12: devD on cma-pool (base
 * 0xbf800000, 2048 pages), steps 0-17; the 6.12 failure dump at step 17
 * reads "2@14+233@23+1024@1024=> 1259 free of 2048 total pages".
 */
START_TEST(test_zero_area_coherent_cma)
{
	uint64_t map[32] = { 0 };
	const uint64_t pfn = 0xbf800, maxno = 2048;

	ck_assert_int_eq(cma_take(map, maxno, pfn, 4096), 0);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 12288), 4);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 20480), 8);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 8192), 2);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 4096), 1);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 4096), 7);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 4096), 13);
	/* exactly count bits: 0..13 busy, nothing past them */
	ck_assert_uint_eq(map[0], 0x3fff);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 2097152), 256); /* align 8 */
	ck_assert_int_eq(cma_take(map, maxno, pfn, 1048576), 768);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 4194304), 1024);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 1048576), -1);  /* seq 10 */
	bitmap_clear_range(map, 256, 512);			   /* f7 */
	ck_assert_int_eq(cma_take(map, maxno, pfn, 1048576), 256);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 1048576), 512);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 16384), 16);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 12288), 20);
	bitmap_clear_range(map, 1024, 1024);			   /* f9 */
	ck_assert_int_eq(cma_take(map, maxno, pfn, 8388608), -1);  /* seq 17 */
	/* the free map the 6.12 dump printed */
	ck_assert_uint_eq(maxno - bitmap_weight(map, maxno), 1259);
	ck_assert_uint_eq(bitmap_next_zero(map, maxno, 0), 14);
	ck_assert_uint_eq(bitmap_next_set(map, maxno, 14), 16);
	ck_assert_uint_eq(bitmap_next_zero(map, maxno, 16), 23);
	ck_assert_uint_eq(bitmap_next_set(map, maxno, 23), 256);
	ck_assert_uint_eq(bitmap_next_zero(map, maxno, 256), 1024);
	ck_assert_uint_eq(bitmap_next_set(map, maxno, 1024), 2048);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, maxno), 1024);
	/* all freed: 8M -> page 0 (seq 31) */
	memset(map, 0, sizeof(map));
	ck_assert_int_eq(cma_take(map, maxno, pfn, 8388608), 0);
	ck_assert_uint_eq(bitmap_weight(map, maxno), 2048);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, maxno), 0);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 4096), -1);	   /* seq 32 */
}
END_TEST

/*
 * examples/out/coherent-defcma: default area "reserved" at 0xb9200000
 * whose pages 0-191 hold the three atomic pools (3 x 64, align 6).
 */
START_TEST(test_zero_area_defcma)
{
	uint64_t map[256] = { 0 };
	const uint64_t pfn = 0xb9200, maxno = 16384;	/* 64 MiB */
	long s0;

	ck_assert_int_eq(cma_take(map, maxno, pfn, 262144), 0);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 262144), 64);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 262144), 128);
	s0 = cma_take(map, maxno, pfn, 8192);
	ck_assert_int_eq(s0, 192);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 1048576), 256);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 12288), 196);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 16384), 200);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 8192), 194);
	bitmap_clear_range(map, (uint64_t)s0, 2);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 8192), 192);
	ck_assert_int_eq(cma_take(map, maxno, pfn, 2097152), 512);
}
END_TEST

/*
 * kernel-semantics.md §10.15 / cma_bitmap_aligned_offset(): alignment is
 * absolute in pfn space (base 0x50200000, align 10 -> first pfn 0x50400).
 */
START_TEST(test_zero_area_absolute_alignment)
{
	uint64_t map[64] = { 0 };
	const uint64_t base_pfn = 0x50200, mask = 0x3ff;
	const uint64_t off = base_pfn & mask;
	uint64_t no;

	ck_assert_uint_eq(off, 0x200);
	no = bitmap_find_next_zero_area_off(map, 4096, 0, 1024, mask, off);
	ck_assert_uint_eq(no, 0x200);
	ck_assert_uint_eq((base_pfn + no) & mask, 0);
	bitmap_set_range(map, no, 1024);
	no = bitmap_find_next_zero_area_off(map, 4096, 0, 1, mask, off);
	ck_assert_uint_eq(no, 0x600);
	/* the head [0, 0x200) serves only smaller alignments */
	no = bitmap_find_next_zero_area_off(map, 4096, 0, 256, 0xff, 0);
	ck_assert_uint_eq(no, 0);
	/* 0xe00 + 1024 = 0x1200 > 4096: failure value is index + nr */
	bitmap_set_range(map, 0x600, 0x800);
	no = bitmap_find_next_zero_area_off(map, 4096, 0, 1024, mask, off);
	ck_assert_uint_eq(no, 0xe00 + 1024);
}
END_TEST

/* lib/bitmap.c bitmap_find_next_zero_area_off(): restart at busy + 1 */
START_TEST(test_zero_area_restart_and_failure)
{
	uint64_t map[1];

	map[0] = (1ULL << 1) | (1ULL << 6);
	/* 0 -> [0,4) has bit 1 -> from 2 -> 4 -> [4,8) has 6 -> from 7 -> 8 */
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 32, 0, 4, 3, 0), 8);
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 32, 0, 3, 0, 0), 2);
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 32, 0, 1, 0, 0), 0);
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 32, 3, 1, 0, 0), 3);
	/* offset 1 with mask 3: candidates 3, 7, 11, ... */
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 32, 0, 2, 3, 1), 3);
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 32, 0, 4, 3, 1), 7);
	/* failure returns index + nr, larger than size */
	map[0] = 0x3ff;
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 16, 0, 8, 7, 0), 24);
	map[0] = 0;
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 16, 0, 17, 0, 0), 17);
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 16, 0, 16, 0, 0), 0);
	map[0] = 0xffff;
	ck_assert_uint_eq(bitmap_find_next_zero_area_off(map, 16, 0, 1, 0, 0), 17);
}
END_TEST

/* lib/bitmap.c bitmap_set()/bitmap_clear() across word boundaries */
START_TEST(test_set_clear_ranges)
{
	uint64_t map[4] = { 0 };

	bitmap_set_range(map, 60, 10);			/* 60..69 */
	ck_assert_uint_eq(map[0], 0xf000000000000000ULL);
	ck_assert_uint_eq(map[1], 0x3f);
	bitmap_set_range(map, 100, 130);		/* 100..229 */
	ck_assert_uint_eq(map[1], 0xfffffff00000003fULL);
	ck_assert_uint_eq(map[2], ~0ULL);
	ck_assert_uint_eq(map[3], 0x3fffffffffULL);
	bitmap_set_range(map, 0, 0);
	ck_assert_uint_eq(map[0], 0xf000000000000000ULL);
	bitmap_clear_range(map, 63, 2);			/* 63, 64 */
	ck_assert_uint_eq(map[0], 0x7000000000000000ULL);
	ck_assert_uint_eq(map[1], 0xfffffff00000003eULL);
	bitmap_clear_range(map, 128, 64);		/* exactly word 2 */
	ck_assert_uint_eq(map[2], 0);
	ck_assert_uint_eq(map[3], 0x3fffffffffULL);
	bitmap_clear_range(map, 0, 256);
	ck_assert_uint_eq(map[0] | map[1] | map[2] | map[3], 0);
	bitmap_set_range(map, 64, 64);
	ck_assert_uint_eq(map[0], 0);
	ck_assert_uint_eq(map[1], ~0ULL);
	ck_assert_uint_eq(map[2], 0);
	ck_assert(bitmap_test(map, 64));
	ck_assert(bitmap_test(map, 127));
	ck_assert(!bitmap_test(map, 128));
}
END_TEST

/* find_next_bit()/find_next_zero_bit(): size when none; word crossing */
START_TEST(test_next_set_zero)
{
	uint64_t map[3] = { 0 };

	ck_assert_uint_eq(bitmap_next_set(map, 150, 0), 150);
	ck_assert_uint_eq(bitmap_next_zero(map, 150, 0), 0);
	map[2] = 1ULL << 5;				/* bit 133 */
	ck_assert_uint_eq(bitmap_next_set(map, 150, 0), 133);
	ck_assert_uint_eq(bitmap_next_set(map, 150, 133), 133);
	ck_assert_uint_eq(bitmap_next_set(map, 150, 134), 150);
	ck_assert_uint_eq(bitmap_next_set(map, 133, 0), 133);	/* size bound */
	map[0] = ~0ULL;
	map[1] = ~0ULL;
	ck_assert_uint_eq(bitmap_next_zero(map, 150, 0), 128);
	ck_assert_uint_eq(bitmap_next_zero(map, 150, 63), 128);
	ck_assert_uint_eq(bitmap_next_zero(map, 128, 5), 128);
	ck_assert_uint_eq(bitmap_next_zero(map, 150, 200), 150);
	ck_assert_uint_eq(bitmap_next_set(map, 150, 150), 150);
	/* bits past size in the last word are ignored */
	map[2] = ~0ULL << 22;				/* 150.. set */
	ck_assert_uint_eq(bitmap_next_set(map, 150, 128), 150);
	ck_assert_uint_eq(bitmap_weight(map, 150), 128);
	ck_assert_uint_eq(bitmap_weight(map, 151), 129);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 150), 22);
}
END_TEST

/* cma_debug maxchunk / bitmap_weight(): counts and the longest hole */
START_TEST(test_weight_longest_run)
{
	uint64_t map[4] = { 0 };

	ck_assert_uint_eq(bitmap_weight(map, 200), 0);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 200), 200);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 0), 0);
	bitmap_set_range(map, 10, 1);
	bitmap_set_range(map, 70, 60);			/* 70..129 */
	ck_assert_uint_eq(bitmap_weight(map, 200), 61);
	ck_assert_uint_eq(bitmap_weight(map, 100), 31);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 200), 70); /* 130..199 */
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 150), 59); /* 11..69 */
	bitmap_set_range(map, 0, 256);
	ck_assert_uint_eq(bitmap_weight(map, 256), 256);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 256), 0);
	bitmap_clear_range(map, 255, 1);
	ck_assert_uint_eq(bitmap_longest_zero_run(map, 256), 1);
	ck_assert_uint_eq(bitmap_weight(map, 256), 255);
}
END_TEST

/* ---- property test against bit-by-bit references (doc/kernels.md §13) ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: fixed sequence whatever the libc */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static bool ref_test(const uint64_t *m, uint64_t i)
{
	return (m[i / 64] >> (i % 64)) & 1;
}

static void ref_put(uint64_t *m, uint64_t i, bool v)
{
	if (v)
		m[i / 64] |= 1ULL << (i % 64);
	else
		m[i / 64] &= ~(1ULL << (i % 64));
}

/* §13.1: pos = 0, 2^order, ... while pos + 2^order <= bits; first clear */
static long ref_find_free_region(uint64_t *m, uint64_t bits,
				 unsigned int order)
{
	uint64_t step, pos, i;

	if (order >= 64)
		return -ENOMEM;
	step = 1ULL << order;
	if (step > bits)
		return -ENOMEM;
	for (pos = 0; pos <= bits - step; pos += step) {
		for (i = pos; i < pos + step; i++)
			if (ref_test(m, i))
				break;
		if (i < pos + step)
			continue;
		for (i = pos; i < pos + step; i++)
			ref_put(m, i, true);
		return (long)pos;
	}
	return -ENOMEM;
}

/*
 * §13.1 release: 6.12 clears [pos, pos + 2^order); 4.19/6.1 clear, in each
 * of BITS_TO_LONGS(2^order) words from pos / 64, the bits pos % 64 ..
 * pos % 64 + min(2^order, 64) - 1 that still fall inside the word.
 */
static void ref_release(uint64_t *m, uint64_t bits, uint64_t pos,
			unsigned int order, bool word_mask)
{
	uint64_t n = 1ULL << order, i, w, b;

	if (!word_mask) {
		for (i = pos; i < pos + n && i < bits; i++)
			ref_put(m, i, false);
		return;
	}
	for (w = 0; w < (n + 63) / 64; w++)
		for (b = pos % 64; b < pos % 64 + (n < 64 ? n : 64) && b < 64; b++)
			ref_put(m, (pos / 64 + w) * 64 + b, false);
}

/* §13.2 steps 1-5, one bit at a time */
static uint64_t ref_find_next_zero_area_off(const uint64_t *m, uint64_t size,
					    uint64_t start, uint64_t nr,
					    uint64_t mask, uint64_t off)
{
	uint64_t index, i;

again:
	for (index = start; index < size && ref_test(m, index); index++)
		;
	index = ((index + off + mask) & ~mask) - off;
	if (index + nr > size)
		return index + nr;
	for (i = index; i < index + nr; i++) {
		if (ref_test(m, i)) {
			start = i + 1;
			goto again;
		}
	}
	return index;
}

static uint64_t ref_next(const uint64_t *m, uint64_t size, uint64_t start,
			 bool want)
{
	for (; start < size; start++)
		if (ref_test(m, start) == want)
			return start;
	return size;
}

static uint64_t ref_weight(const uint64_t *m, uint64_t bits)
{
	uint64_t n = 0, i;

	for (i = 0; i < bits; i++)
		n += ref_test(m, i);
	return n;
}

static uint64_t ref_longest(const uint64_t *m, uint64_t bits)
{
	uint64_t best = 0, cur = 0, i;

	for (i = 0; i < bits; i++) {
		cur = ref_test(m, i) ? 0 : cur + 1;
		if (cur > best)
			best = cur;
	}
	return best;
}

static unsigned int rnd_order(void)
{
	uint64_t r = rnd_below(100);

	if (r < 40)
		return 0;
	if (r < 90)
		return (unsigned int)(1 + rnd_below(6));	/* 1..6 */
	if (r < 98)
		return (unsigned int)(7 + rnd_below(3));	/* 7..9 */
	return (unsigned int)(10 + rnd_below(54));		/* never fits */
}

/* lib/bitmap.c vs the §13 algorithm text: same answers, same bitmaps */
START_TEST(test_property_random_ops)
{
	uint64_t impl[8], ref[8];
	uint64_t bits = 0;
	unsigned int op;
	long placed[512];
	unsigned int placed_order[512], nplaced = 0;

	rng_state = 0x9e3779b97f4a7c15ULL;
	for (op = 0; op < 6000; op++) {
		uint64_t kind = rnd_below(100);

		if (op % 250 == 0) {
			bits = 1 + rnd_below(8 * 64);
			memset(impl, 0, sizeof(impl));
			memset(ref, 0, sizeof(ref));
			nplaced = 0;
		}
		if (kind < 30) {
			unsigned int order = rnd_order();
			long a = bitmap_find_free_region(impl, bits, order);
			long b = ref_find_free_region(ref, bits, order);

			ck_assert_msg(a == b,
				      "op %u: find_free_region(%llu, %u) = %ld, ref %ld",
				      op, (unsigned long long)bits, order, a, b);
			if (a >= 0 && nplaced < 512) {
				placed[nplaced] = a;
				placed_order[nplaced++] = order;
			}
		} else if (kind < 45 && nplaced) {
			/* free a real allocation, as dma_free_coherent does */
			unsigned int i = (unsigned int)rnd_below(nplaced);
			bool wm = rnd() & 1;

			bitmap_release_region(impl, bits, (uint64_t)placed[i],
					      placed_order[i], wm);
			ref_release(ref, bits, (uint64_t)placed[i],
				    placed_order[i], wm);
			placed[i] = placed[--nplaced];
			placed_order[i] = placed_order[nplaced];
		} else if (kind < 55) {
			/* a wrong-size or misaligned free (§10.16) */
			unsigned int order = (unsigned int)rnd_below(8);
			uint64_t pos;
			bool wm = rnd() & 1;

			if ((1ULL << order) > bits)
				continue;
			pos = rnd_below(bits - (1ULL << order) + 1);
			bitmap_release_region(impl, bits, pos, order, wm);
			ref_release(ref, bits, pos, order, wm);
		} else if (kind < 80) {
			uint64_t nr = 1 + rnd_below(rnd() & 1 ? 8 : 80);
			unsigned int k = (unsigned int)rnd_below(9);
			uint64_t mask = (1ULL << k) - 1;
			uint64_t off = rnd_below(mask + 1);
			uint64_t start = rnd_below(bits + 1);
			uint64_t a, b;

			a = bitmap_find_next_zero_area_off(impl, bits, start, nr,
							   mask, off);
			b = ref_find_next_zero_area_off(ref, bits, start, nr,
							mask, off);
			ck_assert_msg(a == b,
				      "op %u: zero_area_off(%llu, %llu, %llu, %#llx, %#llx) = %llu, ref %llu",
				      op, (unsigned long long)bits,
				      (unsigned long long)start,
				      (unsigned long long)nr,
				      (unsigned long long)mask,
				      (unsigned long long)off,
				      (unsigned long long)a,
				      (unsigned long long)b);
			if (a + nr <= bits) {
				uint64_t i;

				bitmap_set_range(impl, a, nr);
				for (i = a; i < a + nr; i++)
					ref_put(ref, i, true);
			}
		} else if (kind < 90) {
			uint64_t s = rnd_below(bits + 1);
			uint64_t n = rnd_below(bits - s + 1);
			bool set = rnd() & 1;
			uint64_t i;

			if (set)
				bitmap_set_range(impl, s, n);
			else
				bitmap_clear_range(impl, s, n);
			for (i = s; i < s + n; i++)
				ref_put(ref, i, set);
		} else {
			uint64_t s = rnd_below(bits + 2);

			ck_assert_uint_eq(bitmap_next_set(impl, bits, s),
					  ref_next(ref, bits, s, true));
			ck_assert_uint_eq(bitmap_next_zero(impl, bits, s),
					  ref_next(ref, bits, s, false));
			ck_assert_uint_eq(bitmap_weight(impl, bits),
					  ref_weight(ref, bits));
			ck_assert_uint_eq(bitmap_longest_zero_run(impl, bits),
					  ref_longest(ref, bits));
		}
		ck_assert_msg(!memcmp(impl, ref, sizeof(impl)),
			      "op %u: bitmaps differ (%llu bits)", op,
			      (unsigned long long)bits);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("bitmap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_free_region_frag);
	tcase_add_test(tc, test_free_region_sizes);
	tcase_add_test(tc, test_free_region_7pages);
	tcase_add_test(tc, test_free_region_shared);
	tcase_add_test(tc, test_free_region_natural_alignment);
	tcase_add_test(tc, test_free_region_large_orders);
	tcase_add_test(tc, test_release_exact_k6_12);
	tcase_add_test(tc, test_release_word_mask_k4_19_k6_1);
	tcase_add_test(tc, test_release_aligned_same);
	tcase_add_test(tc, test_zero_area_coherent_cma);
	tcase_add_test(tc, test_zero_area_defcma);
	tcase_add_test(tc, test_zero_area_absolute_alignment);
	tcase_add_test(tc, test_zero_area_restart_and_failure);
	tcase_add_test(tc, test_set_clear_ranges);
	tcase_add_test(tc, test_next_set_zero);
	tcase_add_test(tc, test_weight_longest_run);
	tcase_add_test(tc, test_property_random_ops);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
