/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_alloc - a write to an alloc file: "SIZE [NAME]" in, a buffer out.
 */
#ifndef RM_FS_ALLOC_H
#define RM_FS_ALLOC_H

#include <stddef.h>
#include <sys/types.h>

struct fs;
struct fs_node;

/*
 * Parse, allocate, create the buffer.  0 and the result line in *line
 * (malloc'ed, NULL when out of memory after success), or -errno with
 * nothing changed.
 */
int fs_alloc_request(struct fs *fs, struct fs_node *alloc, const char *buf,
		     size_t len, uid_t uid, gid_t gid, char **line);

#endif
