// SPDX-License-Identifier: GPL-2.0
/*
 * test_kconfig - src/kernel/kconfig.c: the arm64 Kconfig defaults (mm/Kconfig
 * CMA_AREAS, kernel/dma/Kconfig CMA_SIZE_MBYTES / CMA_ALIGNMENT),
 * MAX_CMA_AREAS (include/linux/cma.h), and .config parsing with the
 * Debian values of doc/kernels.md §0 and the oracle README config table.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "kernel/kconfig.h"
#include "kernel/profile.h"

static const struct rm_profile *prof(const char *name)
{
	const struct rm_profile *p = rm_profile_find(name);

	ck_assert_ptr_nonnull(p);
	return p;
}

static void check_common_defaults(const struct rm_kconfig *kc)
{
	ck_assert(kc->cma);
	ck_assert(kc->dma_cma);
	ck_assert(!kc->dma_restricted_pool);
	ck_assert_uint_eq(kc->cma_size_mbytes, 16);	/* default 16 (!X86) */
	ck_assert_int_eq(kc->cma_size_sel, RM_CMA_SEL_MBYTES);
	ck_assert_uint_eq(kc->cma_alignment, 8);
	ck_assert_uint_eq(kc->page_shift, 12);
	ck_assert(!kc->max_order_set);
}

/* 6.12 mm/Kconfig CMA_AREAS default 8, MAX_CMA_AREAS = CONFIG_CMA_AREAS */
START_TEST(test_defaults_k6_12)
{
	const struct rm_profile *p = prof("6.12");
	struct rm_kconfig kc;

	rm_kconfig_defaults(&kc, p);
	check_common_defaults(&kc);
	ck_assert_uint_eq(kc.cma_areas, 8);
	ck_assert_uint_eq(kc.max_order, 10);	/* ARCH_FORCE_MAX_ORDER=10 */
	ck_assert_uint_eq(rm_kconfig_max_cma_areas(&kc, p), 8);
}
END_TEST

/* 6.1 mm/Kconfig CMA_AREAS default 7, MAX_CMA_AREAS = 1 + CONFIG_CMA_AREAS */
START_TEST(test_defaults_k6_1)
{
	const struct rm_profile *p = prof("6.1");
	struct rm_kconfig kc;

	rm_kconfig_defaults(&kc, p);
	check_common_defaults(&kc);
	ck_assert_uint_eq(kc.cma_areas, 7);
	ck_assert_uint_eq(kc.max_order, 11);	/* FORCE_MAX_ORDER=11 */
	ck_assert_uint_eq(rm_kconfig_max_cma_areas(&kc, p), 8);
}
END_TEST

/* 4.19 mm/Kconfig CMA_AREAS default 7, MAX_CMA_AREAS = 1 + it (doc/kernels.md §0) */
START_TEST(test_defaults_k4_19)
{
	const struct rm_profile *p = prof("4.19");
	struct rm_kconfig kc;

	rm_kconfig_defaults(&kc, p);
	check_common_defaults(&kc);
	ck_assert_uint_eq(kc.cma_areas, 7);
	ck_assert_uint_eq(rm_kconfig_max_cma_areas(&kc, p), 8);
}
END_TEST

/* doc/kernels.md §0/§17: Debian CMA_AREAS=20 (6.12) and 19 (6.1) -> 20 slots */
START_TEST(test_debian_cma_areas)
{
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, prof("6.12"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_AREAS=20\n", err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(kc.cma_areas, 20);
	ck_assert_uint_eq(rm_kconfig_max_cma_areas(&kc, prof("6.12")), 20);

	rm_kconfig_defaults(&kc, prof("6.1"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_AREAS=19\n", err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(kc.cma_areas, 19);
	ck_assert_uint_eq(rm_kconfig_max_cma_areas(&kc, prof("6.1")), 20);
}
END_TEST

/* the oracle README config table: linux-image-6.1.0-56-arm64 */
START_TEST(test_debian_config_k6_1)
{
	static const char cfg[] =
		"#\n"
		"# Automatically generated file; DO NOT EDIT.\n"
		"# Linux/arm64 6.1.192 Kernel Configuration\n"
		"#\n"
		"CONFIG_ARM64_4K_PAGES=y\n"
		"# CONFIG_ARM64_16K_PAGES is not set\n"
		"# CONFIG_ARM64_64K_PAGES is not set\n"
		"CONFIG_ARCH_FORCE_MAX_ORDER=11\n"
		"\n"
		"CONFIG_CMA=y\n"
		"# CONFIG_CMA_DEBUG is not set\n"
		"# CONFIG_CMA_DEBUGFS is not set\n"
		"# CONFIG_CMA_SYSFS is not set\n"
		"CONFIG_CMA_AREAS=19\n"
		"CONFIG_DMA_CMA=y\n"
		"CONFIG_DMA_PERNUMA_CMA=y\n"
		"\n"
		"#\n"
		"# Default contiguous memory area size:\n"
		"#\n"
		"CONFIG_CMA_SIZE_MBYTES=64\n"
		"CONFIG_CMA_SIZE_SEL_MBYTES=y\n"
		"# CONFIG_CMA_SIZE_SEL_PERCENTAGE is not set\n"
		"# CONFIG_CMA_SIZE_SEL_MIN is not set\n"
		"# CONFIG_CMA_SIZE_SEL_MAX is not set\n"
		"CONFIG_CMA_ALIGNMENT=8\n"
		"# CONFIG_DMA_RESTRICTED_POOL is not set\n"
		"CONFIG_LOCALVERSION=\"\"\n"
		"CONFIG_DEFAULT_HOSTNAME=\"(none)\"\n"
		"CONFIG_NR_CPUS=256";		/* no final newline */
	const struct rm_profile *p = prof("6.1");
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, p);
	ck_assert_int_eq(rm_kconfig_parse(&kc, cfg, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert(kc.cma);
	ck_assert(kc.dma_cma);
	ck_assert(!kc.dma_restricted_pool);
	ck_assert_uint_eq(kc.cma_size_mbytes, 64);
	ck_assert_int_eq(kc.cma_size_sel, RM_CMA_SEL_MBYTES);
	ck_assert_uint_eq(kc.cma_alignment, 8);
	ck_assert_uint_eq(kc.cma_areas, 19);
	ck_assert_uint_eq(kc.page_shift, 12);
	ck_assert_uint_eq(kc.max_order, 11);
	ck_assert(kc.max_order_set);
	ck_assert_uint_eq(rm_kconfig_max_cma_areas(&kc, p), 20);
}
END_TEST

/* kernel/dma/Kconfig choice CMA_SIZE_SEL_*, "# ... is not set" = n */
START_TEST(test_snippet_percentage)
{
	static const char cfg[] =
		"CONFIG_CMA_SIZE_MBYTES=64\n"
		"CONFIG_CMA_SIZE_SEL_PERCENTAGE=y\n"
		"# CONFIG_DMA_CMA is not set\n";
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, prof("6.1"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, cfg, err, sizeof(err)), 0);
	ck_assert_uint_eq(kc.cma_size_mbytes, 64);
	ck_assert_int_eq(kc.cma_size_sel, RM_CMA_SEL_PERCENTAGE);
	ck_assert_str_eq(rm_cma_size_sel_name(kc.cma_size_sel), "PERCENTAGE");
	ck_assert(!kc.dma_cma);
	ck_assert(kc.cma);			/* untouched */
	ck_assert_uint_eq(kc.cma_alignment, 8);
	ck_assert_uint_eq(kc.cma_areas, 7);

	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_SIZE_PERCENTAGE=10\n"
					  "CONFIG_CMA_SIZE_SEL_MAX=y\n"
					  "# CONFIG_CMA is not set\n", err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(kc.cma_size_percentage, 10);
	ck_assert_int_eq(kc.cma_size_sel, RM_CMA_SEL_MAX);
	ck_assert(!kc.cma);
	ck_assert_str_eq(rm_cma_size_sel_name(RM_CMA_SEL_MBYTES), "MBYTES");
	ck_assert_str_eq(rm_cma_size_sel_name(RM_CMA_SEL_MIN), "MIN");
	ck_assert_str_eq(rm_cma_size_sel_name(RM_CMA_SEL_MAX), "MAX");
}
END_TEST

/* kconfig.h: "line N: CONFIG_CMA_ALIGNMENT=abc: not a number" */
START_TEST(test_error_not_a_number)
{
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, prof("6.12"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA=y\n"
					  "# comment\n"
					  "CONFIG_CMA_ALIGNMENT=abc\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 3: CONFIG_CMA_ALIGNMENT=abc: not a number");
	ck_assert_uint_eq(kc.cma_alignment, 8);

	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_AREAS=-1\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 1: CONFIG_CMA_AREAS=-1: not a number");
	ck_assert_int_eq(rm_kconfig_parse(&kc, "\n\nCONFIG_CMA_SIZE_MBYTES=\n",
					  err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 3: CONFIG_CMA_SIZE_MBYTES=: not a number");
	ck_assert_uint_eq(kc.cma_size_mbytes, 16);
}
END_TEST

/* kernel/dma/Kconfig CMA_ALIGNMENT "range 2 12" */
START_TEST(test_error_out_of_range)
{
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, prof("6.1"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA=y\n"
					  "CONFIG_CMA_ALIGNMENT=13\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 2: CONFIG_CMA_ALIGNMENT=13: out of range 2..12");
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_ALIGNMENT=1\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 1: CONFIG_CMA_ALIGNMENT=1: out of range 2..12");
	ck_assert_uint_eq(kc.cma_alignment, 8);
	/* both ends of the range are accepted */
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_ALIGNMENT=2\n", err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(kc.cma_alignment, 2);
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA_ALIGNMENT=12\n", err,
					  sizeof(err)), 0);
	ck_assert_uint_eq(kc.cma_alignment, 12);
}
END_TEST

/* scripts/kconfig/confdata.c conf_read_simple(): only CONFIG_X=v and "# CONFIG_X is not set" */
START_TEST(test_error_malformed_line)
{
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, prof("6.12"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_CMA=y\nFOO\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 2: 'FOO': not a valid setting");
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_LOCALVERSION=\"abc\n",
					  err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "line 1: 'CONFIG_LOCALVERSION=\"abc': not a valid setting");
}
END_TEST

/* only 4 KiB pages are emulated (arch/arm64/Kconfig ARM64_{16K,64K}_PAGES) */
START_TEST(test_page_size_refused)
{
	struct rm_kconfig kc;
	char err[256] = "";

	rm_kconfig_defaults(&kc, prof("6.1"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "# CONFIG_ARM64_4K_PAGES is not set\n"
					  "CONFIG_ARM64_16K_PAGES=y\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "16 KiB pages: only 4 KiB pages are emulated");

	rm_kconfig_defaults(&kc, prof("6.1"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_ARM64_64K_PAGES=y\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "64 KiB pages: only 4 KiB pages are emulated");

	/* 6.12 spells it CONFIG_PAGE_SIZE_* */
	rm_kconfig_defaults(&kc, prof("6.12"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_PAGE_SIZE_64KB=y\n", err,
					  sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "64 KiB pages: only 4 KiB pages are emulated");

	rm_kconfig_defaults(&kc, prof("6.12"));
	ck_assert_int_eq(rm_kconfig_parse(&kc, "CONFIG_PAGE_SIZE_4KB=y\n"
					  "# CONFIG_PAGE_SIZE_16KB is not set\n",
					  err, sizeof(err)), 0);
	ck_assert_uint_eq(kc.page_shift, 12);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("kconfig");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults_k6_12);
	tcase_add_test(tc, test_defaults_k6_1);
	tcase_add_test(tc, test_defaults_k4_19);
	tcase_add_test(tc, test_debian_cma_areas);
	tcase_add_test(tc, test_debian_config_k6_1);
	tcase_add_test(tc, test_snippet_percentage);
	tcase_add_test(tc, test_error_not_a_number);
	tcase_add_test(tc, test_error_out_of_range);
	tcase_add_test(tc, test_error_malformed_line);
	tcase_add_test(tc, test_page_size_refused);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
