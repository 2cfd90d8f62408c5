// SPDX-License-Identifier: GPL-2.0
/*
 * The alloc files: "SIZE [NAME]" in, a buffer out.  A failed request
 * changes nothing: the name is checked first, and memory found for a
 * name that was taken meanwhile is given back before replying.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "fs/fs_alloc.h"
#include "fs/fs_state.h"
#include "view/alloc_line.h"

int fs_alloc_request(struct fs *fs, struct fs_node *node, const char *buf,
		     size_t len, uid_t uid, gid_t gid, char **line)
{
	struct fs_bufdir *dir = node->bufdir;
	struct fs_buffer *b;
	struct rm_alloc a;
	char name[RM_NAME_MAX];
	uint64_t size;
	int err;

	err = rm_parse_alloc_line(buf, len, &size, name, sizeof(name));
	if (err)
		return err;
	if (name[0]) {
		pthread_mutex_lock(&fs->bufs.lock);
		b = fs_buffer_find(dir, name);
		pthread_mutex_unlock(&fs->bufs.lock);
		if (b)
			return -EEXIST;
	}
	/* the allocators take only their pool's lock */
	if (dir->device)
		err = rm_dma_alloc(fs->board, dir->device, size, &a);
	else
		err = rm_region_alloc(fs->board, dir->region, size, &a);
	if (err)
		return err;
	if (!name[0])
		snprintf(name, sizeof(name), "0x%llx", (unsigned long long)a.dma);
	pthread_mutex_lock(&fs->bufs.lock);
	if (fs_buffer_find(dir, name))
		err = -EEXIST;
	else
		err = fs_buffer_create(&fs->bufs, dir, name, &a, dir->device,
				       uid, gid, &b);
	pthread_mutex_unlock(&fs->bufs.lock);
	if (err) {
		rm_dma_free(fs->board, &a);
		return err;
	}
	if (asprintf(line, "%s 0x%llx 0x%llx %llu %s\n", name,
		     (unsigned long long)a.phys, (unsigned long long)a.dma,
		     (unsigned long long)a.size, a.pool) < 0)
		*line = NULL;
	return 0;
}
