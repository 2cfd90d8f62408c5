/* SPDX-License-Identifier: GPL-2.0 */
/*
 * early_param - the kernel command line parameters rmemfs acts on: cma=
 * (early_cma), mem= (early_mem) and coherent_pool= (atomic pool size).  The rest is kept
 * verbatim and shown.
 */
#ifndef RM_CMDLINE_H
#define RM_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

struct rm_cmdline {
	bool cma_given;		/* size_cmdline != -1 */
	bool cma_no_value;	/* bare "cma": "Config string not provided" */
	bool cma_bad;		/* rmemfs: cma= the kernel reads only in part */
	char cma_text[64];	/* the last cma= value, as written */
	uint64_t size_cmdline;
	uint64_t base_cmdline;
	uint64_t limit_cmdline;
	bool mem_given;		/* mem=: memory_limit */
	uint64_t mem_limit;	/* bytes, page-aligned down */
	bool coherent_pool_given;
	uint64_t coherent_pool;	/* bytes */
};

/*
 * Parse a command line the way parse_early_param() walks it (next_arg
 * quoting, params before "--").  Never fails: the kernel ignores what it
 * does not know.
 */
void rm_cmdline_parse(struct rm_cmdline *cl, const char *text);

#endif
