// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/early_param.h"
#include "kernel/mm/page.h"
#include "kernel/lib/cmdline.h"

/*
 * kernel/params.c parameq(): do_early_param() matches names with '-' and
 * '_' treated alike, so "coherent-pool=1M" is coherent_pool.
 */
static bool parameq(const char *a, const char *b)
{
	for (;; a++, b++) {
		char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
		if (!ca)
			return true;
	}
}

/* lib/ctype.c isspace(): blank, \t \n \v \f \r and Latin-1 NBSP */
static bool kspace(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (unsigned char)c == 0xa0;
}

/* kernel/dma/contiguous.c early_cma(): later cma= override earlier ones */
static void early_cma(struct rm_cmdline *cl, const char *p)
{
	const char *start = p, *num;

	if (!p) {
		cl->cma_no_value = true;
		return;
	}
	cl->cma_given = true;
	snprintf(cl->cma_text, sizeof(cl->cma_text), "%s", start);
	cl->size_cmdline = rm_memparse(p, &p);
	/* rmemfs: what the kernel reads past or reads as 0 is worth a word */
	cl->cma_bad = p == start;
	if (*p != '@')
		goto out;
	num = p + 1;
	cl->base_cmdline = rm_memparse(num, &p);
	cl->cma_bad |= p == num;
	if (*p != '-') {
		cl->limit_cmdline = cl->base_cmdline + cl->size_cmdline;
		goto out;
	}
	num = p + 1;
	cl->limit_cmdline = rm_memparse(num, &p);
	cl->cma_bad |= p == num;
out:
	cl->cma_bad |= *p != '\0';
}

static void do_param(struct rm_cmdline *cl, const char *param, const char *val)
{
	if (parameq(param, "cma")) {
		early_cma(cl, val);
	} else if (parameq(param, "mem") && val) {
		/* arch/arm64/mm/init.c early_mem(): a size, page-aligned down */
		cl->mem_given = true;
		cl->mem_limit = rm_memparse(val, NULL) & ~(RM_PAGE_SIZE - 1);
	} else if (parameq(param, "coherent_pool") && val) {
		cl->coherent_pool_given = true;
		cl->coherent_pool = rm_memparse(val, NULL);
	}
}

void rm_cmdline_parse(struct rm_cmdline *cl, const char *text)
{
	char *copy, *p;

	memset(cl, 0, sizeof(*cl));
	cl->size_cmdline = UINT64_MAX;
	if (!text)
		return;
	copy = strdup(text);
	if (!copy)
		return;
	p = copy;
	for (;;) {
		char *param, *val = NULL, *q;
		bool in_quote = false;

		while (kspace(*p))
			p++;
		if (!*p)
			break;
		/* lib/cmdline.c next_arg(): quotes group, '=' splits once */
		param = p;
		for (q = p; *q; q++) {
			if (*q == '"')
				in_quote = !in_quote;
			else if (!in_quote && kspace(*q))
				break;
			else if (!val && *q == '=')
				val = q;
		}
		p = *q ? q + 1 : q;
		*q = '\0';
		if (val)
			*val++ = '\0';
		/* parse_args() stops only at a "--" without a value */
		if (!val && !strcmp(param, "--"))
			break;
		/*
		 * next_arg(): a quoted value, then a quoted token, loses its
		 * last char if that is a quote; for a quoted bare param
		 * ("cma") that char ends the param.  q ends the token.
		 */
		if (val && val[0] == '"') {
			val++;
			if (q > val && q[-1] == '"')
				q[-1] = '\0';
		}
		if (param[0] == '"') {
			param++;
			if (q > param && q[-1] == '"')
				q[-1] = '\0';
		}
		do_param(cl, param, val);
	}
	free(copy);
}
