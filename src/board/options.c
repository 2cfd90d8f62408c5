// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/load.h"
#include "kernel/lib/cmdline.h"
#include "board/options.h"
#include "util/file.h"

int rm_parse_reserve(const char *s, struct rm_reserve_range *out,
		     unsigned int max, unsigned int *n)
{
	const char *p = s;

	*n = 0;
	while (*p) {
		const char *e;
		uint64_t base, size;

		if (*n == max)
			return -E2BIG;
		base = rm_memparse(p, &e);
		if (e == p || *e != '+')
			return -EINVAL;
		p = e + 1;
		size = rm_memparse(p, &e);
		if (e == p || (*e && *e != ',') || !size || base + size < base)
			return -EINVAL;
		out[*n].base = base;
		out[(*n)++].size = size;
		p = *e ? e + 1 : e;
		if (*e && !*p)
			return -EINVAL;
	}
	return 0;
}

/* a .config: text, at most 16 MiB */
static int read_config(const char *path, char **text, char *err, size_t errlen)
{
	char msg[512];
	size_t len;
	int ret = rm_read_file(path, 16u << 20, text, &len, msg, sizeof(msg));

	if (ret) {
		snprintf(err, errlen, "config %s", msg);
		return ret;
	}
	if (memchr(*text, '\0', len)) {
		snprintf(err, errlen, "config %s: not a text file", path);
		free(*text);
		return -EINVAL;
	}
	return 0;
}

int rm_options_boot(const struct rm_options *o, struct rm_board **board,
		    void **blob, char *err, size_t errlen)
{
	struct rm_reserve_range reserve[RM_MAX_RESERVE];
	struct rm_boot_opts bo = { 0 };
	struct rm_kconfig kc;
	size_t size;
	int ret;

	bo.profile = o->profile ? rm_profile_find(o->profile) : rm_profile_default();
	if (!bo.profile) {
		snprintf(err, errlen, "profile=%s: unknown profile (6.12, 6.1 or 4.19)",
			 o->profile);
		return -EINVAL;
	}
	rm_kconfig_defaults(&kc, bo.profile);
	if (o->config) {
		char *text = NULL, msg[256];

		ret = read_config(o->config, &text, err, errlen);
		if (ret)
			return ret;
		ret = rm_kconfig_parse(&kc, text, msg, sizeof(msg));
		free(text);
		if (ret) {
			snprintf(err, errlen, "config %s: %s", o->config, msg);
			return ret;
		}
	}
	bo.kconfig = &kc;
	if (o->reserve) {
		ret = rm_parse_reserve(o->reserve, reserve, RM_MAX_RESERVE,
				       &bo.nr_reserve);
		if (ret) {
			snprintf(err, errlen, "reserve=%s: expected BASE+SIZE[,BASE+SIZE...]"
				 " with non-zero sizes (at most %d)", o->reserve,
				 RM_MAX_RESERVE);
			return ret;
		}
		bo.reserve = reserve;
	}
	if (o->cmdline && memchr(o->cmdline, '\n', strlen(o->cmdline))) {
		snprintf(err, errlen, "cmdline: must be one line");
		return -EINVAL;
	}
	bo.cmdline = o->cmdline;
	ret = rm_board_load(o->dtb, o->dts_include, blob, &size, err, errlen);
	if (ret)
		return ret;
	ret = rm_boot(*blob, size, &bo, board, err, errlen);
	if (ret) {
		free(*blob);
		*blob = NULL;
	}
	return ret;
}
