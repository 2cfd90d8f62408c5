/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dt_index - every node's parent, found in one pass over the blob.
 * libfdt's fdt_parent_offset() and fdt_get_path() walk the blob from the
 * start on every call, which made device setup quadratic on big boards.
 */
#ifndef RM_DT_INDEX_H
#define RM_DT_INDEX_H

struct dt_index {
	int *offset;		/* node offsets in DT order (increasing) */
	int *parent;		/* parent offset of each, -1 for the root */
	int n;
};

int dt_index_build(struct dt_index *ix, const void *fdt);
void dt_index_free(struct dt_index *ix);
/* -1 for the root or an unknown offset */
int dt_index_parent(const struct dt_index *ix, int node);
/* the node's full path into buf ("" when it does not fit) */
void dt_index_path(const struct dt_index *ix, const void *fdt, int node,
		   char *buf, int len);

#endif
