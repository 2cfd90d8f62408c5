// SPDX-License-Identifier: GPL-2.0
/*
 * test_cma - the default CMA area (kernel/dma/contiguous.c), CMA areas
 * and cma_alloc (mm/cma.c) and the DMA atomic pools (kernel/dma/pool.c),
 * per profile.  Expectations: doc/kernels.md §8, §10-§13
 * (cited as §x), kernel-semantics.md §3.5, §4.4, §6.2, §10, seed 002
 * (4.19 precedence "dts ==> cmdline ==> config") and the oracle goldens
 * in tests/golden.
 */
#include "boot_helpers.h"

#define P612 "6.12"
#define P61 "6.1"
#define P419 "4.19"

/* basic.dts's static default area (4 MiB aligned, so 4.19 takes it too) */
#define DT_DEFAULT							\
	"\t\tlinux,cma@60000000 { compatible = \"shared-dma-pool\"; reusable;" \
	" reg = <0x0 0x60000000 0x0 0x2000000>; linux,cma-default; };\n"
#define DT_DEFAULT_DTS DTS(RESMEM(DT_DEFAULT))
#define EMPTY_RESMEM_DTS DTS(RESMEM(""))

static struct rm_region *region(struct rm_board *b, const char *name)
{
	struct rm_region *r = tb_region(b, name);

	ck_assert_msg(r != NULL, "no region %s\n%s", name, tb_log(b));
	return r;
}

/* ---- which default area ------------------------------------------------ */

/* §8.1.1/§10.1: 6.1 cma= bypasses the DT default, which is then released (golden basic+cma64M.k6.1) */
START_TEST(test_cmdline_bypass_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "basic+cma64M.k6.1");
	const char *bypass = "Reserved memory: bypass linux,cma@60000000 node, "
			     "using cmdline CMA params instead";
	const char *fail = "OF: reserved mem: node linux,cma@60000000 compatible "
			   "matching fail";

	ck_assert_line(b, bypass);
	ck_assert_line(b, fail);
	ck_assert_before(b, bypass, fail);
	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000b9800000");
	ck_assert_ptr_nonnull(b->default_cma);
	ck_assert_str_eq(b->default_cma->name, "reserved");
	ck_assert_uint_eq(b->default_cma->base_pfn, 0xb9800ULL);
	ck_assert_uint_eq(b->default_cma->count, 16384);
	ck_assert_ptr_null(tb_cma(b, "linux,cma@60000000"));
	/* §7: the bypassed 0x60000000 region is gone */
	ck_assert(!memblock_is_region_reserved(&b->mb, 0x60000000ULL, SZ_32M));
	/* golden probe: first_alloc_pfn=0xb98c0 (three atomic pools first) */
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0xb98c0ULL);
	tb_free(&t);
}
END_TEST

/* §10.3 / §14: 6.12 appends " on node -1" (golden basic+cma64M.k6.12) */
START_TEST(test_cmdline_bypass_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "basic+cma64M.k6.12");

	ck_assert_line(b, "Reserved memory: bypass linux,cma@60000000 node, "
		       "using cmdline CMA params instead");
	ck_assert_line(b, "OF: reserved mem: node linux,cma@60000000 compatible "
		       "matching fail");
	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000b9800000 on node -1");
	ck_assert_match(b, "cma: Reserved 64 MiB at 0x00000000b9800000", TB_EXACT, 0);
	ck_assert_str_eq(b->default_cma->name, "reserved");
	tb_free(&t);
}
END_TEST

/* §10.1/kernel-semantics §10.7: cma=0 is "given": it disables the default area and still bypasses a DT default */
START_TEST(test_cma0_disables)
{
	static const char *const p6[] = { P612, P61 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, p6[i], DT_DEFAULT_DTS,
					     "console=ttyAMA0 cma=0", NULL);

		ck_assert_line(b, "Reserved memory: bypass linux,cma@60000000 node, "
			       "using cmdline CMA params instead");
		ck_assert_match(b, "cma: Reserved", TB_PREFIX, 0);
		ck_assert_ptr_null(b->default_cma);
		ck_assert_uint_eq(b->cma.nr, 0);
		tb_free(&t);
	}
	/* golden no-default+cma0: no area, the atomic pools come from the buddy */
	{
		struct tboot t;
		struct rm_board *b = tb_golden(&t, "no-default+cma0.k6.1");

		ck_assert_match(b, "cma: Reserved", TB_PREFIX, 0);
		ck_assert_ptr_null(b->default_cma);
		ck_assert_line(b, "DMA: preallocated 256 KiB GFP_KERNEL pool for "
			       "atomic allocations");
		ck_assert_uint_eq(b->nr_atomic, 3);
		ck_assert(b->atomic[0].ok && !b->atomic[0].from_cma);
		tb_free(&t);
	}
}
END_TEST

/* §10.2.2: in 6.x a DT linux,cma-default still beats CONFIG_CMA_SIZE_MBYTES (golden basic.k6.1, basic.k6.12) */
START_TEST(test_dt_default_beats_kconfig_6x)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "basic.k6.1");

	ck_assert_match(b, "cma: Reserved", TB_PREFIX, 0);
	ck_assert_str_eq(b->default_cma->name, "linux,cma@60000000");
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0x600c0ULL);
	tb_free(&t);
	b = tb_golden(&t, "basic.k6.12");
	ck_assert_match(b, "cma: Reserved", TB_PREFIX, 0);
	ck_assert_str_eq(b->default_cma->name, "linux,cma@60000000");
	tb_free(&t);
}
END_TEST

/*
 * Seed 002: "初始化cma的share pool一共有dts、cmdline、config共3种。3种顺序是
 * dts==>cmdline==>config" -- dma_contiguous_reserve() does nothing once
 * rmem_cma_setup() has set dma_contiguous_default_area ("如果通过dts中数值
 * 进行了初始化,则忽略后面的初始化").  4.19 has no bypass (§8.1.1).
 */
START_TEST(test_dt_beats_cmdline_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, DT_DEFAULT_DTS,
				     "console=ttyAMA0 cma=64M", NULL);

	ck_assert_match(b, "bypass", TB_SUBSTR, 0);
	ck_assert_match(b, "cma: Reserved", TB_PREFIX, 0);
	ck_assert_line(b, "Reserved memory: created CMA memory pool at "
		       "0x0000000060000000, size 32 MiB");
	ck_assert_ptr_nonnull(b->default_cma);
	ck_assert_str_eq(b->default_cma->name, "linux,cma@60000000");
	ck_assert_uint_eq(b->cma.nr, 1);
	tb_free(&t);
}
END_TEST

/*
 * Seed 002 dma_contiguous_reserve(): "if (size_cmdline != -1) ... else
 * #ifdef CONFIG_CMA_SIZE_SEL_MBYTES selected_size = size_bytes" -- cmdline
 * over config.  §2: 4.19 places the area right below what the scan left
 * at the top of RAM, under the DMA limit (0xc0000000 with 2 GiB), 4 MiB
 * aligned.
 */
START_TEST(test_cmdline_beats_config_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, EMPTY_RESMEM_DTS,
				     "console=ttyAMA0 cma=8M",
				     "CONFIG_CMA_SIZE_MBYTES=32\n");

	ck_assert_line(b, "cma: Reserved 8 MiB at 0x00000000bf800000");
	ck_assert_str_eq(b->default_cma->name, "reserved");
	tb_free(&t);
	/* config alone */
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "console=ttyAMA0",
		    "CONFIG_CMA_SIZE_MBYTES=32\n");
	ck_assert_line(b, "cma: Reserved 32 MiB at 0x00000000be000000");
	tb_free(&t);
	/* Kconfig default CMA_SIZE_MBYTES=16 on arm64 (kernel-semantics §3.5) */
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "console=ttyAMA0", NULL);
	ck_assert_line(b, "cma: Reserved 16 MiB at 0x00000000bf000000");
	tb_free(&t);
}
END_TEST

/* §10.1/§10.2: 6.x cmdline over config too; CONFIG_CMA_SIZE_MBYTES=0 means no area */
START_TEST(test_6x_cmdline_beats_config)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, EMPTY_RESMEM_DTS,
				     "console=ttyAMA0 cma=8M",
				     "CONFIG_CMA_SIZE_MBYTES=32\n");

	ck_assert_match(b, "cma: Reserved 8 MiB at 0x", TB_PREFIX, 1);
	ck_assert_uint_eq(b->default_cma->count, SZ_8M >> 12);
	tb_free(&t);
	b = tb_text(&t, P612, EMPTY_RESMEM_DTS, "console=ttyAMA0",
		    "CONFIG_CMA_SIZE_MBYTES=0\n");
	ck_assert_match(b, "cma: ", TB_PREFIX, 0);
	ck_assert_ptr_null(b->default_cma);
	tb_free(&t);
}
END_TEST

/* ---- CONFIG_CMA_SIZE_SEL_* ----------------------------------------------- */

/*
 * kernel-semantics §3.5: PERCENTAGE = (total_pages * pct / 100) << PAGE_SHIFT
 * over all memblock memory: 2 GiB, 10% -> 52428 pages = 0xcccc000, rounded
 * up to the alignment (§10.3.4): 206 MiB with 2 MiB (6.x), 208 MiB with
 * 4 MiB (4.19, placed at round_down(0xc0000000 - 208 MiB, 4 MiB)).
 */
START_TEST(test_kconfig_percentage)
{
	static const char cfg[] = "CONFIG_CMA_SIZE_MBYTES=64\n"
				  "# CONFIG_CMA_SIZE_SEL_MBYTES is not set\n"
				  "CONFIG_CMA_SIZE_SEL_PERCENTAGE=y\n"
				  "CONFIG_CMA_SIZE_PERCENTAGE=10\n";
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "", cfg);

	ck_assert_line(b, "cma: Reserved 208 MiB at 0x00000000b3000000");
	tb_free(&t);
	b = tb_text(&t, P61, EMPTY_RESMEM_DTS, "", cfg);
	ck_assert_match(b, "cma: Reserved 206 MiB at 0x", TB_PREFIX, 1);
	ck_assert_uint_eq(b->default_cma->count, 0xce00000ULL >> 12);
	/* below the DMA limit, 2 MiB aligned */
	ck_assert_uint_eq((b->default_cma->base_pfn << 12) & (SZ_2M - 1), 0);
	ck_assert_uint_le((b->default_cma->base_pfn << 12) + 0xce00000ULL,
			  0xc0000000ULL);
	tb_free(&t);
	b = tb_text(&t, P612, EMPTY_RESMEM_DTS, "", cfg);
	ck_assert_match(b, "cma: Reserved 206 MiB at 0x", TB_PREFIX, 1);
	ck_assert_match(b, " on node -1", TB_SUFFIX, 1);
	tb_free(&t);
}
END_TEST

/* kernel-semantics §3.5: MIN = min(MBYTES, percentage), MAX = max(MBYTES, percentage) */
START_TEST(test_kconfig_min_max)
{
	struct tboot t;
	struct rm_board *b;

	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "",
		    "CONFIG_CMA_SIZE_MBYTES=300\nCONFIG_CMA_SIZE_PERCENTAGE=10\n"
		    "CONFIG_CMA_SIZE_SEL_MIN=y\n");
	ck_assert_line(b, "cma: Reserved 208 MiB at 0x00000000b3000000");
	tb_free(&t);
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "",
		    "CONFIG_CMA_SIZE_MBYTES=100\nCONFIG_CMA_SIZE_PERCENTAGE=10\n"
		    "CONFIG_CMA_SIZE_SEL_MIN=y\n");
	ck_assert_line(b, "cma: Reserved 100 MiB at 0x00000000b9c00000");
	tb_free(&t);
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "",
		    "CONFIG_CMA_SIZE_MBYTES=100\nCONFIG_CMA_SIZE_PERCENTAGE=10\n"
		    "CONFIG_CMA_SIZE_SEL_MAX=y\n");
	ck_assert_line(b, "cma: Reserved 208 MiB at 0x00000000b3000000");
	tb_free(&t);
	b = tb_text(&t, P612, EMPTY_RESMEM_DTS, "",
		    "CONFIG_CMA_SIZE_MBYTES=300\nCONFIG_CMA_SIZE_PERCENTAGE=10\n"
		    "CONFIG_CMA_SIZE_SEL_MAX=y\n");
	ck_assert_match(b, "cma: Reserved 300 MiB at 0x", TB_PREFIX, 1);
	tb_free(&t);
	b = tb_text(&t, P61, EMPTY_RESMEM_DTS, "",
		    "CONFIG_CMA_SIZE_MBYTES=100\nCONFIG_CMA_SIZE_PERCENTAGE=10\n"
		    "CONFIG_CMA_SIZE_SEL_MIN=y\n");
	ck_assert_match(b, "cma: Reserved 100 MiB at 0x", TB_PREFIX, 1);
	tb_free(&t);
}
END_TEST

/* ---- cma=S@B ---------------------------------------------------------- */

/* §10.1/§10.3.7: cma=S@B is fixed (golden no-default+cma16M@0x90000000.k6.1/.k6.12) */
START_TEST(test_fixed_placement)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "no-default+cma16M@0x90000000.k6.1");

	ck_assert_line(b, "cma: Reserved 16 MiB at 0x0000000090000000");
	ck_assert_uint_eq(b->default_cma->base_pfn, 0x90000ULL);
	/* golden probe first_alloc_pfn=0x900c0 */
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0x900c0ULL);
	tb_free(&t);
	b = tb_golden(&t, "no-default+cma16M@0x90000000.k6.12");
	ck_assert_line(b, "cma: Reserved 16 MiB at 0x0000000090000000 on node -1");
	tb_free(&t);
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "cma=16M@0x90000000", NULL);
	ck_assert_line(b, "cma: Reserved 16 MiB at 0x0000000090000000");
	tb_free(&t);
}
END_TEST

/* §10.3.3: 6.x rejects a misaligned fixed base (golden cmamis.k6.1/.k6.12) */
START_TEST(test_fixed_misaligned_6x)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "cmamis.k6.1");
	const char *mis = "cma: Region at 0x0000000090100000 must be aligned to "
			  "0x0000000000200000 bytes";

	ck_assert_line(b, mis);
	ck_assert_line(b, "cma: Failed to reserve 16 MiB");
	ck_assert_before(b, mis, "cma: Failed to reserve 16 MiB");
	ck_assert_ptr_null(b->default_cma);
	tb_free(&t);
	b = tb_golden(&t, "cmamis.k6.12");
	ck_assert_line(b, mis);
	ck_assert_line(b, "cma: Failed to reserve 16 MiB on node -1");
	ck_assert_ptr_null(b->default_cma);
	tb_free(&t);
}
END_TEST

/* §10.3.3: 4.19 silently rounds the fixed base up to its 4 MiB alignment */
START_TEST(test_fixed_misaligned_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, EMPTY_RESMEM_DTS,
				     "cma=16M@0x90100000", NULL);

	ck_assert_match(b, "must be aligned", TB_SUBSTR, 0);
	ck_assert_line(b, "cma: Reserved 16 MiB at 0x0000000090400000");
	ck_assert_uint_eq(b->default_cma->base_pfn, 0x90400ULL);
	tb_free(&t);
}
END_TEST

/* §10.3.4: the size is rounded up to the alignment: cma=3M -> 4 MiB (golden cma3M.k6.1/.k6.12) */
START_TEST(test_size_rounded)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "cma3M.k6.1");

	ck_assert_line(b, "cma: Reserved 4 MiB at 0x00000000bd600000");
	ck_assert_uint_eq(b->default_cma->count, SZ_4M >> 12);
	tb_free(&t);
	b = tb_golden(&t, "cma3M.k6.12");
	ck_assert_line(b, "cma: Reserved 4 MiB at 0x00000000bd600000 on node -1");
	tb_free(&t);
	/* 4.19: 4 MiB alignment, so 3 MiB -> 4 MiB as well */
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "cma=3M", NULL);
	ck_assert_line(b, "cma: Reserved 4 MiB at 0x00000000bfc00000");
	tb_free(&t);
}
END_TEST

/* §10.3.7: a fixed area over reserved memory (the initrd) is -EBUSY: "Failed to reserve" */
START_TEST(test_fixed_busy)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, EMPTY_RESMEM_DTS,
				     "cma=16M@0x48000000", NULL);

	ck_assert_line(b, "cma: Failed to reserve 16 MiB");
	ck_assert_ptr_null(b->default_cma);
	tb_free(&t);
	b = tb_text(&t, P612, EMPTY_RESMEM_DTS, "cma=16M@0x48000000", NULL);
	ck_assert_line(b, "cma: Failed to reserve 16 MiB on node -1");
	tb_free(&t);
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "cma=16M@0x48000000", NULL);
	ck_assert_line(b, "cma: Failed to reserve 16 MiB");
	tb_free(&t);
}
END_TEST

/* §10.3.6: 6.x checks base + size against the limit ("Size ... exceeds limit"); 4.19 has no such check */
START_TEST(test_limit_check)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, EMPTY_RESMEM_DTS,
				     "cma=64M@0x80000000-0x82000000", NULL);

	ck_assert_line(b, "cma: Size (0x0000000004000000) of region at "
		       "0x0000000080000000 exceeds limit (0x0000000082000000)");
	ck_assert_line(b, "cma: Failed to reserve 64 MiB");
	tb_free(&t);
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "cma=64M@0x80000000-0x82000000",
		    NULL);
	ck_assert_match(b, "exceeds limit", TB_SUBSTR, 0);
	ck_assert_line(b, "cma: Failed to reserve 64 MiB");
	tb_free(&t);
}
END_TEST

/* ---- slots ----------------------------------------------------------- */

/* n reusable static areas of `size` bytes, one after the other from 0x50000000 */
static char *cma_statics(unsigned int n, uint64_t size)
{
	char *body = NULL, *dts;
	unsigned int i;

	for (i = 0; i < n; i++) {
		uint64_t base = 0x50000000ULL + i * size;

		body = tb_cat(body, "\t\tcma%u@%llx { compatible = \"shared-dma-pool\";"
			      " reusable; reg = <0x0 0x%llx 0x0 0x%llx>; };\n", i,
			      (unsigned long long)base, (unsigned long long)base,
			      (unsigned long long)size);
	}
	dts = tb_fmt("/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
		     "\tmemory@40000000 { device_type = \"memory\"; reg = <0x0 "
		     "0x40000000 0x0 0x80000000>; };\n\treserved-memory {\n"
		     "\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n"
		     "\t\tranges;\n%s\t};\n};\n", body);
	free(body);
	return dts;
}

/*
 * §8.1.4-5, kernel-semantics §1.1/§10.21: Kconfig defaults give 8 slots
 * (6.12 CMA_AREAS=8; 6.1 1 + 7).  The 9th DT area: "Not enough slots",
 * "unable to setup CMA region", then the DMA init rejects `reusable`:
 * matching fail and release (6.x); the default area finds no slot either.
 */
START_TEST(test_slots_kconfig_defaults_6x)
{
	static const char *const p6[] = { P612, P61 };
	char *dts = cma_statics(9, SZ_2M);
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, p6[i], dts, "", NULL);
		const char *slots = "cma: Not enough slots for CMA reserved regions!";

		ck_assert_uint_eq(b->cma.max, 8);
		ck_assert_uint_eq(b->cma.nr, 8);
		ck_assert_lines(b, slots, 2);
		ck_assert_line(b, "Reserved memory: unable to setup CMA region");
		ck_assert_line(b, "OF: reserved mem: node cma8@51000000 compatible "
			       "matching fail");
		ck_assert_before(b, slots, "Reserved memory: unable to setup CMA region");
		ck_assert_ptr_null(tb_cma(b, "cma8@51000000"));
		ck_assert(region(b, "cma8@51000000")->released);
		ck_assert_ptr_null(b->default_cma);
		tb_free(&t);
	}
	free(dts);
}
END_TEST

/* §0 / §8.1.5: Debian 6.1 CMA_AREAS=19 (+1) and 6.12 CMA_AREAS=20: 20 slots each */
START_TEST(test_slots_debian)
{
	static const char *const p6[] = { P612, P61 };
	char *dts = cma_statics(20, SZ_2M);
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text_debian(&t, p6[i], dts, "");

		ck_assert_uint_eq(b->cma.max, 20);
		ck_assert_uint_eq(b->cma.nr, 20);
		ck_assert_match(b, "unable to setup CMA region", TB_SUBSTR, 0);
		/* the default (CONFIG 64 MiB) finds no slot left */
		ck_assert_line(b, "cma: Not enough slots for CMA reserved regions!");
		ck_assert_ptr_null(b->default_cma);
		tb_free(&t);
	}
	free(dts);
}
END_TEST

/* §8.1.5 + §7 (4.19 drops init errors): 1 + CONFIG_CMA_AREAS(7) slots, no "matching fail", memory kept */
START_TEST(test_slots_k4_19)
{
	char *dts = cma_statics(9, SZ_4M);
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, dts, "", NULL);

	ck_assert_uint_eq(b->cma.max, 8);
	ck_assert_uint_eq(b->cma.nr, 8);
	ck_assert_lines(b, "cma: Not enough slots for CMA reserved regions!", 2);
	ck_assert_line(b, "Reserved memory: unable to setup CMA region");
	ck_assert_match(b, "matching fail", TB_SUBSTR, 0);
	ck_assert(memblock_is_reserved_all(&b->mb, 0x52000000ULL, SZ_4M));
	tb_free(&t);
	free(dts);
}
END_TEST

/* ---- cma_alloc --------------------------------------------------------- */

struct step {
	uint64_t size;		/* 0: free step `free` */
	int free;
	uint64_t dma;		/* 0: CMA failed, from the page allocator; 1: FAIL */
};

/* golden coherent-cma: rmemprobe.seq for devD (cma-pool, 8 MiB at 0xbf800000) */
static const struct step cma_seq[] = {
	{ 4096, 0, 0xbf800000 }, { 12288, 0, 0xbf804000 }, { 20480, 0, 0xbf808000 },
	{ 8192, 0, 0xbf802000 }, { 4096, 0, 0xbf801000 }, { 4096, 0, 0xbf807000 },
	{ 4096, 0, 0xbf80d000 }, { 2097152, 0, 0xbf900000 },
	{ 1048576, 0, 0xbfb00000 }, { 4194304, 0, 0xbfc00000 },
	{ 1048576, 0, 0 },
	{ 0, 7, 0 },
	{ 1048576, 0, 0xbf900000 }, { 1048576, 0, 0xbfa00000 },
	{ 16384, 0, 0xbf810000 }, { 12288, 0, 0xbf814000 },
	{ 0, 9, 0 },
	{ 8388608, 0, 1 },
	{ 0, 0, 0 }, { 0, 1, 0 }, { 0, 2, 0 }, { 0, 3, 0 }, { 0, 4, 0 },
	{ 0, 5, 0 }, { 0, 6, 0 }, { 0, 8, 0 }, { 0, 12, 0 }, { 0, 13, 0 },
	{ 0, 14, 0 }, { 0, 15, 0 }, { 0, 10, 0 },
	{ 8388608, 0, 0xbf800000 },
	{ 4096, 0, 0 },
};

static void run_cma_seq(struct rm_board *b)
{
	struct rm_device *dev = tb_dev(b, "devD");
	struct rm_alloc a[sizeof(cma_seq) / sizeof(cma_seq[0])];
	bool live[sizeof(cma_seq) / sizeof(cma_seq[0])];
	unsigned int i;

	ck_assert_ptr_nonnull(dev->cma_area);
	ck_assert_str_eq(dev->cma_area->name, "cma-pool");
	for (i = 0; i < sizeof(cma_seq) / sizeof(cma_seq[0]); i++) {
		const struct step *s = &cma_seq[i];
		int ret;

		live[i] = false;
		if (!s->size) {
			ck_assert_msg(live[s->free], "step %u frees a dead step", i);
			rm_dma_free(b, &a[s->free]);
			live[s->free] = false;
			continue;
		}
		ret = rm_dma_alloc(b, dev, s->size, &a[i]);
		if (s->dma == 1) {
			ck_assert_msg(ret == -ENOMEM, "step %u: %d", i, ret);
			continue;
		}
		ck_assert_msg(ret == 0, "step %u: %d\n%s", i, ret, tb_log(b));
		live[i] = true;
		if (s->dma == 0) {
			ck_assert_msg(a[i].kind == RM_POOL_SYSTEM, "step %u", i);
		} else {
			ck_assert_msg(a[i].kind == RM_POOL_CMA, "step %u", i);
			ck_assert_msg(a[i].dma == s->dma, "step %u: dma 0x%llx, "
				      "want 0x%llx", i, (unsigned long long)a[i].dma,
				      (unsigned long long)s->dma);
			/* exactly the pages asked, not 2^order (§13.2) */
			ck_assert_uint_eq(a[i].count, s->size >> 12);
		}
	}
	for (i = 0; i < sizeof(cma_seq) / sizeof(cma_seq[0]); i++)
		if (live[i])
			rm_dma_free(b, &a[i]);
}

/* §12.1.5 / §13.2: first fit, align min(order, 8), absolute pfn, exact count; 6.1 "cma_alloc:" (golden coherent-cma.k6.1) */
START_TEST(test_cma_alloc_sequence_k6_1)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-cma.k6.1");
	struct rm_cma *cma = tb_cma(b, "cma-pool");

	run_cma_seq(b);
	ck_assert_line(b, "cma: cma_alloc: cma-pool: alloc failed, req-size: 256 "
		       "pages, ret: -12");
	ck_assert_line(b, "cma: cma_alloc: cma-pool: alloc failed, req-size: 2048 "
		       "pages, ret: -12");
	ck_assert_line(b, "cma: cma_alloc: cma-pool: alloc failed, req-size: 1 "
		       "pages, ret: -12");
	ck_assert_match(b, "number of available pages", TB_SUBSTR, 0);
	ck_assert_match(b, "__cma_alloc", TB_SUBSTR, 0);
	/* kernel-semantics §6.2: page counts, the failure one per asked page */
	ck_assert_uint_eq(cma->alloc_pages_success, 4373);
	ck_assert_uint_eq(cma->alloc_pages_fail, 256 + 2048 + 1);
	ck_assert_uint_eq(cma->release_pages_success, 4373);
	ck_assert_uint_eq(cma_used_pages(cma), 0);
	tb_free(&t);
}
END_TEST

/* §1.9 / §12.1.5: 6.12 "__cma_alloc:" plus the free-map dump (golden coherent-cma.k6.12, lines 512-522) */
START_TEST(test_cma_alloc_sequence_k6_12)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "coherent-cma.k6.12");
	const char *f256 = "cma: __cma_alloc: cma-pool: alloc failed, req-size: "
			   "256 pages, ret: -12";
	const char *d256 = "cma: number of available pages: 242@14=> 242 free of "
			   "2048 total pages";
	const char *f2048 = "cma: __cma_alloc: cma-pool: alloc failed, req-size: "
			    "2048 pages, ret: -12";
	const char *d2048 = "cma: number of available pages: 2@14+233@23+1024@1024"
			    "=> 1259 free of 2048 total pages";
	const char *f1 = "cma: __cma_alloc: cma-pool: alloc failed, req-size: 1 "
			 "pages, ret: -12";
	const char *d1 = "cma: number of available pages: => 0 free of 2048 total "
			 "pages";

	run_cma_seq(b);
	ck_assert_line(b, f256);
	ck_assert_line(b, d256);
	ck_assert_int_eq(tb_index(b, d256), tb_index(b, f256) + 1);
	ck_assert_line(b, f2048);
	ck_assert_line(b, d2048);
	ck_assert_int_eq(tb_index(b, d2048), tb_index(b, f2048) + 1);
	ck_assert_line(b, f1);
	ck_assert_line(b, d1);
	ck_assert_int_eq(tb_index(b, d1), tb_index(b, f1) + 1);
	ck_assert_match(b, "cma: cma_alloc:", TB_PREFIX, 0);
	tb_free(&t);
}
END_TEST

/* kernel-semantics §10.15 / profiles §13.2: alignment is absolute in pfn space */
START_TEST(test_cma_absolute_pfn_alignment)
{
	static const char dts[] = DTS(RESMEM(
		"\t\tcma50200000@50200000 { compatible = \"shared-dma-pool\"; reusable;"
		" reg = <0x0 0x50200000 0x0 0x800000>; };"));
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, dts, "", NULL);
	struct rm_cma *cma = tb_cma(b, "cma50200000@50200000");

	ck_assert_ptr_nonnull(cma);
	ck_assert_uint_eq(cma->base_pfn, 0x50200ULL);
	ck_assert_uint_eq(cma->count, 2048);
	/* 2^10-page alignment: pfn 0x50400 (bit 512), not the area start */
	ck_assert_uint_eq(cma_alloc(cma, 1, 10, false), 0x50400ULL);
	ck_assert_uint_eq(cma_alloc(cma, 1, 10, false), 0x50800ULL);
	ck_assert_uint_eq(cma_alloc(cma, 1, 10, false), 0);
	ck_assert_line(b, "cma: cma_alloc: cma50200000@50200000: alloc failed, "
		       "req-size: 1 pages, ret: -12");
	/* order 9: the start is 512-page aligned already */
	ck_assert_uint_eq(cma_alloc(cma, 512, 9, false), 0x50200ULL);
	/* count 0 fails silently (kernel-semantics §4.4) */
	ck_assert_uint_eq(cma_alloc(cma, 0, 0, false), 0);
	ck_assert_match(b, "alloc failed", TB_SUBSTR, 1);
	ck_assert_uint_eq(cma_used_pages(cma), 514);
	ck_assert_uint_eq(cma->alloc_pages_success, 514);
	ck_assert_uint_eq(cma->alloc_pages_fail, 1);
	ck_assert(cma_release(cma, 0x50400ULL, 1));
	ck_assert_uint_eq(cma->release_pages_success, 1);
	/* not ours: false (kernel-semantics §4.5) */
	ck_assert(!cma_release(cma, 0x60000ULL, 1));
	tb_free(&t);
}
END_TEST

/* golden basic+allocs (rmemprobe.allocs): dyn-pool:1, :8:3, :1, linux,cma:1024:9, :7000 */
START_TEST(test_cma_alloc_golden_allocs)
{
	static const char *const g[] = { "basic+allocs.k6.1", "basic+allocs.k6.12" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_golden(&t, g[i]);
		struct rm_cma *dyn = tb_cma(b, "dyn-pool");
		struct rm_cma *def = tb_cma(b, "linux,cma@60000000");

		ck_assert_ptr_nonnull(dyn);
		ck_assert_ptr_nonnull(def);
		ck_assert_uint_eq(cma_alloc(dyn, 1, 0, true), 0x7f000ULL);
		ck_assert_uint_eq(cma_alloc(dyn, 8, 3, true), 0x7f008ULL);
		ck_assert_uint_eq(cma_alloc(dyn, 1, 0, true), 0x7f001ULL);
		ck_assert_uint_eq(cma_alloc(def, 1024, 9, true), 0x60200ULL);
		ck_assert_uint_eq(cma_alloc(def, 7000, 0, true), 0);
		tb_free(&t);
	}
}
END_TEST

/* §12.2.3: 4.19's failure line has no area name */
START_TEST(test_cma_alloc_fail_message_k4_19)
{
	static const char dts[] = DTS(RESMEM(
		"\t\tpool@50400000 { compatible = \"shared-dma-pool\"; reusable;"
		" reg = <0x0 0x50400000 0x0 0x400000>; };"));
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, dts, "", NULL);
	struct rm_cma *cma = tb_cma(b, "pool@50400000");

	ck_assert_ptr_nonnull(cma);
	/* 2^11 alignment, offset 0x50400 & 0x7ff: the only aligned pfn, 0x50800, is the end */
	ck_assert_uint_eq(cma_alloc(cma, 1, 11, false), 0);
	ck_assert_uint_eq(cma_alloc(cma, 1, 10, false), 0x50400ULL);
	ck_assert_uint_eq(cma_alloc(cma, 1024, 0, false), 0);
	ck_assert_line(b, "cma: cma_alloc: alloc failed, req-size: 1024 pages, ret: -12");
	ck_assert_match(b, "number of available pages", TB_SUBSTR, 0);
	tb_free(&t);
}
END_TEST

/* ---- atomic pools ----------------------------------------------------- */

/* §1.6 / §11: 6.x three pools (KERNEL, DMA, DMA32), 2 GiB -> 64 pages each, first fit in the default area (golden basic.k6.1: 0x600c0) */
START_TEST(test_atomic_pools_6x)
{
	static const char *const p6[] = { P612, P61 };
	static const char *const gfp[] = {
		"GFP_KERNEL", "GFP_KERNEL|GFP_DMA", "GFP_KERNEL|GFP_DMA32"
	};
	unsigned int i, k;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text_debian(&t, p6[i], DT_DEFAULT_DTS, "");
		char *prev = NULL;

		ck_assert_uint_eq(b->nr_atomic, 3);
		for (k = 0; k < 3; k++) {
			char *line = tb_fmt("DMA: preallocated 256 KiB %s pool for "
					    "atomic allocations", gfp[k]);

			ck_assert_line(b, line);
			if (prev)
				ck_assert_before(b, prev, line);
			free(prev);
			prev = line;
			ck_assert_str_eq(b->atomic[k].gfp, gfp[k]);
			ck_assert(b->atomic[k].ok);
			ck_assert(b->atomic[k].from_cma);
			ck_assert_uint_eq(b->atomic[k].size, SZ_256K);
			ck_assert_uint_eq(b->atomic[k].phys, 0x60000000ULL + k * SZ_256K);
		}
		free(prev);
		ck_assert_uint_eq(cma_used_pages(b->default_cma), 0xc0);
		ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0x600c0ULL);
		tb_free(&t);
	}
}
END_TEST

/* §11: 8 GiB -> 3 x 256 pages (1024 KiB), first free 0x300 (golden no-default.mem8G) */
START_TEST(test_atomic_pools_8g)
{
	static const char dts[] = DTS_RAM("", VIRT_RAM_8G, RESMEM(DT_DEFAULT));
	struct tboot t;
	struct rm_board *b = tb_text_debian(&t, P612, dts, "");

	ck_assert_line(b, "DMA: preallocated 1024 KiB GFP_KERNEL pool for atomic "
		       "allocations");
	ck_assert_line(b, "DMA: preallocated 1024 KiB GFP_KERNEL|GFP_DMA32 pool for "
		       "atomic allocations");
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0x60300ULL);
	tb_free(&t);
	/* the oracle's 8 GiB run: area at 0xfc000000, first free 0xfc300 */
	b = tb_golden(&t, "no-default.mem8G.k6.1");
	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000fc000000");
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0xfc300ULL);
	tb_free(&t);
}
END_TEST

/* §11: 1 GiB -> 3 x 32 pages (the 128 KiB floor), first free 0x60 (golden mem1G.k6.1) */
START_TEST(test_atomic_pools_1g)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "mem1G.k6.1");

	ck_assert_line(b, "DMA: preallocated 128 KiB GFP_KERNEL pool for atomic "
		       "allocations");
	ck_assert_line(b, "cma: Reserved 64 MiB at 0x0000000078c00000");
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0x78c60ULL);
	tb_free(&t);
}
END_TEST

/* §1.6 / §11: 4.19 has one 256 KiB pool (pages 0..63 of the default area) */
START_TEST(test_atomic_pool_k4_19)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, DT_DEFAULT_DTS, "", NULL);

	ck_assert_uint_eq(b->nr_atomic, 1);
	ck_assert_line(b, "DMA: preallocated 256 KiB pool for atomic allocations");
	ck_assert_match(b, "DMA: preallocated", TB_PREFIX, 1);
	ck_assert(b->atomic[0].from_cma);
	ck_assert_uint_eq(b->atomic[0].phys, 0x60000000ULL);
	ck_assert_uint_eq(cma_used_pages(b->default_cma), 64);
	ck_assert_uint_eq(cma_alloc(b->default_cma, 1, 0, true), 0x60040ULL);
	tb_free(&t);
}
END_TEST

/* §10.1 / §14: 6.x early_cma() without a value: "Config string not provided", not "given" (Kconfig size used); absent in 4.19 */
START_TEST(test_config_string_not_provided)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, EMPTY_RESMEM_DTS,
				     "console=ttyAMA0 cma quiet", NULL);

	ck_assert_line(b, "cma: Config string not provided");
	ck_assert_match(b, "cma: Reserved 16 MiB at 0x", TB_PREFIX, 1);
	tb_free(&t);
	b = tb_text(&t, P612, EMPTY_RESMEM_DTS, "cma", NULL);
	ck_assert_line(b, "cma: Config string not provided");
	tb_free(&t);
	b = tb_text(&t, P419, EMPTY_RESMEM_DTS, "cma", NULL);
	ck_assert_match(b, "Config string", TB_SUBSTR, 0);
	tb_free(&t);
}
END_TEST

/*
 * §10.1 / kernel-semantics §10.22: cma=S@B-L is a range, fixed only when
 * L == B + S.  Not fixed: top-down in [B, L) -> 0xa0000000 - 16 MiB.
 */
START_TEST(test_cmdline_range_forms)
{
	static const char *const all[] = { P612, P61, P419 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all[i], EMPTY_RESMEM_DTS,
					     "cma=16M@0x90000000-0xa0000000", NULL);

		ck_assert_uint_eq(b->default_cma->base_pfn, 0x9f000ULL);
		tb_free(&t);
		b = tb_text(&t, all[i], EMPTY_RESMEM_DTS,
			    "cma=16M@0x90000000-0x91000000", NULL);
		ck_assert_uint_eq(b->default_cma->base_pfn, 0x90000ULL);
		tb_free(&t);
	}
	{
		struct tboot t;
		struct rm_board *b = tb_text(&t, P61, EMPTY_RESMEM_DTS,
					     "cma=16M@0x90000000-0xa0000000", NULL);

		ck_assert_line(b, "cma: Reserved 16 MiB at 0x000000009f000000");
		tb_free(&t);
	}
}
END_TEST

/* kernel-semantics §4.4: more bits than the area fails without the message, and counts as failed pages */
START_TEST(test_cma_alloc_larger_than_area)
{
	static const char dts[] = DTS(RESMEM(
		"\t\tsmall@50400000 { compatible = \"shared-dma-pool\"; reusable;"
		" reg = <0x0 0x50400000 0x0 0x400000>; };"));
	static const char *const all[] = { P612, P61, P419 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, all[i], dts, "", NULL);
		struct rm_cma *cma = tb_cma(b, "small@50400000");

		ck_assert_ptr_nonnull(cma);
		ck_assert_uint_eq(cma_alloc(cma, 1025, 0, false), 0);
		ck_assert_match(b, "alloc failed", TB_SUBSTR, 0);
		ck_assert_uint_eq(cma->alloc_pages_fail, 1025);
		ck_assert_uint_eq(cma_alloc(cma, 1024, 0, false), 0x50400ULL);
		ck_assert_uint_eq(cma->alloc_pages_success, 1024);
		tb_free(&t);
	}
}
END_TEST

/*
 * §11 cma_in_zone(): a default area above 4 GiB serves the GFP_KERNEL
 * pool; the DMA and DMA32 pools come from alloc_pages.
 */
START_TEST(test_atomic_pools_area_above_dma_limit)
{
	static const char dts[] = DTS_RAM("", VIRT_RAM_8G, RESMEM(
		"\t\tlinux,cma@140000000 { compatible = \"shared-dma-pool\"; reusable;"
		" reg = <0x1 0x40000000 0x0 0x2000000>; linux,cma-default; };\n"));
	struct tboot t;
	struct rm_board *b = tb_text_debian(&t, P61, dts, "");

	ck_assert_uint_eq(b->nr_atomic, 3);
	ck_assert(b->atomic[0].from_cma);
	ck_assert_uint_eq(b->atomic[0].phys, 0x140000000ULL);
	ck_assert(b->atomic[1].ok && !b->atomic[1].from_cma);
	ck_assert(b->atomic[2].ok && !b->atomic[2].from_cma);
	ck_assert_uint_le(b->atomic[1].phys, 0xffffffffULL);
	ck_assert_uint_le(b->atomic[2].phys, 0xffffffffULL);
	ck_assert_uint_eq(cma_used_pages(b->default_cma), 256);
	tb_free(&t);
}
END_TEST

/* §11: coherent_pool= sets each pool's size (6.x, three pools) or the single pool's (4.19) */
START_TEST(test_atomic_pools_coherent_pool_param)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, P61, DT_DEFAULT_DTS, "coherent_pool=512K",
				     NULL);

	ck_assert_line(b, "DMA: preallocated 512 KiB GFP_KERNEL pool for atomic "
		       "allocations");
	ck_assert_line(b, "DMA: preallocated 512 KiB GFP_KERNEL|GFP_DMA32 pool for "
		       "atomic allocations");
	ck_assert_uint_eq(cma_used_pages(b->default_cma), 3 * 128);
	tb_free(&t);
	b = tb_text(&t, P419, DT_DEFAULT_DTS, "coherent_pool=512K", NULL);
	ck_assert_line(b, "DMA: preallocated 512 KiB pool for atomic allocations");
	ck_assert_uint_eq(cma_used_pages(b->default_cma), 128);
	tb_free(&t);
}
END_TEST

/* §7 "which linux,cma-default wins": the last initialised: 6.1 sorted (defA@70000000), 6.12 statics in DT order (defB@60000000) (golden twodef: dma=0x700c0000 / 0x600c0000) */
START_TEST(test_last_cma_default_wins)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "twodef.k6.1");

	ck_assert_str_eq(b->default_cma->name, "defA@70000000");
	ck_assert_uint_eq(cma_alloc(tb_cma(b, "defA@70000000"), 1, 0, true), 0x700c0ULL);
	ck_assert_uint_eq(cma_alloc(tb_cma(b, "defB@60000000"), 1, 0, true), 0x60000ULL);
	/* §8.1.6: areas in init order: 6.1 sorted by base */
	ck_assert_str_eq(b->cma.areas[0]->name, "defB@60000000");
	ck_assert_str_eq(b->cma.areas[1]->name, "defA@70000000");
	tb_free(&t);
	b = tb_golden(&t, "twodef.k6.12");
	ck_assert_str_eq(b->default_cma->name, "defB@60000000");
	ck_assert_uint_eq(cma_alloc(tb_cma(b, "defB@60000000"), 1, 0, true), 0x600c0ULL);
	ck_assert_uint_eq(cma_alloc(tb_cma(b, "defA@70000000"), 1, 0, true), 0x70000ULL);
	ck_assert_str_eq(b->cma.areas[0]->name, "defA@70000000");
	ck_assert_str_eq(b->cma.areas[1]->name, "defB@60000000");
	tb_free(&t);
	/* 4.19 sorts like 6.1 (§5.2): defA is initialised last; one 64-page pool */
	b = tb_fixture(&t, P419, "oracle/twodef.dts", "");
	ck_assert_str_eq(b->default_cma->name, "defA@70000000");
	ck_assert_uint_eq(cma_alloc(tb_cma(b, "defA@70000000"), 1, 0, true), 0x70040ULL);
	tb_free(&t);
}
END_TEST

/* §2: 4.19 DMA limit = min(end of the 4 GiB window holding the DRAM start, end of DRAM): 8 GiB -> 0x100000000 */
START_TEST(test_dma_limit_8g_k4_19)
{
	static const char dts[] = DTS_RAM("", VIRT_RAM_8G, RESMEM(""));
	struct tboot t;
	struct rm_board *b = tb_text(&t, P419, dts, "", NULL);

	ck_assert_line(b, "cma: Reserved 16 MiB at 0x00000000ff000000");
	tb_free(&t);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("cma");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cmdline_bypass_k6_1);
	tcase_add_test(tc, test_cmdline_bypass_k6_12);
	tcase_add_test(tc, test_cma0_disables);
	tcase_add_test(tc, test_dt_default_beats_kconfig_6x);
	tcase_add_test(tc, test_dt_beats_cmdline_k4_19);
	tcase_add_test(tc, test_cmdline_beats_config_k4_19);
	tcase_add_test(tc, test_6x_cmdline_beats_config);
	tcase_add_test(tc, test_kconfig_percentage);
	tcase_add_test(tc, test_kconfig_min_max);
	tcase_add_test(tc, test_fixed_placement);
	tcase_add_test(tc, test_fixed_misaligned_6x);
	tcase_add_test(tc, test_fixed_misaligned_k4_19);
	tcase_add_test(tc, test_size_rounded);
	tcase_add_test(tc, test_fixed_busy);
	tcase_add_test(tc, test_limit_check);
	tcase_add_test(tc, test_slots_kconfig_defaults_6x);
	tcase_add_test(tc, test_slots_debian);
	tcase_add_test(tc, test_slots_k4_19);
	tcase_add_test(tc, test_cma_alloc_sequence_k6_1);
	tcase_add_test(tc, test_cma_alloc_sequence_k6_12);
	tcase_add_test(tc, test_cma_absolute_pfn_alignment);
	tcase_add_test(tc, test_cma_alloc_golden_allocs);
	tcase_add_test(tc, test_cma_alloc_fail_message_k4_19);
	tcase_add_test(tc, test_atomic_pools_6x);
	tcase_add_test(tc, test_atomic_pools_8g);
	tcase_add_test(tc, test_atomic_pools_1g);
	tcase_add_test(tc, test_atomic_pool_k4_19);
	tcase_add_test(tc, test_config_string_not_provided);
	tcase_add_test(tc, test_cmdline_range_forms);
	tcase_add_test(tc, test_cma_alloc_larger_than_area);
	tcase_add_test(tc, test_atomic_pools_area_above_dma_limit);
	tcase_add_test(tc, test_atomic_pools_coherent_pool_param);
	tcase_add_test(tc, test_last_cma_default_wins);
	tcase_add_test(tc, test_dma_limit_8g_k4_19);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
