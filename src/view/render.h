/* SPDX-License-Identifier: GPL-2.0 */
/*
 * render - the text of every file rmemfs shows, from a booted board.
 * Each renderer appends to a strbuf; none takes more than a pool lock.
 */
#ifndef RM_RENDER_H
#define RM_RENDER_H

#include "kernel/system.h"
#include "util/strbuf.h"

void rm_render_iomem(struct rm_board *b, struct strbuf *sb);
void rm_render_meminfo(struct rm_board *b, struct strbuf *sb);
void rm_render_config(struct rm_board *b, const char *backing,
		      struct strbuf *sb);
void rm_render_cmdline(struct rm_board *b, struct strbuf *sb);
void rm_render_dmesg(struct rm_board *b, struct strbuf *sb);

/* regions/<name>/<file>; -ENOENT when the region has no such file */
int rm_render_region_file(struct rm_board *b, struct rm_region *r,
			  const char *file, struct strbuf *sb);
/* the files a region has, NULL-terminated */
const char *const *rm_region_files(const struct rm_region *r);
bool rm_region_is_pool(const struct rm_region *r);

/* devices/<name>/<file> other than alloc/allocations/buffers */
int rm_render_device_file(struct rm_board *b, struct rm_device *dev,
			  const char *file, struct strbuf *sb);

/* --dry-run: log, memory map, regions, devices, hints */
void rm_render_dryrun(struct rm_board *b, struct strbuf *sb);

#endif
