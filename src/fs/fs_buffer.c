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

#include "fs/fs_buffer.h"

static unsigned int hash_of(struct fs_buffers *bufs, uint64_t ino)
{
	return (unsigned int)((ino * 0x9E3779B97F4A7C15ULL) >> 40) % bufs->hash_size;
}

static unsigned int wd_hash(struct fs_buffers *bufs, int wd)
{
	return hash_of(bufs, (uint64_t)(unsigned int)wd);
}

static int hash_grow(struct fs_buffers *bufs)
{
	unsigned int nsize = bufs->hash_size ? bufs->hash_size * 2 : 1024, i;
	struct fs_buffer **n = calloc(nsize, sizeof(*n)), **old = bufs->hash;
	struct fs_buffer **nw = calloc(nsize, sizeof(*nw));
	unsigned int osize = bufs->hash_size;

	if (!n || !nw) {
		free(n);
		free(nw);
		return -ENOMEM;
	}
	bufs->hash = n;
	free(bufs->by_wd);
	bufs->by_wd = nw;
	bufs->hash_size = nsize;
	for (i = 0; i < osize; i++) {
		struct fs_buffer *b = old[i], *next;

		for (; b; b = next) {
			unsigned int h = hash_of(bufs, b->ino);

			next = b->hash_next;
			b->hash_next = n[h];
			n[h] = b;
			if (b->wd_indexed) {
				h = wd_hash(bufs, b->backing.watch);
				b->wd_next = nw[h];
				nw[h] = b;
			}
		}
	}
	free(old);
	return 0;
}

void fs_buffer_watched(struct fs_buffers *bufs, struct fs_buffer *b)
{
	unsigned int h;

	if (b->wd_indexed || b->backing.watch < 0)
		return;
	h = wd_hash(bufs, b->backing.watch);
	b->wd_next = bufs->by_wd[h];
	bufs->by_wd[h] = b;
	b->wd_indexed = true;
}

static void wd_remove(struct fs_buffers *bufs, struct fs_buffer *b)
{
	struct fs_buffer **pp;

	if (!b->wd_indexed)
		return;
	for (pp = &bufs->by_wd[wd_hash(bufs, b->backing.watch)]; *pp;
	     pp = &(*pp)->wd_next)
		if (*pp == b) {
			*pp = b->wd_next;
			break;
		}
	b->wd_indexed = false;
}

struct fs_buffer *fs_buffer_get(struct fs_buffers *bufs, uint64_t ino)
{
	struct fs_buffer *b;

	if (!bufs->hash_size)
		return NULL;
	for (b = bufs->hash[hash_of(bufs, ino)]; b; b = b->hash_next)
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

/* sync=strict, a non-coherent owner: the device's copy; 0 or -errno */
static int shadow_new(struct fs_buffers *bufs, struct fs_buffer *b)
{
	struct fs_shadow *s;

	if (!bufs->strict || !b->owner || b->owner->dma_coherent || b->shadow)
		return 0;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->npages = (b->alloc.size + 4095) / 4096;
	s->dev_dirty = calloc(s->npages, 1);
	s->cpu_dirty = calloc(s->npages, 1);
	s->memfd = memfd_create("rmemfs-device-copy", MFD_CLOEXEC);
	if (!s->dev_dirty || !s->cpu_dirty || s->memfd < 0 ||
	    ftruncate(s->memfd, (off_t)b->alloc.size) < 0) {
		int err = s->memfd < 0 ? -errno : -ENOMEM;

		if (s->memfd >= 0)
			close(s->memfd);
		free(s->dev_dirty);
		free(s->cpu_dirty);
		free(s);
		return err;
	}
	b->shadow = s;
	return 0;
}

int fs_buffer_create(struct fs_buffers *bufs, struct fs_bufdir *dir,
		     const char *name, const struct rm_alloc *a,
		     const struct rm_device *owner, uid_t uid, gid_t gid,
		     struct fs_buffer **out)
{
	struct fs_buffer *b;
	unsigned int h;
	int err;

	if (bufs->nr + 1 > (uint64_t)bufs->hash_size * 2 && hash_grow(bufs))
		return -ENOMEM;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	err = fs_memfd_get(&bufs->memfds, a->size, &b->backing);
	if (err) {
		free(b);
		return err;
	}
	b->owner = owner;
	b->alloc = *a;
	/* a device copy when the owner is non-coherent and sync=strict */
	if (shadow_new(bufs, b)) {
		fs_memfd_put(&bufs->memfds, &b->backing, a->size);
		free(b);
		return -ENOMEM;
	}
	b->ino = bufs->next_ino++;
	snprintf(b->name, sizeof(b->name), "%s", name);
	b->dir = dir;
	b->uid = uid;
	b->gid = gid;
	b->mode = 0600;
	clock_gettime(CLOCK_REALTIME, &b->ctime);
	/* append: the list stays sorted by ino, readdir's cookie */
	b->prev_in_dir = dir->tail;
	if (dir->tail)
		dir->tail->next_in_dir = b;
	else
		dir->head = b;
	dir->tail = b;
	h = hash_of(bufs, b->ino);
	b->hash_next = bufs->hash[h];
	bufs->hash[h] = b;
	bufs->nr++;
	fs_buffer_watched(bufs, b);	/* a kept memfd comes watched */
	*out = b;
	return 0;
}

static void hash_remove(struct fs_buffers *bufs, struct fs_buffer *b)
{
	struct fs_buffer **pp = &bufs->hash[hash_of(bufs, b->ino)];

	for (; *pp; pp = &(*pp)->hash_next)
		if (*pp == b) {
			*pp = b->hash_next;
			return;
		}
}

static void shadow_free(struct fs_buffer *b)
{
	if (!b->shadow)
		return;
	close(b->shadow->memfd);
	free(b->shadow->dev_dirty);
	free(b->shadow->cpu_dirty);
	free(b->shadow);
	b->shadow = NULL;
}

static void unlink_locked(struct fs_buffers *bufs, struct fs_buffer *b);

/* Give the pool memory back once nobody can reach the bytes. */
static void maybe_release(struct fs_buffers *bufs, struct fs_buffer *b)
{
	if (b->autofree && !b->unlinked && !b->nopen &&
	    !fs_backing_busy(&b->backing)) {
		/* its last user went: as if it had been rm'ed (a name the
		 * kernel never looked up has no dentry to forget) */
		if (b->nlookup &&
		    bufs->nr_inval < sizeof(bufs->inval) / sizeof(bufs->inval[0])) {
			bufs->inval[bufs->nr_inval].parent = b->dir->ino;
			snprintf(bufs->inval[bufs->nr_inval].name, RM_NAME_MAX, "%s",
				 b->name);
			bufs->nr_inval++;
		}
		unlink_locked(bufs, b);
		return;
	}
	if (b->unlinked && !b->nopen && !b->freed &&
	    !fs_backing_busy(&b->backing)) {
		struct fs_freed *f = &bufs->freed[bufs->nr_freed++ % FS_FREED_HISTORY];

		f->owner = b->owner;
		snprintf(f->name, sizeof(f->name), "%.63s", b->name);
		f->dma = b->alloc.dma;
		f->phys = b->alloc.phys;
		f->size = b->alloc.size;
		rm_dma_free(bufs->board, &b->alloc);
		wd_remove(bufs, b);
		fs_memfd_put(&bufs->memfds, &b->backing, b->alloc.size);
		shadow_free(b);
		b->freed = true;
	}
	if (b->freed && !b->nlookup) {
		hash_remove(bufs, b);
		bufs->nr--;
		free(b);
	}
}

void fs_buffer_unlink(struct fs_buffers *bufs, struct fs_buffer *b)
{
	unlink_locked(bufs, b);
}

void fs_buffer_set_autofree(struct fs_buffers *bufs, struct fs_buffer *b)
{
	b->autofree = true;
	maybe_release(bufs, b);
}

void fs_buffers_flush_inval(struct fs_buffers *bufs)
{
	unsigned int i, n;
	struct { uint64_t parent; char name[RM_NAME_MAX]; } v[32];

	pthread_mutex_lock(&bufs->lock);
	n = bufs->nr_inval;
	memcpy(v, bufs->inval, n * sizeof(v[0]));
	bufs->nr_inval = 0;
	pthread_mutex_unlock(&bufs->lock);
	for (i = 0; i < n && bufs->se; i++)
		fuse_lowlevel_notify_inval_entry(bufs->se, v[i].parent, v[i].name,
						 strlen(v[i].name));
}

static void unlink_locked(struct fs_buffers *bufs, struct fs_buffer *b)
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
	maybe_release(bufs, b);
}

void fs_buffer_put_open(struct fs_buffers *bufs, struct fs_buffer *b)
{
	if (b->nopen)
		b->nopen--;
	maybe_release(bufs, b);
}

void fs_buffer_forget(struct fs_buffers *bufs, struct fs_buffer *b, uint64_t n)
{
	b->nlookup = n < b->nlookup ? b->nlookup - n : 0;
	maybe_release(bufs, b);
}

bool fs_buffer_backing_closed(void *ctx, int wd)
{
	struct fs_buffers *bufs = ctx;
	struct fs_buffer *b, *next;
	unsigned int i;
	bool inval;

	pthread_mutex_lock(&bufs->lock);
	for (i = 0; i < bufs->hash_size; i++) {
		/* one chain, or all of them when events were lost */
		if (wd >= 0)
			i = wd_hash(bufs, wd);
		for (b = bufs->by_wd[i]; b; b = next) {
			next = b->wd_next;	/* b may be freed */
			if (wd < 0 || b->backing.watch == wd) {
				fs_backing_closed(&b->backing, wd < 0);
				maybe_release(bufs, b);
			}
		}
		if (wd >= 0)
			break;
	}
	inval = bufs->nr_inval > 0;
	pthread_mutex_unlock(&bufs->lock);
	return inval;
}

void fs_buffer_backing_settle(void *ctx)
{
	fs_buffers_flush_inval(ctx);
}

static int by_ino(const void *pa, const void *pb)
{
	const struct fs_buffer *a = *(struct fs_buffer *const *)pa;
	const struct fs_buffer *b = *(struct fs_buffer *const *)pb;

	return a->ino < b->ino ? -1 : a->ino > b->ino;
}

int fs_buffers_live(struct fs_buffers *bufs, struct rm_live_buffer **v,
		    unsigned int *n)
{
	struct fs_buffer **all, *b;
	unsigned int i, k = 0;

	*v = NULL;
	*n = 0;
	if (!bufs->nr)
		return 0;
	all = malloc(bufs->nr * sizeof(*all));
	*v = calloc(bufs->nr, sizeof(**v));
	if (!all || !*v) {
		free(all);
		free(*v);
		*v = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < bufs->hash_size; i++)
		for (b = bufs->hash[i]; b && k < bufs->nr; b = b->hash_next)
			if (!b->freed)
				all[k++] = b;
	qsort(all, k, sizeof(*all), by_ino);
	for (i = 0; i < k; i++) {
		snprintf((*v)[i].name, sizeof((*v)[i].name), "%.*s%s",
			 (int)sizeof((*v)[i].name) - 11, all[i]->name,
			 all[i]->unlinked ? " (deleted)" : "");
		(*v)[i].dev = all[i]->dir->device;
		(*v)[i].alloc = all[i]->alloc;
	}
	*n = k;
	free(all);
	return 0;
}

void fs_buffers_init(struct fs_buffers *bufs, struct rm_board *board,
		     uint64_t first_ino)
{
	memset(bufs, 0, sizeof(*bufs));
	pthread_mutex_init(&bufs->lock, NULL);
	bufs->board = board;
	bufs->next_ino = first_ino;
}

void fs_buffers_free(struct fs_buffers *bufs)
{
	unsigned int i;

	for (i = 0; i < bufs->hash_size; i++) {
		struct fs_buffer *b = bufs->hash[i], *next;

		for (; b; b = next) {
			next = b->hash_next;
			if (!b->freed) {
				fs_passthrough_forget(&b->backing);
				rm_dma_free(bufs->board, &b->alloc);
				close(b->backing.memfd);
				shadow_free(b);
			}
			free(b);
		}
	}
	fs_memfd_cache_free(&bufs->memfds);
	free(bufs->hash);
	free(bufs->by_wd);
	bufs->by_wd = NULL;
	bufs->hash = NULL;
	bufs->hash_size = 0;
	pthread_mutex_destroy(&bufs->lock);
}
