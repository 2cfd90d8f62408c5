// SPDX-License-Identifier: GPL-2.0
/*
 * test_udmabuf - kernel/drivers/u-dma-buf*.c against u-dma-buf.c 5.2.0
 * and u-dma-buf-mgr.c 4.4.0 (doc/u-dma-buf.md): kstrtoull's grammar
 * (lib/kstrtox.c), the probe's naming and property rules, the stores'
 * ranges and post actions, the ioctls' layouts, the manager's parser.
 */
#include <check.h>
#include <string.h>

#include "boot_helpers.h"
#include "kernel/drivers/u-dma-buf-mgr.h"
#include "kernel/lib/kstrtox.h"

#define KS(s, want) do {						\
	uint64_t v_ = 0;						\
	ck_assert_int_eq(rm_kstrtoull(s, strlen(s), &v_), 0);		\
	ck_assert_uint_eq(v_, (uint64_t)(want));			\
} while (0)
#define KS_ERR(s, err) do {						\
	uint64_t v_ = 0;						\
	ck_assert_int_eq(rm_kstrtoull(s, strlen(s), &v_), err);	\
} while (0)

START_TEST(test_kstrtoull)
{
	KS("0", 0);
	KS("4096\n", 4096);
	KS("+12", 12);
	KS("0x1F", 31);
	KS("010", 8);
	KS("18446744073709551615", UINT64_MAX);
	KS_ERR("", -EINVAL);
	KS_ERR("\n", -EINVAL);
	KS_ERR("08", -EINVAL);		/* octal */
	KS_ERR("0x", -EINVAL);		/* "0" then 'x' */
	KS_ERR(" 1", -EINVAL);
	KS_ERR("1 ", -EINVAL);
	KS_ERR("1\n\n", -EINVAL);	/* one newline only */
	KS_ERR("-1", -EINVAL);
	KS_ERR("18446744073709551616", -ERANGE);
	KS_ERR("0x1ffffffffffffffff", -ERANGE);
}
END_TEST

#define BOARD DTS(RESMEM(						\
	"\t\tpool: pool@58000000 { compatible = \"shared-dma-pool\"; "	\
	"no-map; reg = <0x0 0x58000000 0x0 0x100000>; };\n")		\
	"\tub0 { compatible = \"ikwzm,u-dma-buf\"; size = <0x0 0x1800>; " \
	"memory-region = <&pool>; sync-offset = <0x100>; "		\
	"sync-size = <0x200>; };\n"					\
	"\tub1 { compatible = \"ikwzm,u-dma-buf\"; size = <0x1000>; "	\
	"minor-number = <0>; };\n"					\
	"\tub2 { compatible = \"ikwzm,u-dma-buf\"; size = <0x1000>; "	\
	"device-name = \"a/b\"; sync-mode = <4>; };\n"			\
	"\tub3 { compatible = \"ikwzm,u-dma-buf\"; };\n")

/* probe order, names and the failure rows */
START_TEST(test_probe)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, "6.12", BOARD, NULL, NULL);
	struct udmabuf *ub0 = udmabuf_find(b, "ub0");

	ck_assert_ptr_nonnull(ub0);
	ck_assert_int_eq(ub0->minor, 0);	/* dev_name(): the node */
	ck_assert_uint_eq(ub0->size, 0x1800);
	ck_assert_uint_eq(ub0->alloc_size, 0x2000);
	ck_assert_uint_eq(ub0->alloc.dma, 0x58000000);
	ck_assert_uint_eq(ub0->sync_offset, 0x100);
	ck_assert_uint_eq(ub0->sync_size, 0x200);
	/* minor 0 is taken: "couldn't allocate minor number(=0)." */
	ck_assert_ptr_null(udmabuf_find(b, "udmabuf0"));
	ck_assert_int_ge(tb_index(b, "u-dma-buf: couldn't allocate minor "
				  "number(=0)."), 0);
	/* sync-mode 4 is not 1..3: no device */
	ck_assert_ptr_null(udmabuf_find(b, "a!b"));
	ck_assert_int_ge(tb_index(b, "u-dma-buf ub2: invalid sync-mode property "
				  "value=4"), 0);
	/* no size: -ENODEV, no driver core line */
	ck_assert_int_ge(tb_index(b, "u-dma-buf ub3: invalid property size. "
				  "status=-22"), 0);
	ck_assert_int_lt(tb_index(b, "u-dma-buf ub3: probe with driver u-dma-buf "
				  "failed with error -19"), 0);
	tb_free(&t);
}
END_TEST

/* stores: range, value kept on a failing post action, the ioctls */
START_TEST(test_stores_and_ioctls)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, "6.12", BOARD, NULL, NULL);
	struct udmabuf *ub = udmabuf_find(b, "ub0");
	const struct udmabuf_attr *dir = udmabuf_attr_find("sync_direction");
	const struct udmabuf_attr *cpu = udmabuf_attr_find("sync_for_cpu");
	unsigned char out[64];
	uint64_t in[3];
	size_t len;

	ck_assert_int_eq(udmabuf_attr_store(ub, dir, "3\n", 2), -EINVAL);
	ck_assert_int_eq(ub->sync_direction, 0);
	ck_assert_int_eq(udmabuf_attr_store(ub, dir, "2\n", 2), 2);
	ck_assert_int_eq(ub->sync_direction, 2);
	ub->sync_owner = 1;
	/* packed: offset 0x1000, 0x1000 bytes: past 0x1800 */
	ck_assert_int_eq(udmabuf_attr_store(ub, cpu, "0x100000001001", 14),
			 -EINVAL);
	ck_assert_uint_eq(ub->sync_for_cpu, 0x100000001001ULL);
	ck_assert_int_eq(ub->sync_owner, 1);
	ck_assert_int_eq(udmabuf_attr_store(ub, cpu, "1", 1), 1);
	ck_assert_int_eq(ub->sync_owner, 0);
	ck_assert_uint_eq(ub->sync_for_cpu, 0);

	ck_assert_int_eq(udmabuf_ioctl(ub, UDMABUF_IOCTL_GET_DRV_INFO, NULL, 0,
				       out, &len), 0);
	ck_assert_uint_eq(len, 24);
	ck_assert_uint_eq(*(uint64_t *)out, 0x33101);
	ck_assert_str_eq((char *)out + 8, "5.2.0");
	ck_assert_int_eq(udmabuf_ioctl(ub, UDMABUF_IOCTL_GET_DEV_INFO, NULL, 0,
				       out, &len), 0);
	ck_assert_uint_eq(((uint64_t *)out)[0], 32 | 2 << 10);
	ck_assert_int_eq(udmabuf_ioctl(ub, UDMABUF_IOCTL_EXPORT, NULL, 0, out,
				       &len), -ENOTTY);
	/* SET_SYNC: offset stored even when the sync then fails */
	in[0] = 3;		/* for device, direction 0 */
	in[1] = 0;
	in[2] = 0x1800;
	ck_assert_int_eq(udmabuf_ioctl(ub, UDMABUF_IOCTL_SET_SYNC, in, 24, out,
				       &len), -EINVAL);
	ck_assert_uint_eq(ub->sync_offset, 0x1800);
	ck_assert_int_eq(ub->sync_direction, 0);
	ck_assert_uint_eq(udmabuf_rw_count(0x1800, 0x17fe, 4), 2);
	ck_assert_uint_eq(udmabuf_rw_count(0x1800, 0x1800, 4), 0);
	ck_assert_int_eq(udmabuf_mmap_check(ub, 1, 0x1000), 0);
	ck_assert_int_eq(udmabuf_mmap_check(ub, 1, 0x1001), -EINVAL);
	tb_free(&t);
}
END_TEST

#define MGR(s) udmabuf_mgr_write(b, &f, s, strlen(s), &ops)

/*
 * of_dma_is_coherent() (6.1/6.12 drivers/of/address.c): the node, then
 * its DMA parent (dma-parent phandle, else the parent); dma-noncoherent
 * on the way stops the walk.
 */
#define UB(name, extra) "\t\t" name " { compatible = \"ikwzm,u-dma-buf\"; " \
	"device-name = \"" name "\"; size = <0x1000>; " extra " };\n"
START_TEST(test_dma_coherent)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, "6.12", DTS(
		"\tcoh: cbus { #address-cells = <2>; #size-cells = <2>; ranges; "
		"dma-coherent;\n"
		UB("in-coh", "")
		UB("opt-out", "dma-noncoherent;")
		"\t};\n"
		"\tpbus { #address-cells = <2>; #size-cells = <2>; ranges;\n"
		UB("by-dma-parent", "dma-parent = <&coh>;")
		UB("plain", "")
		"\t};\n"), NULL, NULL);

	ck_assert(udmabuf_find(b, "in-coh")->dma_coherent);
	ck_assert(!udmabuf_find(b, "opt-out")->dma_coherent);
	ck_assert(udmabuf_find(b, "by-dma-parent")->dma_coherent);
	ck_assert(!udmabuf_find(b, "plain")->dma_coherent);
	tb_free(&t);
}
END_TEST

static int created(void *ctx, struct udmabuf *ub)
{
	(void)ub;
	(*(int *)ctx)++;
	return 0;
}

/* the manager: terminators, spans, errors, prefix match */
START_TEST(test_mgr)
{
	struct tboot t;
	struct rm_board *b = tb_text(&t, "6.12", BOARD, NULL, NULL);
	int n = 0;
	struct udmabuf_mgr_ops ops = { created, NULL, &n };
	struct udmabuf_mgr_file f;
	struct udmabuf *ub;
	char big[1100];

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(MGR("create m0 0x2000;createX m1 "), 28);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(MGR("size=4096\n"), 10);
	ck_assert_int_eq(n, 2);
	ub = udmabuf_find(b, "m1");
	ck_assert_ptr_nonnull(ub);
	ck_assert_uint_eq(ub->size, 4096);
	ck_assert_uint_eq(ub->sync_size, 4096);
	ck_assert_uint_eq(ub->dev->coherent_dma_mask, 0xffffffffULL);
	ck_assert_int_eq(MGR("create m0 8192\n"),
			 -EINVAL);
	ck_assert_int_eq(MGR("create m2 0\n"),
			 -EINVAL);
	ck_assert_int_eq(MGR("create m2 08\n"),
			 -EINVAL);
	ck_assert_int_eq(MGR("create m2 4096 bus=platform\n"), -EINVAL);
	/* size truncated to 32 bits: 4 GiB is 0 */
	ck_assert_int_eq(MGR("create m2 0x100000000\n"), -EINVAL);
	ck_assert_int_eq(MGR("delete ub0\n"),
			 -EINVAL);
	memset(big, 'x', sizeof(big));
	ck_assert_int_eq(udmabuf_mgr_write(b, &f, big, sizeof(big), &ops),
			 -ENOSPC);
	ck_assert_int_eq(MGR("\n"), -ENOSPC);
	ck_assert_int_eq(n, 2);
	tb_free(&t);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("udmabuf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_kstrtoull);
	tcase_add_test(tc, test_probe);
	tcase_add_test(tc, test_stores_and_ioctls);
	tcase_add_test(tc, test_mgr);
	tcase_add_test(tc, test_dma_coherent);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
