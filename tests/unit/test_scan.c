// SPDX-License-Identifier: GPL-2.0
/*
 * test_scan - the /reserved-memory scan and the static (`reg`) regions,
 * through rm_boot(), per profile.  Expectations come from
 * doc/kernels.md §3 (cited as §3.x), kernel-semantics.md §2
 * and §10, seed 002 (4.19 no-map -> memblock_remove) and the oracle
 * goldens in tests/golden (cited by file name; their inputs are
 * tests/fixtures/oracle/NAME.dts).
 */
#include "boot_helpers.h"

#define P612 "6.12"
#define P61 "6.1"
#define P419 "4.19"

static const char *const all_profiles[] = { P612, P61, P419 };

/* ---- root check ----------------------------------------------------- */

#define BADCELLS_DTS DTS_PRE("/memreserve/ 0x60000000 0x100000;",		\
	"\treserved-memory {\n"						\
	"\t\t#address-cells = <1>;\n\t\t#size-cells = <1>;\n\t\tranges;\n"	\
	"\t\tfw@50000000 { reg = <0x50000000 0x100000>; no-map; };\n"	\
	"\t};\n")

/* §3.1 / §14: 6.12 prints the root-check error twice (golden boards/bcm2711-rpi-4-b.mem4G.k6.12) */
START_TEST(test_root_cells_twice_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P612, BADCELLS_DTS, NULL, NULL);

	ck_assert_lines(b, "OF: reserved mem: Reserved memory: unsupported node "
			"format, ignoring", 2);
	ck_assert_match(b, "OF: fdt: ", TB_PREFIX, 0);
	/* no child is handled */
	ck_assert_ptr_null(tb_table(b, "fw@50000000"));
	ck_assert(!memblock_is_nomap(&b->mb, 0x50000000ULL));
	/* /memreserve/ is still honoured (§3.1) */
	ck_assert(memblock_is_reserved_all(&b->mb, 0x60000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* §3.1 / §14: 6.1 prints it once with "OF: fdt: " (golden boards/bcm2711-rpi-4-b.mem4G.k6.1) */
START_TEST(test_root_cells_once_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, BADCELLS_DTS, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: unsupported node format, ignoring");
	ck_assert_match(b, "unsupported node format", TB_SUBSTR, 1);
	ck_assert_uint_eq(b->nr_table, 0);
	ck_assert(!memblock_is_nomap(&b->mb, 0x50000000ULL));
	ck_assert(memblock_is_reserved_all(&b->mb, 0x60000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* §3.1 / §14: 4.19 __reserved_mem_check_root, "OF: fdt: " prefix, child not removed */
START_TEST(test_root_cells_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, BADCELLS_DTS, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: unsupported node format, ignoring");
	ck_assert_match(b, "unsupported node format", TB_SUBSTR, 1);
	ck_assert_uint_eq(b->nr_table, 0);
	ck_assert(memblock_overlaps_memory(&b->mb, 0x50000000ULL, SZ_1M));
	ck_assert(memblock_is_reserved_all(&b->mb, 0x60000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* kernel-semantics §2.2.2 / §10.19: a missing `ranges` fails the root check too */
START_TEST(test_root_no_ranges)
{
	static const char dts[] = DTS(
		"\treserved-memory {\n\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <2>;\n"
		"\t\tfw@50000000 { reg = <0x0 0x50000000 0x0 0x100000>; no-map; };\n"
		"\t};\n");
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, dts, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: unsupported node format, ignoring");
	ck_assert(!memblock_is_nomap(&b->mb, 0x50000000ULL));
	tb_free(&t);
	b = tb_text(&t, P612, dts, NULL, NULL);
	ck_assert_lines(b, "OF: reserved mem: Reserved memory: unsupported node "
			"format, ignoring", 2);
	tb_free(&t);
}
END_TEST

/* ---- invalid reg ---------------------------------------------------- */

/* twodef.dts's badreg: 12 bytes of reg for a 16-byte tuple, plus a size */
#define BADREG_DTS DTS(RESMEM(						\
	"\t\tbadreg@5e000000 { reg = <0x0 0x5e000000 0x100000>; no-map;"	\
	" size = <0x0 0x100000>; };\n"					\
	"\t\tgood@5f000000 { reg = <0x0 0x5f000000 0x0 0x100000>; no-map; };"))

/* §3.2: 6.12 prints "invalid reg property" twice, RM prefix (golden twodef.k6.12) */
START_TEST(test_invalid_reg_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P612, BADREG_DTS, NULL, NULL);

	ck_assert_lines(b, "OF: reserved mem: Reserved memory: invalid reg property "
			"in 'badreg@5e000000', skipping node.", 2);
	/* dropped, no dynamic fallback despite `size` */
	ck_assert_ptr_null(tb_table(b, "badreg@5e000000"));
	ck_assert_match(b, "failed to allocate memory for node 'badreg", TB_SUBSTR, 0);
	ck_assert(!memblock_is_nomap(&b->mb, 0x5e000000ULL));
	ck_assert(!memblock_is_region_reserved(&b->mb, 0x5e000000ULL, SZ_1M));
	/* the sibling is unaffected */
	ck_assert_ptr_nonnull(tb_table(b, "good@5f000000"));
	ck_assert(memblock_is_nomap(&b->mb, 0x5f000000ULL));
	tb_free(&t);
}
END_TEST

/* §3.2: 6.1 prints it once, "OF: fdt: " prefix (golden twodef.k6.1) */
START_TEST(test_invalid_reg_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, BADREG_DTS, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: invalid reg property in "
		       "'badreg@5e000000', skipping node.");
	ck_assert_match(b, "invalid reg property", TB_SUBSTR, 1);
	ck_assert_ptr_null(tb_table(b, "badreg@5e000000"));
	ck_assert_match(b, "failed to allocate memory for node 'badreg", TB_SUBSTR, 0);
	ck_assert(!memblock_is_nomap(&b->mb, 0x5e000000ULL));
	ck_assert_ptr_nonnull(tb_table(b, "good@5f000000"));
	tb_free(&t);
}
END_TEST

/* §3.2 / §14: 4.19 "OF: fdt: " prefix, node dropped (no memblock_remove) */
START_TEST(test_invalid_reg_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, BADREG_DTS, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: invalid reg property in "
		       "'badreg@5e000000', skipping node.");
	ck_assert_match(b, "invalid reg property", TB_SUBSTR, 1);
	ck_assert_ptr_null(tb_table(b, "badreg@5e000000"));
	ck_assert(memblock_overlaps_memory(&b->mb, 0x5e000000ULL, SZ_1M));
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x5f000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* golden twodef.k6.12 / .k6.1: the lines exactly as the kernels printed them */
START_TEST(test_invalid_reg_golden)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "twodef.k6.12");

	ck_assert_lines(b, "OF: reserved mem: Reserved memory: invalid reg property "
			"in 'badreg@5e000000', skipping node.", 2);
	tb_free(&t);
	b = tb_golden(&t, "twodef.k6.1");
	ck_assert_line(b, "OF: fdt: Reserved memory: invalid reg property in "
		       "'badreg@5e000000', skipping node.");
	tb_free(&t);
}
END_TEST

/* ---- zero-size and empty reg ------------------------------------------ */

/* multireg.dts's zero@62000000 and order.dts's zsz (reg size 0 plus size) */
#define ZERO_DTS DTS(RESMEM(						\
	"\t\tzero@62000000 { reg = <0x0 0x62000000 0x0 0x0>; };\n"	\
	"\t\tzsz@63000000 { compatible = \"shared-dma-pool\"; no-map;"	\
	" reg = <0x0 0x63000000 0x0 0x0>; size = <0x0 0x100000>; };"))

/* §3.2: 6.1 saves a size-0 tuple and places it as dynamic when it has `size` (golden multireg.k6.1, order.k6.1) */
START_TEST(test_zero_size_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, ZERO_DTS, NULL, NULL);
	struct rm_region *r;

	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'zero@62000000': base 0x0000000062000000, size 0 MiB");
	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'zsz@63000000': base 0x0000000063000000, size 0 MiB");
	/* zero@62000000: saved with size 0, then fails silently (no `size`) */
	r = tb_table(b, "zero@62000000");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->size, 0);
	ck_assert_match(b, "failed to allocate memory for node 'zero", TB_SUBSTR, 0);
	/* zsz: allocated top-down like any dynamic region (order.k6.1: 0xbff00000) */
	ck_assert_line(b, "Reserved memory: created DMA memory pool at "
		       "0x00000000bff00000, size 1 MiB");
	ck_assert_line(b, "OF: reserved mem: initialized node zsz@63000000, "
		       "compatible id shared-dma-pool");
	r = tb_table(b, "zsz@63000000");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->base, 0xbff00000ULL);
	ck_assert_uint_eq(r->size, SZ_1M);
	tb_free(&t);
}
END_TEST

/* §3.2: 6.12 prints the failure once and never saves a size-0 entry (golden multireg.k6.12, order.k6.12) */
START_TEST(test_zero_size_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P612, ZERO_DTS, NULL, NULL);

	ck_assert_line(b, "OF: reserved mem: Reserved memory: failed to reserve "
		       "memory for node 'zero@62000000': base 0x0000000062000000, "
		       "size 0 MiB");
	ck_assert_line(b, "OF: reserved mem: Reserved memory: failed to reserve "
		       "memory for node 'zsz@63000000': base 0x0000000063000000, "
		       "size 0 MiB");
	ck_assert_ptr_null(tb_table(b, "zero@62000000"));
	ck_assert_ptr_null(tb_table(b, "zsz@63000000"));
	ck_assert_match(b, "created DMA memory pool", TB_SUBSTR, 0);
	ck_assert_match(b, "zsz@63000000 (", TB_SUBSTR, 0);
	ck_assert_match(b, "KiB) ", TB_SUBSTR, 0);	/* no summary line at all */
	tb_free(&t);
}
END_TEST

/* §3.2 / §14: 4.19 pr_info "failed to reserve" (FDT prefix), size-0 entry saved and placed like 6.1 */
START_TEST(test_zero_size_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, ZERO_DTS, NULL, NULL);
	struct rm_region *r;

	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'zero@62000000': base 0x0000000062000000, size 0 MiB");
	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'zsz@63000000': base 0x0000000063000000, size 0 MiB");
	/* pr_info: not an error */
	ck_assert_uint_eq(b->log.nr_err, 0);
	ck_assert_ptr_nonnull(tb_table(b, "zero@62000000"));
	r = tb_table(b, "zsz@63000000");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->base, 0xbff00000ULL);
	ck_assert_line(b, "Reserved memory: created DMA memory pool at "
		       "0x00000000bff00000, size 1 MiB");
	tb_free(&t);
}
END_TEST

#define EMPTYREG_DTS DTS(RESMEM(					\
	"\t\temptyreg@5e000000 { reg; no-map; };\n"			\
	"\t\tafter@5f000000 { reg = <0x0 0x5f000000 0x0 0x100000>; no-map; };"))

/* §3.2: 6.1 ignores an empty reg silently (golden emptyreg.k6.1) */
START_TEST(test_empty_reg_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, EMPTYREG_DTS, NULL, NULL);

	ck_assert_match(b, "emptyreg", TB_SUBSTR, 0);
	ck_assert_uint_eq(b->log.nr_err, 0);
	ck_assert_ptr_null(tb_table(b, "emptyreg@5e000000"));
	ck_assert_ptr_nonnull(tb_table(b, "after@5f000000"));
	ck_assert(!memblock_is_nomap(&b->mb, 0x5e000000ULL));
	tb_free(&t);
	/* the oracle's own input */
	b = tb_golden(&t, "emptyreg.k6.1");
	ck_assert_match(b, "emptyreg", TB_SUBSTR, 0);
	ck_assert_ptr_null(tb_table(b, "emptyreg@5e000000"));
	tb_free(&t);
}
END_TEST

/* kernel-semantics §2.3 / §10.18: 4.19's loop does not run for an empty reg either: silent */
START_TEST(test_empty_reg_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, EMPTYREG_DTS, NULL, NULL);

	ck_assert_match(b, "emptyreg", TB_SUBSTR, 0);
	ck_assert_ptr_null(tb_table(b, "emptyreg@5e000000"));
	ck_assert(memblock_overlaps_memory(&b->mb, 0x5e000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* §1.10 / §3.2: 6.12 reads the first tuple from the bytes after the empty reg (golden emptyreg.k6.12) */
START_TEST(test_empty_reg_garbage_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "emptyreg.k6.12");
	struct rm_region *r;
	const struct fdt_property *prop = NULL;
	uint64_t want_size;
	int node, off;

	ck_assert_line(b, "OF: reserved mem: 0x0000000300000000..0x000001d700000001 "
		       "(1962934272 KiB) nomap non-reusable emptyreg@5e000000");
	ck_assert_line(b, "OF: reserved mem: 0x000000005f000000..0x000000005f0fffff "
		       "(1024 KiB) nomap non-reusable after@5f000000");
	tb_free(&t);

	/*
	 * The same from the FDT format: after `reg` (length 0) come the
	 * no-map property's FDT_PROP tag (3) and length (0) = base, then its
	 * name offset and FDT_END_NODE (2) = size.
	 */
	b = tb_text(&t, P612, EMPTYREG_DTS, NULL, NULL);
	node = fdt_path_offset(t.blob, "/reserved-memory/emptyreg@5e000000");
	ck_assert_int_ge(node, 0);
	fdt_for_each_property_offset(off, t.blob, node) {
		const struct fdt_property *p = fdt_get_property_by_offset(t.blob, off, NULL);
		const char *name = fdt_string(t.blob, (int)fdt32_to_cpu(p->nameoff));

		if (!strcmp(name, "no-map"))
			prop = p;
	}
	ck_assert_ptr_nonnull(prop);
	want_size = ((uint64_t)fdt32_to_cpu(prop->nameoff) << 32) | FDT_END_NODE;
	r = tb_table(b, "emptyreg@5e000000");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->base, ((uint64_t)FDT_PROP << 32) | 0);
	ck_assert_uint_eq(r->size, want_size);
	tb_free(&t);
}
END_TEST

/* ---- several reg tuples ------------------------------------------------ */

#define MULTI_DTS DTS(RESMEM(						\
	"\t\tmulti@60000000 { reg = <0x0 0x60000000 0x0 0x100000"	\
	" 0x0 0x61000000 0x0 0x100000>; no-map; };"))

/* §3.2: every tuple reserved, only the first recorded; 6.12 warns (golden multireg.k6.12) */
START_TEST(test_multi_reg_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P612, MULTI_DTS, NULL, NULL);
	struct rm_region *r;
	const char *warn = "OF: reserved mem: fdt_scan_reserved_mem_reg_nodes() "
			   "ignores 1 regions in node 'multi@60000000'";
	const char *summary = "OF: reserved mem: 0x0000000060000000..0x00000000600fffff "
			      "(1024 KiB) nomap non-reusable multi@60000000";

	ck_assert_line(b, warn);
	ck_assert_line(b, summary);
	ck_assert_before(b, warn, summary);
	ck_assert(memblock_is_nomap(&b->mb, 0x60000000ULL));
	ck_assert(memblock_is_nomap(&b->mb, 0x61000000ULL));
	r = tb_table(b, "multi@60000000");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->base, 0x60000000ULL);
	ck_assert_uint_eq(r->size, SZ_1M);
	tb_free(&t);
}
END_TEST

/* §3.2: 6.1 says nothing about the extra tuple, records the first (golden multireg.k6.1) */
START_TEST(test_multi_reg_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, MULTI_DTS, NULL, NULL);
	struct rm_region *r;
	unsigned int i, n = 0;

	ck_assert_match(b, "ignores", TB_SUBSTR, 0);
	ck_assert_match(b, "multi@60000000", TB_SUBSTR, 0);
	ck_assert(memblock_is_nomap(&b->mb, 0x60000000ULL));
	ck_assert(memblock_is_nomap(&b->mb, 0x61000000ULL));
	for (i = 0; i < b->nr_table; i++)
		n += !strcmp(b->table[i]->name, "multi@60000000");
	ck_assert_uint_eq(n, 1);
	r = tb_table(b, "multi@60000000");
	ck_assert_uint_eq(r->base, 0x60000000ULL);
	ck_assert_uint_eq(r->size, SZ_1M);
	tb_free(&t);
}
END_TEST

/* §3.2 + seed 002 (no-map -> memblock_remove): 4.19 removes both tuples from memory */
START_TEST(test_multi_reg_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, MULTI_DTS, NULL, NULL);

	ck_assert_match(b, "ignores", TB_SUBSTR, 0);
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x60000000ULL, SZ_1M));
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x61000000ULL, SZ_1M));
	ck_assert(memblock_overlaps_memory(&b->mb, 0x60100000ULL, SZ_1M));
	ck_assert_uint_eq(memblock_phys_mem_size(&b->mb), 0x80000000ULL - SZ_2M);
	ck_assert_uint_eq(tb_table(b, "multi@60000000")->base, 0x60000000ULL);
	tb_free(&t);
}
END_TEST

/* ---- availability ------------------------------------------------------ */

#define STATUS_DTS DTS(RESMEM(						\
	"\t\tdis@5e000000 { reg = <0x0 0x5e000000 0x0 0x100000>; no-map;"	\
	" status = \"disabled\"; };\n"					\
	"\t\tbad@5e100000 { reg = <0x0 0x5e100000 0x0 0x100000>; no-map;"	\
	" status = \"fail\"; };\n"						\
	"\t\tokay@5e200000 { reg = <0x0 0x5e200000 0x0 0x100000>; no-map;"	\
	" status = \"okay\"; };\n"						\
	"\t\tok@5e300000 { reg = <0x0 0x5e300000 0x0 0x100000>; no-map;"	\
	" status = \"ok\"; };\n"						\
	"\t\tdyn-dis { size = <0x0 0x100000>; status = \"disabled\"; };"))

/* §3.1 of_fdt_device_is_available: only absent/"ok"/"okay" count; others skipped silently */
START_TEST(test_disabled_ignored)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const char *p = all_profiles[i];
		struct tboot t;
		struct rm_board *b = tb_text(&t, p, STATUS_DTS, NULL, NULL);
		bool removes = !strcmp(p, P419);

		ck_assert_ptr_null(tb_table(b, "dis@5e000000"));
		ck_assert_ptr_null(tb_table(b, "bad@5e100000"));
		ck_assert_ptr_null(tb_table(b, "dyn-dis"));
		ck_assert_ptr_nonnull(tb_table(b, "okay@5e200000"));
		ck_assert_ptr_nonnull(tb_table(b, "ok@5e300000"));
		ck_assert_match(b, "dis@5e000000", TB_SUBSTR, 0);
		ck_assert_match(b, "bad@5e100000", TB_SUBSTR, 0);
		ck_assert_match(b, "dyn-dis", TB_SUBSTR, 0);
		if (removes) {
			ck_assert(memblock_overlaps_memory(&b->mb, 0x5e000000ULL, SZ_1M));
			ck_assert(memblock_overlaps_memory(&b->mb, 0x5e100000ULL, SZ_1M));
			ck_assert(!memblock_overlaps_memory(&b->mb, 0x5e200000ULL, SZ_1M));
			ck_assert(!memblock_overlaps_memory(&b->mb, 0x5e300000ULL, SZ_1M));
		} else {
			ck_assert(!memblock_is_nomap(&b->mb, 0x5e000000ULL));
			ck_assert(!memblock_is_nomap(&b->mb, 0x5e100000ULL));
			ck_assert(memblock_is_nomap(&b->mb, 0x5e200000ULL));
			ck_assert(memblock_is_nomap(&b->mb, 0x5e300000ULL));
		}
		tb_free(&t);
	}
}
END_TEST

/* kernel-semantics §2.2.3 (v6.0-6.7 fdt.c): the status of /reserved-memory itself is not checked */
START_TEST(test_parent_status_not_checked_k6_1)
{
	static const char dts[] = DTS(
		"\treserved-memory {\n\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <2>;\n\t\tranges;\n\t\tstatus = \"disabled\";\n"
		"\t\tfw@50000000 { reg = <0x0 0x50000000 0x0 0x100000>; no-map; };\n"
		"\t};\n");
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, dts, NULL, NULL);

	ck_assert_ptr_nonnull(tb_table(b, "fw@50000000"));
	ck_assert(memblock_is_nomap(&b->mb, 0x50000000ULL));
	tb_free(&t);
}
END_TEST

/* ---- no-map over reserved memory, outside RAM --------------------------- */

/* errors.dts's over-kernel and over-initrd (kernel image and initrd reserved first) */
#define OVER_DTS DTS(RESMEM(						\
	"\t\tover-kernel@40400000 { reg = <0x0 0x40400000 0x0 0x100000>;"	\
	" no-map; };\n"							\
	"\t\tover-initrd@48000000 { reg = <0x0 0x48000000 0x0 0x100000>;"	\
	" no-map; };"))

/* §3.2 early_init_dt_reserve_memory: -EBUSY, "failed to reserve", FDT prefix in 6.1 (golden errors.k6.1) */
START_TEST(test_nomap_over_reserved_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, OVER_DTS, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'over-kernel@40400000': base 0x0000000040400000, size 1 MiB");
	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'over-initrd@48000000': base 0x0000000048000000, size 1 MiB");
	/* -EBUSY: not marked NOMAP; still saved (whatever the result) */
	ck_assert(!memblock_is_nomap(&b->mb, 0x40400000ULL));
	ck_assert(!memblock_is_nomap(&b->mb, 0x48000000ULL));
	ck_assert_ptr_nonnull(tb_table(b, "over-kernel@40400000"));
	ck_assert_ptr_nonnull(tb_table(b, "over-initrd@48000000"));
	tb_free(&t);
}
END_TEST

/* §3.2: 6.12 RM prefix, and the failed statics are still saved and listed (golden errors.k6.12) */
START_TEST(test_nomap_over_reserved_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P612, OVER_DTS, NULL, NULL);

	ck_assert_line(b, "OF: reserved mem: Reserved memory: failed to reserve memory "
		       "for node 'over-kernel@40400000': base 0x0000000040400000, "
		       "size 1 MiB");
	ck_assert_line(b, "OF: reserved mem: Reserved memory: failed to reserve memory "
		       "for node 'over-initrd@48000000': base 0x0000000048000000, "
		       "size 1 MiB");
	ck_assert_line(b, "OF: reserved mem: 0x0000000040400000..0x00000000404fffff "
		       "(1024 KiB) nomap non-reusable over-kernel@40400000");
	ck_assert_line(b, "OF: reserved mem: 0x0000000048000000..0x00000000480fffff "
		       "(1024 KiB) nomap non-reusable over-initrd@48000000");
	ck_assert(!memblock_is_nomap(&b->mb, 0x40400000ULL));
	ck_assert_ptr_nonnull(tb_table(b, "over-kernel@40400000"));
	tb_free(&t);
}
END_TEST

/* §3.2 + seed 002 (no-map -> memblock_remove): 4.19 never fails, the range leaves memory */
START_TEST(test_nomap_over_reserved_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, OVER_DTS, NULL, NULL);

	ck_assert_match(b, "failed to reserve", TB_SUBSTR, 0);
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x40400000ULL, SZ_1M));
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x48000000ULL, SZ_1M));
	ck_assert(memblock_overlaps_memory(&b->mb, 0x40300000ULL, SZ_1M));
	ck_assert_uint_eq(memblock_phys_mem_size(&b->mb), 0x80000000ULL - SZ_2M);
	ck_assert_ptr_nonnull(tb_table(b, "over-kernel@40400000"));
	tb_free(&t);
}
END_TEST

/* order.dts: mapA then nmB (overlapping) and nmC then mapD */
#define ORDER_DTS DTS(RESMEM(						\
	"\t\tmapA@5c000000 { reg = <0x0 0x5c000000 0x0 0x200000>; };\n"	\
	"\t\tnmB@5c100000 { reg = <0x0 0x5c100000 0x0 0x200000>; no-map; };\n" \
	"\t\tnmC@5d000000 { reg = <0x0 0x5d000000 0x0 0x200000>; no-map; };\n" \
	"\t\tmapD@5d100000 { reg = <0x0 0x5d100000 0x0 0x200000>; };"))

/* §3.2: mapped-then-no-map fails, no-map-then-mapped succeeds (golden order.k6.1, order.k6.12) */
START_TEST(test_nomap_depends_on_dt_order)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, ORDER_DTS, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'nmB@5c100000': base 0x000000005c100000, size 2 MiB");
	ck_assert_match(b, "failed to reserve", TB_SUBSTR, 1);
	ck_assert(!memblock_is_nomap(&b->mb, 0x5c200000ULL));
	ck_assert(memblock_is_nomap(&b->mb, 0x5d000000ULL));
	ck_assert(memblock_is_reserved_all(&b->mb, 0x5d100000ULL, SZ_2M));
	tb_free(&t);

	b = tb_text(&t, P612, ORDER_DTS, NULL, NULL);
	ck_assert_line(b, "OF: reserved mem: Reserved memory: failed to reserve memory "
		       "for node 'nmB@5c100000': base 0x000000005c100000, size 2 MiB");
	ck_assert_match(b, "failed to reserve", TB_SUBSTR, 1);
	ck_assert(memblock_is_nomap(&b->mb, 0x5d000000ULL));
	tb_free(&t);

	/* 4.19: memblock_remove never fails */
	b = tb_text(&t, P419, ORDER_DTS, NULL, NULL);
	ck_assert_match(b, "failed to reserve", TB_SUBSTR, 0);
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x5c100000ULL, SZ_2M));
	tb_free(&t);
}
END_TEST

#define BEYOND_DTS DTS(RESMEM(						\
	"\t\tbeyond-ram@200000000 { reg = <0x2 0x00000000 0x0 0x100000>;"	\
	" no-map; };"))

/* §3.2: no-map outside RAM succeeds silently (golden errors.k6.1 / .k6.12 beyond-ram) */
START_TEST(test_nomap_outside_ram)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], BEYOND_DTS,
					     NULL, NULL);

		ck_assert_match(b, "failed to reserve", TB_SUBSTR, 0);
		ck_assert_uint_eq(memblock_phys_mem_size(&b->mb), 0x80000000ULL);
		ck_assert_uint_eq(memblock_end_of_dram(&b->mb), 0xc0000000ULL);
		ck_assert_ptr_nonnull(tb_table(b, "beyond-ram@200000000"));
		if (!strcmp(all_profiles[i], P612))
			ck_assert_line(b, "OF: reserved mem: 0x0000000200000000.."
				       "0x00000002000fffff (1024 KiB) nomap "
				       "non-reusable beyond-ram@200000000");
		tb_free(&t);
	}
}
END_TEST

/* §1.4 / §3.2: /memreserve/ is reserved before the scan in 6.1, after it in 6.12 (golden heur.k6.1 / .k6.12) */
START_TEST(test_nomap_over_memreserve)
{
	static const char dts[] = DTS_PRE("/memreserve/ 0x5f000000 0x100000;",
		RESMEM("\t\tnm-over-memres@5f000000 { reg = <0x0 0x5f000000 0x0 "
		       "0x100000>; no-map; };"));
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, dts, NULL, NULL);

	ck_assert_line(b, "OF: fdt: Reserved memory: failed to reserve memory for "
		       "node 'nm-over-memres@5f000000': base 0x000000005f000000, "
		       "size 1 MiB");
	ck_assert(!memblock_is_nomap(&b->mb, 0x5f000000ULL));
	tb_free(&t);

	b = tb_text(&t, P612, dts, NULL, NULL);
	ck_assert_match(b, "failed to reserve", TB_SUBSTR, 0);
	ck_assert_line(b, "OF: reserved mem: 0x000000005f000000..0x000000005f0fffff "
		       "(1024 KiB) nomap non-reusable nm-over-memres@5f000000");
	ck_assert(memblock_is_nomap(&b->mb, 0x5f000000ULL));
	/* and the /memreserve/ range is reserved afterwards all the same */
	ck_assert(memblock_is_reserved_all(&b->mb, 0x5f000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* ---- finding /reserved-memory ---------------------------------------- */

#define NESTED_DTS DTS(RESMEM(						\
	"\t\tgroup {\n\t\t\tsub@5e000000 { reg = <0x0 0x5e000000 0x0 0x100000>;" \
	" no-map; };\n\t\t};\n"						\
	"\t\ttop@5f000000 { reg = <0x0 0x5f000000 0x0 0x100000>; no-map; };"))

/* §3.1: 4.19's of_scan_flat_dt walk handles every node at depth >= 2, grandchildren included */
START_TEST(test_grandchildren_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, NESTED_DTS, NULL, NULL);

	ck_assert_ptr_nonnull(tb_table(b, "sub@5e000000"));
	ck_assert_ptr_nonnull(tb_table(b, "top@5f000000"));
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x5e000000ULL, SZ_1M));
	ck_assert(!memblock_overlaps_memory(&b->mb, 0x5f000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

/* §3.1: 6.1 and 6.12 (fdt_for_each_subnode) see direct children only */
START_TEST(test_grandchildren_ignored_6x)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], NESTED_DTS,
					     NULL, NULL);

		ck_assert_ptr_null(tb_table(b, "sub@5e000000"));
		ck_assert_ptr_null(tb_region(b, "sub@5e000000"));
		ck_assert(!memblock_is_nomap(&b->mb, 0x5e000000ULL));
		ck_assert_ptr_nonnull(tb_table(b, "top@5f000000"));
		ck_assert(memblock_is_nomap(&b->mb, 0x5f000000ULL));
		tb_free(&t);
	}
}
END_TEST

/* §3.1: libfdt's "/reserved-memory" also matches reserved-memory@0 (6.x); 4.19 needs the exact name */
START_TEST(test_unit_address_node_name)
{
	static const char dts[] = DTS(
		"\treserved-memory@0 {\n\t\t#address-cells = <2>;\n"
		"\t\t#size-cells = <2>;\n\t\tranges;\n"
		"\t\tfw@5e000000 { reg = <0x0 0x5e000000 0x0 0x100000>; no-map; };\n"
		"\t};\n");
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, dts, NULL, NULL);

	ck_assert_ptr_nonnull(tb_table(b, "fw@5e000000"));
	ck_assert(memblock_is_nomap(&b->mb, 0x5e000000ULL));
	tb_free(&t);
	b = tb_text(&t, P612, dts, NULL, NULL);
	ck_assert_ptr_nonnull(tb_table(b, "fw@5e000000"));
	ck_assert(memblock_is_nomap(&b->mb, 0x5e000000ULL));
	tb_free(&t);
	b = tb_text(&t, P419, dts, NULL, NULL);
	ck_assert_ptr_null(tb_table(b, "fw@5e000000"));
	ck_assert(memblock_overlaps_memory(&b->mb, 0x5e000000ULL, SZ_1M));
	tb_free(&t);
}
END_TEST

#define NORESMEM_DTS DTS("\tsoc { };\n")

/* §3.1 / §14: only 6.12 says "No reserved-memory node in the DT" (golden noresmem.k6.12 vs .k6.1) */
START_TEST(test_no_reserved_memory_node)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], NORESMEM_DTS,
					     NULL, NULL);

		if (!strcmp(all_profiles[i], P612))
			ck_assert_line(b, "OF: reserved mem: Reserved memory: No "
				       "reserved-memory node in the DT");
		else
			ck_assert_match(b, "No reserved-memory node", TB_SUBSTR, 0);
		ck_assert_uint_eq(b->nr_table, 0);
		tb_free(&t);
	}
	{
		struct tboot t;
		struct rm_board *b = tb_golden(&t, "noresmem.k6.12");

		ck_assert_line(b, "OF: reserved mem: Reserved memory: No "
			       "reserved-memory node in the DT");
		/* printed by the second scan, before the default area */
		ck_assert_before(b, "OF: reserved mem: Reserved memory: No "
				 "reserved-memory node in the DT",
				 "cma: Reserved 64 MiB at 0x00000000b9a00000 on node -1");
		/* pr_info */
		ck_assert_uint_eq(b->log.nr_err, 0);
		tb_free(&t);
		b = tb_golden(&t, "noresmem.k6.1");
		ck_assert_match(b, "No reserved-memory node", TB_SUBSTR, 0);
		tb_free(&t);
	}
}
END_TEST

/* ---- the table limit ---------------------------------------------------- */

static char *many_statics(unsigned int n)
{
	char *body = NULL, *dts;
	unsigned int i;

	for (i = 0; i < n; i++)
		body = tb_cat(body, "\t\ts%u@%llx { reg = <0x0 0x%llx 0x0 0x10000>; };\n",
			      i, 0x50000000ULL + i * SZ_64K,
			      0x50000000ULL + i * SZ_64K);
	dts = tb_fmt("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
		     "\tmemory@40000000 { device_type = \"memory\"; reg = <0x0 "
		     "0x40000000 0x0 0x80000000>; };\n\treserved-memory {\n"
		     "\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n"
		     "\t\tranges;\n%s\t};\n};\n", body);
	free(body);
	return dts;
}

/* §3.2 / §14 fdt_reserved_mem_save_node: 6.1 holds 64 entries, then "not enough space for all defined regions." */
START_TEST(test_table_full_k6_1)
{
	char *dts = many_statics(65);
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, dts, NULL, NULL);

	ck_assert_line(b, "OF: reserved mem: not enough space for all defined regions.");
	ck_assert_uint_eq(b->nr_table, 64);
	ck_assert_ptr_null(tb_table(b, "s64@50400000"));
	/* the 65th is reserved all the same (kernel-semantics §10.20) */
	ck_assert(memblock_is_reserved_all(&b->mb, 0x50400000ULL, SZ_64K));
	tb_free(&t);
	free(dts);
}
END_TEST

/* §3.2 / §14: 4.19 holds 32 entries and says "not enough space all defined regions." (sic) */
START_TEST(test_table_full_k4_19)
{
	char *dts = many_statics(33);
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, dts, NULL, NULL);

	ck_assert_line(b, "OF: reserved mem: not enough space all defined regions.");
	ck_assert_uint_eq(b->nr_table, 32);
	ck_assert_ptr_null(tb_table(b, "s32@50200000"));
	tb_free(&t);
	free(dts);
	/* 32 fit */
	dts = many_statics(32);
	b = tb_text(&t, P419, dts, NULL, NULL);
	ck_assert_match(b, "not enough space", TB_SUBSTR, 0);
	ck_assert_uint_eq(b->nr_table, 32);
	tb_free(&t);
	free(dts);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_root_cells_twice_k6_12);
	tcase_add_test(tc, test_root_cells_once_k6_1);
	tcase_add_test(tc, test_root_cells_k4_19);
	tcase_add_test(tc, test_root_no_ranges);
	tcase_add_test(tc, test_invalid_reg_k6_12);
	tcase_add_test(tc, test_invalid_reg_k6_1);
	tcase_add_test(tc, test_invalid_reg_k4_19);
	tcase_add_test(tc, test_invalid_reg_golden);
	tcase_add_test(tc, test_zero_size_k6_1);
	tcase_add_test(tc, test_zero_size_k6_12);
	tcase_add_test(tc, test_zero_size_k4_19);
	tcase_add_test(tc, test_empty_reg_k6_1);
	tcase_add_test(tc, test_empty_reg_k4_19);
	tcase_add_test(tc, test_empty_reg_garbage_k6_12);
	tcase_add_test(tc, test_multi_reg_k6_12);
	tcase_add_test(tc, test_multi_reg_k6_1);
	tcase_add_test(tc, test_multi_reg_k4_19);
	tcase_add_test(tc, test_disabled_ignored);
	tcase_add_test(tc, test_parent_status_not_checked_k6_1);
	tcase_add_test(tc, test_nomap_over_reserved_k6_1);
	tcase_add_test(tc, test_nomap_over_reserved_k6_12);
	tcase_add_test(tc, test_nomap_over_reserved_k4_19);
	tcase_add_test(tc, test_nomap_depends_on_dt_order);
	tcase_add_test(tc, test_nomap_outside_ram);
	tcase_add_test(tc, test_nomap_over_memreserve);
	tcase_add_test(tc, test_grandchildren_k4_19);
	tcase_add_test(tc, test_grandchildren_ignored_6x);
	tcase_add_test(tc, test_unit_address_node_name);
	tcase_add_test(tc, test_no_reserved_memory_node);
	tcase_add_test(tc, test_table_full_k6_1);
	tcase_add_test(tc, test_table_full_k4_19);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
