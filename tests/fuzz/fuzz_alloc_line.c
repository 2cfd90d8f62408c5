// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_alloc_line - libFuzzer target: the "SIZE [NAME]" line written to an
 * alloc file, parsed by fs_parse_alloc() (src/fs_alloc.c, linked in).
 *
 * The input is the write(2) payload as FUSE delivers it: bytes and a
 * length, not a C string.  Checked against interface.md §3: an accepted
 * line has a non-zero SIZE that is exactly the kernel's memparse of the
 * first word (no wrap, no trailing junk), and a NAME that is empty or a
 * single path component of 1..255 bytes, neither "." nor ".." nor holding
 * '/', and NUL-terminated inside the caller's buffer.
 *
 * Only src/fs_alloc.c is linked, not the rest of the FUSE layer: the two
 * buffer-table functions fs_alloc_request() also calls are stubbed here
 * (never reached: the target calls only the parser).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs_internal.h"
#include "kernel/lib/cmdline.h"

struct fs_buffer *fs_buffer_find(struct fs_bufdir *dir, const char *name)
{
	(void)dir;
	(void)name;
	abort();
}

int fs_buffer_create(struct fs *fs, struct fs_bufdir *dir, const char *name,
		     const struct rm_alloc *a, uid_t uid, gid_t gid,
		     struct fs_buffer **out)
{
	(void)fs;
	(void)dir;
	(void)name;
	(void)a;
	(void)uid;
	(void)gid;
	(void)out;
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[RM_NAME_MAX], small[8];
	const char *e;
	char *copy, *tok;
	uint64_t sz = 0, sz2 = 0;
	size_t nl;
	int ret;

	/* exactly size bytes: ASan sees any read past the payload */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	memset(name, 'X', sizeof(name));
	ret = fs_parse_alloc(copy, size, &sz, name, sizeof(name));
	if (!ret) {
		if (!sz)
			abort();
		nl = strnlen(name, sizeof(name));
		if (nl == sizeof(name) || nl > 255)
			abort();
		if (strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
			abort();
		/* SIZE is memparse of the first word, taken whole */
		tok = malloc(size + 1);
		if (!tok)
			abort();
		memcpy(tok, data, size);
		tok[size] = '\0';
		{
			char *p = tok;

			while (*p == ' ' || *p == '\t')
				p++;
			sz2 = rm_memparse(p, &e);
			if (sz2 != sz || e == p ||
			    (*e && *e != ' ' && *e != '\t' && *e != '\n'))
				abort();
		}
		free(tok);
	}
	/* a buffer too small for the name: refused, never overrun */
	ret = fs_parse_alloc(copy, size, &sz2, small, sizeof(small));
	if (!ret && strnlen(small, sizeof(small)) == sizeof(small))
		abort();
	free(copy);
	return 0;
}
