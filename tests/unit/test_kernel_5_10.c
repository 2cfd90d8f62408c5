// SPDX-License-Identifier: GPL-2.0
/*
 * test_kernel_5_10 - what the 5.10 profile does differently, each case a
 * golden from the real 5.10.223 kernel (Debian 5.10.0-32) and the 5.10
 * source line it pins (doc/kernels.md, the 5.10 column).
 */
#include "boot_helpers.h"

#include "kernel/of/address.h"

/*
 * drivers/of/of_reserved_mem.c:42 early_init_dt_alloc_reserved_memory_arch:
 * a dynamic no-map region is memblock_remove()d; fdt.c:1151 a static one
 * only marked NOMAP.  basic.k5.10: RAM ends at 0xbfcfffff (the dynamic
 * no-map at 0xbfd00000 is gone), the static no-map 0x50000000 stays a
 * range of its own.
 */
START_TEST(test_dynamic_nomap_removed)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "basic.k5.10");

	ck_assert_line(b, "  DMA      [mem 0x0000000040000000-0x00000000bfcfffff]");
	ck_assert_line(b, "  node   0: [mem 0x0000000050000000-0x00000000500fffff]");
	ck_assert_line(b, "Initmem setup node 0 [mem 0x0000000040000000-0x00000000bfcfffff]");
	ck_assert(!memblock_overlaps_memory(&b->mb, 0xbfd00000ULL, SZ_1M));
	ck_assert(memblock_is_nomap(&b->mb, 0x50000000ULL));
	tb_free(&t);
}
END_TEST

/*
 * of_reserved_mem.c:274-279: after "compatible matching fail" 5.10 does
 * memblock_free() and, for no-map, memblock_add(), which leaves a NOMAP
 * range NOMAP (errors.k5.10: cma-nomap@5b000000 stays a node range of
 * its own; 6.1 clears it and the range merges).
 */
START_TEST(test_matching_fail_keeps_nomap)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "errors.k5.10");

	ck_assert_line(b, "OF: reserved mem: node cma-nomap@5b000000 compatible matching fail");
	ck_assert_line(b, "  node   0: [mem 0x000000005b000000-0x000000005b3fffff]");
	ck_assert(memblock_is_nomap(&b->mb, 0x5b000000ULL));
	/* mm/cma.c:236-370: 4 MiB CMA alignment refuses a 2 MiB one */
	ck_assert_line(b, "OF: reserved mem: node cma-2m-aligned@5d200000 compatible matching fail");
	/* of_reserved_mem.c:150: pr_info, and no size */
	ck_assert_line(b, "OF: reserved mem: failed to allocate memory for node 'too-big'");
	tb_free(&t);
}
END_TEST

/*
 * fdt.c:991-1031 early_init_dt_scan_memory: every node of the tree, status
 * not read (6.x reads it).  b-bcm2837-rpi-3-b.memory.fixed.k5.10: QEMU's
 * disabled memory@40000000 (1 GiB) still counts, so RAM is the union
 * with the board's own 0x3c000000 and the DT's CMA pool lands at the top
 * of 1 GiB.
 */
START_TEST(test_memory_status_ignored)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t,
		"b-bcm2837-rpi-3-b.memory.fixed.raw.mem1G.k5.10");

	ck_assert_line(b, "Reserved memory: created CMA memory pool at 0x000000007c000000, size 64 MiB");
	ck_assert_line(b, "  node   0: [mem 0x0000000040000000-0x000000007fffffff]");
	tb_free(&t);
}
END_TEST

/*
 * arch/arm64/include/asm/sparsemem.h:10 SECTION_SIZE_BITS 30: the
 * vmemmap is 16 MiB a GiB, 16 MiB aligned, and comes off the top before
 * the default area (arm64/mm/init.c:469-475).  limits.k5.10: the area at
 * 0xb9000000 where 6.1 puts it at 0xb9a00000.
 */
START_TEST(test_one_gib_sections_move_cma)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "limits.k5.10");

	ck_assert_line(b, "cma: Reserved 64 MiB at 0x00000000b9000000");
	ck_assert_uint_eq(b->default_cma->base_pfn, 0xb9000ULL);
	tb_free(&t);
}
END_TEST

/*
 * kernel/dma/coherent.c:97-107,344: rmem_dma_device_init ignores what
 * dma_assign_coherent_memory() says, so a second pool for a device is 0
 * (dup.k5.10: devX region_idx=1 init_ret=0; 6.1.192 gives -EBUSY).
 */
START_TEST(test_second_pool_not_ebusy)
{
	struct tboot t;
	struct rm_board *b = tb_golden(&t, "dup.k5.10");
	struct rm_device *x = tb_dev(b, "devX");

	ck_assert_int_eq(x->regs[0].result, 0);
	ck_assert_int_eq(x->regs[1].result, 0);
	tb_free(&t);
}
END_TEST

/*
 * drivers/of/device.c:101 of_dma_configure(): of_dma_get_range(np) starts
 * at the device node (address.c:958-990: a node without dma-ranges
 * makes a missing one above it an error), where 6.1 starts at its parent
 * (6.1 device.c:126 __of_get_dma_parent).  A device under a plain node
 * under the bus with dma-ranges: 6.1 takes the bus's window, 5.10 finds
 * no map and the device is unlimited.  From the sources; no golden has
 * this nesting.
 */
#define NESTED_BUS							\
	"\tbus { compatible = \"simple-bus\"; #address-cells = <2>;"	\
	" #size-cells = <2>; ranges;"					\
	" dma-ranges = <0x0 0x40000000 0x0 0x40000000 0x0 0x20000000>;\n"	\
	"\t\tsub { compatible = \"simple-bus\"; #address-cells = <2>;"	\
	" #size-cells = <2>; ranges;\n"					\
	"\t\t\tdev@0 { compatible = \"rmemfs,test-device\"; }; }; };\n"
START_TEST(test_dma_ranges_walk_from_device)
{
	static const char *const prof[] = { "6.1", "5.10" };
	static const uint64_t limit[] = { 0x5fffffffULL, 0 };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		struct tboot t;
		struct rm_board *b = tb_text(&t, prof[i], DTS(NESTED_BUS), NULL,
					     NULL);
		struct rm_device dev = *b->default_dev;

		/* the probe's plain device (tests/tools/rmprobe.c) */
		dev.node = fdt_path_offset(b->fdt, "/bus/sub/dev@0");
		ck_assert_int_ge(dev.node, 0);
		dev.dma_range_map = NULL;
		dev.nr_dma_ranges = 0;
		dev.bus_dma_limit = 0;
		ck_assert_int_eq(rm_of_dma_get_range(b, &dev), 0);
		ck_assert_uint_eq(dev.bus_dma_limit, limit[i]);
		ck_assert_uint_eq(dev.nr_dma_ranges, i ? 0 : 1);
		free(dev.dma_range_map);
		tb_free(&t);
	}
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("kernel-5.10");
	TCase *tc = tcase_create("golden");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_dynamic_nomap_removed);
	tcase_add_test(tc, test_matching_fail_keeps_nomap);
	tcase_add_test(tc, test_memory_status_ignored);
	tcase_add_test(tc, test_one_gib_sections_move_cma);
	tcase_add_test(tc, test_second_pool_not_ebusy);
	tcase_add_test(tc, test_dma_ranges_walk_from_device);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
