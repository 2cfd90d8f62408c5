// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "kernel/lib/cmdline.h"
#include "view/alloc_line.h"

static int check_name(const char *tok, size_t len)
{
	size_t i;

	if (!len || len > 255)
		return -EINVAL;
	if ((len == 1 && tok[0] == '.') || (len == 2 && !memcmp(tok, "..", 2)))
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (tok[i] == '/' || (unsigned char)tok[i] < 0x20 || tok[i] == 0x7f)
			return -EINVAL;
	return 0;
}

/*
 * "1 M" is a person writing a unit, not a buffer named M: a NAME that is
 * one of memparse's suffixes (K M G T P E, any case), alone or with "B"
 * or "iB" after it, is refused rather than making a 1-byte buffer.
 */
static bool looks_like_unit(const char *tok, size_t len)
{
	if (!len || !strchr("kKmMgGtTpPeE", tok[0]))
		return false;
	return len == 1 || (len == 2 && (tok[1] == 'B' || tok[1] == 'b')) ||
	       (len == 3 && (tok[1] == 'i' || tok[1] == 'I') &&
		(tok[2] == 'B' || tok[2] == 'b'));
}

int rm_parse_alloc_line(const char *buf, size_t len, uint64_t *size,
			char *name, size_t namelen)
{
	const char *tok[3];
	size_t toklen[3], i = 0;
	unsigned int n = 0;

	if (!len || len > RM_ALLOC_LINE_MAX)
		return -EINVAL;
	if (buf[len - 1] == '\n')
		len--;
	if (memchr(buf, '\n', len) || memchr(buf, '\0', len))
		return -EINVAL;
	while (i < len) {
		size_t start;

		while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i == len)
			break;
		start = i;
		while (i < len && buf[i] != ' ' && buf[i] != '\t')
			i++;
		if (n == 2)
			return -EINVAL;	/* a third token */
		tok[n] = buf + start;
		toklen[n++] = i - start;
	}
	/* size 0 is refused: doc/design.md */
	if (!n || rm_memparse_strict(tok[0], toklen[0], size) || !*size)
		return -EINVAL;
	name[0] = '\0';
	if (n == 2) {
		if (check_name(tok[1], toklen[1]) || toklen[1] >= namelen ||
		    looks_like_unit(tok[1], toklen[1]))
			return -EINVAL;
		memcpy(name, tok[1], toklen[1]);
		name[toklen[1]] = '\0';
	}
	return 0;
}
