// SPDX-License-Identifier: GPL-2.0
/*
 * The root of the mount: the boot as the kernel prints it, and the
 * regions and devices.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

#include "view/files.h"
#include "view/render.h"

static int show_dmesg(const struct rm_obj *o, const struct rm_view_env *env,
		      struct strbuf *sb)
{
	rm_render_dmesg(o->b, sb);
	return 0;
}

static int show_iomem(const struct rm_obj *o, const struct rm_view_env *env,
		      struct strbuf *sb)
{
	rm_render_iomem(o->b, sb);
	return 0;
}

static int show_meminfo(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb)
{
	rm_render_meminfo(o->b, sb);
	return 0;
}

static int show_cmdline(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb)
{
	rm_render_cmdline(o->b, sb);
	return 0;
}

static int show_config(const struct rm_obj *o, const struct rm_view_env *env,
		       struct strbuf *sb)
{
	rm_render_config(o->b, env && env->backing ? env->backing(env->ctx) :
			 NULL, sb);
	return 0;
}

/* the live buffers for the map, or none (a failed snapshot draws none) */
static unsigned int live(const struct rm_view_env *env,
			 struct rm_live_buffer **v)
{
	unsigned int n = 0;

	*v = NULL;
	if (env && env->buffers && env->buffers(env->ctx, v, &n))
		return 0;
	return n;
}

static int show_map(const struct rm_obj *o, const struct rm_view_env *env,
		    struct strbuf *sb)
{
	struct rm_live_buffer *v;
	unsigned int n = live(env, &v);

	rm_render_map(o->b, v, n, sb);
	free(v);
	return 0;
}

static int show_map_svg(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb)
{
	struct rm_live_buffer *v;
	unsigned int n = live(env, &v);

	rm_render_svg(o->b, env ? env->board_path : NULL, v, n, sb);
	free(v);
	return 0;
}

/* what was booted, and whether the boot went wrong: `cat board` */
static int show_board(const struct rm_obj *o, const struct rm_view_env *env,
		      struct strbuf *sb)
{
	const char *model = fdt_getprop(o->b->fdt, 0, "model", NULL);

	strbuf_printf(sb, "path=%s\n", env && env->board_path ?
		      env->board_path : "(built-in)");
	strbuf_printf(sb, "model=%s\n", model ? model : "");
	strbuf_printf(sb, "profile=%s\n", o->b->profile->name);
	strbuf_printf(sb, "log_errors=%u\n", o->b->log.nr_err);
	strbuf_printf(sb, "errors=%u\n", rm_findings_errors(&o->b->findings));
	strbuf_printf(sb, "findings=%u\n", o->b->findings.nr);
	return 0;
}

static bool has_default_cma(const struct rm_obj *o)
{
	return o->b->default_cma_region && o->b->default_cma_region->cma;
}

static void default_cma_target(const struct rm_obj *o, char *buf, size_t len)
{
	snprintf(buf, len, "regions/%s", o->b->default_cma_region->dirname);
}

const struct rm_file rm_root_files[] = {
	{ .name = "dmesg", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_dmesg },
	{ .name = "iomem", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_iomem },
	{ .name = "meminfo", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_meminfo },
	{ .name = "cmdline", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_cmdline },
	{ .name = "config", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_config },
	{ .name = "board", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_board },
	{ .name = "map", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_map },
	{ .name = "map.svg", .kind = RM_FILE_TEXT, .mode = 0444,
	  .show = show_map_svg },
	{ .name = "regions", .kind = RM_FILE_REGIONS, .mode = 0555 },
	{ .name = "devices", .kind = RM_FILE_DEVICES, .mode = 0555 },
	{ .name = "u-dma-buf", .kind = RM_FILE_UDMABUF_CLASS, .mode = 0755 },
	{ .name = "dev", .kind = RM_FILE_UDMABUF_DEV, .mode = 0755 },
	{ .name = "u-dma-buf-mgr", .kind = RM_FILE_UDMABUF_MGR, .mode = 0600 },
	{ .name = ".dev-links", .kind = RM_FILE_UDMABUF_LINKS, .mode = 0555 },
	{ .name = "cma-default", .kind = RM_FILE_LINK, .mode = 0777,
	  .present = has_default_cma, .target = default_cma_target },
	{ .name = NULL },
};
