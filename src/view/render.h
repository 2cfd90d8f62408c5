/* SPDX-License-Identifier: GPL-2.0 */
/*
 * render - the texts that are more than one file's: the /proc-style
 * files (proc.c), and the --dry-run report (dryrun.c).
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

/* --dry-run: log, memory map, regions, devices, findings */
void rm_render_dryrun(struct rm_board *b, struct strbuf *sb);


#endif
