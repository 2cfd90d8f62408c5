/* SPDX-License-Identifier: GPL-2.0 */
/*
 * unit.h - shared main() for the Check suites: each test_*.c defines
 * make_suite() and includes this last.  The runner reads Check's
 * "Checks: N, Failures: F, Errors: E" line.
 */
#ifndef RM_UNIT_H
#define RM_UNIT_H

#include <check.h>
#include <stdlib.h>

static Suite *make_suite(void);

int main(void)
{
	SRunner *sr = srunner_create(make_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
