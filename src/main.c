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
#include <sys/stat.h>

#include "fs/fs.h"
#include "board/options.h"
#include "view/render.h"

#define RMEMFS_VERSION "0.1.0"

struct cli {
	struct rm_options o;
	char *format;		/* --format=text|json|svg (dry-run) */
	char *compare;		/* --compare=PROFILE (dry-run) */
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
	{ "ignore=%s", offsetof(struct cli, o.ignore), 0 },
	OPT("strict", o.strict),
	OPT("--dry-run", o.dry_run),
	{ "--format=%s", offsetof(struct cli, format), 0 },
	{ "--compare=%s", offsetof(struct cli, compare), 0 },
	OPT("nopassthrough", o.no_passthrough),
	{ "sync=%s", offsetof(struct cli, o.sync), 0 },
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

/* rmemfs's own -o names, for "did you mean" */
static const char *const own_names[] = {
	"dtb", "dts_include", "cmdline", "cmdline_file", "memory", "config",
	"profile", "reserve", "ignore", "strict", "nopassthrough", "sync",
};

/* Levenshtein distance of a[0..la) and b, capped small: names are short */
static unsigned int distance(const char *a, size_t la, const char *b)
{
	unsigned int row[32], i, j, diag, up;
	size_t lb = strlen(b);

	if (la >= 32 || lb >= 32)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = a[i - 1] == b[j - 1] ? diag :
				 1 + (diag < up ? (diag < row[j - 1] ? diag : row[j - 1]) :
				      (up < row[j - 1] ? up : row[j - 1]));
			diag = up;
		}
	}
	return row[lb];
}

/*
 * An option FUSE does not know fails the mount with libfuse's message;
 * one that is a typo of ours is refused here, by name, in either mode,
 * before anything boots ("profle=6.1" would otherwise reach libfuse).
 */
static const char *misspelt(const char *arg)
{
	size_t len = strcspn(arg, "=");
	unsigned int i;

	for (i = 0; i < sizeof(own_names) / sizeof(own_names[0]); i++) {
		unsigned int d = distance(arg, len, own_names[i]);

		if (d && d <= (len <= 4 ? 1U : 2U))
			return own_names[i];
	}
	return NULL;
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
			const char *near = misspelt(arg);

			c->cont = NULL;
			if (near) {
				fprintf(stderr, "rmemfs: unknown option '%s' (did "
					"you mean '%s'?)\n", arg, near);
				return -1;
			}
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
	       "    -o config=PATH         kernel .config (CONFIG_CMA* and page size);\n"
	       "                           config=debian: the profile's Debian kernel's\n"
	       "    -o profile=NAME        kernel to emulate: 7.2, 6.12 (default), 6.1,\n"
	       "                           5.10 or 4.19 (doc/kernels.md)\n"
	       "    -o reserve=BASE+SIZE[,...]  memory the kernel holds before the scan\n"
	       "    -o nopassthrough       serve buffers from the page cache even where\n"
	       "                           FUSE passthrough is available\n"
	       "    -o sync=off|strict     strict: a non-coherent device and the CPU keep\n"
	       "                           two copies that only syncs reconcile (doc/dma.md)\n"
	       "    -o ignore=ID[@NODE][:...]  waive these findings (doc/findings.md)\n"
	       "    -o strict              warnings count as errors\n"
	       "    --dry-run              boot, print log, map, tables and findings, exit\n"
	       "                           (0 no error, 2 an error, 1 could not run)\n"
	       "    --format=text|json|svg with --dry-run: the report, one JSON document\n"
	       "                           (doc/rmemfs.schema.json), or the map as SVG\n"
	       "    --compare=PROFILE      with --dry-run: boot under PROFILE too and print\n"
	       "                           only what differs (exit 0 nothing, 3 something)\n"
	       "    -h, --help             this text\n"
	       "    -V, --version          version\n\n");
	printf("FUSE options:\n");
	fuse_cmdline_help();
	fuse_lowlevel_help();
}

/*
 * --dry-run mounts nothing, but an option the mount would refuse is
 * refused here too (exit 1), by libfuse's own parsers: whatever the mount
 * accepts (-f, -d, allow_other, max_threads=...) the dry-run accepts.
 */
static bool fuse_options_valid(const struct fuse_args *args)
{
	static const struct fuse_lowlevel_ops no_ops;
	struct fuse_args copy = FUSE_ARGS_INIT(0, NULL);
	struct fuse_cmdline_opts opts;
	struct fuse_session *se = NULL;
	int i;

	memset(&opts, 0, sizeof(opts));
	for (i = 0; i < args->argc; i++)
		if (fuse_opt_add_arg(&copy, args->argv[i]))
			goto out;
	if (fuse_parse_cmdline(&copy, &opts))
		goto out;
	se = fuse_session_new(&copy, &no_ops, sizeof(no_ops), NULL);
	if (se)
		fuse_session_destroy(se);
out:
	free(opts.mountpoint);
	fuse_opt_free_args(&copy);
	return se != NULL;
}

/* --compare=PROFILE: boot again under PROFILE, print what differs */
static int compare(struct cli *c, struct rm_board *a)
{
	struct rm_options other = c->o;
	struct rm_board *b = NULL;
	struct strbuf sb = STRBUF_INIT;
	void *blob = NULL;
	char err[1024];
	int ret;

	other.profile = c->compare;
	ret = rm_options_boot(&other, &b, &blob, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "rmemfs: --compare=%s: %s\n", c->compare, err);
		return 1;
	}
	ret = rm_render_compare(a, b, &sb) ? 3 : 0;
	if (sb.s)
		fwrite(sb.s, 1, sb.len, stdout);
	strbuf_release(&sb);
	rm_board_free(b);
	free(blob);
	return ret;
}

static int dry_run(struct cli *c)
{
	struct rm_board *b = NULL;
	struct strbuf sb = STRBUF_INIT;
	void *blob = NULL;
	char err[1024];
	int ret;

	if (c->format && strcmp(c->format, "text") && strcmp(c->format, "json") &&
	    strcmp(c->format, "svg")) {
		fprintf(stderr, "rmemfs: --format=%s: expected text, json or svg\n",
			c->format);
		return 1;
	}
	if (c->compare && !rm_profile_find(c->compare)) {
		fprintf(stderr, "rmemfs: --compare=%s: unknown profile (%s)\n",
			c->compare, rm_profile_names());
		return 1;
	}
	if (c->compare && c->format && strcmp(c->format, "text")) {
		fprintf(stderr, "rmemfs: --compare prints text only\n");
		return 1;
	}
	ret = rm_options_boot(&c->o, &b, &blob, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "rmemfs: %s\n", err);
		return 1;
	}
	if (c->compare) {
		ret = compare(c, b);
		rm_board_free(b);
		free(blob);
		return ret;
	}
	if (!c->format || !strcmp(c->format, "text"))
		rm_render_dryrun(b, &sb);
	else if (!strcmp(c->format, "json"))
		rm_render_json(b, c->o.dtb, &sb);
	else
		rm_render_svg(b, c->o.dtb, NULL, 0, &sb);
	if (sb.s)
		fwrite(sb.s, 1, sb.len, stdout);
	/* 2: an error finding the owner did not waive (doc/findings.md) */
	ret = rm_findings_errors(&b->findings) ? 2 : 0;
	strbuf_release(&sb);
	rm_board_free(b);
	free(blob);
	return ret;
}

static bool is_regular_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
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
		if (!fuse_options_valid(&args)) {
			fprintf(stderr, "rmemfs: an option above is neither rmemfs's "
				"nor FUSE's (see --help)\n");
			goto out;
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
	if (is_regular_file(c.nonopt[0])) {
		fprintf(stderr, "rmemfs: %s is a file: give a mount point, or use "
			"--dry-run\n", c.nonopt[0]);
		goto out;
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
	free(c.o.sync);
	free(c.o.reserve);
	free(c.o.memory);
	free(c.o.cmdline_file);
	free(c.o.ignore);
	free(c.format);
	free(c.compare);
	fuse_opt_free_args(&args);
	return ret;
}
