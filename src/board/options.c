// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/fdt_fixup.h"
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

/*
 * -o cmdline_file=: the file's first line, as /proc/cmdline holds it (a
 * trailing newline dropped; a second line is refused).
 */
static int read_cmdline_file(const char *path, char **text, char *err,
			     size_t errlen)
{
	char msg[512], *nl;
	size_t len;
	int ret = rm_read_file(path, 64u << 10, text, &len, msg, sizeof(msg));

	if (ret) {
		snprintf(err, errlen, "cmdline_file=%s", msg);
		return ret;
	}
	if (memchr(*text, '\0', len)) {
		snprintf(err, errlen, "cmdline_file=%s: not a text file", path);
		free(*text);
		return -EINVAL;
	}
	nl = memchr(*text, '\n', len);
	if (nl && nl[strspn(nl, "\n")]) {
		snprintf(err, errlen, "cmdline_file=%s: more than one line", path);
		free(*text);
		return -EINVAL;
	}
	if (nl)
		*nl = '\0';
	return 0;
}

/* -o memory=: the banks written into the blob as a bootloader would */
static int apply_memory(const char *spec, void **blob, size_t *size, char *err,
			size_t errlen)
{
	struct rm_bank banks[RM_MAX_BANKS];
	unsigned int n;
	int base_given;

	if (rm_parse_memory(spec, banks, RM_MAX_BANKS, &n, &base_given)) {
		snprintf(err, errlen, "memory=%s: expected SIZE or BASE+SIZE[,BASE+SIZE...]"
			 " with non-zero sizes (at most %d banks)", spec, RM_MAX_BANKS);
		return -EINVAL;
	}
	return rm_fdt_fixup_memory(blob, size, banks, n, base_given, err, errlen);
}

/* -o ignore= and -o strict: how the findings count, after the boot */
static int apply_findings_options(const struct rm_options *o,
				  struct rm_board *b, char *err, size_t errlen)
{
	const char *bad = NULL;
	int ret;

	b->findings.strict = o->strict;
	if (!o->ignore)
		return 0;
	ret = rm_findings_ignore(&b->findings, o->ignore, &bad);
	if (ret == -ENOENT)
		snprintf(err, errlen, "ignore=%s: unknown finding id '%.*s' (see "
			 "doc/findings.md)", o->ignore, (int)strcspn(bad, "@:"),
			 bad);
	else if (ret)
		snprintf(err, errlen, "ignore=%s: expected ID[@NODE][:ID[@NODE]...]",
			 o->ignore);
	return ret ? -EINVAL : 0;
}

int rm_options_boot(const struct rm_options *o, struct rm_board **board,
		    void **blob, char *err, size_t errlen)
{
	char *file_cmdline = NULL;
	struct rm_reserve_range reserve[RM_MAX_RESERVE];
	struct rm_boot_opts bo = { 0 };
	struct rm_kconfig kc;
	size_t size;
	int ret;

	if (o->sync && strcmp(o->sync, "off") && strcmp(o->sync, "strict")) {
		snprintf(err, errlen, "sync=%s: off or strict", o->sync);
		return -EINVAL;
	}
	bo.profile = o->profile ? rm_profile_find(o->profile) : rm_profile_default();
	if (!bo.profile) {
		snprintf(err, errlen, "profile=%s: unknown profile (%s)",
			 o->profile, rm_profile_names());
		return -EINVAL;
	}
	rm_kconfig_defaults(&kc, bo.profile);
	if (o->config) {
		char *text = NULL, msg[256];

		if (!strcmp(o->config, "debian")) {
			/* the Debian kernel's own settings, from the profile */
			if (!bo.profile->debian_config) {
				snprintf(err, errlen, "config=debian: the %s "
					 "profile has no Debian kernel",
					 bo.profile->name);
				return -EINVAL;
			}
			text = strdup(bo.profile->debian_config);
			if (!text) {
				snprintf(err, errlen, "config=debian: out of memory");
				return -ENOMEM;
			}
		} else {
			ret = read_config(o->config, &text, err, errlen);
			if (ret)
				return ret;
		}
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
	if (o->cmdline && o->cmdline_file) {
		snprintf(err, errlen, "cmdline= and cmdline_file= both given");
		return -EINVAL;
	}
	if (o->cmdline_file) {
		ret = read_cmdline_file(o->cmdline_file, &file_cmdline, err, errlen);
		if (ret)
			return ret;
	}
	bo.cmdline = file_cmdline ? file_cmdline : o->cmdline;
	ret = rm_board_load(o->dtb, o->dts_include, blob, &size, err, errlen);
	if (!ret && o->memory)
		ret = apply_memory(o->memory, blob, &size, err, errlen);
	if (!ret)
		ret = rm_boot(*blob, size, &bo, board, err, errlen);
	if (!ret) {
		ret = apply_findings_options(o, *board, err, errlen);
		if (ret) {
			rm_board_free(*board);
			*board = NULL;
		}
	}
	if (ret) {
		free(*blob);
		*blob = NULL;
	}
	free(file_cmdline);
	return ret;
}
