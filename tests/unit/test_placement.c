// SPDX-License-Identifier: GPL-2.0
/*
 * test_placement - dynamic regions (`size`, `alignment`, `alloc-ranges`):
 * where each profile places them, in which order, and what it prints.
 * Expectations: doc/kernels.md §4-§6 (cited as §x),
 * kernel-semantics.md §2.6 and §10, seed 002 (4.19 CMA alignment
 * PAGE_SIZE << max(MAX_ORDER - 1, pageblock_order) = 4 MiB) and the
 * oracle goldens in tests/golden (inputs in tests/fixtures/oracle).
 */
#include "boot_helpers.h"

#define P612 "6.12"
#define P61 "6.1"
#define P419 "4.19"

static const char *const all_profiles[] = { P612, P61, P419 };

static uint64_t base_of(struct rm_board *b, const char *name)
{
	struct rm_region *r = tb_table(b, name);

	ck_assert_msg(r != NULL, "%s not in the table\n%s", name, tb_log(b));
	return r->base;
}

/* ---- top-down, alignment ------------------------------------------------ */

/* basic.dts's dyn-pool and dyn-nomap */
#define BASIC_DYN_DTS DTS(RESMEM(					\
	"\t\tdyn-pool { compatible = \"shared-dma-pool\"; reusable;"	\
	" size = <0x0 0x1000000>; alignment = <0x0 0x400000>;"		\
	" alloc-ranges = <0x0 0x70000000 0x0 0x10000000>; };\n"	\
	"\t\tdyn-nomap { size = <0x0 0x300000>; alignment = <0x0 0x100000>;" \
	" no-map; };"))

/* §6.3/§6.5 top-down inside the window / anywhere (golden basic.k6.1, basic.k6.12) */
START_TEST(test_top_down)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const char *p = all_profiles[i];
		struct tboot t;
		struct rm_board *b = tb_text(&t, p, BASIC_DYN_DTS, NULL, NULL);

		ck_assert_uint_eq(base_of(b, "dyn-pool"), 0x7f000000ULL);
		ck_assert_uint_eq(tb_table(b, "dyn-pool")->size, SZ_16M);
		ck_assert_line(b, "Reserved memory: created CMA memory pool at "
			       "0x000000007f000000, size 16 MiB");
		ck_assert_line(b, "OF: reserved mem: initialized node dyn-pool, "
			       "compatible id shared-dma-pool");
		ck_assert_uint_eq(base_of(b, "dyn-nomap"), 0xbfd00000ULL);
		if (!strcmp(p, P419)) {
			/* seed 002: no-map -> memblock_remove */
			ck_assert(!memblock_overlaps_memory(&b->mb, 0xbfd00000ULL,
							    0x300000ULL));
		} else {
			/* §6.3: marked NOMAP and kept in memblock.reserved */
			ck_assert(memblock_is_nomap(&b->mb, 0xbfd00000ULL));
			ck_assert(memblock_is_reserved_all(&b->mb, 0xbfd00000ULL,
							   0x300000ULL));
		}
		if (!strcmp(p, P612)) {
			ck_assert_line(b, "OF: reserved mem: 0x000000007f000000.."
				       "0x000000007fffffff (16384 KiB) map reusable "
				       "dyn-pool");
			ck_assert_line(b, "OF: reserved mem: 0x00000000bfd00000.."
				       "0x00000000bfffffff (3072 KiB) nomap "
				       "non-reusable dyn-nomap");
		}
		tb_free(&t);
	}
}
END_TEST

#define SMALL_DTS DTS(RESMEM(						\
	"\t\tsmall { size = <0x0 0x1040>;"				\
	" alloc-ranges = <0x0 0x70000000 0x0 0x10000>; };"))

/* §6.2 default alignment SMP_CACHE_BYTES = 64 (4.19: 0 -> 64); size not rounded (kernel-semantics §2.6.10) */
START_TEST(test_default_alignment_64)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], SMALL_DTS,
					     NULL, NULL);

		/* round_down(0x70010000 - 0x1040, 64) */
		ck_assert_uint_eq(base_of(b, "small"), 0x7000efc0ULL);
		ck_assert_uint_eq(tb_table(b, "small")->size, 0x1040ULL);
		ck_assert(memblock_is_reserved_all(&b->mb, 0x7000efc0ULL, 0x1040ULL));
		if (!strcmp(all_profiles[i], P612))
			ck_assert_line(b, "OF: reserved mem: 0x000000007000efc0.."
				       "0x000000007000ffff (4 KiB) map non-reusable "
				       "small");
		tb_free(&t);
	}
}
END_TEST

/*
 * Each node in its own window [W, W + 5 MiB), size 2 MiB:
 *   64-byte alignment      -> W + 3 MiB
 *   2 MiB (6.x CMA bump)   -> round_down(W + 3 MiB, 2 MiB) = W + 2 MiB
 *   4 MiB (4.19 CMA bump)  -> round_down(W + 3 MiB, 4 MiB) = W
 */
#define BUMP_DTS DTS(RESMEM(						\
	"\t\tcma { compatible = \"shared-dma-pool\"; reusable;"		\
	" size = <0x0 0x200000>; alloc-ranges = <0x0 0x70000000 0x0 0x500000>; };\n" \
	"\t\tnotpool { compatible = \"vendor,thing\"; reusable;"		\
	" size = <0x0 0x200000>; alloc-ranges = <0x0 0x71000000 0x0 0x500000>; };\n" \
	"\t\tcmanomap { compatible = \"shared-dma-pool\"; reusable; no-map;" \
	" size = <0x0 0x200000>; alloc-ranges = <0x0 0x72000000 0x0 0x500000>; };\n" \
	"\t\tcoh { compatible = \"shared-dma-pool\";"			\
	" size = <0x0 0x200000>; alloc-ranges = <0x0 0x73000000 0x0 0x500000>; };\n" \
	"\t\tbig { compatible = \"shared-dma-pool\"; reusable;"		\
	" alignment = <0x0 0x800000>; size = <0x0 0x200000>;"		\
	" alloc-ranges = <0x0 0x74000000 0x0 0xf00000>; };"))

/* §6.2 CMA bump: only reusable shared-dma-pool without no-map; 2 MiB in 6.x, 4 MiB in 4.19 (seed 002) */
START_TEST(test_cma_alignment_bump)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const char *p = all_profiles[i];
		struct tboot t;
		struct rm_board *b = tb_text(&t, p, BUMP_DTS, NULL, NULL);
		bool v419 = !strcmp(p, P419);

		ck_assert_uint_eq(base_of(b, "cma"), v419 ? 0x70000000ULL : 0x70200000ULL);
		ck_assert_uint_eq(base_of(b, "notpool"), 0x71300000ULL);
		ck_assert_uint_eq(base_of(b, "cmanomap"), 0x72300000ULL);
		ck_assert_uint_eq(base_of(b, "coh"), 0x73300000ULL);
		/* a larger explicit alignment is kept: round_down(0x74d00000, 8 MiB) */
		ck_assert_uint_eq(base_of(b, "big"), 0x74800000ULL);
		if (v419) {
			/*
			 * seed 002 rmem_cma_setup: (base | size) & (4 MiB - 1):
			 * the 2 MiB size of cma and big is rejected
			 */
			ck_assert_lines(b, "Reserved memory: incorrect alignment "
					"of CMA region", 2);
			ck_assert_match(b, "created CMA memory pool", TB_SUBSTR, 0);
		} else {
			ck_assert_line(b, "Reserved memory: created CMA memory pool "
				       "at 0x0000000070200000, size 2 MiB");
			ck_assert_line(b, "Reserved memory: created CMA memory pool "
				       "at 0x0000000074800000, size 2 MiB");
			ck_assert_match(b, "incorrect alignment", TB_SUBSTR, 0);
		}
		tb_free(&t);
	}
}
END_TEST

#define CMAMIS_DTS DTS(RESMEM(						\
	"\t\tcmamis { compatible = \"shared-dma-pool\"; reusable;"	\
	" size = <0x0 0x300000>; };"))

/* §6.2: the size is not rounded: 3 MiB reusable is placed aligned, then rejected (golden multireg.k6.1/.k6.12 cmamis) */
START_TEST(test_cma_size_not_rounded_6x)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], CMAMIS_DTS,
					     NULL, NULL);
		struct rm_region *r = tb_region(b, "cmamis");
		const char *mis = "Reserved memory: incorrect alignment of CMA region";
		const char *fail = "OF: reserved mem: node cmamis compatible matching fail";

		ck_assert_line(b, mis);
		ck_assert_line(b, fail);
		ck_assert_before(b, mis, fail);
		ck_assert_ptr_nonnull(r);
		ck_assert_uint_eq(r->size, 0x300000ULL);
		ck_assert_uint_eq(r->base & (SZ_2M - 1), 0);
		ck_assert(r->released);
		ck_assert_ptr_null(tb_cma(b, "cmamis"));
		ck_assert_match(b, "created CMA memory pool", TB_SUBSTR, 0);
		tb_free(&t);
	}
	/* the oracle's input */
	{
		struct tboot t;
		struct rm_board *b = tb_golden(&t, "multireg.k6.12");

		ck_assert_line(b, "Reserved memory: incorrect alignment of CMA region");
		ck_assert_line(b, "OF: reserved mem: node cmamis compatible matching fail");
		tb_free(&t);
	}
}
END_TEST

/* §6.2 + seed 002 rmem_cma_setup (4 MiB mask): rejected; §7 4.19 ignores the error, no message, memory kept */
START_TEST(test_cma_size_not_rounded_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, CMAMIS_DTS, NULL, NULL);
	struct rm_region *r = tb_region(b, "cmamis");

	ck_assert_line(b, "Reserved memory: incorrect alignment of CMA region");
	ck_assert_match(b, "matching fail", TB_SUBSTR, 0);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->size, 0x300000ULL);
	ck_assert_uint_eq(r->base & (SZ_4M - 1), 0);
	ck_assert(!r->released);
	ck_assert(memblock_is_reserved_all(&b->mb, r->base, r->size));
	ck_assert_ptr_null(tb_cma(b, "cmamis"));
	tb_free(&t);
}
END_TEST

/* ---- failures ----------------------------------------------------------- */

#define TOOBIG_DTS DTS(RESMEM(						\
	"\t\ttoo-big { compatible = \"shared-dma-pool\"; reusable;"	\
	" size = <0x0 0x20000000>;"					\
	" alloc-ranges = <0x0 0x70000000 0x0 0x10000000>; };"))

/* §6.2/§14: "failed to allocate memory for node '%s': size %lu MiB" in 6.x (golden errors.k6.1/.k6.12) */
START_TEST(test_dyn_failure_message_6x)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, TOOBIG_DTS, NULL, NULL);

	ck_assert_line(b, "OF: reserved mem: failed to allocate memory for node "
		       "'too-big': size 512 MiB");
	/* 6.1 keeps it in the table with size 0, no init */
	ck_assert_ptr_nonnull(tb_table(b, "too-big"));
	ck_assert_uint_eq(tb_table(b, "too-big")->size, 0);
	ck_assert_ptr_null(tb_cma(b, "too-big"));
	tb_free(&t);

	b = tb_text(&t, P612, TOOBIG_DTS, NULL, NULL);
	ck_assert_line(b, "OF: reserved mem: failed to allocate memory for node "
		       "'too-big': size 512 MiB");
	/* 6.12 does not save it at all; no summary line */
	ck_assert_ptr_null(tb_table(b, "too-big"));
	ck_assert_match(b, "too-big (", TB_SUBSTR, 0);
	ck_assert_match(b, ") map reusable too-big", TB_SUFFIX, 0);
	tb_free(&t);
}
END_TEST

/* §6.2/§14: 4.19 pr_info "failed to allocate memory for node '%s'" without the size */
START_TEST(test_dyn_failure_message_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, TOOBIG_DTS, NULL, NULL);

	ck_assert_line(b, "OF: reserved mem: failed to allocate memory for node "
		       "'too-big'");
	ck_assert_match(b, "size 512 MiB", TB_SUBSTR, 0);
	ck_assert_uint_eq(b->log.nr_err, 0);
	ck_assert_ptr_nonnull(tb_table(b, "too-big"));
	ck_assert_uint_eq(tb_table(b, "too-big")->size, 0);
	tb_free(&t);
}
END_TEST

/* RAM from physical address 0 */
#define ZERO_RAM_DTS DTS_RAM("", "reg = <0x0 0x0 0x0 0x80000000>;", RESMEM(	\
	"\t\tz0 { size = <0x0 0x1000>; alloc-ranges = <0x0 0x0 0x0 0x1000>; };\n" \
	"\t\tz1 { size = <0x0 0x1000>; alloc-ranges = <0x0 0x0 0x0 0x2000>; };"))

/* kernel-semantics §10.3 / §6.5: memblock never returns page 0, and base 0 means failure */
START_TEST(test_address_zero_is_failure)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const char *p = all_profiles[i];
		struct tboot t;
		struct rm_board *b = tb_text(&t, p, ZERO_RAM_DTS, NULL, NULL);

		ck_assert_line(b, strcmp(p, P419) ?
			       "OF: reserved mem: failed to allocate memory for "
			       "node 'z0': size 0 MiB" :
			       "OF: reserved mem: failed to allocate memory for "
			       "node 'z0'");
		ck_assert_match(b, "'z1'", TB_SUBSTR, 0);
		ck_assert_uint_eq(base_of(b, "z1"), 0x1000ULL);
		tb_free(&t);
	}
}
END_TEST

/* kernel-semantics §2.6 / profiles §6.2 / §14: invalid size, alignment and alloc-ranges lengths */
START_TEST(test_invalid_properties)
{
	static const char dts[] = DTS(RESMEM(
		"\t\tbadsize { size = <0x100000>; };\n"
		"\t\tbadalign { size = <0x0 0x100000>; alignment = <0x1000>; };\n"
		"\t\tbadranges { size = <0x0 0x100000>;"
		" alloc-ranges = <0x0 0x70000000 0x100000>; };\n"
		"\t\tgood { size = <0x0 0x100000>;"
		" alloc-ranges = <0x0 0x70000000 0x0 0x100000>; };"));
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], dts, NULL, NULL);

		ck_assert_line(b, "OF: reserved mem: invalid size property in "
			       "'badsize' node.");
		ck_assert_line(b, "OF: reserved mem: invalid alignment property in "
			       "'badalign' node.");
		ck_assert_line(b, "OF: reserved mem: invalid alloc-ranges property "
			       "in 'badranges', skipping node.");
		ck_assert_match(b, "failed to allocate", TB_SUBSTR, 0);
		ck_assert_uint_eq(base_of(b, "good"), 0x70000000ULL);
		tb_free(&t);
	}
}
END_TEST

/* ---- order: 6.1/4.19 heapsort permutation, 6.12 DT order ---------------- */

/* §5.1/§6.1: errors.dts on 6.1 places too-big, dyn-b, dyn-a, dyn-c (golden errors.k6.1) */
START_TEST(test_order_errors_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "errors.k6.1");
	const char *seq[] = {
		"OF: reserved mem: failed to allocate memory for node 'too-big': size 512 MiB",
		"Reserved memory: created CMA memory pool at 0x0000000080800000, size 8 MiB",
		"OF: reserved mem: initialized node dyn-b, compatible id shared-dma-pool",
		"Reserved memory: created CMA memory pool at 0x0000000080000000, size 8 MiB",
		"OF: reserved mem: initialized node dyn-a, compatible id shared-dma-pool",
		"OF: reserved mem: failed to allocate memory for node 'dyn-c': size 8 MiB",
	};
	unsigned int i;

	for (i = 0; i + 1 < sizeof(seq) / sizeof(seq[0]); i++)
		ck_assert_before(b, seq[i], seq[i + 1]);
	ck_assert_uint_eq(base_of(b, "dyn-b"), 0x80800000ULL);
	ck_assert_uint_eq(base_of(b, "dyn-a"), 0x80000000ULL);
	ck_assert_uint_eq(tb_table(b, "dyn-c")->size, 0);
	/* §8.1.6: areas numbered in init order: dyn-b, dyn-a, cma-2m-aligned */
	ck_assert_uint_eq(b->cma.nr, 3);
	ck_assert_str_eq(b->cma.areas[0]->name, "dyn-b");
	ck_assert_str_eq(b->cma.areas[1]->name, "dyn-a");
	ck_assert_str_eq(b->cma.areas[2]->name, "cma-2m-aligned@5d200000");
	/* dyn-b has linux,cma-default */
	ck_assert_ptr_nonnull(b->default_cma);
	ck_assert_str_eq(b->default_cma->name, "dyn-b");
	tb_free(&t);
}
END_TEST

/* §5.1: one static fewer changes the 6.1 permutation: dyn-c, dyn-a, dyn-b fails (golden errors-minus-one.k6.1) */
START_TEST(test_order_errors_minus_one_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "errors-minus-one.k6.1");
	const char *seq[] = {
		"Reserved memory: created CMA memory pool at 0x0000000080800000, size 8 MiB",
		"OF: reserved mem: initialized node dyn-c, compatible id shared-dma-pool",
		"Reserved memory: created CMA memory pool at 0x0000000080000000, size 8 MiB",
		"OF: reserved mem: initialized node dyn-a, compatible id shared-dma-pool",
		"OF: reserved mem: failed to allocate memory for node 'dyn-b': size 8 MiB",
		"OF: reserved mem: failed to allocate memory for node 'too-big': size 512 MiB",
	};
	unsigned int i;

	for (i = 0; i + 1 < sizeof(seq) / sizeof(seq[0]); i++)
		ck_assert_before(b, seq[i], seq[i + 1]);
	ck_assert_uint_eq(base_of(b, "dyn-c"), 0x80800000ULL);
	ck_assert_uint_eq(base_of(b, "dyn-a"), 0x80000000ULL);
	/* the default candidate failed: CONFIG_CMA_SIZE_MBYTES=64 area instead */
	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000b9a00000");
	ck_assert_str_eq(b->default_cma->name, "reserved");
	tb_free(&t);
}
END_TEST

/* §6.1: 6.12 places dynamics in DT order for both inputs (golden errors.k6.12, errors-minus-one.k6.12) */
START_TEST(test_order_dt_order_k6_12)
{
	static const char *const goldens[] = { "errors.k6.12", "errors-minus-one.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, goldens[i]);
		const char *seq[] = {
			"OF: reserved mem: failed to allocate memory for node 'too-big': size 512 MiB",
			"Reserved memory: created CMA memory pool at 0x0000000080800000, size 8 MiB",
			"OF: reserved mem: initialized node dyn-a, compatible id shared-dma-pool",
			"OF: reserved mem: 0x0000000080800000..0x0000000080ffffff (8192 KiB) map reusable dyn-a",
			"Reserved memory: created CMA memory pool at 0x0000000080000000, size 8 MiB",
			"OF: reserved mem: initialized node dyn-b, compatible id shared-dma-pool",
			"OF: reserved mem: 0x0000000080000000..0x00000000807fffff (8192 KiB) map reusable dyn-b",
			"OF: reserved mem: failed to allocate memory for node 'dyn-c': size 8 MiB",
		};
		unsigned int k;

		for (k = 0; k + 1 < sizeof(seq) / sizeof(seq[0]); k++)
			ck_assert_before(b, seq[k], seq[k + 1]);
		ck_assert_uint_eq(base_of(b, "dyn-a"), 0x80800000ULL);
		ck_assert_uint_eq(base_of(b, "dyn-b"), 0x80000000ULL);
		ck_assert_ptr_null(tb_table(b, "dyn-c"));
		/* §1.1: statics are saved and initialised only afterwards */
		ck_assert_before(b, seq[7], "OF: reserved mem: 0x0000000058000000.."
				 "0x00000000581fffff (2048 KiB) map non-reusable "
				 "overlap-a@58000000");
		ck_assert_str_eq(b->cma.areas[0]->name, "dyn-a");
		ck_assert_str_eq(b->cma.areas[1]->name, "dyn-b");
		tb_free(&t);
	}
}
END_TEST

/* §5.2: 4.19's top-down heapsort gives 6.1's permutation (distinct static bases tie the same way) */
START_TEST(test_order_errors_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_fixture(&t, P419, "oracle/errors.dts", "");

	ck_assert_uint_eq(base_of(b, "dyn-b"), 0x80800000ULL);
	ck_assert_uint_eq(base_of(b, "dyn-a"), 0x80000000ULL);
	ck_assert_uint_eq(tb_table(b, "dyn-c")->size, 0);
	ck_assert_line(b, "OF: reserved mem: failed to allocate memory for node 'dyn-c'");
	ck_assert_before(b, "OF: reserved mem: failed to allocate memory for node 'too-big'",
			 "OF: reserved mem: initialized node dyn-b, compatible id shared-dma-pool");
	ck_assert_before(b, "OF: reserved mem: initialized node dyn-b, compatible id shared-dma-pool",
			 "OF: reserved mem: initialized node dyn-a, compatible id shared-dma-pool");
	tb_free(&t);
	b = tb_fixture(&t, P419, "oracle/errors-minus-one.dts", "");
	ck_assert_uint_eq(base_of(b, "dyn-c"), 0x80800000ULL);
	ck_assert_uint_eq(base_of(b, "dyn-a"), 0x80000000ULL);
	ck_assert_line(b, "OF: reserved mem: failed to allocate memory for node 'dyn-b'");
	tb_free(&t);
}
END_TEST

/* §5.1: sorttest.dts -> 6.1 d3,d6,d7,d1,d2,d4,d5; 6.12 d1..d7 (golden sorttest.k6.1/.k6.12) */
START_TEST(test_order_sorttest)
{
	static const char *const d61[] = { "d3", "d6", "d7", "d1", "d2", "d4", "d5" };
	static const char *const d612[] = { "d1", "d2", "d3", "d4", "d5", "d6", "d7" };
	struct tboot t;
	struct rm_board *b;
	unsigned int i;

	b = tb_golden(&t, "sorttest.k6.1");
	for (i = 0; i < 7; i++)
		ck_assert_uint_eq(base_of(b, d61[i]), 0xa0600000ULL - i * SZ_1M);
	ck_assert_line(b, "s5@52000000 (0x0000000052000000--0x0000000052100000) "
		       "overlaps with s4@52000000 (0x0000000052000000--0x0000000052100000)");
	tb_free(&t);

	b = tb_golden(&t, "sorttest.k6.12");
	for (i = 0; i < 7; i++)
		ck_assert_uint_eq(base_of(b, d612[i]), 0xa0600000ULL - i * SZ_1M);
	ck_assert_line(b, "s4@52000000 (0x0000000052000000--0x0000000052100000) "
		       "overlaps with s5@52000000 (0x0000000052000000--0x0000000052100000)");
	tb_free(&t);

	/* §5.2: 4.19 yields the same permutation as 6.1 */
	b = tb_fixture(&t, P419, "oracle/sorttest.dts", "");
	for (i = 0; i < 7; i++)
		ck_assert_uint_eq(base_of(b, d61[i]), 0xa0600000ULL - i * SZ_1M);
	ck_assert_line(b, "s5@52000000 (0x0000000052000000--0x0000000052100000) "
		       "overlaps with s4@52000000 (0x0000000052000000--0x0000000052100000)");
	tb_free(&t);
}
END_TEST

/* ---- the 6.12 adjacency heuristic ------------------------------------ */

/* §6.4: heur.dts -> 6.12 0x78000000, 0x81000000 (bottom-up), 0x91800000 (golden heur.k6.12) */
START_TEST(test_heuristic_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "heur.k6.12");

	/* the window starts at the end of a *static* no-map: top-down */
	ck_assert_uint_eq(base_of(b, "after-static"), 0x78000000ULL);
	ck_assert_uint_eq(base_of(b, "first"), 0x80000000ULL);
	/* starts at the end of the *dynamic* first: bottom-up */
	ck_assert_uint_eq(base_of(b, "second"), 0x81000000ULL);
	ck_assert_uint_eq(base_of(b, "c1"), 0x90000000ULL);
	ck_assert_uint_eq(base_of(b, "c3"), 0x92000000ULL);
	/* touches c1 at its start and c3 at its end: both, so top-down */
	ck_assert_uint_eq(base_of(b, "c2"), 0x91800000ULL);
	/* /memreserve/ comes after the scan in 6.12 (§1.4) */
	ck_assert_uint_eq(base_of(b, "top"), 0xbf800000ULL);
	ck_assert_line(b, "Reserved memory: created DMA memory pool at "
		       "0x0000000081000000, size 16 MiB");
	ck_assert_line(b, "OF: reserved mem: 0x0000000091800000..0x0000000091ffffff "
		       "(8192 KiB) nomap non-reusable c2");
	/* the memblock direction is restored afterwards */
	ck_assert(!b->mb.bottom_up);
	tb_free(&t);
}
END_TEST

/* §6.4: 6.1 has no heuristic: 0x78000000, 0x88000000, 0x91800000 (golden heur.k6.1) */
START_TEST(test_no_heuristic_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "heur.k6.1");

	ck_assert_uint_eq(base_of(b, "after-static"), 0x78000000ULL);
	ck_assert_uint_eq(base_of(b, "first"), 0x80000000ULL);
	ck_assert_uint_eq(base_of(b, "second"), 0x88000000ULL);
	ck_assert_uint_eq(base_of(b, "c2"), 0x91800000ULL);
	/* /memreserve/ before the scan: top lands below it */
	ck_assert_uint_eq(base_of(b, "top"), 0xbe800000ULL);
	ck_assert_line(b, "Reserved memory: created DMA memory pool at "
		       "0x0000000088000000, size 16 MiB");
	tb_free(&t);
}
END_TEST

/* §6.4 "not in 6.1 or 4.19" + §2 (4.19 /memreserve/ before the scan) */
START_TEST(test_no_heuristic_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_fixture(&t, P419, "oracle/heur.dts", "");

	ck_assert_uint_eq(base_of(b, "after-static"), 0x78000000ULL);
	ck_assert_uint_eq(base_of(b, "first"), 0x80000000ULL);
	ck_assert_uint_eq(base_of(b, "second"), 0x88000000ULL);
	ck_assert_uint_eq(base_of(b, "c2"), 0x91800000ULL);
	ck_assert_uint_eq(base_of(b, "top"), 0xbe800000ULL);
	tb_free(&t);
}
END_TEST

#define ADJ_DTS DTS(RESMEM(						\
	"\t\tfw@70000000 { reg = <0x0 0x70000000 0x0 0x1000000>; no-map; };\n" \
	"\t\tafter-static { size = <0x0 0x1000000>;"			\
	" alloc-ranges = <0x0 0x71000000 0x0 0x8000000>; };\n"		\
	"\t\tfirst { size = <0x0 0x1000000>;"				\
	" alloc-ranges = <0x0 0x80000000 0x0 0x1000000>; };\n"		\
	"\t\tsecond { size = <0x0 0x1000000>;"				\
	" alloc-ranges = <0x0 0x81000000 0x0 0x8000000>; };\n"		\
	"\t\tbefore { size = <0x0 0x1000000>;"				\
	" alloc-ranges = <0x0 0x7a000000 0x0 0x6000000>; };"))

/* §6.4 on a board of our own: bottom-up only when the window starts at an earlier dynamic's end */
START_TEST(test_heuristic_text)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P612, ADJ_DTS, NULL, NULL);

	ck_assert_uint_eq(base_of(b, "after-static"), 0x78000000ULL);
	ck_assert_uint_eq(base_of(b, "first"), 0x80000000ULL);
	ck_assert_uint_eq(base_of(b, "second"), 0x81000000ULL);
	/* window end 0x80000000 touches first's start: top-down (the default) */
	ck_assert_uint_eq(base_of(b, "before"), 0x7f000000ULL);
	tb_free(&t);
	b = tb_text(&t, P61, ADJ_DTS, NULL, NULL);
	ck_assert_uint_eq(base_of(b, "after-static"), 0x78000000ULL);
	ck_assert_uint_eq(base_of(b, "second"), 0x88000000ULL);
	ck_assert_uint_eq(base_of(b, "before"), 0x7f000000ULL);
	tb_free(&t);
}
END_TEST

/* ---- the overlap check ------------------------------------------------ */

/* §4: 6.1 prints OVERLAP before every dynamic/init message, exclusive ends (golden errors.k6.1) */
START_TEST(test_overlap_position_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "errors.k6.1");
	const char *hdr = "OF: reserved mem: OVERLAP DETECTED!";
	const char *pair = "overlap-a@58000000 (0x0000000058000000--0x0000000058200000) "
			   "overlaps with overlap-b@58100000 "
			   "(0x0000000058100000--0x0000000058300000)";

	ck_assert_line(b, hdr);
	ck_assert_line(b, pair);
	ck_assert_int_eq(tb_index(b, pair), tb_index(b, hdr) + 1);
	ck_assert_before(b, pair, "OF: reserved mem: failed to allocate memory for "
			 "node 'too-big': size 512 MiB");
	ck_assert_int_eq(tb_find_nth(b, "OF: reserved mem: ", TB_PREFIX, 0),
			 tb_index(b, hdr));
	tb_free(&t);
}
END_TEST

/* §4: 6.12 prints it last, after every init and summary line (golden errors.k6.12) */
START_TEST(test_overlap_position_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "errors.k6.12");
	const char *hdr = "OF: reserved mem: OVERLAP DETECTED!";
	int n = tb_count(b, "OF: reserved mem: ", TB_PREFIX);

	ck_assert_line(b, hdr);
	ck_assert_line(b, "overlap-a@58000000 (0x0000000058000000--0x0000000058200000) "
		       "overlaps with overlap-b@58100000 "
		       "(0x0000000058100000--0x0000000058300000)");
	ck_assert_int_eq(tb_find_nth(b, "OF: reserved mem: ", TB_PREFIX, n - 1),
			 tb_index(b, hdr));
	ck_assert_before(b, "OF: reserved mem: 0x0000000200000000..0x00000002000fffff "
			 "(1024 KiB) nomap non-reusable beyond-ram@200000000", hdr);
	ck_assert_before(b, "OF: reserved mem: failed to allocate memory for node "
			 "'dyn-c': size 8 MiB", hdr);
	tb_free(&t);
}
END_TEST

#define BASE0_DTS DTS(RESMEM(						\
	"\t\ts0a@0 { reg = <0x0 0x0 0x0 0x2000>; };\n"			\
	"\t\ts0b@1000 { reg = <0x0 0x1000 0x0 0x1000>; };"))

/* §4: 4.19 skips a pair when either base is 0; 6.1/6.12 compare it */
START_TEST(test_overlap_base_zero)
{
	const char *pair = "s0a@0 (0x0000000000000000--0x0000000000002000) "
			   "overlaps with s0b@1000 (0x0000000000001000--0x0000000000002000)";
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], BASE0_DTS,
					     NULL, NULL);

		if (!strcmp(all_profiles[i], P419)) {
			ck_assert_match(b, "OVERLAP", TB_SUBSTR, 0);
		} else {
			ck_assert_line(b, "OF: reserved mem: OVERLAP DETECTED!");
			ck_assert_line(b, pair);
		}
		tb_free(&t);
	}
}
END_TEST

/* §4: the check only logs; touching regions (exclusive ends) do not overlap */
START_TEST(test_overlap_touching_and_logging_only)
{
	static const char dts[] = DTS(RESMEM(
		"\t\ta@58000000 { reg = <0x0 0x58000000 0x0 0x100000>; };\n"
		"\t\tb@58100000 { compatible = \"shared-dma-pool\"; no-map;"
		" reg = <0x0 0x58100000 0x0 0x100000>; };\n"
		"\t\tc@58180000 { compatible = \"shared-dma-pool\"; no-map;"
		" reg = <0x0 0x58180000 0x0 0x100000>; };"));
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], dts, NULL, NULL);

		ck_assert_match(b, "OVERLAP DETECTED!", TB_SUFFIX, 1);
		ck_assert_line(b, "b@58100000 (0x0000000058100000--0x0000000058200000) "
			       "overlaps with c@58180000 "
			       "(0x0000000058180000--0x0000000058280000)");
		ck_assert_match(b, "a@58000000 (", TB_PREFIX, 0);
		/* both still initialised */
		ck_assert_line(b, "Reserved memory: created DMA memory pool at "
			       "0x0000000058100000, size 1 MiB");
		ck_assert_line(b, "Reserved memory: created DMA memory pool at "
			       "0x0000000058180000, size 1 MiB");
		tb_free(&t);
	}
}
END_TEST

#define WINDOWS_DTS DTS(RESMEM(						\
	"\t\ttwo { size = <0x0 0x1000000>; alloc-ranges = <0x0 0x70000000 0x0"	\
	" 0x800000 0x0 0x80000000 0x0 0x2000000>; };\n"		\
	"\t\tnone { size = <0x0 0x1000000>; alloc-ranges = <0x0 0x70000000 0x0" \
	" 0x800000 0x0 0x71000000 0x0 0x800000>; };"))

/* §6.2 / kernel-semantics §2.6.4: windows are tried in order, the first success wins */
START_TEST(test_alloc_ranges_windows)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		const char *p = all_profiles[i];
		struct tboot t;
		struct rm_board *b = tb_text(&t, p, WINDOWS_DTS, NULL, NULL);

		ck_assert_uint_eq(base_of(b, "two"), 0x81000000ULL);
		ck_assert_line(b, strcmp(p, P419) ?
			       "OF: reserved mem: failed to allocate memory for "
			       "node 'none': size 16 MiB" :
			       "OF: reserved mem: failed to allocate memory for "
			       "node 'none'");
		ck_assert(!memblock_is_region_reserved(&b->mb, 0x70000000ULL, SZ_8M));
		tb_free(&t);
	}
}
END_TEST

/*
 * §7 "after init": on a real init error 6.x gives the memory back: a
 * static no-map region becomes RAM again (errors: no hole at 0x5b000000),
 * a mapped one is freed (0x5a100000 gone); a dynamic no-map one stays
 * reserved (the leak).  4.19 ignores the result and frees nothing.
 */
START_TEST(test_release_after_init_failure)
{
	static const char *const g[] = { "errors.k6.1", "errors.k6.12" };
	static const char dyn[] = DTS(RESMEM(
		"\t\tdyn-cmanomap { compatible = \"shared-dma-pool\"; reusable;"
		" no-map; size = <0x0 0x200000>;"
		" alloc-ranges = <0x0 0x72000000 0x0 0x500000>; };"));
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);

		ck_assert_line(b, "OF: reserved mem: node cma-nomap@5b000000 "
			       "compatible matching fail");
		ck_assert(!memblock_is_nomap(&b->mb, 0x5b000000ULL));
		ck_assert(!memblock_is_region_reserved(&b->mb, 0x5b000000ULL, SZ_4M));
		ck_assert(!memblock_is_region_reserved(&b->mb, 0x5a100000ULL, SZ_4M));
		/* the kept ones */
		ck_assert(memblock_is_nomap(&b->mb, 0x5c000000ULL));
		ck_assert(memblock_is_reserved_all(&b->mb, 0x5d200000ULL, SZ_2M));
		tb_free(&t);
	}
	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], dyn, NULL, NULL);

		ck_assert_uint_eq(base_of(b, "dyn-cmanomap"), 0x72300000ULL);
		ck_assert_line(b, "OF: reserved mem: node dyn-cmanomap compatible "
			       "matching fail");
		ck_assert(!memblock_is_nomap(&b->mb, 0x72300000ULL));
		ck_assert(memblock_is_reserved_all(&b->mb, 0x72300000ULL, SZ_2M));
		tb_free(&t);
	}
	{
		struct tboot t;
		struct rm_board *b = tb_fixture(&t, P419, "oracle/errors.dts", "");

		ck_assert_match(b, "matching fail", TB_SUBSTR, 0);
		/* the misaligned mapped pool stays reserved */
		ck_assert(memblock_is_reserved_all(&b->mb, 0x5a100000ULL, SZ_4M));
		tb_free(&t);
	}
}
END_TEST

/* §3.2 / §14: 6.12 caps dynamic nodes at 64 ("too many defined dynamic regions, skip '%s'") */
START_TEST(test_too_many_dynamic_k6_12)
{
	char *body = NULL, *dts;
	struct tboot t;
	struct rm_board *b;
	unsigned int i, n = 0;

	for (i = 0; i < 65; i++)
		body = tb_cat(body, "\t\td%u { size = <0x0 0x10000>; };\n", i);
	dts = tb_fmt("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
		     "\tmemory@40000000 { device_type = \"memory\"; reg = <0x0 "
		     "0x40000000 0x0 0x80000000>; };\n\treserved-memory {\n"
		     "\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n"
		     "\t\tranges;\n%s\t};\n};\n", body);
	b = tb_text(&t, P612, dts, NULL, NULL);
	ck_assert_line(b, "OF: reserved mem: too many defined dynamic regions, "
		       "skip 'd64'");
	for (i = 0; i < b->nr_table; i++)
		n += b->table[i]->dynamic;
	ck_assert_uint_eq(n, 64);
	ck_assert_ptr_null(tb_table(b, "d64"));
	ck_assert_ptr_nonnull(tb_table(b, "d63"));
	tb_free(&t);
	free(dts);
	free(body);
}
END_TEST

#define CONTAIN_DTS DTS(RESMEM(						\
	"\t\tbig@58000000 { reg = <0x0 0x58000000 0x0 0x1000000>; };\n"	\
	"\t\tin1@58100000 { reg = <0x0 0x58100000 0x0 0x100000>; };\n"	\
	"\t\tin2@58300000 { reg = <0x0 0x58300000 0x0 0x100000>; };"))

/* §4 / kernel-semantics §10.1: adjacent pairs only: a region holding two others is reported once */
START_TEST(test_overlap_adjacent_only)
{
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all_profiles[i], CONTAIN_DTS,
					     NULL, NULL);

		ck_assert_match(b, "OVERLAP DETECTED!", TB_SUFFIX, 1);
		ck_assert_line(b, "big@58000000 (0x0000000058000000--0x0000000059000000) "
			       "overlaps with in1@58100000 "
			       "(0x0000000058100000--0x0000000058200000)");
		ck_assert_match(b, "overlaps with in2@58300000", TB_SUBSTR, 0);
		tb_free(&t);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("placement");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_top_down);
	tcase_add_test(tc, test_default_alignment_64);
	tcase_add_test(tc, test_cma_alignment_bump);
	tcase_add_test(tc, test_cma_size_not_rounded_6x);
	tcase_add_test(tc, test_cma_size_not_rounded_k4_19);
	tcase_add_test(tc, test_dyn_failure_message_6x);
	tcase_add_test(tc, test_dyn_failure_message_k4_19);
	tcase_add_test(tc, test_address_zero_is_failure);
	tcase_add_test(tc, test_invalid_properties);
	tcase_add_test(tc, test_order_errors_k6_1);
	tcase_add_test(tc, test_order_errors_minus_one_k6_1);
	tcase_add_test(tc, test_order_dt_order_k6_12);
	tcase_add_test(tc, test_order_errors_k4_19);
	tcase_add_test(tc, test_order_sorttest);
	tcase_add_test(tc, test_heuristic_k6_12);
	tcase_add_test(tc, test_no_heuristic_k6_1);
	tcase_add_test(tc, test_no_heuristic_k4_19);
	tcase_add_test(tc, test_heuristic_text);
	tcase_add_test(tc, test_overlap_position_k6_1);
	tcase_add_test(tc, test_overlap_position_k6_12);
	tcase_add_test(tc, test_overlap_base_zero);
	tcase_add_test(tc, test_overlap_touching_and_logging_only);
	tcase_add_test(tc, test_alloc_ranges_windows);
	tcase_add_test(tc, test_release_after_init_failure);
	tcase_add_test(tc, test_too_many_dynamic_k6_12);
	tcase_add_test(tc, test_overlap_adjacent_only);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
