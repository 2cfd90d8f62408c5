// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/of/fdt_index.h"

#define DT_MAX_DEPTH 64

int dt_index_build(struct dt_index *ix, const void *fdt)
{
	int stack[DT_MAX_DEPTH], node, depth = 0, cap = 64;

	memset(ix, 0, sizeof(*ix));
	ix->offset = malloc((size_t)cap * sizeof(int));
	ix->parent = malloc((size_t)cap * sizeof(int));
	if (!ix->offset || !ix->parent)
		goto nomem;
	for (node = 0; node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		if (depth < 0 || depth >= DT_MAX_DEPTH)
			break;
		if (ix->n == cap) {
			int *o, *p;

			cap *= 2;
			o = realloc(ix->offset, (size_t)cap * sizeof(int));
			if (o)
				ix->offset = o;
			p = realloc(ix->parent, (size_t)cap * sizeof(int));
			if (p)
				ix->parent = p;
			if (!o || !p)
				goto nomem;
		}
		stack[depth] = node;
		ix->offset[ix->n] = node;
		ix->parent[ix->n++] = depth ? stack[depth - 1] : -1;
	}
	return 0;
nomem:
	dt_index_free(ix);
	return -ENOMEM;
}

void dt_index_free(struct dt_index *ix)
{
	free(ix->offset);
	free(ix->parent);
	memset(ix, 0, sizeof(*ix));
}

int dt_index_parent(const struct dt_index *ix, int node)
{
	int lo = 0, hi = ix->n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (ix->offset[mid] == node)
			return ix->parent[mid];
		if (ix->offset[mid] < node)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

void dt_index_path(const struct dt_index *ix, const void *fdt, int node,
		   char *buf, int len)
{
	int chain[DT_MAX_DEPTH], n = 0, used = 0, i;

	if (len <= 0)
		return;
	for (; node > 0 && n < DT_MAX_DEPTH; node = dt_index_parent(ix, node))
		chain[n++] = node;
	if (!n) {
		if (len < 2)
			goto toolong;
		strcpy(buf, "/");
		return;
	}
	for (i = n - 1; i >= 0; i--) {
		const char *name = fdt_get_name(fdt, chain[i], NULL);
		int l = name ? (int)strlen(name) : 0;

		if (used + 1 + l + 1 > len)
			goto toolong;
		buf[used++] = '/';
		memcpy(buf + used, name, (size_t)l);
		used += l;
	}
	buf[used] = '\0';
	return;
toolong:
	buf[0] = '\0';
}
