// SPDX-License-Identifier: GPL-2.0
/*
 * The root of the mount: the boot as the kernel prints it, and the
 * regions and devices.
 */
#include <stdio.h>

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
	{ .name = "regions", .kind = RM_FILE_REGIONS, .mode = 0555 },
	{ .name = "devices", .kind = RM_FILE_DEVICES, .mode = 0555 },
	{ .name = "cma-default", .kind = RM_FILE_LINK, .mode = 0777,
	  .present = has_default_cma, .target = default_cma_target },
	{ .name = NULL },
};
