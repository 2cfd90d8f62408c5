// SPDX-License-Identifier: GPL-2.0
/*
 * The alloc files: "SIZE [NAME]" in, a buffer out.  A failed request
 * changes nothing: the name is checked first, and memory found for a
 * name that was taken meanwhile is given back before replying.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs_internal.h"

#define ALLOC_LINE_MAX 4096

/*
 * memparse's grammar (base prefix, one K/M/G/T/P/E suffix) but strict:
 * the whole token, no sign, and a value that does not fit in 64 bits is
 * refused instead of wrapping as the kernel's parser would.
 */
static int parse_size(const char *tok, size_t len, uint64_t *out)
{
	unsigned int base = 10, shift = 0;
	size_t i = 0;
	uint64_t v = 0;

	if (!len)
		return -EINVAL;
	if (tok[0] == '0' && len > 2 && (tok[1] == 'x' || tok[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (tok[0] == '0' && len > 1) {
		base = 8;
		i = 1;
	}
	if (i >= len && base != 8)
		return -EINVAL;
	for (; i < len; i++) {
		char c = tok[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			break;
		if (d >= base)
			return -EINVAL;
		if (__builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, d, &v))
			return -EINVAL;
	}
	if (i < len) {
		switch (tok[i]) {
		case 'E': case 'e': shift = 60; break;
		case 'P': case 'p': shift = 50; break;
		case 'T': case 't': shift = 40; break;
		case 'G': case 'g': shift = 30; break;
		case 'M': case 'm': shift = 20; break;
		case 'K': case 'k': shift = 10; break;
		default: return -EINVAL;
		}
		if (i + 1 != len)
			return -EINVAL;
		if (shift && (v >> (64 - shift)))
			return -EINVAL;
	}
	v <<= shift;
	if (!v)
		return -EINVAL;
	*out = v;
	return 0;
}

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

int fs_parse_alloc(const char *buf, size_t len, uint64_t *size, char *name,
		   size_t namelen)
{
	const char *tok[3];
	size_t toklen[3], i = 0;
	unsigned int n = 0;

	if (!len || len > ALLOC_LINE_MAX)
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
	if (!n || parse_size(tok[0], toklen[0], size))
		return -EINVAL;
	name[0] = '\0';
	if (n == 2) {
		if (check_name(tok[1], toklen[1]) || toklen[1] >= namelen)
			return -EINVAL;
		memcpy(name, tok[1], toklen[1]);
		name[toklen[1]] = '\0';
	}
	return 0;
}

int fs_alloc_request(struct fs *fs, struct fs_node *node, const char *buf,
		     size_t len, uid_t uid, gid_t gid, char **line)
{
	struct fs_bufdir *dir = node->bufdir;
	struct fs_buffer *b;
	struct rm_alloc a;
	char name[RM_NAME_MAX];
	uint64_t size;
	int err;

	err = fs_parse_alloc(buf, len, &size, name, sizeof(name));
	if (err)
		return err;
	if (name[0]) {
		pthread_mutex_lock(&fs->lock);
		b = fs_buffer_find(dir, name);
		pthread_mutex_unlock(&fs->lock);
		if (b)
			return -EEXIST;
	}
	/* the allocators take only their pool's lock */
	if (dir->device)
		err = rm_dma_alloc(fs->board, dir->device, size, &a);
	else
		err = rm_region_alloc(fs->board, dir->region, size, &a);
	if (err)
		return err;
	if (!name[0])
		snprintf(name, sizeof(name), "0x%llx", (unsigned long long)a.dma);
	pthread_mutex_lock(&fs->lock);
	if (fs_buffer_find(dir, name))
		err = -EEXIST;
	else
		err = fs_buffer_create(fs, dir, name, &a, uid, gid, &b);
	pthread_mutex_unlock(&fs->lock);
	if (err) {
		rm_dma_free(fs->board, &a);
		return err;
	}
	if (asprintf(line, "%s 0x%llx 0x%llx %llu %s\n", name,
		     (unsigned long long)a.phys, (unsigned long long)a.dma,
		     (unsigned long long)a.size, a.pool) < 0)
		*line = NULL;
	return 0;
}
