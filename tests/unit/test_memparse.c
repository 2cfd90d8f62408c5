// SPDX-License-Identifier: GPL-2.0
/*
 * test_memparse - src/kernel/lib/cmdline.c against lib/cmdline.c memparse() and
 * simple_strtoull() (lib/vsprintf.c, _parse_integer_fixup_radix() and
 * _parse_integer_limit() in lib/kstrtox.c); kernel-semantics.md §4.1,
 * doc/kernels.md §10.1.
 */
#include <check.h>
#include <stdint.h>

#include "kernel/lib/cmdline.h"

/* parse s with memparse(); check value and how many chars were consumed */
#define MP(s, val, used) do {						\
	const char *s_ = (s), *e_ = NULL;				\
	ck_assert_uint_eq(rm_memparse(s_, &e_), (uint64_t)(val));	\
	ck_assert_ptr_eq(e_, s_ + (used));				\
} while (0)

#define SU(s, val, used) do {						\
	const char *s_ = (s), *e_ = NULL;				\
	ck_assert_uint_eq(rm_simple_strtoull(s_, &e_), (uint64_t)(val)); \
	ck_assert_ptr_eq(e_, s_ + (used));				\
} while (0)

/* simple_strtoull(base 0): decimal, "0x" hex, leading-0 octal */
START_TEST(test_strtoull_bases)
{
	SU("4096", 4096, 4);
	SU("0x2000", 0x2000, 6);
	SU("0X1F", 31, 4);
	SU("0xdeadBEEF", 0xdeadbeefULL, 10);
	SU("010", 8, 3);
	SU("0777", 511, 4);
	SU("0", 0, 1);
	SU("08", 0, 1);		/* octal: 8 is not a digit */
	SU("12abc", 12, 2);	/* decimal: a is not a digit */
	SU("0x1e", 30, 4);	/* e is a hex digit */
	SU("64K", 64, 2);
}
END_TEST

/* _parse_integer_fixup_radix(): "0x" counts only before a hex digit */
START_TEST(test_strtoull_0x_without_digit)
{
	SU("0xZ", 0, 1);	/* octal 0, stops at x */
	SU("0x", 0, 1);
	SU("0xg1", 0, 1);
	SU("0X", 0, 1);
}
END_TEST

/* simple_strtoull(): no sign, no blanks -> no digits, end == start */
START_TEST(test_strtoull_no_digits)
{
	SU("-1", 0, 0);
	SU("+1", 0, 0);
	SU(" 64", 0, 0);
	SU("", 0, 0);
	SU("K", 0, 0);
	SU("x10", 0, 0);
}
END_TEST

/* _parse_integer_limit(): overflow flagged but ignored, value wraps */
START_TEST(test_strtoull_wraps)
{
	SU("18446744073709551615", UINT64_MAX, 20);
	SU("18446744073709551616", 0, 20);
	SU("18446744073709551617", 1, 20);
	SU("0x10000000000000001", 1, 19);
	SU("0xffffffffffffffffff", UINT64_MAX, 20);
}
END_TEST

/* memparse(): each suffix falls through to the next, << 10 per step */
START_TEST(test_memparse_suffixes)
{
	MP("4096", 4096, 4);
	MP("0x2000", 0x2000, 6);
	MP("64K", 64ULL << 10, 3);
	MP("64k", 64ULL << 10, 3);
	MP("2M", 2ULL << 20, 2);
	MP("2m", 2ULL << 20, 2);
	MP("1G", 1ULL << 30, 2);
	MP("1g", 1ULL << 30, 2);
	MP("3T", 3ULL << 40, 2);
	MP("3t", 3ULL << 40, 2);
	MP("5P", 5ULL << 50, 2);
	MP("5p", 5ULL << 50, 2);
	MP("1E", 1ULL << 60, 2);
	MP("0x10M", 16ULL << 20, 5);
	MP("0x1eK", 30ULL << 10, 5);
}
END_TEST

/* kernel-semantics.md §10.22: octal, hex-e, decimal-e corner cases */
START_TEST(test_memparse_corner_cases)
{
	MP("010K", 8192, 4);		/* octal 8 */
	MP("0x1e", 30, 4);		/* hex digit, no suffix */
	MP("1e", 1ULL << 60, 2);	/* decimal 1, suffix E */
	MP("16e", 0, 3);		/* 16 << 60 = 2^64: wraps to 0 */
	MP("0xZ", 0, 1);		/* octal 0, x is no suffix */
	MP("09K", 0, 1);		/* octal 0, 9 stops it */
	MP("20E", 4ULL << 60, 3);	/* 20 << 60 mod 2^64 */
	MP("17592186044416E", 0, 15);	/* 2^44 << 60: all bits lost */
	MP("3G", 3ULL << 30, 2);
}
END_TEST

/* memparse(): no digit -> 0, end == start unless a suffix follows */
START_TEST(test_memparse_no_digits)
{
	MP("-1", 0, 0);
	MP("", 0, 0);
	MP(" 1M", 0, 0);
	MP("@0x1000", 0, 0);
	/* the switch runs on *endptr even without digits: "K" is eaten */
	MP("K", 0, 1);
}
END_TEST

/* memparse(): one suffix at most, the rest is left for the caller */
START_TEST(test_memparse_trailing)
{
	MP("64MB", 64ULL << 20, 3);
	MP("1KK", 1024, 2);
	MP("16M@0x90000000", 16ULL << 20, 3);
	MP("0x90000000-0xa0000000", 0x90000000ULL, 10);
	MP("12abc", 12, 2);
	MP("4096 ", 4096, 4);
	MP("2X", 2, 1);
	MP("7,8", 7, 1);
}
END_TEST

/* memparse(ptr, NULL) and simple_strtoull(cp, NULL, 0) are allowed */
START_TEST(test_null_end)
{
	ck_assert_uint_eq(rm_memparse("4K", NULL), 4096);
	ck_assert_uint_eq(rm_memparse("0x10", NULL), 16);
	ck_assert_uint_eq(rm_simple_strtoull("0x10", NULL), 16);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("memparse");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_strtoull_bases);
	tcase_add_test(tc, test_strtoull_0x_without_digit);
	tcase_add_test(tc, test_strtoull_no_digits);
	tcase_add_test(tc, test_strtoull_wraps);
	tcase_add_test(tc, test_memparse_suffixes);
	tcase_add_test(tc, test_memparse_corner_cases);
	tcase_add_test(tc, test_memparse_no_digits);
	tcase_add_test(tc, test_memparse_trailing);
	tcase_add_test(tc, test_null_end);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
