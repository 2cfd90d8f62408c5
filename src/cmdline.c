// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "memparse.h"

/* kernel/dma/contiguous.c early_cma(): later cma= override earlier ones */
static void early_cma(struct rm_cmdline *cl, const char *p)
{
	if (!p) {
		cl->cma_no_value = true;
		return;
	}
	cl->cma_given = true;
	cl->size_cmdline = rm_memparse(p, &p);
	if (*p != '@')
		return;
	cl->base_cmdline = rm_memparse(p + 1, &p);
	if (*p != '-') {
		cl->limit_cmdline = cl->base_cmdline + cl->size_cmdline;
		return;
	}
	cl->limit_cmdline = rm_memparse(p + 1, &p);
}

static void do_param(struct rm_cmdline *cl, const char *param, const char *val)
{
	if (!strcmp(param, "cma")) {
		early_cma(cl, val);
	} else if (!strcmp(param, "coherent_pool") && val) {
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

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		/* lib/cmdline.c next_arg(): quotes group, '=' splits once */
		param = p;
		for (q = p; *q; q++) {
			if (*q == '"')
				in_quote = !in_quote;
			else if (!in_quote && (*q == ' ' || *q == '\t' || *q == '\n'))
				break;
			else if (!val && *q == '=')
				val = q;
		}
		p = *q ? q + 1 : q;
		*q = '\0';
		if (val)
			*val++ = '\0';
		if (!strcmp(param, "--"))
			break;
		if (param[0] == '"') {
			param++;
			if (val && val[0] != '\0' && strlen(val) &&
			    val[strlen(val) - 1] == '"')
				val[strlen(val) - 1] = '\0';
		}
		if (val && val[0] == '"') {
			val++;
			if (*val && val[strlen(val) - 1] == '"')
				val[strlen(val) - 1] = '\0';
		}
		do_param(cl, param, val);
	}
	free(copy);
}
