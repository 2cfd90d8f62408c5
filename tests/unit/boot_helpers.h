/* SPDX-License-Identifier: GPL-2.0 */
/*
 * boot_helpers.h - boot a board for the rm_boot() suites (test_scan,
 * test_placement, test_cma, test_devices).
 *
 * Two ways in:
 *   tb_text()   DTS text written to a temp file and compiled with dtc, on
 *               a QEMU-virt-like skeleton (DTS() below: 2 GiB of RAM at
 *               0x40000000, the oracle's initrd in /chosen) with the
 *               kernel image and the DTB reserved as the oracle's kernels
 *               do (doc/early-boot-model.md §1).
 *   tb_golden() one oracle run: the input, RAM size, command line and
 *               initrd named by the golden's own header, compiled and
 *               booted exactly as tests/golden/check-goldens.sh does, so
 *               a value printed in the golden is an exact expectation.
 *
 * Log helpers look at b->log.text.s one line at a time.
 */
#ifndef RM_BOOT_HELPERS_H
#define RM_BOOT_HELPERS_H

#include <check.h>
#include <errno.h>
#include <glob.h>
#include <libfdt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board/options.h"
#include "kernel/dma/mapping.h"
#include "kernel/kconfig.h"
#include "kernel/lib/sizes.h"
#include "util/file.h"
#include "kernel/system.h"

#define TB_UNUSED __attribute__((unused))


/*
 * The skeleton: root cells 2/2 like QEMU virt, RAM [0x40000000, +2 GiB),
 * and the initrd QEMU loads at 0x48000000 (golden errors.k6.1,
 * "chosen/linux,initrd-end: 4810d431").  PRE goes before the root node
 * (/memreserve/), BODY inside it.
 */
#define VIRT_RAM_2G "reg = <0x0 0x40000000 0x0 0x80000000>;"
#define VIRT_RAM_8G "reg = <0x0 0x40000000 0x2 0x00000000>;"
#define DTS_RAM(pre, ram, body)						\
	"/dts-v1/;\n" pre "\n/ {\n"					\
	"\t#address-cells = <2>;\n\t#size-cells = <2>;\n"		\
	"\tcompatible = \"linux,dummy-virt\";\n"			\
	"\tmemory@40000000 { device_type = \"memory\"; " ram " };\n"	\
	"\tchosen { linux,initrd-start = <0x48000000>; "		\
	"linux,initrd-end = <0x4810d431>; };\n"				\
	body "\n};\n"
#define DTS(body) DTS_RAM("", VIRT_RAM_2G, body)
#define DTS_PRE(pre, body) DTS_RAM(pre, VIRT_RAM_2G, body)
/* /reserved-memory with the root's cells and ranges */
#define RESMEM(children)						\
	"\treserved-memory {\n\t\t#address-cells = <2>;\n"		\
	"\t\t#size-cells = <2>;\n\t\tranges;\n" children "\n\t};\n"

struct tboot {
	struct rm_board *b;
	void *blob;
	size_t size;
};

/* a whole file (util/file.c), NULL when it cannot be read */
static TB_UNUSED char *tb_slurp(const char *path, size_t *len)
{
	char *buf, err[512];
	size_t n;

	if (rm_read_file(path, 1u << 30, &buf, &n, err, sizeof(err)))
		return NULL;
	if (len)
		*len = n;
	return buf;
}

static TB_UNUSED int tb_spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

/* the checkout: the current directory when run from it, else from the binary */
static TB_UNUSED const char *tb_root(void)
{
	static char root[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n;
	int i;

	if (root[0])
		return root;
	if (access("tests/fixtures/oracle/errors.dts", R_OK) == 0 &&
	    getcwd(root, sizeof(root)))
		return root;
	/* <root>/<build>/tests/test_x */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ck_assert_msg(n > 0, "cannot find the checkout");
	exe[n] = '\0';
	for (i = 0; i < 3; i++) {
		char *slash = strrchr(exe, '/');

		ck_assert_msg(slash != NULL, "cannot find the checkout");
		*slash = '\0';
	}
	snprintf(root, sizeof(root), "%s", exe);
	return root;
}

/* formatted string, malloc'ed */
static TB_UNUSED char *tb_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(r, 0);
	return s;
}

/* append to a malloc'ed string */
static TB_UNUSED char *tb_cat(char *s, const char *fmt, ...)
{
	va_list ap;
	char *add = NULL, *out;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&add, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(r, 0);
	out = tb_fmt("%s%s", s ? s : "", add);
	free(s);
	free(add);
	return out;
}

/*
 * dtc -q -I dts -O dtb board.dts in a fresh temp directory; virt_text,
 * when given, is written beside it as virt.dts (dtc looks next to the
 * source first), incdir is passed as -i.
 */
static TB_UNUSED void *tb_dtc(const char *board_text, const char *virt_text,
			      const char *incdir, size_t *size)
{
	char dir[] = "/tmp/rmunit.XXXXXX";
	char *src, *out, *err, *cmd, *msg;
	void *blob;
	int rc;

	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	src = tb_fmt("%s/board.dts", dir);
	out = tb_fmt("%s/board.dtb", dir);
	err = tb_fmt("%s/dtc.err", dir);
	ck_assert_int_eq(tb_spit(src, board_text), 0);
	if (virt_text) {
		char *v = tb_fmt("%s/virt.dts", dir);

		ck_assert_int_eq(tb_spit(v, virt_text), 0);
		free(v);
	}
	/* the temp dir first: a fixture including virt.dts gets this one */
	cmd = tb_fmt("dtc -q -I dts -O dtb -i '%s' %s%s%s -o '%s' '%s' 2>'%s'",
		     dir, incdir ? "-i '" : "", incdir ? incdir : "",
		     incdir ? "'" : "", out, src, err);
	rc = system(cmd);
	msg = tb_slurp(err, NULL);
	ck_assert_msg(rc == 0, "dtc failed (%d): %s\n%s", rc, msg ? msg : "",
		      board_text);
	free(msg);
	blob = tb_slurp(out, size);
	ck_assert_msg(blob != NULL, "no dtb");
	free(cmd);
	cmd = tb_fmt("rm -rf '%s'", dir);
	rc = system(cmd);
	(void)rc;
	free(cmd);
	free(src);
	free(out);
	free(err);
	return blob;
}

/* a .config text applied over the profile's Kconfig defaults */
static TB_UNUSED void tb_kconfig(struct rm_kconfig *kc, const char *profile,
				 const char *text)
{
	char err[256] = "";

	rm_kconfig_defaults(kc, rm_profile_find(profile));
	ck_assert_msg(rm_kconfig_parse(kc, text, err, sizeof(err)) == 0,
		      "kconfig: %s", err);
}

static TB_UNUSED void tb_kconfig_file(struct rm_kconfig *kc,
				      const char *profile, const char *rel)
{
	char *path = tb_fmt("%s/%s", tb_root(), rel);
	char *text = tb_slurp(path, NULL);

	ck_assert_msg(text != NULL, "cannot read %s", path);
	tb_kconfig(kc, profile, text);
	free(text);
	free(path);
}

/*
 * What the oracle's kernels hold before the scan (doc/early-boot-model.md
 * §1): 6.1 [_stext, _end) = [0x40210000, 0x42210000), 6.12 [_text, _end) =
 * [0x40200000, 0x42d30000); 4.19 is not measured, the 6.1 image size at
 * _text is used.  The DTB at 0x48200000, padded to 2 * (size + 10000).
 */
static TB_UNUSED void tb_footprint(const char *profile, size_t dtb_size,
				   struct rm_reserve_range res[2])
{
	if (!strcmp(profile, "6.1")) {
		res[0].base = 0x40210000ULL;
		res[0].size = 0x2000000ULL;
	} else if (!strcmp(profile, "6.12")) {
		res[0].base = 0x40200000ULL;
		res[0].size = 0x2b30000ULL;
	} else {
		res[0].base = 0x40200000ULL;
		res[0].size = 0x2000000ULL;
	}
	res[1].base = 0x48200000ULL;
	res[1].size = 2 * ((uint64_t)dtb_size + 10000);
}

static TB_UNUSED void tb_boot_blob(struct tboot *t, const char *profile,
				   const char *cmdline,
				   const struct rm_kconfig *kc,
				   size_t dtb_size)
{
	struct rm_reserve_range res[2];
	struct rm_boot_opts opts;
	char err[256] = "";
	int ret;

	memset(&opts, 0, sizeof(opts));
	opts.profile = rm_profile_find(profile);
	ck_assert_msg(opts.profile != NULL, "no profile %s", profile);
	opts.cmdline = cmdline ? cmdline : "";
	opts.kconfig = kc;
	tb_footprint(profile, dtb_size, res);
	opts.reserve = res;
	opts.nr_reserve = 2;
	t->b = NULL;
	ret = rm_boot(t->blob, t->size, &opts, &t->b, err, sizeof(err));
	ck_assert_msg(ret == 0 && t->b, "rm_boot: %d %s", ret, err);
}

/* boot DTS text; config_text NULL = the profile's Kconfig defaults */
static TB_UNUSED struct rm_board *tb_text(struct tboot *t, const char *profile,
					  const char *dts, const char *cmdline,
					  const char *config_text)
{
	struct rm_kconfig kc;

	memset(t, 0, sizeof(*t));
	t->blob = tb_dtc(dts, NULL, NULL, &t->size);
	if (config_text)
		tb_kconfig(&kc, profile, config_text);
	tb_boot_blob(t, profile, cmdline, config_text ? &kc : NULL, t->size);
	return t->b;
}

/* same, with the Debian kernel's .config of the profile (6.1 / 6.12) */
static TB_UNUSED struct rm_board *tb_text_debian(struct tboot *t,
						 const char *profile,
						 const char *dts,
						 const char *cmdline)
{
	struct rm_kconfig kc;
	char *rel = tb_fmt("tests/fixtures/config/debian-%s.config", profile);

	memset(t, 0, sizeof(*t));
	t->blob = tb_dtc(dts, NULL, NULL, &t->size);
	tb_kconfig_file(&kc, profile, rel);
	free(rel);
	tb_boot_blob(t, profile, cmdline, &kc, t->size);
	return t->b;
}

static TB_UNUSED char *tb_header(const char *text, const char *key)
{
	const char *p = strstr(text, key);
	size_t n;

	if (!p)
		return NULL;
	p += strlen(key);
	n = strcspn(p, "\n");
	return strndup(p, n);
}

/*
 * Boot the input of tests/golden/<input>/<name>.txt exactly as
 * check-goldens.sh does: tests/tools/replay-golden.sh rebuilds it (the
 * fixture over virt-<MEM>.dts, /chosen as QEMU fills it, the options),
 * then rm_options_boot() boots it as `rmemfs --dry-run` would.
 */
static TB_UNUSED struct rm_board *tb_golden(struct tboot *t, const char *name)
{
	char dir[] = "/tmp/rmgolden.XXXXXX";
	char *pattern = tb_fmt("%s/tests/golden/*/%s.txt", tb_root(), name);
	char *cmd, *opts, *line, *save = NULL, err[512] = "";
	struct rm_options o;
	glob_t gl;
	int rc;

	ck_assert_msg(glob(pattern, 0, NULL, &gl) == 0 && gl.gl_pathc == 1,
		      "no single golden %s", pattern);
	ck_assert_msg(mkdtemp(dir) != NULL, "mkdtemp: %s", strerror(errno));
	cmd = tb_fmt("sh '%s/tests/tools/replay-golden.sh' '%s' '%s'",
		     tb_root(), gl.gl_pathv[0], dir);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "%s failed", cmd);
	free(cmd);
	cmd = tb_fmt("%s/options", dir);
	opts = tb_slurp(cmd, NULL);
	ck_assert_msg(opts != NULL, "no %s", cmd);
	free(cmd);
	memset(&o, 0, sizeof(o));
	o.dtb = tb_fmt("%s/board.dtb", dir);
	for (line = strtok_r(opts, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "profile=", 8))
			o.profile = line + 8;
		else if (!strncmp(line, "config=", 7))
			o.config = line + 7;
		else if (!strncmp(line, "cmdline=", 8))
			o.cmdline = line + 8;
		else if (!strncmp(line, "reserve=", 8))
			o.reserve = line + 8;
	}
	memset(t, 0, sizeof(*t));
	rc = rm_options_boot(&o, &t->b, &t->blob, err, sizeof(err));
	ck_assert_msg(rc == 0 && t->b, "boot %s: %d %s", name, rc, err);
	t->size = t->b->fdt_size;
	cmd = tb_fmt("rm -rf '%s'", dir);
	rc = system(cmd);
	(void)rc;
	free(cmd);
	free(o.dtb);
	free(opts);
	free(pattern);
	globfree(&gl);
	return t->b;
}

/*
 * A fixture (path under tests/fixtures, e.g. "oracle/errors.dts") on any
 * profile, its /include/s found in its own directory; the Debian .config
 * for 6.1/6.12, the Kconfig defaults for 4.19 (its config is unknown,
 * doc/kernels.md §0).
 */
static TB_UNUSED struct rm_board *tb_fixture(struct tboot *t,
					     const char *profile,
					     const char *rel,
					     const char *cmdline)
{
	char *path = tb_fmt("%s/tests/fixtures/%s", tb_root(), rel);
	char *dir = strdup(path), *text = tb_slurp(path, NULL), *virt;
	char *vpath = tb_fmt("%s/tests/fixtures/virt/virt-2G.dts", tb_root());
	struct rm_kconfig kc;
	bool debian = strcmp(profile, "4.19") != 0;

	ck_assert_msg(text != NULL, "cannot read %s", path);
	*strrchr(dir, '/') = '\0';
	memset(t, 0, sizeof(*t));
	virt = tb_slurp(vpath, NULL);
	ck_assert_msg(virt != NULL, "cannot read %s", vpath);
	/* QEMU's 2 GiB virt tree for the fixtures that include virt.dts */
	t->blob = tb_dtc(text, virt, dir, &t->size);
	if (debian) {
		char *cfg = tb_fmt("tests/fixtures/config/debian-%s.config", profile);

		tb_kconfig_file(&kc, profile, cfg);
		free(cfg);
	}
	tb_boot_blob(t, profile, cmdline, debian ? &kc : NULL, t->size);
	free(virt);
	free(vpath);
	free(text);
	free(dir);
	free(path);
	return t->b;
}

static TB_UNUSED void tb_free(struct tboot *t)
{
	rm_board_free(t->b);
	free(t->blob);
	t->b = NULL;
	t->blob = NULL;
}

/* ---- the log, line by line ---------------------------------------- */

enum tb_match { TB_EXACT, TB_PREFIX, TB_SUFFIX, TB_SUBSTR };

static TB_UNUSED bool tb_line_matches(const char *line, size_t len,
				      const char *want, enum tb_match how)
{
	size_t wl = strlen(want);

	switch (how) {
	case TB_EXACT:
		return len == wl && !memcmp(line, want, wl);
	case TB_PREFIX:
		return len >= wl && !memcmp(line, want, wl);
	case TB_SUFFIX:
		return len >= wl && !memcmp(line + len - wl, want, wl);
	case TB_SUBSTR:
		return memmem(line, len, want, wl) != NULL;
	}
	return false;
}

/* index (0-based) of the nth (0-based) matching line, -1 if none */
static TB_UNUSED int tb_find_nth(struct rm_board *b, const char *want,
				 enum tb_match how, int nth)
{
	const char *s = b->log.text.s, *end;
	int idx = 0;

	if (!s)
		return -1;
	end = s + b->log.text.len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (tb_line_matches(s, len, want, how) && nth-- == 0)
			return idx;
		idx++;
		s += len + 1;
	}
	return -1;
}

static TB_UNUSED int tb_count(struct rm_board *b, const char *want,
			      enum tb_match how)
{
	int n = 0;

	while (tb_find_nth(b, want, how, n) >= 0)
		n++;
	return n;
}

static TB_UNUSED int tb_index(struct rm_board *b, const char *want)
{
	return tb_find_nth(b, want, TB_EXACT, 0);
}

static TB_UNUSED const char *tb_log(struct rm_board *b)
{
	return b->log.text.s ? b->log.text.s : "(empty)";
}

/* exact line present exactly n times */
#define ck_assert_lines(b, line, n)					\
	ck_assert_msg(tb_count((b), (line), TB_EXACT) == (n),		\
		      "expected %d x \"%s\", found %d\n--- log ---\n%s",	\
		      (n), (line), tb_count((b), (line), TB_EXACT),	\
		      tb_log(b))
#define ck_assert_line(b, line) ck_assert_lines(b, line, 1)
#define ck_assert_no_line(b, line) ck_assert_lines(b, line, 0)
/* lines matching a pattern (prefix/suffix/substring) */
#define ck_assert_match(b, pat, how, n)					\
	ck_assert_msg(tb_count((b), (pat), (how)) == (n),		\
		      "expected %d line(s) matching \"%s\", found %d\n"	\
		      "--- log ---\n%s", (n), (pat),			\
		      tb_count((b), (pat), (how)), tb_log(b))
/* line a comes before line b (both present) */
#define ck_assert_before(b, l1, l2)					\
	ck_assert_msg(tb_index((b), (l1)) >= 0 && tb_index((b), (l2)) >= 0 && \
		      tb_index((b), (l1)) < tb_index((b), (l2)),		\
		      "expected \"%s\" (line %d) before \"%s\" (line %d)\n"	\
		      "--- log ---\n%s", (l1), tb_index((b), (l1)), (l2),	\
		      tb_index((b), (l2)), tb_log(b))

/* ---- the board --------------------------------------------------- */

/* a region by node name (b->regions: the table and the failed ones) */
static TB_UNUSED struct rm_region *tb_region(struct rm_board *b,
					     const char *name)
{
	unsigned int i;

	for (i = 0; i < b->nr_regions; i++)
		if (!strcmp(b->regions[i]->name, name))
			return b->regions[i];
	return NULL;
}

/* in the kernel's reserved_mem[] */
static TB_UNUSED struct rm_region *tb_table(struct rm_board *b,
					    const char *name)
{
	unsigned int i;

	for (i = 0; i < b->nr_table; i++)
		if (!strcmp(b->table[i]->name, name))
			return b->table[i];
	return NULL;
}

static TB_UNUSED struct rm_device *tb_dev(struct rm_board *b, const char *name)
{
	struct rm_device *d = rm_device_find(b, name);

	ck_assert_msg(d != NULL, "no device %s", name);
	return d;
}

static TB_UNUSED struct rm_cma *tb_cma(struct rm_board *b, const char *name)
{
	unsigned int i;

	for (i = 0; i < b->cma.nr; i++)
		if (!strcmp(b->cma.areas[i]->name, name))
			return b->cma.areas[i];
	return NULL;
}

#endif
