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
/* --format=json: one document (doc/rmemfs.schema.json) */
void rm_render_json(struct rm_board *b, const char *board_path,
		    struct strbuf *sb);
/*
 * --compare: what differs between two boots of one board (regions,
 * devices, the default CMA area, log lines); the number of differences
 */
unsigned int rm_render_compare(struct rm_board *a, struct rm_board *b,
			       struct strbuf *sb);
struct rm_live_buffer;
/* --format=svg, map.svg: the map as a picture; bufs drawn in their pools */
void rm_render_svg(struct rm_board *b, const char *board_path,
		   const struct rm_live_buffer *bufs, unsigned int nr_bufs,
		   struct strbuf *sb);
/* the region has a base to show (a failed dynamic one has none) */
bool rm_region_placed(const struct rm_region *r);
/* b->regions, placed ones by address, then the rest; NULL-terminated */
struct rm_region **rm_regions_by_address(struct rm_board *b);


#endif
