// SPDX-License-Identifier: GPL-2.0
/*
 * The device's side of memory: a DMA address resolved to the buffer of
 * that device holding it, or a fault that says what was there instead.
 */
#include <errno.h>
#include <fuse_lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs/fs_dma.h"
#include "fs/fs_state.h"

void fs_dma_init(struct fs_dma *d)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
}

void fs_dma_release(struct fs_dma *d)
{
	free(d->faults);
	d->faults = NULL;
	pthread_mutex_destroy(&d->lock);
}

uint64_t fs_dma_size(const struct rm_device *dev)
{
	uint64_t limit = rm_dev_dma_limit(dev);

	return limit >= (uint64_t)INT64_MAX ? (uint64_t)INT64_MAX : limit + 1;
}

static const char *owner_name(const struct rm_device *owner)
{
	return owner ? owner->name : "no device (a region's own alloc)";
}

/* every live buffer, for the caller to walk under the lock */
#define for_each_buffer(bufs, i, b)					\
	for (i = 0; i < (bufs)->hash_size; i++)				\
		for (b = (bufs)->hash[i]; b; b = b->hash_next)

/*
 * What the device hit instead of one of its buffers, in the order a
 * person debugging it wants to know: the mask, the bus, the end of its
 * own buffer, a buffer it freed, someone else's buffer, nothing.
 */
static void explain(struct fs *fs, const struct rm_device *dev, uint64_t addr,
		    uint64_t len, char *what, size_t wlen)
{
	struct fs_buffers *bufs = &fs->bufs;
	uint64_t limit = rm_dev_dma_limit(dev), phys;
	struct fs_buffer *b;
	unsigned int i, k, n;

	if (addr > limit || len - 1 > limit - addr) {
		snprintf(what, wlen, "past the device's DMA limit 0x%llx",
			 (unsigned long long)limit);
		return;
	}
	phys = rm_dma_to_phys(dev->dma_range_map, dev->nr_dma_ranges, addr);
	if (phys == RM_DMA_MAPPING_ERROR) {
		snprintf(what, wlen, "outside the bus's dma-ranges");
		return;
	}
	for_each_buffer(bufs, i, b)
		if (!b->freed && b->owner == dev && addr >= b->alloc.dma &&
		    addr - b->alloc.dma < b->alloc.size) {
			snprintf(what, wlen, "across the end of buffer %.64s (0x%llx, "
				 "%llu bytes)", b->name,
				 (unsigned long long)b->alloc.dma,
				 (unsigned long long)b->alloc.size);
			return;
		}
	/* the newest freed buffer there first */
	n = bufs->nr_freed < FS_FREED_HISTORY ? bufs->nr_freed : FS_FREED_HISTORY;
	for (k = 0; k < n; k++) {
		const struct fs_freed *f =
			&bufs->freed[(bufs->nr_freed - 1 - k) % FS_FREED_HISTORY];

		if (phys >= f->phys && phys - f->phys < f->size) {
			snprintf(what, wlen, "freed buffer %.64s of %.64s", f->name,
				 f->owner == dev ? "this device" :
				 owner_name(f->owner));
			return;
		}
	}
	for_each_buffer(bufs, i, b)
		if (!b->freed && phys >= b->alloc.phys &&
		    phys - b->alloc.phys < b->alloc.size) {
			snprintf(what, wlen, "buffer %.64s of %.64s", b->name,
				 b->udmabuf ? "a u-dma-buf device" :
				 owner_name(b->owner));
			return;
		}
	snprintf(what, wlen, "no buffer");
}

static void record(struct fs *fs, const struct rm_device *dev, bool write,
		   uint64_t addr, uint64_t len, const char *what)
{
	struct fs_dma *d = &fs->dma;
	struct fs_dma_fault *f;

	pthread_mutex_lock(&d->lock);
	if (!d->faults)
		d->faults = calloc(FS_DMA_FAULTS_KEPT, sizeof(*d->faults));
	if (d->faults) {
		f = &d->faults[d->nr_faults % FS_DMA_FAULTS_KEPT];
		clock_gettime(CLOCK_REALTIME, &f->when);
		f->dev = dev;
		f->write = write;
		f->addr = addr;
		f->len = len;
		snprintf(f->what, sizeof(f->what), "%s", what);
	}
	d->nr_faults++;
	pthread_mutex_unlock(&d->lock);
}

/* the page-cache path: make the memfd what the CPU sees, or drop the cache */
static void sync_cache(struct fs *fs, uint64_t ino, uint64_t off, uint64_t len)
{
	if (fs->dma.se)
		/* -ENOENT: the kernel never looked it up, nothing cached */
		fuse_lowlevel_notify_inval_inode(fs->dma.se, ino, (off_t)off,
						 (off_t)len);
}

ssize_t fs_dma_access(struct fs *fs, const struct rm_device *dev,
		      uint64_t addr, void *buf, size_t len, bool write)
{
	struct fs_buffers *bufs = &fs->bufs;
	struct fs_buffer *b, *hit = NULL;
	char what[160];
	uint64_t off = 0, ino = 0;
	bool cached = false;
	unsigned int i;
	ssize_t done;
	int fd = -1;

	if (!len)
		return 0;
	pthread_mutex_lock(&bufs->lock);
	for_each_buffer(bufs, i, b)
		if (!b->freed && b->owner == dev && addr >= b->alloc.dma &&
		    addr - b->alloc.dma < b->alloc.size &&
		    len <= b->alloc.size - (addr - b->alloc.dma)) {
			hit = b;
			break;
		}
	if (hit) {
		/* an open reference: the memfd outlives the access */
		hit->nopen++;
		fd = hit->backing.memfd;
		off = addr - hit->alloc.dma;
		ino = hit->ino;
		cached = !hit->backing.backing_id;
	} else {
		explain(fs, dev, addr, len, what, sizeof(what));
	}
	pthread_mutex_unlock(&bufs->lock);
	if (!hit) {
		record(fs, dev, write, addr, len, what);
		return -EFAULT;
	}
	if (cached && !write)
		sync_cache(fs, ino, off, len);	/* dirty pages to the memfd */
	done = write ? pwrite(fd, buf, len, (off_t)off) :
		       pread(fd, buf, len, (off_t)off);
	if (done < 0)
		done = -errno;
	if (cached && write)
		sync_cache(fs, ino, off, len);	/* the CPU refetches */
	pthread_mutex_lock(&bufs->lock);
	fs_buffer_put_open(bufs, hit);
	pthread_mutex_unlock(&bufs->lock);
	return done;
}

int fs_dma_show_faults(struct fs *fs, const struct rm_device *dev,
		       struct strbuf *sb)
{
	struct fs_dma *d = &fs->dma;
	uint64_t i, first;

	pthread_mutex_lock(&d->lock);
	first = d->nr_faults > FS_DMA_FAULTS_KEPT ?
		d->nr_faults - FS_DMA_FAULTS_KEPT : 0;
	if (first)
		strbuf_printf(sb, "# %llu older faults (all devices) not kept\n",
			      (unsigned long long)first);
	for (i = first; d->faults && i < d->nr_faults; i++) {
		const struct fs_dma_fault *f = &d->faults[i % FS_DMA_FAULTS_KEPT];

		if (f->dev != dev)
			continue;
		strbuf_printf(sb, "%lld.%09ld %s 0x%llx %llu %s\n",
			      (long long)f->when.tv_sec, f->when.tv_nsec,
			      f->write ? "write" : "read",
			      (unsigned long long)f->addr,
			      (unsigned long long)f->len, f->what);
	}
	pthread_mutex_unlock(&d->lock);
	return 0;
}
