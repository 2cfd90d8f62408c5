// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "board/load.h"
#include "util/file.h"

#define MAX_BOARD_FILE (64u << 20)	/* far above any real board */

extern const unsigned char rm_builtin_dtb[];
extern const size_t rm_builtin_dtb_len;

/*
 * A linear walk of the structure block before fdt_check_full(): libfdt
 * 1.6.1 (Debian 12) adds a property's length to an int offset unchecked,
 * so a length near 4 GiB wraps the offset backwards and fdt_check_full()
 * never returns.  Here every tag must fit in what is left of the block.
 */
static int struct_block_walk(const void *blob, uint32_t *bad_off)
{
	const char *base = (const char *)blob + fdt_off_dt_struct(blob);
	uint64_t size, off = 0;

	size = fdt_version(blob) >= 17 ? fdt_size_dt_struct(blob) :
	       (uint64_t)fdt_totalsize(blob) - fdt_off_dt_struct(blob);
	if ((uint64_t)fdt_off_dt_struct(blob) + size > fdt_totalsize(blob))
		return -1;
	while (off + 4 <= size) {
		uint32_t tag = fdt32_ld((const fdt32_t *)(base + off));
		uint64_t len;

		*bad_off = (uint32_t)off;
		off += 4;
		switch (tag) {
		case FDT_BEGIN_NODE:
			len = strnlen(base + off, size - off);
			if (off + len >= size)
				return -1;
			off += len + 1;
			break;
		case FDT_PROP:
			if (off + 8 > size)
				return -1;
			len = fdt32_ld((const fdt32_t *)(base + off));
			if (len > size - off - 8)
				return -1;
			off += 8 + len;
			break;
		case FDT_END_NODE:
		case FDT_NOP:
			break;
		case FDT_END:
			return 0;
		default:
			return -1;
		}
		off = (off + 3) & ~3ULL;
	}
	return -1;
}

int rm_board_validate(const void *blob, size_t size, const char *name,
		      char *err, size_t errlen)
{
	uint32_t bad_off = 0;
	static const char *const cells[] = { "#address-cells", "#size-cells" };
	int ret, i, len;

	if (size < sizeof(struct fdt_header) ||
	    fdt_magic(blob) != FDT_MAGIC) {
		snprintf(err, errlen, "%s: not a device tree blob (bad magic)", name);
		return -EINVAL;
	}
	if (fdt_totalsize(blob) > size) {
		snprintf(err, errlen, "%s: truncated device tree blob: header says "
			 "%u bytes, file has %zu", name, fdt_totalsize(blob), size);
		return -EINVAL;
	}
	ret = fdt_check_header(blob);
	if (!ret && struct_block_walk(blob, &bad_off)) {
		/* what newer libfdt reports for it */
		snprintf(err, errlen, "%s: invalid device tree blob: %s (the tag "
			 "at structure offset %u runs past the block)", name,
			 fdt_strerror(-FDT_ERR_BADSTRUCTURE), bad_off);
		return -EINVAL;
	}
	if (!ret)
		ret = fdt_check_full(blob, fdt_totalsize(blob));
	if (ret) {
		snprintf(err, errlen, "%s: invalid device tree blob: %s", name,
			 fdt_strerror(ret));
		return -EINVAL;
	}
	/*
	 * The kernel keeps the root cells in an int and reads that many
	 * cells per number: a huge value runs off the blob.  Refuse it.
	 */
	for (i = 0; i < 2; i++) {
		const fdt32_t *p = fdt_getprop(blob, 0, cells[i], &len);

		if (p && len >= 4 && fdt32_ld(p) > 4) {
			snprintf(err, errlen, "%s: root %s = %u: out of range "
				 "(at most 4)", name, cells[i], fdt32_ld(p));
			return -EINVAL;
		}
	}
	return 0;
}

/* run argv with stdout/stderr to errfile; 0 when it exited 0 */
static int run_tool(char *const argv[], const char *errfile)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int fd = open(errfile, O_WRONLY | O_TRUNC | O_CREAT, 0600);

		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EINVAL;
}

static void tool_error(const char *path, const char *tool, const char *errfile,
		       char *err, size_t errlen)
{
	char msg[512] = "";
	FILE *f = fopen(errfile, "r");
	size_t n = 0;

	if (f) {
		n = fread(msg, 1, sizeof(msg) - 1, f);
		fclose(f);
	}
	msg[n] = '\0';
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	snprintf(err, errlen, "%s: not a DTB, and %s could not compile it as DTS%s%s",
		 path, tool, n ? ": " : "", msg);
}

/* a line that is a cpp directive dtc cannot read: "#include <...>" */
static bool has_cpp_include(const char *path)
{
	char line[1024];
	bool found = false;
	FILE *f = fopen(path, "r");

	while (f && !found && fgets(line, sizeof(line), f)) {
		const char *p = line + strspn(line, " \t");

		found = !strncmp(p, "#include", 8) &&
			(p[8] == ' ' || p[8] == '\t');
	}
	if (f)
		fclose(f);
	return found;
}

static int compile_dts(const char *path, const char *include, void **blob,
		       size_t *size, char *err, size_t errlen)
{
	char dir[] = "/tmp/rmemfs-dtc.XXXXXX";
	char pre[64], out[64], errf[64], srcdir[4096];
	char *argv[64];
	int argc = 0, ret;
	char *inc = NULL, *tok, *save = NULL;

	if (!mkdtemp(dir)) {
		snprintf(err, errlen, "%s: cannot make a temporary directory: %s",
			 path, strerror(errno));
		return -errno;
	}
	snprintf(pre, sizeof(pre), "%s/pre.dts", dir);
	snprintf(out, sizeof(out), "%s/board.dtb", dir);
	snprintf(errf, sizeof(errf), "%s/err", dir);
	snprintf(srcdir, sizeof(srcdir), "%s", path);
	if (strrchr(srcdir, '/'))
		*strrchr(srcdir, '/') = '\0';
	else
		snprintf(srcdir, sizeof(srcdir), ".");

	if (include) {
		/* as scripts/Makefile.lib's dtc_cpp_flags */
		inc = strdup(include);
		argv[argc++] = "cpp";
		argv[argc++] = "-nostdinc";
		argv[argc++] = "-undef";
		argv[argc++] = "-D__DTS__";
		argv[argc++] = "-x";
		argv[argc++] = "assembler-with-cpp";
		argv[argc++] = "-I";
		argv[argc++] = srcdir;
		for (tok = inc ? strtok_r(inc, ":", &save) : NULL; tok && argc < 56;
		     tok = strtok_r(NULL, ":", &save)) {
			argv[argc++] = "-I";
			argv[argc++] = tok;
		}
		argv[argc++] = (char *)path;
		argv[argc++] = "-o";
		argv[argc++] = pre;
		argv[argc] = NULL;
		ret = run_tool(argv, errf);
		free(inc);
		if (ret) {
			tool_error(path, "cpp", errf, err, errlen);
			goto out;
		}
	}
	argc = 0;
	argv[argc++] = "dtc";
	argv[argc++] = "-q";
	argv[argc++] = "-I";
	argv[argc++] = "dts";
	argv[argc++] = "-O";
	argv[argc++] = "dtb";
	argv[argc++] = "-i";
	argv[argc++] = srcdir;
	argv[argc++] = "-o";
	argv[argc++] = out;
	argv[argc++] = include ? pre : (char *)path;
	argv[argc] = NULL;
	ret = run_tool(argv, errf);
	if (ret && !include && has_cpp_include(path)) {
		/* dtc's own "/include/" is not cpp's; say which option helps */
		snprintf(err, errlen, "%s: has #include lines, which need the C "
			 "preprocessor: add -o dts_include=DIR[:DIR] (where the "
			 "included files are, e.g. the kernel's include/)", path);
		goto out;
	}
	if (ret) {
		tool_error(path, "dtc", errf, err, errlen);
		goto out;
	}
	ret = rm_read_file(out, MAX_BOARD_FILE, (char **)blob, size, err, errlen);
out:
	unlink(pre);
	unlink(out);
	unlink(errf);
	rmdir(dir);
	return ret;
}

int rm_board_load(const char *path, const char *dts_include, void **blob,
		  size_t *size, char *err, size_t errlen)
{
	char *buf;
	size_t len;
	int ret;

	if (!path) {
		buf = malloc(rm_builtin_dtb_len);
		if (!buf)
			return -ENOMEM;
		memcpy(buf, rm_builtin_dtb, rm_builtin_dtb_len);
		*blob = buf;
		*size = rm_builtin_dtb_len;
		return 0;
	}
	ret = rm_read_file(path, MAX_BOARD_FILE, &buf, &len, err, errlen);
	if (ret)
		return ret;
	if (len >= 4 && fdt_magic(buf) != FDT_MAGIC) {
		free(buf);
		ret = compile_dts(path, dts_include, (void **)&buf, &len, err, errlen);
		if (ret)
			return ret;
	}
	ret = rm_board_validate(buf, len, path, err, errlen);
	if (ret) {
		free(buf);
		return ret;
	}
	*blob = buf;
	*size = len;
	return 0;
}
