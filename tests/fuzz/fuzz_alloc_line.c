// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_alloc_line - libFuzzer target: the "SIZE [NAME]" line written to an
 * alloc file, parsed by rm_parse_alloc_line() (src/view/alloc_line.c).
 *
 * The input is the write(2) payload as FUSE delivers it: bytes and a
 * length, not a C string.  Checked against interface.md §3: an accepted
 * line has a non-zero SIZE that is exactly the kernel's memparse of the
 * first word (no wrap, no trailing junk), and a NAME that is empty or a
 * single path component of 1..255 bytes, neither "." nor ".." nor holding
 * '/', and NUL-terminated inside the caller's buffer.  The parser is
 * FUSE-free: the target links the core library alone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/device.h"
#include "kernel/lib/cmdline.h"
#include "view/alloc_line.h"

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
	ret = rm_parse_alloc_line(copy, size, &sz, name, sizeof(name));
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
	ret = rm_parse_alloc_line(copy, size, &sz2, small, sizeof(small));
	if (!ret && strnlen(small, sizeof(small)) == sizeof(small))
		abort();
	free(copy);
	return 0;
}
