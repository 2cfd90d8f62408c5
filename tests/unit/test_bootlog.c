// SPDX-License-Identifier: GPL-2.0
/*
 * test_bootlog - src/kernel/bootlog.c, the emulated printk buffer: one message
 * per call, '\n' inside a message starting a new line as printk's record
 * printing does (the OVERLAP message of doc/kernels.md §4 is one pr_err with
 * an embedded newline and shows as two dmesg lines in golden
 * errors.k6.1), one trailing newline dropped, error/warning messages
 * counted (bootlog.h).
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/bootlog.h"

static const char *text(struct bootlog *log)
{
	return log->text.s ? log->text.s : "";
}

/* printk: a message without a newline is one line */
START_TEST(test_single_line)
{
	struct bootlog log;

	bootlog_init(&log);
	ck_assert_uint_eq(log.nr_lines, 0);
	ck_assert_uint_eq(log.nr_err, 0);
	bootlog_printf(&log, RM_LOG_INFO, "cma: Reserved %d MiB at 0x%016llx", 64,
		       0xb9a00000ULL);
	ck_assert_str_eq(text(&log), "cma: Reserved 64 MiB at 0x00000000b9a00000\n");
	ck_assert_uint_eq(log.nr_lines, 1);
	ck_assert_uint_eq(log.nr_err, 0);
	bootlog_release(&log);
}
END_TEST

/* printk drops one trailing newline (pr_info("...\n") is one line) */
START_TEST(test_trailing_newline_dropped)
{
	struct bootlog log;

	bootlog_init(&log);
	bootlog_printf(&log, RM_LOG_INFO, "Reserved memory: created DMA memory pool\n");
	ck_assert_str_eq(text(&log), "Reserved memory: created DMA memory pool\n");
	ck_assert_uint_eq(log.nr_lines, 1);
	/* only one is dropped: "a\n\n" leaves an empty line after "a" */
	bootlog_printf(&log, RM_LOG_INFO, "a\n\n");
	ck_assert_str_eq(text(&log), "Reserved memory: created DMA memory pool\na\n\n");
	ck_assert_uint_eq(log.nr_lines, 3);
	bootlog_release(&log);
}
END_TEST

/* OVERLAP DETECTED!\n%s ... overlaps with %s ...\n: two lines (golden errors.k6.1) */
START_TEST(test_embedded_newline_splits)
{
	struct bootlog log;

	bootlog_init(&log);
	bootlog_printf(&log, RM_LOG_ERR,
		       "OF: reserved mem: OVERLAP DETECTED!\n%s (0x%016llx--0x%016llx) "
		       "overlaps with %s (0x%016llx--0x%016llx)\n",
		       "overlap-a@58000000", 0x58000000ULL, 0x58200000ULL,
		       "overlap-b@58100000", 0x58100000ULL, 0x58300000ULL);
	ck_assert_str_eq(text(&log),
			 "OF: reserved mem: OVERLAP DETECTED!\n"
			 "overlap-a@58000000 (0x0000000058000000--0x0000000058200000) "
			 "overlaps with overlap-b@58100000 "
			 "(0x0000000058100000--0x0000000058300000)\n");
	ck_assert_uint_eq(log.nr_lines, 2);
	bootlog_printf(&log, RM_LOG_INFO, "x\ny\nz");
	ck_assert_uint_eq(log.nr_lines, 5);
	ck_assert(strstr(text(&log), "\nx\ny\nz\n") != NULL);
	bootlog_release(&log);
}
END_TEST

/* bootlog.h: nr_err counts pr_err and WARN messages, not pr_info */
START_TEST(test_nr_err_counts_err_and_warn)
{
	struct bootlog log;

	bootlog_init(&log);
	bootlog_printf(&log, RM_LOG_INFO, "info");
	ck_assert_uint_eq(log.nr_err, 0);
	bootlog_printf(&log, RM_LOG_ERR, "Reserved memory: incorrect alignment of CMA region");
	ck_assert_uint_eq(log.nr_err, 1);
	bootlog_printf(&log, RM_LOG_WARN, "WARNING: CPU: 0 PID: 1 at mm/page_alloc.c:4832");
	ck_assert_uint_eq(log.nr_err, 2);
	bootlog_printf(&log, RM_LOG_INFO, "more info\n");
	ck_assert_uint_eq(log.nr_err, 2);
	ck_assert_uint_eq(log.nr_lines, 4);
	bootlog_release(&log);
}
END_TEST

/* bootlog_snapshot(): a private copy of the whole text */
START_TEST(test_snapshot_copies)
{
	struct bootlog log;
	size_t len = 99;
	char *s0, *s1;

	bootlog_init(&log);
	s0 = bootlog_snapshot(&log, &len);
	ck_assert_ptr_nonnull(s0);
	ck_assert_str_eq(s0, "");
	ck_assert_uint_eq(len, 0);
	bootlog_printf(&log, RM_LOG_INFO, "one");
	s1 = bootlog_snapshot(&log, &len);
	ck_assert_str_eq(s1, "one\n");
	ck_assert_uint_eq(len, 4);
	ck_assert_ptr_ne(s1, log.text.s);
	/* writing to the copy leaves the log alone, and vice versa */
	s1[0] = 'X';
	ck_assert_str_eq(text(&log), "one\n");
	bootlog_printf(&log, RM_LOG_ERR, "two\nthree");
	ck_assert_str_eq(s1, "Xne\n");
	ck_assert_str_eq(s0, "");
	free(s1);
	s1 = bootlog_snapshot(&log, NULL);
	ck_assert_str_eq(s1, "one\ntwo\nthree\n");
	free(s0);
	free(s1);
	bootlog_release(&log);
}
END_TEST

/* an empty message is still one (empty) line, as printk("\n") */
START_TEST(test_empty_message)
{
	struct bootlog log;

	bootlog_init(&log);
	bootlog_printf(&log, RM_LOG_INFO, "%s", "");
	bootlog_printf(&log, RM_LOG_INFO, "\n");
	ck_assert_str_eq(text(&log), "\n\n");
	ck_assert_uint_eq(log.nr_lines, 2);
	bootlog_release(&log);
}
END_TEST

#define THREADS 8
#define PER_THREAD 500

static void *writer(void *arg)
{
	struct bootlog *log = arg;
	int i;

	for (i = 0; i < PER_THREAD; i++)
		bootlog_printf(log, (i & 1) ? RM_LOG_ERR : RM_LOG_INFO,
			       "line %d\nsecond half %d", i, i);
	return NULL;
}

/* bootlog.h: safe to append from several threads; messages stay whole */
START_TEST(test_threads)
{
	pthread_t th[THREADS];
	struct bootlog log;
	const char *s;
	unsigned int lines = 0;
	int i;

	bootlog_init(&log);
	for (i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, writer, &log), 0);
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	ck_assert_uint_eq(log.nr_lines, THREADS * PER_THREAD * 2);
	ck_assert_uint_eq(log.nr_err, THREADS * PER_THREAD / 2);
	/* every "line N" is followed directly by its own "second half N" */
	for (s = text(&log); *s; s = strchr(s, '\n') + 1) {
		int a, c;

		lines++;
		if (sscanf(s, "line %d\nsecond half %d", &a, &c) == 2)
			ck_assert_int_eq(a, c);
		else
			ck_assert(!strncmp(s, "second half ", 12));
	}
	ck_assert_uint_eq(lines, THREADS * PER_THREAD * 2);
	bootlog_release(&log);
}
END_TEST

static Suite *make_suite(void)
{
	Suite *s = suite_create("bootlog");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_single_line);
	tcase_add_test(tc, test_trailing_newline_dropped);
	tcase_add_test(tc, test_embedded_newline_splits);
	tcase_add_test(tc, test_nr_err_counts_err_and_warn);
	tcase_add_test(tc, test_snapshot_copies);
	tcase_add_test(tc, test_empty_message);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);
	return s;
}

#include "unit.h"
