// SPDX-License-Identifier: GPL-2.0
/*
 * Buffers: pool memory plus the memfd that holds its bytes.  A fresh
 * memfd reads as zeros, so a new buffer is zeroed without touching it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fs/fs_internal.h"
#include "fs/fs_passthrough.h"

static unsigned int hash_of(struct fs *fs, uint64_t ino)
{
	return (unsigned int)((ino * 0x9E3779B97F4A7C15ULL) >> 40) % fs->hash_size;
}

static int hash_grow(struct fs *fs)
{
	unsigned int nsize = fs->hash_size ? fs->hash_size * 2 : 1024, i;
	struct fs_buffer **n = calloc(nsize, sizeof(*n)), **old = fs->hash;
	unsigned int osize = fs->hash_size;

	if (!n)
		return -ENOMEM;
	fs->hash = n;
	fs->hash_size = nsize;
	for (i = 0; i < osize; i++) {
		struct fs_buffer *b = old[i], *next;

		for (; b; b = next) {
			unsigned int h = hash_of(fs, b->ino);

			next = b->hash_next;
			b->hash_next = n[h];
			n[h] = b;
		}
	}
	free(old);
	return 0;
}

struct fs_buffer *fs_buffer_get(struct fs *fs, uint64_t ino)
{
	struct fs_buffer *b;

	if (!fs->hash_size)
		return NULL;
	for (b = fs->hash[hash_of(fs, ino)]; b; b = b->hash_next)
		if (b->ino == ino)
			return b;
	return NULL;
}

struct fs_buffer *fs_buffer_find(struct fs_bufdir *dir, const char *name)
{
	struct fs_buffer *b;

	for (b = dir->head; b; b = b->next_in_dir)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

int fs_buffer_create(struct fs *fs, struct fs_bufdir *dir, const char *name,
		     const struct rm_alloc *a, uid_t uid, gid_t gid,
		     struct fs_buffer **out)
{
	struct fs_buffer *b;
	char mname[64];
	unsigned int h;

	if (fs->nr_buffers + 1 > (uint64_t)fs->hash_size * 2 && hash_grow(fs))
		return -ENOMEM;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	snprintf(mname, sizeof(mname), "rmemfs:%.50s", name);
	/*
	 * Exactly SIZE bytes, sealed: with passthrough the kernel writes the
	 * memfd itself, and a write past the end must fail (EPERM) as a
	 * truncate does.  The page holding the end still reads as zeros.
	 */
	b->memfd = memfd_create(mname, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (b->memfd < 0 || ftruncate(b->memfd, (off_t)a->size) < 0 ||
	    fcntl(b->memfd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK) < 0) {
		int err = -errno;

		if (b->memfd >= 0)
			close(b->memfd);
		free(b);
		return err;
	}
	b->ino = fs->next_ino++;
	snprintf(b->name, sizeof(b->name), "%s", name);
	b->dir = dir;
	b->alloc = *a;
	b->uid = uid;
	b->gid = gid;
	b->mode = 0600;
	b->watch = -1;
	clock_gettime(CLOCK_REALTIME, &b->ctime);
	/* append: the list stays sorted by ino, readdir's cookie */
	b->prev_in_dir = dir->tail;
	if (dir->tail)
		dir->tail->next_in_dir = b;
	else
		dir->head = b;
	dir->tail = b;
	h = hash_of(fs, b->ino);
	b->hash_next = fs->hash[h];
	fs->hash[h] = b;
	fs->nr_buffers++;
	*out = b;
	return 0;
}

static void hash_remove(struct fs *fs, struct fs_buffer *b)
{
	struct fs_buffer **pp = &fs->hash[hash_of(fs, b->ino)];

	for (; *pp; pp = &(*pp)->hash_next)
		if (*pp == b) {
			*pp = b->hash_next;
			return;
		}
}

/* Give the pool memory back once nobody can reach the bytes. */
static void maybe_release(struct fs *fs, struct fs_buffer *b)
{
	if (b->unlinked && !b->nopen && !b->freed && !fs_passthrough_busy(b)) {
		fs_passthrough_forget(fs, b);
		rm_dma_free(fs->board, &b->alloc);
		close(b->memfd);
		b->memfd = -1;
		b->freed = true;
	}
	if (b->freed && !b->nlookup) {
		hash_remove(fs, b);
		fs->nr_buffers--;
		free(b);
	}
}

void fs_buffer_unlink(struct fs *fs, struct fs_buffer *b)
{
	struct fs_bufdir *d = b->dir;

	if (b->unlinked)
		return;
	if (b->prev_in_dir)
		b->prev_in_dir->next_in_dir = b->next_in_dir;
	else
		d->head = b->next_in_dir;
	if (b->next_in_dir)
		b->next_in_dir->prev_in_dir = b->prev_in_dir;
	else
		d->tail = b->prev_in_dir;
	b->next_in_dir = b->prev_in_dir = NULL;
	b->unlinked = true;
	maybe_release(fs, b);
}

void fs_buffer_put_open(struct fs *fs, struct fs_buffer *b)
{
	if (b->nopen)
		b->nopen--;
	maybe_release(fs, b);
}

void fs_buffer_forget(struct fs *fs, struct fs_buffer *b, uint64_t n)
{
	b->nlookup = n < b->nlookup ? b->nlookup - n : 0;
	maybe_release(fs, b);
}

void fs_buffer_backing_closed(struct fs *fs, int wd)
{
	unsigned int i;

	for (i = 0; i < fs->hash_size; i++) {
		struct fs_buffer *b;

		for (b = fs->hash[i]; b; b = b->hash_next)
			if (b->watch == wd) {
				b->pt_closes++;
				maybe_release(fs, b);
				return;
			}
	}
}

void fs_buffers_free_all(struct fs *fs)
{
	unsigned int i;

	for (i = 0; i < fs->hash_size; i++) {
		struct fs_buffer *b = fs->hash[i], *next;

		for (; b; b = next) {
			next = b->hash_next;
			if (!b->freed) {
				fs_passthrough_forget(fs, b);
				rm_dma_free(fs->board, &b->alloc);
				close(b->memfd);
			}
			free(b);
		}
	}
	free(fs->hash);
	fs->hash = NULL;
	fs->hash_size = 0;
}
