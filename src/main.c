// SPDX-License-Identifier: GPL-2.0
/*
 * rmemfs - boot a device tree's reserved memory as the Linux kernel does
 * and serve the result as a filesystem.
 *
 *   rmemfs [OPTIONS] [BOARD] MOUNTPOINT
 *   rmemfs --dry-run [OPTIONS] [BOARD]
 */
#include <fuse_lowlevel.h>
#include <fuse_opt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs.h"
#include "board/options.h"
#include "view/render.h"

#define RMEMFS_VERSION "0.1.0"

struct cli {
	struct rm_options o;
	char *nonopt[3];
	int nr_nonopt;
	int help;
	int version;
	char **cont;		/* the list option a bare token continues */
};

/* options whose values may hold commas: handled in cli_proc, in order */
enum { KEY_CMDLINE, KEY_RESERVE, KEY_MEMORY };

#define OPT(t, p) { t, offsetof(struct cli, p), 1 }
static const struct fuse_opt cli_opts[] = {
	{ "dtb=%s", offsetof(struct cli, o.dtb), 0 },
	{ "dts_include=%s", offsetof(struct cli, o.dts_include), 0 },
	FUSE_OPT_KEY("cmdline=", KEY_CMDLINE),
	{ "cmdline_file=%s", offsetof(struct cli, o.cmdline_file), 0 },
	FUSE_OPT_KEY("memory=", KEY_MEMORY),
	{ "config=%s", offsetof(struct cli, o.config), 0 },
	{ "profile=%s", offsetof(struct cli, o.profile), 0 },
	FUSE_OPT_KEY("reserve=", KEY_RESERVE),
	OPT("--dry-run", o.dry_run),
	OPT("nopassthrough", o.no_passthrough),
	OPT("--help", help),
	OPT("-h", help),
	OPT("--version", version),
	OPT("-V", version),
	FUSE_OPT_END
};

/* a list option's value: a later one replaces an earlier one */
static int set_list(struct cli *c, char **dst, const char *arg)
{
	free(*dst);
	*dst = strdup(strchr(arg, '=') + 1);
	c->cont = dst;
	return *dst ? 0 : -1;
}

/*
 * -o splits on commas (a "\," is kept, FUSE's own escape).  A token that
 * cannot be an option carries on the list option before it:
 * "reserve=A+S,B+T" and "memory=A+S,B+T" arrive as "reserve=A+S" then
 * "B+T"; "cmdline=console=ttyS0,115200 cma=32M" as "cmdline=console=ttyS0"
 * then "115200 cma=32M" (a digit first, or a space inside).
 */
static bool continues(const struct cli *c, const char *arg)
{
	bool digit = arg[0] >= '0' && arg[0] <= '9';

	if (!c->cont)
		return false;
	if (c->cont == &c->o.cmdline)
		return digit || strchr(arg, ' ');
	return digit && strchr(arg, '+');
}

static int cli_proc(void *data, const char *arg, int key,
		    struct fuse_args *outargs)
{
	struct cli *c = data;
	char *joined;

	(void)outargs;
	switch (key) {
	case KEY_CMDLINE:
		return set_list(c, &c->o.cmdline, arg);
	case KEY_RESERVE:
		return set_list(c, &c->o.reserve, arg);
	case KEY_MEMORY:
		return set_list(c, &c->o.memory, arg);
	case FUSE_OPT_KEY_OPT:
		if (!continues(c, arg)) {
			c->cont = NULL;
			return 1;	/* keep: a FUSE option */
		}
		if (asprintf(&joined, "%s,%s", *c->cont, arg) < 0)
			return -1;
		free(*c->cont);
		*c->cont = joined;
		return 0;
	case FUSE_OPT_KEY_NONOPT:
		break;
	default:
		return 1;
	}
	if (c->nr_nonopt == 2) {
		fprintf(stderr, "rmemfs: too many arguments: '%s'\n", arg);
		return -1;
	}
	c->nonopt[c->nr_nonopt++] = strdup(arg);
	return 0;
}

static void usage(void)
{
	printf("usage: rmemfs [OPTIONS] [BOARD] MOUNTPOINT\n"
	       "       rmemfs --dry-run [OPTIONS] [BOARD]\n\n"
	       "BOARD is a DTB or DTS file; without one the built-in board boots.\n\n"
	       "rmemfs options:\n"
	       "    -o dtb=PATH            board (DTB or DTS), instead of BOARD\n"
	       "    -o dts_include=DIR[:DIR]  cpp include dirs for DTS sources\n"
	       "    -o cmdline=STRING      kernel command line (default /chosen/bootargs);\n"
	       "                           a comma inside is written \\,\n"
	       "    -o cmdline_file=PATH   the kernel command line from a file (/proc/cmdline)\n"
	       "    -o memory=BASE+SIZE[,...]  the RAM banks, as the bootloader writes them\n"
	       "                           into /memory; memory=SIZE: one bank at the\n"
	       "                           unit address of the board's memory@BASE node\n"
	       "    -o config=PATH         kernel .config (CONFIG_CMA* and page size)\n"
	       "    -o profile=6.12|6.1|4.19  kernel to emulate (default 6.12)\n"
	       "    -o reserve=BASE+SIZE[,...]  memory the kernel holds before the scan\n"
	       "    -o nopassthrough       serve buffers from the page cache even where\n"
	       "                           FUSE passthrough is available\n"
	       "    --dry-run              boot, print log and memory map, exit\n"
	       "                           (0 clean, 2 boot errors, 1 could not run)\n"
	       "    -h, --help             this text\n"
	       "    -V, --version          version\n\n");
	printf("FUSE options:\n");
	fuse_cmdline_help();
	fuse_lowlevel_help();
}

static int dry_run(struct cli *c)
{
	struct rm_board *b = NULL;
	struct strbuf sb = STRBUF_INIT;
	void *blob = NULL;
	char err[1024];
	int ret;

	ret = rm_options_boot(&c->o, &b, &blob, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "rmemfs: %s\n", err);
		return 1;
	}
	rm_render_dryrun(b, &sb);
	if (sb.s)
		fwrite(sb.s, 1, sb.len, stdout);
	ret = b->log.nr_err || b->nr_dev_errors ? 2 : 0;
	strbuf_release(&sb);
	rm_board_free(b);
	free(blob);
	return ret;
}

int main(int argc, char *argv[])
{
	struct fuse_args args = FUSE_ARGS_INIT(argc, argv);
	struct cli c;
	int ret = 1, i;

	memset(&c, 0, sizeof(c));
	if (fuse_opt_parse(&args, &c, cli_opts, cli_proc) == -1)
		goto out;
	if (c.help) {
		usage();
		ret = 0;
		goto out;
	}
	if (c.version) {
		printf("rmemfs %s (libfuse %s)\n", RMEMFS_VERSION, fuse_pkgversion());
		ret = 0;
		goto out;
	}
	if (c.o.dry_run) {
		if (c.nr_nonopt > 1) {
			fprintf(stderr, "rmemfs: --dry-run takes one BOARD, no mount point\n");
			goto out;
		}
		if (c.nr_nonopt == 1) {
			if (c.o.dtb) {
				fprintf(stderr, "rmemfs: both BOARD and -o dtb= given\n");
				goto out;
			}
			c.o.dtb = c.nonopt[0];
			c.nonopt[0] = NULL;
		}
		ret = dry_run(&c);
		goto out;
	}
	if (c.nr_nonopt == 0) {
		fprintf(stderr, "rmemfs: no mount point (see --help)\n");
		goto out;
	}
	if (c.nr_nonopt == 2) {
		if (c.o.dtb) {
			fprintf(stderr, "rmemfs: both BOARD and -o dtb= given\n");
			goto out;
		}
		c.o.dtb = c.nonopt[0];
		c.nonopt[0] = c.nonopt[1];
		c.nonopt[1] = NULL;
	}
	ret = rm_fs_main(&c.o, c.nonopt[0], &args);
out:
	for (i = 0; i < 3; i++)
		free(c.nonopt[i]);
	free(c.o.dtb);
	free(c.o.dts_include);
	free(c.o.cmdline);
	free(c.o.config);
	free(c.o.profile);
	free(c.o.reserve);
	free(c.o.memory);
	free(c.o.cmdline_file);
	fuse_opt_free_args(&args);
	return ret;
}
