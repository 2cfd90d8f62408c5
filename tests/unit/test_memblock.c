// SPDX-License-Identifier: GPL-2.0
/*
 * test_memblock - src/kernel/mm/memblock.c against mm/memblock.c (doc/kernels.md §6.5)
 * on the QEMU virt layout (RAM 0x40000000..0xc0000000 with 2 GiB), with
 * placements from the oracle outputs (examples/out, examples/profiles).
 */
#include <check.h>
#include <stdint.h>

#include "kernel/lib/sizes.h"
#include "kernel/mm/memblock.h"


struct rgn {
	uint64_t base, size;
	unsigned int flags;
};

static void check_type(const struct mb_type *t, const struct rgn *want,
		       size_t n)
{
	size_t i;

	ck_assert_uint_eq(t->cnt, n);
	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(t->r[i].base, want[i].base);
		ck_assert_uint_eq(t->r[i].size, want[i].size);
		ck_assert_uint_eq(t->r[i].flags, want[i].flags);
	}
}

#define CHECK_MEM(mb, ...) do {						\
	static const struct rgn w_[] = { __VA_ARGS__ };			\
	check_type(&(mb)->memory, w_, sizeof(w_) / sizeof(w_[0]));	\
} while (0)

#define CHECK_RES(mb, ...) do {						\
	static const struct rgn w_[] = { __VA_ARGS__ };			\
	check_type(&(mb)->reserved, w_, sizeof(w_) / sizeof(w_[0]));	\
} while (0)

/* QEMU virt, MEM=2G: one /memory bank at 0x40000000 */
static void virt(struct memblock *mb, uint64_t ram)
{
	memblock_init(mb);
	ck_assert_int_eq(memblock_add(mb, 0x40000000ULL, ram), 0);
}

/* what QEMU and 6.12 reserve before the scan (doc/kernels.md §2 footprint) */
static void virt_612_boot(struct memblock *mb)
{
	virt(mb, SZ_2G);
	ck_assert_int_eq(memblock_reserve(mb, 0x40200000ULL, 0x02b30000ULL), 0);
	ck_assert_int_eq(memblock_reserve(mb, 0x48000000ULL, 0x10e000ULL), 0);
	ck_assert_int_eq(memblock_reserve(mb, 0x48200000ULL, 0x9000ULL), 0);
}

/* memblock_add_range() + memblock_merge_regions() */
START_TEST(test_add_merge)
{
	struct memblock mb;

	memblock_init(&mb);
	ck_assert_uint_eq(memblock_start_of_dram(&mb), 0);
	ck_assert_uint_eq(memblock_end_of_dram(&mb), 0);
	memblock_add(&mb, 0x40000000ULL, SZ_1G);
	memblock_add(&mb, 0x80000000ULL, SZ_1G);
	CHECK_MEM(&mb, { 0x40000000ULL, SZ_2G, 0 });
	/* overlapping add: only the new part is inserted, then merged */
	memblock_add(&mb, 0x60000000ULL, SZ_2G);
	CHECK_MEM(&mb, { 0x40000000ULL, 0xa0000000ULL, 0 });
	memblock_add(&mb, 0x100000000ULL, SZ_1G);
	CHECK_MEM(&mb, { 0x40000000ULL, 0xa0000000ULL, 0 },
		  { 0x100000000ULL, SZ_1G, 0 });
	ck_assert_uint_eq(memblock_phys_mem_size(&mb), 0xa0000000ULL + SZ_1G);
	/* filling the hole joins all three */
	memblock_add(&mb, 0xe0000000ULL, 0x20000000ULL);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x100000000ULL, 0 });
	memblock_add(&mb, 0x50000000ULL, 0);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x100000000ULL, 0 });
	memblock_release(&mb);
}
END_TEST

/* memblock_reserve(): same merging on memblock.reserved */
START_TEST(test_reserve_merge)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	memblock_reserve(&mb, 0x48200000ULL, 0xa000ULL);	/* DTB */
	memblock_reserve(&mb, 0x40210000ULL, 0x2000000ULL);	/* 6.1 kernel */
	memblock_reserve(&mb, 0x48000000ULL, 0x10e000ULL);	/* initrd */
	CHECK_RES(&mb, { 0x40210000ULL, 0x2000000ULL, 0 },
		  { 0x48000000ULL, 0x10e000ULL, 0 },
		  { 0x48200000ULL, 0xa000ULL, 0 });
	/* overlaps are not double counted */
	memblock_reserve(&mb, 0x40200000ULL, 0x20000ULL);
	CHECK_RES(&mb, { 0x40200000ULL, 0x2010000ULL, 0 },
		  { 0x48000000ULL, 0x10e000ULL, 0 },
		  { 0x48200000ULL, 0xa000ULL, 0 });
	/* the gap between initrd and DTB */
	memblock_reserve(&mb, 0x4810e000ULL, 0xf2000ULL);
	CHECK_RES(&mb, { 0x40200000ULL, 0x2010000ULL, 0 },
		  { 0x48000000ULL, 0x20a000ULL, 0 });
	/* memblock_phys_free() of a middle part splits */
	memblock_free_range(&mb, 0x48100000ULL, 0x100000ULL);
	CHECK_RES(&mb, { 0x40200000ULL, 0x2010000ULL, 0 },
		  { 0x48000000ULL, 0x100000ULL, 0 },
		  { 0x48200000ULL, 0xa000ULL, 0 });
	/* memory itself is untouched by reservations */
	CHECK_MEM(&mb, { 0x40000000ULL, SZ_2G, 0 });
	memblock_release(&mb);
}
END_TEST

/* memblock_remove_range() -> memblock_isolate_range() splits (4.19 no-map) */
START_TEST(test_remove_split)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	memblock_remove(&mb, 0x50000000ULL, SZ_1M);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x10000000ULL, 0 },
		  { 0x50100000ULL, 0x6ff00000ULL, 0 });
	ck_assert_uint_eq(memblock_phys_mem_size(&mb), SZ_2G - SZ_1M);
	ck_assert(!memblock_overlaps_memory(&mb, 0x50000000ULL, SZ_1M));
	ck_assert(memblock_overlaps_memory(&mb, 0x50000000ULL, SZ_1M + 1));
	/* a range across the hole trims both neighbours */
	memblock_remove(&mb, 0x4ff00000ULL, 0x300000ULL);
	CHECK_MEM(&mb, { 0x40000000ULL, 0xff00000ULL, 0 },
		  { 0x50200000ULL, 0x6fe00000ULL, 0 });
	/* at the ends */
	memblock_remove(&mb, 0x40000000ULL, SZ_1M);
	memblock_remove(&mb, 0xbff00000ULL, SZ_4M);
	CHECK_MEM(&mb, { 0x40100000ULL, 0xfe00000ULL, 0 },
		  { 0x50200000ULL, 0x6fd00000ULL, 0 });
	ck_assert_uint_eq(memblock_start_of_dram(&mb), 0x40100000ULL);
	ck_assert_uint_eq(memblock_end_of_dram(&mb), 0xbff00000ULL);
	/* outside memory: nothing happens */
	ck_assert_int_eq(memblock_remove(&mb, 0x200000000ULL, SZ_1M), 0);
	ck_assert_uint_eq(mb.memory.cnt, 2);
	memblock_remove(&mb, 0, 0x100000000ULL);
	ck_assert_uint_eq(mb.memory.cnt, 0);
	ck_assert_uint_eq(memblock_end_of_dram(&mb), 0);
	memblock_release(&mb);
}
END_TEST

/* memblock_mark_nomap()/memblock_clear_nomap(): memblock_setclr_flag() */
START_TEST(test_nomap_split_merge)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	ck_assert_int_eq(memblock_mark_nomap(&mb, 0x50000000ULL, SZ_1M), 0);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x10000000ULL, 0 },
		  { 0x50000000ULL, SZ_1M, MEMBLOCK_NOMAP },
		  { 0x50100000ULL, 0x6ff00000ULL, 0 });
	ck_assert(memblock_is_nomap(&mb, 0x50000000ULL));
	ck_assert(memblock_is_nomap(&mb, 0x500fffffULL));
	ck_assert(!memblock_is_nomap(&mb, 0x50100000ULL));
	ck_assert(!memblock_is_nomap(&mb, 0x4fffffffULL));
	/* NOMAP is not "reserved" (doc/kernels.md §3.2) */
	ck_assert(!memblock_is_region_reserved(&mb, 0x50000000ULL, SZ_1M));
	/* an adjacent NOMAP range merges with the first */
	memblock_mark_nomap(&mb, 0x50100000ULL, SZ_1M);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x10000000ULL, 0 },
		  { 0x50000000ULL, SZ_2M, MEMBLOCK_NOMAP },
		  { 0x50200000ULL, 0x6fe00000ULL, 0 });
	/* re-adding RAM keeps the existing flags */
	memblock_add(&mb, 0x40000000ULL, SZ_2G);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x10000000ULL, 0 },
		  { 0x50000000ULL, SZ_2M, MEMBLOCK_NOMAP },
		  { 0x50200000ULL, 0x6fe00000ULL, 0 });
	/* clearing half splits it, clearing all merges back to one */
	memblock_clear_nomap(&mb, 0x50000000ULL, SZ_1M);
	CHECK_MEM(&mb, { 0x40000000ULL, 0x10100000ULL, 0 },
		  { 0x50100000ULL, SZ_1M, MEMBLOCK_NOMAP },
		  { 0x50200000ULL, 0x6fe00000ULL, 0 });
	memblock_clear_nomap(&mb, 0x50000000ULL, SZ_2M);
	CHECK_MEM(&mb, { 0x40000000ULL, SZ_2G, 0 });
	/* no-map outside RAM: accepted, changes nothing (out/errors beyond-ram) */
	ck_assert_int_eq(memblock_mark_nomap(&mb, 0x200000000ULL, SZ_1M), 0);
	CHECK_MEM(&mb, { 0x40000000ULL, SZ_2G, 0 });
	ck_assert(!memblock_is_nomap(&mb, 0x200000000ULL));
	memblock_release(&mb);
}
END_TEST

/* __memblock_find_range_top_down(): out/basic.k6.12 dyn-pool and dyn-nomap */
START_TEST(test_top_down_basic)
{
	struct memblock mb;
	uint64_t got;

	virt_612_boot(&mb);
	memblock_mark_nomap(&mb, 0x50000000ULL, SZ_1M);	/* firmware@50000000 */
	memblock_reserve(&mb, 0x60000000ULL, SZ_32M);		/* linux,cma@60000000 */
	/* dyn-pool: 16 MiB, alignment 4 MiB, alloc-ranges [0x70000000, +256M) */
	got = memblock_find_in_range(&mb, SZ_16M, SZ_4M, 0x70000000ULL,
				     0x80000000ULL);
	ck_assert_uint_eq(got, 0x7f000000ULL);
	got = memblock_phys_alloc_range(&mb, SZ_16M, SZ_4M, 0x70000000ULL,
					0x80000000ULL);
	ck_assert_uint_eq(got, 0x7f000000ULL);
	ck_assert(memblock_is_reserved_all(&mb, 0x7f000000ULL, SZ_16M));
	/* dyn-nomap: 3 MiB, alignment 1 MiB, anywhere -> top of RAM */
	got = memblock_phys_alloc_range(&mb, 0x300000ULL, SZ_1M, 0,
					MB_ALLOC_ANYWHERE);
	ck_assert_uint_eq(got, 0xbfd00000ULL);
	memblock_release(&mb);
}
END_TEST

/* out/errors.k6.1: dyn-b, dyn-a (8 MiB each) fill [0x80000000, +16M); dyn-c and too-big fail */
START_TEST(test_top_down_errors)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	memblock_reserve(&mb, 0x40210000ULL, 0x2000000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, 0x20000000ULL, SZ_2M,
						    0x70000000ULL, 0x80000000ULL),
			  0);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_8M, SZ_2M,
						    0x80000000ULL, 0x81000000ULL),
			  0x80800000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_8M, SZ_2M,
						    0x80000000ULL, 0x81000000ULL),
			  0x80000000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_8M, SZ_2M,
						    0x80000000ULL, 0x81000000ULL),
			  0);
	CHECK_RES(&mb, { 0x40210000ULL, 0x2000000ULL, 0 },
		  { 0x80000000ULL, SZ_16M, 0 });
	memblock_release(&mb);
}
END_TEST

/* should_skip_region(): NOMAP memory is never handed out (run/heur.k6.12) */
START_TEST(test_nomap_skipped)
{
	struct memblock mb;

	virt_612_boot(&mb);
	memblock_mark_nomap(&mb, 0x70000000ULL, SZ_16M);	/* fw@70000000 */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, 64,
						 0x70000000ULL, 0x71000000ULL), 0);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, 64,
						 0x70000000ULL, 0x71000000ULL), 0);
	/* after-static: [0x71000000, +128M) top-down -> 0x78000000 */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, 64,
						 0x71000000ULL, 0x79000000ULL),
			  0x78000000ULL);
	/* the range below the NOMAP block still serves */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, 64,
						 0x6f000000ULL, 0x71000000ULL),
			  0x6f000000ULL);
	mb.bottom_up = true;
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, 64,
						 0x70000000ULL, 0x72000000ULL),
			  0x71000000ULL);
	memblock_release(&mb);
}
END_TEST

/* top-down: candidate = round_down(end - size, align) must be >= clamped start */
START_TEST(test_top_down_alignment)
{
	struct memblock mb;

	memblock_init(&mb);
	memblock_add(&mb, 0x40100000ULL, 0x300000ULL);	/* [0x40100000, 0x40400000) */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_2M, SZ_2M, 0,
						 MB_ALLOC_ANYWHERE), 0x40200000ULL);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x300000ULL, SZ_2M, 0,
						 MB_ALLOC_ANYWHERE), 0);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x300000ULL, SZ_1M, 0,
						 MB_ALLOC_ANYWHERE), 0x40100000ULL);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x300001ULL, 1, 0,
						 MB_ALLOC_ANYWHERE), 0);
	/* the end bound is exclusive: [.., 0x40300000) */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M, 0,
						 0x40300000ULL), 0x40200000ULL);
	memblock_release(&mb);
}
END_TEST

/* top-down falls through to a lower free range when the top one is too small */
START_TEST(test_top_down_lower_range)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	memblock_reserve(&mb, 0xbf000000ULL, 0xff0000ULL);	/* 64K left on top */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_64K, SZ_64K, 0,
						 MB_ALLOC_ANYWHERE), 0xbfff0000ULL);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M, 0,
						 MB_ALLOC_ANYWHERE), 0xbef00000ULL);
	/* 6.x default CMA with a 4 GiB DMA limit on 2 GiB: just below */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_64M, SZ_2M, 0,
						 0x100000000ULL), 0xbb000000ULL);
	memblock_release(&mb);
}
END_TEST

/* "if (this_end < size) continue": no wrap-around below address size */
START_TEST(test_clamped_end_below_size)
{
	struct memblock mb;

	memblock_init(&mb);
	memblock_add(&mb, 0, SZ_8M);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, 1, 0,
						 MB_ALLOC_ANYWHERE), 0);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, SZ_2M, 0,
						 MB_ALLOC_ANYWHERE), 0);
	/* clamped by end: [0x1000, 0x100000) cannot hold 2 MiB either */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_2M, 1, 0, SZ_1M), 0);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M, 0, SZ_8M),
			  0x700000ULL);
	memblock_release(&mb);
}
END_TEST

/* memblock_find_in_range_node(): start = max(start, PAGE_SIZE) */
START_TEST(test_page_zero_never)
{
	struct memblock mb;

	memblock_init(&mb);
	memblock_add(&mb, 0, 0x2000);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x1000, 0x1000, 0,
						 MB_ALLOC_ANYWHERE), 0x1000);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x2000, 0x1000, 0,
						 MB_ALLOC_ANYWHERE), 0);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x1000, 0x1000, 0,
						 0x1000), 0);
	mb.bottom_up = true;
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x1000, 0x1000, 0,
						 MB_ALLOC_ANYWHERE), 0x1000);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x800, 0x800, 0,
						 MB_ALLOC_ANYWHERE), 0x1000);
	ck_assert_uint_eq(memblock_find_in_range(&mb, 0x2000, 0x1000, 0,
						 MB_ALLOC_ANYWHERE), 0);
	memblock_release(&mb);
}
END_TEST

/* memblock_find_in_range_node(): end = max(start, end) -> empty range */
START_TEST(test_start_after_end)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M,
						 0x80000000ULL, 0x70000000ULL), 0);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M,
						 0x80000000ULL, 0x80000000ULL), 0);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_1M, SZ_1M,
						    0x80000000ULL, 0x70000000ULL), 0);
	ck_assert_uint_eq(mb.reserved.cnt, 0);
	/* a window above RAM finds nothing */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M,
						 0x100000000ULL, MB_ALLOC_ANYWHERE), 0);
	memblock_release(&mb);
}
END_TEST

/* __memblock_find_range_bottom_up(): round_up(start), fits before the end */
START_TEST(test_bottom_up)
{
	struct memblock mb;

	virt_612_boot(&mb);
	mb.bottom_up = true;
	/* run/heur.k6.12 "second": [0x81000000, +128M) next to "first" */
	memblock_reserve(&mb, 0x80000000ULL, SZ_16M);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, 64, 0x81000000ULL,
						 0x89000000ULL), 0x81000000ULL);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_16M, SZ_1M,
						 0x81000100ULL, 0x89000000ULL),
			  0x81100000ULL);
	/* the first free range [0x40000000, 0x40200000) is too small */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_4M, SZ_2M, 0,
						 MB_ALLOC_ANYWHERE), 0x42e00000ULL);
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M, 0,
						 MB_ALLOC_ANYWHERE), 0x40000000ULL);
	/* window fully inside a reserved block: nothing */
	ck_assert_uint_eq(memblock_find_in_range(&mb, SZ_1M, SZ_1M, 0x80000000ULL,
						 0x81000000ULL), 0);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_1M, SZ_1M, 0,
						    MB_ALLOC_ANYWHERE), 0x40000000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_1M, SZ_1M, 0,
						    MB_ALLOC_ANYWHERE), 0x40100000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_1M, SZ_1M, 0,
						    MB_ALLOC_ANYWHERE), 0x42e00000ULL);
	memblock_release(&mb);
}
END_TEST

/* memblock_is_region_reserved() = any overlap; _all = every byte */
START_TEST(test_reserved_any_vs_all)
{
	struct memblock mb;

	virt(&mb, SZ_2G);
	memblock_reserve(&mb, 0x40210000ULL, 0x2000000ULL);	/* 6.1 kernel */
	/* out/errors.k6.1: no-map over-kernel@40400000 -> -EBUSY */
	ck_assert(memblock_is_region_reserved(&mb, 0x40400000ULL, SZ_1M));
	ck_assert(memblock_is_reserved_all(&mb, 0x40400000ULL, SZ_1M));
	/* partial overlap at the end of the kernel */
	ck_assert(memblock_is_region_reserved(&mb, 0x42100000ULL, SZ_2M));
	ck_assert(!memblock_is_reserved_all(&mb, 0x42100000ULL, SZ_2M));
	/* touching is not overlapping (exclusive ends) */
	ck_assert(!memblock_is_region_reserved(&mb, 0x40000000ULL, 0x210000ULL));
	ck_assert(memblock_is_region_reserved(&mb, 0x40000000ULL, 0x210001ULL));
	ck_assert(!memblock_is_region_reserved(&mb, 0x42210000ULL, SZ_1M));
	/* beyond-ram@200000000: nothing reserved there */
	ck_assert(!memblock_is_region_reserved(&mb, 0x200000000ULL, SZ_1M));
	/* two reservations back to back cover a range that spans both */
	memblock_reserve(&mb, 0x48000000ULL, 0x10e000ULL);
	memblock_reserve(&mb, 0x4810e000ULL, 0x1000ULL);
	ck_assert(memblock_is_reserved_all(&mb, 0x48000000ULL, 0x10f000ULL));
	ck_assert(!memblock_is_reserved_all(&mb, 0x48000000ULL, 0x110000ULL));
	/* a hole in the middle */
	memblock_reserve(&mb, 0x48200000ULL, 0xa000ULL);
	ck_assert(memblock_is_region_reserved(&mb, 0x48000000ULL, 0x300000ULL));
	ck_assert(!memblock_is_reserved_all(&mb, 0x48000000ULL, 0x300000ULL));
	ck_assert(!memblock_is_reserved_all(&mb, 0x47fff000ULL, 0x2000ULL));
	memblock_release(&mb);
}
END_TEST

/* memblock_alloc_range_nid(): found ranges are reserved, so the next differs */
START_TEST(test_phys_alloc_reserves)
{
	struct memblock mb;
	uint64_t a, b;

	virt(&mb, SZ_2G);
	a = memblock_phys_alloc_range(&mb, SZ_16M, SZ_16M, 0x90000000ULL,
				      0x94000000ULL);
	b = memblock_phys_alloc_range(&mb, SZ_16M, SZ_16M, 0x90000000ULL,
				      0x94000000ULL);
	ck_assert_uint_eq(a, 0x93000000ULL);
	ck_assert_uint_eq(b, 0x92000000ULL);
	CHECK_RES(&mb, { 0x92000000ULL, SZ_32M, 0 });
	/* freeing the upper one makes it the next answer again */
	memblock_free_range(&mb, a, SZ_16M);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_16M, SZ_16M,
						    0x90000000ULL, 0x94000000ULL),
			  0x93000000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_32M, SZ_16M,
						    0x90000000ULL, 0x94000000ULL),
			  0x90000000ULL);
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_1M, SZ_1M,
						    0x90000000ULL, 0x94000000ULL), 0);
	CHECK_RES(&mb, { 0x90000000ULL, SZ_64M, 0 });
	memblock_release(&mb);
}
END_TEST

/* memblock_{start,end}_of_DRAM(); out/no-default.mem8G placements */
START_TEST(test_dram_bounds_8g)
{
	struct memblock mb;

	virt(&mb, 0x200000000ULL);
	ck_assert_uint_eq(memblock_start_of_dram(&mb), 0x40000000ULL);
	ck_assert_uint_eq(memblock_end_of_dram(&mb), 0x240000000ULL);
	ck_assert_uint_eq(memblock_phys_mem_size(&mb), 0x200000000ULL);
	memblock_reserve(&mb, 0x40210000ULL, 0x2000000ULL);
	/* dyn-pool: 32 MiB reusable (align 2 MiB), no alloc-ranges -> top */
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_32M, SZ_2M, 0,
						    MB_ALLOC_ANYWHERE),
			  0x23e000000ULL);
	/* default CMA, 64 MiB below the 4 GiB DMA limit: 0xfc000000 */
	ck_assert_uint_eq(memblock_phys_alloc_range(&mb, SZ_64M, SZ_2M, 0,
						    0x100000000ULL),
			  0xfc000000ULL);
	/* end of DRAM follows the last memory region, holes and all */
	memblock_remove(&mb, 0x200000000ULL, SZ_1G);
	ck_assert_uint_eq(memblock_end_of_dram(&mb), 0x200000000ULL);
	memblock_add(&mb, 0x1000000000ULL, SZ_1G);
	ck_assert_uint_eq(memblock_end_of_dram(&mb), 0x1040000000ULL);
	memblock_add(&mb, 0x10000000ULL, SZ_16M);
	ck_assert_uint_eq(memblock_start_of_dram(&mb), 0x10000000ULL);
	memblock_release(&mb);
}
END_TEST

struct free_list {
	uint64_t r[8][2];
	unsigned int n;
};

static int collect(uint64_t base, uint64_t end, void *arg)
{
	struct free_list *fl = arg;

	if (fl->n < 8) {
		fl->r[fl->n][0] = base;
		fl->r[fl->n][1] = end;
	}
	fl->n++;
	return 0;
}

/* for_each_free_mem_range(): memory minus reserved, NOMAP skipped */
START_TEST(test_free_ranges)
{
	struct memblock mb;
	struct free_list fl = { .n = 0 };

	virt_612_boot(&mb);
	memblock_mark_nomap(&mb, 0x50000000ULL, SZ_1M);
	memblock_reserve(&mb, 0x60000000ULL, SZ_32M);
	/* a reservation straddling the end of RAM */
	memblock_reserve(&mb, 0xbff00000ULL, SZ_2M);
	memblock_for_each_free(&mb, collect, &fl);
	ck_assert_uint_eq(fl.n, 6);
	ck_assert_uint_eq(fl.r[0][0], 0x40000000ULL);
	ck_assert_uint_eq(fl.r[0][1], 0x40200000ULL);
	ck_assert_uint_eq(fl.r[1][0], 0x42d30000ULL);
	ck_assert_uint_eq(fl.r[1][1], 0x48000000ULL);
	ck_assert_uint_eq(fl.r[2][0], 0x4810e000ULL);
	ck_assert_uint_eq(fl.r[2][1], 0x48200000ULL);
	ck_assert_uint_eq(fl.r[3][0], 0x48209000ULL);
	ck_assert_uint_eq(fl.r[3][1], 0x50000000ULL);
	ck_assert_uint_eq(fl.r[4][0], 0x50100000ULL);
	ck_assert_uint_eq(fl.r[4][1], 0x60000000ULL);
	ck_assert_uint_eq(fl.r[5][0], 0x62000000ULL);
	ck_assert_uint_eq(fl.r[5][1], 0xbff00000ULL);
	memblock_release(&mb);
}
END_TEST

/* memblock_copy() (rmemfs only, no kernel counterpart): an independent snapshot */
START_TEST(test_copy_independent)
{
	struct memblock a, b;

	virt(&a, SZ_2G);
	memblock_reserve(&a, 0x60000000ULL, SZ_32M);
	a.bottom_up = true;
	ck_assert_int_eq(memblock_copy(&b, &a), 0);
	ck_assert(b.bottom_up);
	memblock_reserve(&b, 0x70000000ULL, SZ_16M);
	memblock_mark_nomap(&b, 0x50000000ULL, SZ_1M);
	CHECK_RES(&a, { 0x60000000ULL, SZ_32M, 0 });
	CHECK_MEM(&a, { 0x40000000ULL, SZ_2G, 0 });
	CHECK_RES(&b, { 0x60000000ULL, SZ_32M, 0 }, { 0x70000000ULL, SZ_16M, 0 });
	ck_assert_uint_eq(b.memory.cnt, 3);
	memblock_release(&a);
	memblock_release(&b);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("memblock");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_add_merge);
	tcase_add_test(tc, test_reserve_merge);
	tcase_add_test(tc, test_remove_split);
	tcase_add_test(tc, test_nomap_split_merge);
	tcase_add_test(tc, test_top_down_basic);
	tcase_add_test(tc, test_top_down_errors);
	tcase_add_test(tc, test_nomap_skipped);
	tcase_add_test(tc, test_top_down_alignment);
	tcase_add_test(tc, test_top_down_lower_range);
	tcase_add_test(tc, test_clamped_end_below_size);
	tcase_add_test(tc, test_page_zero_never);
	tcase_add_test(tc, test_start_after_end);
	tcase_add_test(tc, test_bottom_up);
	tcase_add_test(tc, test_reserved_any_vs_all);
	tcase_add_test(tc, test_phys_alloc_reserves);
	tcase_add_test(tc, test_dram_bounds_8g);
	tcase_add_test(tc, test_free_ranges);
	tcase_add_test(tc, test_copy_independent);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
