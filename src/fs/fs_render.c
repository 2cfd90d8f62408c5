// SPDX-License-Identifier: GPL-2.0
/*
 * Text files: each kind has one renderer; the result is a snapshot the
 * open handle serves from.
 */
#include <errno.h>
#include <stdlib.h>

#include "fs/fs_internal.h"
#include "view/render.h"

static void render_allocations(struct fs *fs, struct fs_node *n,
			       struct strbuf *sb)
{
	unsigned int i;

	pthread_mutex_lock(&fs->lock);
	for (i = 0; i < fs->nr_bufdirs; i++) {
		struct fs_bufdir *d = &fs->bufdirs[i];
		struct fs_buffer *b;

		if (d->device != n->device)
			continue;
		for (b = d->head; b; b = b->next_in_dir)
			strbuf_printf(sb, "%s 0x%llx 0x%llx %llu %s\n", b->name,
				      (unsigned long long)b->alloc.phys,
				      (unsigned long long)b->alloc.dma,
				      (unsigned long long)b->alloc.size,
				      b->alloc.pool);
	}
	pthread_mutex_unlock(&fs->lock);
}

int fs_render(struct fs *fs, struct fs_node *n, char **text, size_t *len)
{
	struct rm_board *b = fs->board;
	struct strbuf sb = STRBUF_INIT;
	int err = 0;

	switch (n->text) {
	case FS_T_DMESG:
		rm_render_dmesg(b, &sb);
		break;
	case FS_T_IOMEM:
		rm_render_iomem(b, &sb);
		break;
	case FS_T_MEMINFO:
		rm_render_meminfo(b, &sb);
		break;
	case FS_T_CMDLINE:
		rm_render_cmdline(b, &sb);
		break;
	case FS_T_CONFIG:
		rm_render_config(b, fs->backing, &sb);
		break;
	case FS_T_REGION:
		err = rm_render_region_file(b, n->region, n->file, &sb);
		break;
	case FS_T_DEVICE:
		err = rm_render_device_file(b, n->device, n->file, &sb);
		break;
	case FS_T_ALLOCATIONS:
		render_allocations(fs, n, &sb);
		break;
	}
	if (!err && sb.oom)
		err = -ENOMEM;
	if (err) {
		strbuf_release(&sb);
		return err;
	}
	*text = strbuf_detach(&sb, len);
	return *text ? 0 : -ENOMEM;
}
