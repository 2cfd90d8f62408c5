/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_dma - playing the device: devices/NAME/dma, whose offsets are DMA
 * addresses as that device sees them (its bus's dma-ranges, its mask).
 * A read or write reaches the bytes of a buffer the device owns (its pool,
 * its CMA area, its default-path allocations, its u-dma-buf buffer) and
 * nothing else: anything else is a DMA fault, refused with EFAULT,
 * nothing moved, and recorded in devices/NAME/dma_faults.
 *
 * One copy (sync=off, and coherent devices always): the device side is
 * the buffer's memfd, the same bytes the CPU maps with passthrough.  On
 * the page-cache path the kernel's cache of the buffer file is flushed to
 * the memfd before the device reads, and dropped after it writes
 * (notify_inval_inode), so the two sides agree at every access.
 *
 * Two copies (sync=strict, a non-coherent device): the device reads and
 * writes its own copy (struct fs_shadow); sync_for_device copies the
 * CPU's bytes to it, sync_for_cpu copies it over the CPU's (what the CPU
 * wrote there since is lost, as an invalidated cache line is).  Such
 * buffers stay on the page cache, and every device write or sync drops
 * the CPU's cached pages, so each CPU access after one arrives as a READ
 * the server sees: a read of a page the device wrote with no
 * sync_for_cpu since is a stale read, reported.  Page granularity.
 */
#ifndef RM_FS_DMA_H
#define RM_FS_DMA_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "util/strbuf.h"

struct fs;
struct rm_device;
struct fuse_session;

#define FS_DMA_FAULTS_KEPT 4096

struct fs_dma_fault {
	struct timespec when;
	const struct rm_device *dev;
	bool write;
	uint64_t addr;
	uint64_t len;
	char what[160];			/* "freed buffer x", "no buffer", ... */
};

/* a stale read, in the sync report */
struct fs_dma_stale {
	struct timespec when;
	const struct rm_device *dev;
	char buffer[64];
	bool by_cpu;			/* the CPU read what the device wrote;
					 * else the device read the CPU's */
	uint64_t off;
	uint64_t len;
};

/* a u-dma-buf sync, done once the lock it came under is released */
struct fs_dma_pending {
	uint64_t ino;
	bool for_cpu;
	uint64_t off;
	uint64_t len;
};

#define FS_DMA_PENDING 16

struct fs_dma {
	pthread_mutex_t lock;		/* the fault and stale-read logs */
	struct fs_dma_fault *faults;	/* ring of FS_DMA_FAULTS_KEPT */
	uint64_t nr_faults;		/* ever */
	struct fs_dma_stale *stale;	/* ring of FS_DMA_FAULTS_KEPT */
	uint64_t nr_stale;
	struct fuse_session *se;	/* page-cache path: cache invalidation */
	/* under the buffers' lock */
	struct fs_dma_pending pending[FS_DMA_PENDING];
	unsigned int nr_pending;
};

void fs_dma_init(struct fs_dma *d);
void fs_dma_release(struct fs_dma *d);

/*
 * One device access of len bytes at DMA address addr: the bytes moved
 * (len), or -EFAULT with the fault recorded and nothing moved.  Takes
 * the buffers' lock itself.
 */
ssize_t fs_dma_access(struct fs *fs, const struct rm_device *dev,
		      uint64_t addr, void *buf, size_t len, bool write);
/* the faults of one device, oldest first: "SEC.NSEC DIR 0xADDR LEN WHAT" */
int fs_dma_show_faults(struct fs *fs, const struct rm_device *dev,
		       struct strbuf *sb);
/* st_size of a dma file: the device's highest DMA address + 1, capped */
uint64_t fs_dma_size(const struct rm_device *dev);

/*
 * The CPU's side, a READ or WRITE request of a buffer file (the page
 * cache filling or writing back): a sync=strict buffer notes what the CPU
 * wrote and reports a read of what the device wrote unsynced.
 */
void fs_dma_cpu_access(struct fs *fs, uint64_t ino, uint64_t off,
		       uint64_t len, bool write);
/* devices/NAME/sync: "for_cpu|for_device DMA_ADDR SIZE"; len or -errno */
ssize_t fs_dma_sync_command(struct fs *fs, const struct rm_device *dev,
			    const char *buf, size_t len);
struct udmabuf;
/* the u-dma-buf driver's syncs (called under the buffers' lock: queued) */
void fs_dma_udmabuf_sync(void *ctx, struct udmabuf *ub, bool for_cpu,
			 uint64_t off, uint64_t size);
/* run the queued syncs; the caller no longer holds the buffers' lock */
void fs_dma_run_pending(struct fs *fs);
/* devices/NAME/sync_report */
int fs_dma_show_sync_report(struct fs *fs, const struct rm_device *dev,
			    struct strbuf *sb);

#endif
