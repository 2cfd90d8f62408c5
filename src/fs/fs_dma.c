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
#include "fs/fs_udmabuf.h"

#define PAGE 4096ULL

void fs_dma_init(struct fs_dma *d)
{
	memset(d, 0, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
}

void fs_dma_release(struct fs_dma *d)
{
	free(d->faults);
	free(d->stale);
	d->faults = NULL;
	d->stale = NULL;
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
 * The device's live buffer holding DMA addresses [addr, addr + len) (len
 * 0: addr alone), or NULL.  Under the buffers' lock.
 */
static struct fs_buffer *owned(struct fs_buffers *bufs,
			       const struct rm_device *dev, uint64_t addr,
			       uint64_t len)
{
	struct fs_buffer *b;
	unsigned int i;

	for_each_buffer(bufs, i, b)
		if (!b->freed && b->owner == dev && addr >= b->alloc.dma &&
		    addr - b->alloc.dma < b->alloc.size &&
		    len <= b->alloc.size - (addr - b->alloc.dma))
			return b;
	return NULL;
}

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
	b = owned(bufs, dev, addr, 0);
	if (b) {
		snprintf(what, wlen, "across the end of buffer %.64s (0x%llx, "
			 "%llu bytes)", b->name, (unsigned long long)b->alloc.dma,
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

/* pages [first, last] a byte range touches, within the buffer */
static void page_span(const struct fs_shadow *s, uint64_t off, uint64_t len,
		      uint64_t *first, uint64_t *end)
{
	*first = off / PAGE;
	*end = (off + len + PAGE - 1) / PAGE;
	if (*end > s->npages)
		*end = s->npages;
}

static bool any_set(const uint8_t *map, uint64_t first, uint64_t end)
{
	for (; first < end; first++)
		if (map[first])
			return true;
	return false;
}

static void set_range(uint8_t *map, uint64_t first, uint64_t end, uint8_t v)
{
	if (end > first)
		memset(map + first, v, end - first);
}

static void note_stale(struct fs *fs, struct fs_buffer *b, bool by_cpu,
		       uint64_t off, uint64_t len)
{
	struct fs_dma *d = &fs->dma;
	struct fs_dma_stale *e;

	if (by_cpu)
		b->stale_cpu_reads++;
	else
		b->stale_device_reads++;
	pthread_mutex_lock(&d->lock);
	if (!d->stale)
		d->stale = calloc(FS_DMA_FAULTS_KEPT, sizeof(*d->stale));
	if (d->stale) {
		e = &d->stale[d->nr_stale % FS_DMA_FAULTS_KEPT];
		clock_gettime(CLOCK_REALTIME, &e->when);
		e->dev = b->owner;
		snprintf(e->buffer, sizeof(e->buffer), "%.63s", b->name);
		e->by_cpu = by_cpu;
		e->off = off;
		e->len = len;
	}
	d->nr_stale++;
	pthread_mutex_unlock(&d->lock);
	/* the server's log: where a developer running it in front sees it */
	fprintf(stderr, "rmemfs: stale read: %s %s buffer %s +0x%llx %llu bytes: "
		"%s\n", b->owner ? b->owner->name : "-",
		by_cpu ? "CPU read of" : "device read of", b->name,
		(unsigned long long)off, (unsigned long long)len,
		by_cpu ? "the device wrote it, no sync_for_cpu since" :
		"the CPU wrote it, no sync_for_device since");
}

/* copy len bytes at off from one memfd to another */
static int copy_range(int from, int to, uint64_t off, uint64_t len)
{
	char buf[65536];

	while (len) {
		size_t n = len < sizeof(buf) ? (size_t)len : sizeof(buf);
		ssize_t r = pread(from, buf, n, (off_t)off);

		if (r <= 0)
			return r < 0 ? -errno : 0;
		if (pwrite(to, buf, (size_t)r, (off_t)off) != r)
			return -errno;
		off += (uint64_t)r;
		len -= (uint64_t)r;
	}
	return 0;
}

/* a buffer held for I/O outside the lock (its memfds outlive it) */
struct held {
	struct fs_buffer *b;
	uint64_t ino;
	int cpu_fd;
	int dev_fd;			/* the shadow's, -1: one copy */
	bool cached;			/* CPU side in the page cache */
};

static void hold(struct fs_buffer *b, struct held *h)
{
	b->nopen++;
	h->b = b;
	h->ino = b->ino;
	h->cpu_fd = b->backing.memfd;
	h->dev_fd = b->shadow ? b->shadow->memfd : -1;
	h->cached = !b->backing.backing_id;
}

static void unhold(struct fs *fs, struct held *h)
{
	pthread_mutex_lock(&fs->bufs.lock);
	fs_buffer_put_open(&fs->bufs, h->b);
	pthread_mutex_unlock(&fs->bufs.lock);
	fs_buffers_flush_inval(&fs->bufs);
}

/*
 * dma_sync_single_for_cpu/_for_device() over [off, off + len) of a held
 * buffer: counted always; with a device copy, the copy and the dirty maps.
 */
static int sync_held(struct fs *fs, struct held *h, bool for_cpu, uint64_t off,
		     uint64_t len)
{
	uint64_t first, end;
	int err;

	pthread_mutex_lock(&fs->bufs.lock);
	if (for_cpu)
		h->b->syncs_for_cpu++;
	else
		h->b->syncs_for_device++;
	pthread_mutex_unlock(&fs->bufs.lock);
	if (h->dev_fd < 0)
		return 0;	/* coherent, or sync=off: one copy */
	/* the CPU's cached pages to its memfd, and dropped */
	sync_cache(fs, h->ino, off, len);
	err = for_cpu ? copy_range(h->dev_fd, h->cpu_fd, off, len) :
			copy_range(h->cpu_fd, h->dev_fd, off, len);
	pthread_mutex_lock(&fs->bufs.lock);
	page_span(h->b->shadow, off, len, &first, &end);
	set_range(for_cpu ? h->b->shadow->dev_dirty : h->b->shadow->cpu_dirty,
		  first, end, 0);
	pthread_mutex_unlock(&fs->bufs.lock);
	if (for_cpu)	/* a refault in between saw the old bytes: again */
		sync_cache(fs, h->ino, off, len);
	return err;
}

ssize_t fs_dma_access(struct fs *fs, const struct rm_device *dev,
		      uint64_t addr, void *buf, size_t len, bool write)
{
	struct fs_buffers *bufs = &fs->bufs;
	struct fs_buffer *hit;
	struct held h = { 0 };
	uint64_t off = 0, first, end;
	char what[160];
	ssize_t done;
	int fd;

	if (!len)
		return 0;
	pthread_mutex_lock(&bufs->lock);
	hit = owned(bufs, dev, addr, len);
	if (hit) {
		hold(hit, &h);
		off = addr - hit->alloc.dma;
	} else {
		explain(fs, dev, addr, len, what, sizeof(what));
	}
	pthread_mutex_unlock(&bufs->lock);
	if (!hit) {
		record(fs, dev, write, addr, len, what);
		return -EFAULT;
	}
	/* reading: what the CPU holds reaches its memfd first (and, with a
	 * device copy, shows up as WRITE requests: cpu_dirty) */
	if (h.cached && !write)
		sync_cache(fs, h.ino, off, len);
	fd = h.dev_fd >= 0 ? h.dev_fd : h.cpu_fd;
	if (h.dev_fd >= 0 && !write) {
		pthread_mutex_lock(&bufs->lock);
		page_span(hit->shadow, off, len, &first, &end);
		if (any_set(hit->shadow->cpu_dirty, first, end))
			note_stale(fs, hit, false, off, len);
		pthread_mutex_unlock(&bufs->lock);
	}
	done = write ? pwrite(fd, buf, len, (off_t)off) :
		       pread(fd, buf, len, (off_t)off);
	if (done < 0)
		done = -errno;
	if (h.dev_fd >= 0 && write && done > 0) {
		pthread_mutex_lock(&bufs->lock);
		page_span(hit->shadow, off, (uint64_t)done, &first, &end);
		set_range(hit->shadow->dev_dirty, first, end, 1);
		pthread_mutex_unlock(&bufs->lock);
	}
	/* the CPU refetches: the new bytes (one copy), or its old ones
	 * through a READ the stale check sees (two copies) */
	if (h.cached && write)
		sync_cache(fs, h.ino, off, len);
	unhold(fs, &h);
	return done;
}

void fs_dma_cpu_access(struct fs *fs, uint64_t ino, uint64_t off,
		       uint64_t len, bool write)
{
	struct fs_buffer *b;
	uint64_t first, end;

	if (!fs->bufs.strict || !len)
		return;
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (b && !b->freed && b->shadow && off < b->alloc.size) {
		if (len > b->alloc.size - off)
			len = b->alloc.size - off;
		page_span(b->shadow, off, len, &first, &end);
		if (write)
			set_range(b->shadow->cpu_dirty, first, end, 1);
		else if (any_set(b->shadow->dev_dirty, first, end))
			note_stale(fs, b, true, off, len);
	}
	pthread_mutex_unlock(&fs->bufs.lock);
}

ssize_t fs_dma_sync_command(struct fs *fs, const struct rm_device *dev,
			    const char *buf, size_t len)
{
	struct fs_buffers *bufs = &fs->bufs;
	char line[128], dir[16];
	unsigned long long addr, size;
	struct fs_buffer *hit;
	struct held h;
	char extra;
	int err;

	if (len >= sizeof(line))
		return -EINVAL;
	memcpy(line, buf, len);
	line[len] = 0;
	if (sscanf(line, "%15s %lli %lli %c", dir, (long long *)&addr,
		   (long long *)&size, &extra) != 3 || !size ||
	    (strcmp(dir, "for_cpu") && strcmp(dir, "for_device")))
		return -EINVAL;
	pthread_mutex_lock(&bufs->lock);
	hit = owned(bufs, dev, addr, size);
	if (hit)
		hold(hit, &h);
	pthread_mutex_unlock(&bufs->lock);
	if (!hit)
		return -EINVAL;	/* not one buffer of this device */
	err = sync_held(fs, &h, !strcmp(dir, "for_cpu"), addr - hit->alloc.dma,
			size);
	unhold(fs, &h);
	return err ? err : (ssize_t)len;
}

void fs_dma_udmabuf_sync(void *ctx, struct udmabuf *ub, bool for_cpu,
			 uint64_t off, uint64_t size)
{
	struct fs *fs = ctx;
	struct fs_udev *u;

	for (u = fs->udevs; u; u = u->next)
		if (u->ub == ub && fs->dma.nr_pending < FS_DMA_PENDING) {
			struct fs_dma_pending *p =
				&fs->dma.pending[fs->dma.nr_pending++];

			p->ino = u->buf->ino;
			p->for_cpu = for_cpu;
			p->off = off;
			p->len = size;
		}
}

void fs_dma_run_pending(struct fs *fs)
{
	struct fs_dma_pending p;
	struct fs_buffer *b;
	struct held h;

	for (;;) {
		pthread_mutex_lock(&fs->bufs.lock);
		if (!fs->dma.nr_pending) {
			pthread_mutex_unlock(&fs->bufs.lock);
			return;
		}
		p = fs->dma.pending[0];
		memmove(fs->dma.pending, fs->dma.pending + 1,
			--fs->dma.nr_pending * sizeof(p));
		b = fs_buffer_get(&fs->bufs, p.ino);
		if (b && !b->freed)
			hold(b, &h);
		else
			b = NULL;
		pthread_mutex_unlock(&fs->bufs.lock);
		if (b && p.len) {
			sync_held(fs, &h, p.for_cpu, p.off, p.len);
			unhold(fs, &h);
		} else if (b) {
			unhold(fs, &h);
		}
	}
}

int fs_dma_show_sync_report(struct fs *fs, const struct rm_device *dev,
			    struct strbuf *sb)
{
	struct fs_dma *d = &fs->dma;
	struct fs_buffer *b;
	unsigned int i;
	uint64_t k, first;

	pthread_mutex_lock(&fs->bufs.lock);
	strbuf_printf(sb, "# sync=%s, %s\n", fs->bufs.strict ? "strict" : "off",
		      dev->dma_coherent ? "coherent: one copy" :
		      fs->bufs.strict ? "non-coherent: two copies" :
		      "non-coherent: one copy");
	for_each_buffer(&fs->bufs, i, b)
		if (!b->freed && b->owner == dev)
			strbuf_printf(sb, "%s syncs_for_cpu=%lu syncs_for_device=%lu "
				      "stale_cpu_reads=%lu stale_device_reads=%lu\n",
				      b->name, b->syncs_for_cpu, b->syncs_for_device,
				      b->stale_cpu_reads, b->stale_device_reads);
	pthread_mutex_unlock(&fs->bufs.lock);
	pthread_mutex_lock(&d->lock);
	first = d->nr_stale > FS_DMA_FAULTS_KEPT ? d->nr_stale - FS_DMA_FAULTS_KEPT : 0;
	for (k = first; d->stale && k < d->nr_stale; k++) {
		const struct fs_dma_stale *e = &d->stale[k % FS_DMA_FAULTS_KEPT];

		if (e->dev != dev)
			continue;
		strbuf_printf(sb, "%lld.%09ld %s %s +0x%llx %llu\n",
			      (long long)e->when.tv_sec, e->when.tv_nsec,
			      e->by_cpu ? "stale-cpu-read" : "stale-device-read",
			      e->buffer, (unsigned long long)e->off,
			      (unsigned long long)e->len);
	}
	pthread_mutex_unlock(&d->lock);
	return 0;
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
