// SPDX-License-Identifier: GPL-2.0
/*
 * test_kernel_7_2 - what the 7.2 profile does differently, each case a
 * golden from the real 7.2.13 kernel (Debian 7.2.13-1) and the 7.2
 * source line it pins (doc/kernels.md, the 7.2 column).
 */
#include "boot_helpers.h"

#include "kernel/mm/cma.h"

/*
 * kernel/dma/contiguous.c:505-517 __rmem_cma_verify_node: with cma= the
 * DT's linux,cma-default is refused before it is reserved, by the
 * node_validate of the early scan and again by the late one; no
 * "bypass" line, no matching fail, and the region is never reserved
 * (basic+cma64M.k7.2).
 */
START_TEST(test_cmdline_skips_dt_default)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "basic+cma64M.k7.2");
	const char *skip = "Skipping dt linux,cma-default node in favor for "
			   "\"cma=\" kernel param.";

	ck_assert_lines(b, skip, 2);
	ck_assert_match(b, "bypass", TB_SUBSTR, 0);
	ck_assert_match(b, "compatible matching fail", TB_SUBSTR, 0);
	ck_assert(!memblock_is_region_reserved(&b->mb, 0x60000000ULL, SZ_32M));
	ck_assert_ptr_null(tb_cma(b, "linux,cma@60000000"));
	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000bb800000");
	tb_free(&t);
}
END_TEST

/*
 * contiguous.c:551-553 and coherent.c:367-368: a reusable no-map pool is
 * -ENODEV for both drivers, "not mine": a summary line, no matching
 * fail, the range stays NOMAP, and a device gets -EINVAL (no ops).
 * errors.k7.2: cma-nomap@5b000000.
 */
START_TEST(test_reusable_nomap_not_mine)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "errors.k7.2");

	ck_assert_line(b, "OF: reserved mem: 0x000000005b000000..0x000000005b3fffff "
		       "(4096 KiB) nomap reusable cma-nomap@5b000000");
	ck_assert_no_line(b, "OF: reserved mem: node cma-nomap@5b000000 compatible "
			  "matching fail");
	ck_assert(memblock_is_nomap(&b->mb, 0x5b000000ULL));
	ck_assert_ptr_null(tb_region(b, "cma-nomap@5b000000")->ops);
	tb_free(&t);
}
END_TEST

/*
 * drivers/of/of_reserved_mem.c:143-179 with fdt.c:626-641: reg's first
 * tuple only, warned in the early scan; the late scan says nothing
 * (limits.k7.2: multi-reg@5a000000; 6.12 says "ignores 1 regions" late).
 * The second tuple stays RAM.
 */
START_TEST(test_reg_first_tuple_only)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "multireg.k7.2");

	ck_assert_match(b, "has 2 <base size> entries, only the first is used",
			TB_SUBSTR, 1);
	ck_assert_match(b, "fdt_scan_reserved_mem_reg_nodes() ignores", TB_SUBSTR, 0);
	ck_assert(!memblock_is_region_reserved(&b->mb, 0x61000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/*
 * The same: an empty reg is no reg at all, silently (emptyreg.k7.2; 6.12
 * read a garbage tuple and printed a 1.9 TiB summary line).
 */
START_TEST(test_empty_reg_silent)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "emptyreg.k7.2");

	ck_assert_match(b, "emptyreg@5e000000", TB_SUBSTR, 0);
	tb_free(&t);
}
END_TEST

/*
 * arch/arm64/mm/init.c:320 dma_contiguous_reserve() before
 * mm/mm_init.c:1831 sparse_init(): no vmemmap under the default area,
 * the cma: line before "Zone ranges:", no " on node" (mm/cma.c:751),
 * and the requested size in it (no-default+cma... and cma3M.k7.2).
 */
START_TEST(test_default_area_before_sparse)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "no-default.k7.2");

	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000b8000000");
	ck_assert_before(b, "cma: Reserved 64 MiB at 0x00000000b8000000",
			 "Zone ranges:");
	tb_free(&t);
	b = tb_golden(&t, "cma3M.k7.2");
	ck_assert_line(b, "cma: Reserved 3 MiB at 0x00000000bd600000");
	ck_assert_uint_eq(b->default_cma->count, 1024);	/* 4 MiB */
	tb_free(&t);
}
END_TEST

/*
 * kernel/dma/pool.c:209-226: a pool only where its zone has managed
 * pages: on 2 GiB ZONE_DMA is everything, one pool (no-default.k7.2).
 */
START_TEST(test_atomic_pools_per_managed_zone)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "no-default.k7.2");

	ck_assert_line(b, "DMA: preallocated 256 KiB GFP_KERNEL|GFP_DMA pool for "
		       "atomic allocations");
	ck_assert_match(b, "DMA: preallocated", TB_SUBSTR, 1);
	tb_free(&t);
}
END_TEST

/*
 * mm/cma.c:757-782, 790, 903: a failed cma_alloc is -EBUSY, and the dump
 * is a line per range, an empty "cma: " line and the total on a line of
 * its own (coherent-cma.k7.2: "cma: range 0: +242@14").
 */
START_TEST(test_cma_failure_dump)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-cma.k7.2");
	struct rm_cma *c = tb_cma(b, "cma-pool");

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_ne(cma_alloc(c, 14, 0, true), 0);
	ck_assert_uint_eq(cma_alloc(c, 2048, 0, false), 0);
	ck_assert_line(b, "cma: __cma_alloc_frozen: cma-pool: alloc failed, "
		       "req-size: 2048 pages, ret: -16");
	ck_assert_line(b, "cma: number of available pages: ");
	ck_assert_line(b, "cma: range 0: +2034@14");
	ck_assert_line(b, "cma: ");
	ck_assert_line(b, "=> 2034 free of 2048 total pages");
	tb_free(&t);
}
END_TEST

/*
 * drivers/of/fdt.c:1036-1088 with :626-641: a memory node's reg whose
 * length is not whole tuples is absent in 7.2 (the node adds nothing),
 * where 6.12 (fdt.c:980-1000) takes its whole tuples; an empty
 * linux,usable-memory is present in both and adds nothing (reg is not
 * read).  From the sources; no golden has such a node.
 */
#define MEMNODES(extra)							\
	"/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"	\
	"\tmemory@40000000 { device_type = \"memory\";"			\
	" reg = <0x0 0x40000000 0x0 0x80000000>; };\n" extra "};\n"
START_TEST(test_memory_node_properties)
{
	static const char *const prof[] = { "6.12", "7.2" };
	const char *bad = MEMNODES("\tmemory@100000000 { device_type = \"memory\";"
				   " reg = <0x1 0x0 0x0 0x40000000 0x5>; };\n");
	const char *empty = MEMNODES("\tmemory@100000000 { device_type = \"memory\";"
				     " linux,usable-memory;"
				     " reg = <0x1 0x0 0x0 0x40000000>; };\n");
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, prof[i], bad, NULL, NULL);

		ck_assert_msg(memblock_overlaps_memory(&b->mb, 0x100000000ULL,
						       SZ_1M) == (i == 0),
			      "%s: a reg of 5 cells", prof[i]);
		tb_free(&t);
		b = tb_text(&t, prof[i], empty, NULL, NULL);
		ck_assert(!memblock_overlaps_memory(&b->mb, 0x100000000ULL, SZ_1M));
		ck_assert(memblock_overlaps_memory(&b->mb, 0x40000000ULL, SZ_1M));
		tb_free(&t);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("kernel-7.2");
	TCase *tc = tcase_create("golden");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cmdline_skips_dt_default);
	tcase_add_test(tc, test_reusable_nomap_not_mine);
	tcase_add_test(tc, test_reg_first_tuple_only);
	tcase_add_test(tc, test_empty_reg_silent);
	tcase_add_test(tc, test_default_area_before_sparse);
	tcase_add_test(tc, test_atomic_pools_per_managed_zone);
	tcase_add_test(tc, test_cma_failure_dump);
	tcase_add_test(tc, test_memory_node_properties);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
