// SPDX-License-Identifier: GPL-2.0
/*
 * test_cmdline - src/kernel/early_param.c against parse_early_param() (init/main.c
 * do_early_param, kernel/params.c parse_args/parameq, lib/cmdline.c
 * next_arg), early_cma() in kernel/dma/contiguous.c and
 * early_coherent_pool() in kernel/dma/pool.c; doc/kernels.md §10.1.
 */
#include <check.h>
#include <stdint.h>

#include "kernel/early_param.h"
#include "kernel/lib/sizes.h"


/* contiguous.c: size_cmdline starts at -1, base/limit at 0 */
START_TEST(test_initial_state)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, NULL);
	ck_assert(!cl.cma_given);
	ck_assert(!cl.cma_no_value);
	ck_assert_uint_eq(cl.size_cmdline, UINT64_MAX);
	ck_assert_uint_eq(cl.base_cmdline, 0);
	ck_assert_uint_eq(cl.limit_cmdline, 0);
	ck_assert(!cl.coherent_pool_given);
	ck_assert_uint_eq(cl.coherent_pool, 0);

	rm_cmdline_parse(&cl, "console=ttyAMA0 root=/dev/vda rw quiet");
	ck_assert(!cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, UINT64_MAX);
	ck_assert(!cl.coherent_pool_given);
}
END_TEST

/* early_cma(): "cma=S" sets the size only (out/basic+cma64M) */
START_TEST(test_cma_size_only)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "console=ttyAMA0 cma=64M");
	ck_assert(cl.cma_given);
	ck_assert(!cl.cma_no_value);
	ck_assert_uint_eq(cl.size_cmdline, 64 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0);
	ck_assert_uint_eq(cl.limit_cmdline, 0);
}
END_TEST

/* early_cma(): "S@B" -> limit = B + S, fixed (out/no-default+cma16M@0x90000000) */
START_TEST(test_cma_fixed)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "cma=16M@0x90000000");
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 16 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0x90000000ULL);
	ck_assert_uint_eq(cl.limit_cmdline, 0x91000000ULL);

	/* memparse("") after '@' is 0: base 0, limit = 0 + size */
	rm_cmdline_parse(&cl, "cma=64M@");
	ck_assert_uint_eq(cl.size_cmdline, 64 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0);
	ck_assert_uint_eq(cl.limit_cmdline, 64 * SZ_1M);
}
END_TEST

/* early_cma(): "S@B-L" gives an explicit limit */
START_TEST(test_cma_range)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "cma=16M@0x90000000-0xa0000000");
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 16 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0x90000000ULL);
	ck_assert_uint_eq(cl.limit_cmdline, 0xa0000000ULL);

	/* kernel-semantics.md §10.22: S@B-(B+S) is the fixed form again */
	rm_cmdline_parse(&cl, "cma=64M@0x40000000-0x44000000");
	ck_assert_uint_eq(cl.base_cmdline, 0x40000000ULL);
	ck_assert_uint_eq(cl.limit_cmdline, 0x44000000ULL);
	ck_assert_uint_eq(cl.base_cmdline + cl.size_cmdline,
			  cl.limit_cmdline);
}
END_TEST

/* early_cma(): cma=0 is "given" with size 0 (out/no-default+cma0) */
START_TEST(test_cma_zero)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "cma=0");
	ck_assert(cl.cma_given);
	ck_assert(!cl.cma_no_value);
	ck_assert_uint_eq(cl.size_cmdline, 0);

	/* next_arg(): "cma=" has val "" (not NULL) -> memparse("") = 0 */
	rm_cmdline_parse(&cl, "cma=");
	ck_assert(cl.cma_given);
	ck_assert(!cl.cma_no_value);
	ck_assert_uint_eq(cl.size_cmdline, 0);
}
END_TEST

/* early_cma(NULL): "Config string not provided", globals untouched */
START_TEST(test_cma_no_value)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "quiet cma");
	ck_assert(cl.cma_no_value);
	ck_assert(!cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, UINT64_MAX);

	rm_cmdline_parse(&cl, "cma=64M cma");
	ck_assert(cl.cma_no_value);
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 64 * SZ_1M);
}
END_TEST

/* early_cma() writes globals: the last cma= wins, earlier base/limit stay */
START_TEST(test_cma_last_wins)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "cma=16M@0x90000000 cma=32M");
	ck_assert_uint_eq(cl.size_cmdline, 32 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0x90000000ULL);
	ck_assert_uint_eq(cl.limit_cmdline, 0x91000000ULL);

	rm_cmdline_parse(&cl, "cma=16M@0x90000000-0xa0000000 cma=8M@0x80000000");
	ck_assert_uint_eq(cl.size_cmdline, 8 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0x80000000ULL);
	ck_assert_uint_eq(cl.limit_cmdline, 0x80800000ULL);

	rm_cmdline_parse(&cl, "cma=64M cma=0");
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 0);
}
END_TEST

/* next_arg(): quotes group blanks, and are stripped from param and value */
START_TEST(test_quoted_args)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "\"cma=32M\"");
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 32 * SZ_1M);

	rm_cmdline_parse(&cl, "cma=\"16M@0x90000000\"");
	ck_assert_uint_eq(cl.size_cmdline, 16 * SZ_1M);
	ck_assert_uint_eq(cl.base_cmdline, 0x90000000ULL);
	ck_assert_uint_eq(cl.limit_cmdline, 0x91000000ULL);

	/* "cma=1M" inside another parameter's quoted value is not a param */
	rm_cmdline_parse(&cl, "foo=\"a cma=1M b\" cma=2M bar=\"x y\"");
	ck_assert_uint_eq(cl.size_cmdline, 2 * SZ_1M);
	rm_cmdline_parse(&cl, "foo=\"a cma=1M b\"");
	ck_assert(!cl.cma_given);

	/* a quoted bare param: next_arg strips the closing quote */
	rm_cmdline_parse(&cl, "\"cma\"");
	ck_assert(cl.cma_no_value);
	ck_assert(!cl.cma_given);
}
END_TEST

/* parse_args(): stops at a bare "--" (the rest is for init) */
START_TEST(test_double_dash)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "cma=8M -- cma=64M coherent_pool=1M");
	ck_assert_uint_eq(cl.size_cmdline, 8 * SZ_1M);
	ck_assert(!cl.coherent_pool_given);

	rm_cmdline_parse(&cl, "-- cma=64M");
	ck_assert(!cl.cma_given);

	/* "--=x" has a value: parse_args only stops when !val */
	rm_cmdline_parse(&cl, "--=x cma=64M");
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 64 * SZ_1M);
}
END_TEST

/* early_coherent_pool(): atomic_pool_size = memparse(p) */
START_TEST(test_coherent_pool)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "coherent_pool=1M");
	ck_assert(cl.coherent_pool_given);
	ck_assert_uint_eq(cl.coherent_pool, SZ_1M);
	ck_assert(!cl.cma_given);

	rm_cmdline_parse(&cl, "coherent_pool=256K cma=32M coherent_pool=0x200000");
	ck_assert(cl.coherent_pool_given);
	ck_assert_uint_eq(cl.coherent_pool, 2 * SZ_1M);
	ck_assert_uint_eq(cl.size_cmdline, 32 * SZ_1M);
}
END_TEST

/* do_early_param() uses parameq(): '-' and '_' are the same */
START_TEST(test_parameq_dashes)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "coherent-pool=512K");
	ck_assert(cl.coherent_pool_given);
	ck_assert_uint_eq(cl.coherent_pool, 512 * 1024);
}
END_TEST

/* parameq() compares whole names: near misses are other parameters */
START_TEST(test_other_names)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "xcma=1M cma2=1M cma_pernuma=16M CMA=4M coherent_pools=1M");
	ck_assert(!cl.cma_given);
	ck_assert(!cl.cma_no_value);
	ck_assert(!cl.coherent_pool_given);
}
END_TEST

/* next_arg()/skip_spaces(): isspace() separates, runs of blanks collapse */
START_TEST(test_whitespace)
{
	struct rm_cmdline cl;

	rm_cmdline_parse(&cl, "  \t console=ttyAMA0\n\ncma=48M\t ");
	ck_assert(cl.cma_given);
	ck_assert_uint_eq(cl.size_cmdline, 48 * SZ_1M);

	rm_cmdline_parse(&cl, "cma=16M\rcma=24M\vcoherent_pool=1M\f");
	ck_assert_uint_eq(cl.size_cmdline, 24 * SZ_1M);
	ck_assert(cl.coherent_pool_given);
	ck_assert_uint_eq(cl.coherent_pool, SZ_1M);

	rm_cmdline_parse(&cl, "   ");
	ck_assert(!cl.cma_given);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_initial_state);
	tcase_add_test(tc, test_cma_size_only);
	tcase_add_test(tc, test_cma_fixed);
	tcase_add_test(tc, test_cma_range);
	tcase_add_test(tc, test_cma_zero);
	tcase_add_test(tc, test_cma_no_value);
	tcase_add_test(tc, test_cma_last_wins);
	tcase_add_test(tc, test_quoted_args);
	tcase_add_test(tc, test_double_dash);
	tcase_add_test(tc, test_coherent_pool);
	tcase_add_test(tc, test_parameq_dashes);
	tcase_add_test(tc, test_other_names);
	tcase_add_test(tc, test_whitespace);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
