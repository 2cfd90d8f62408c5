/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_dma - playing the device: devices/NAME/dma, whose offsets are DMA
 * addresses as that device sees them (its bus's dma-ranges, its mask).
 * A read or write reaches the bytes of a buffer the device owns (its pool,
 * its CMA area, its default-path allocations, its u-dma-buf buffer) and
 * nothing else: anything else is a DMA fault, refused with EFAULT,
 * nothing moved, and recorded in devices/NAME/dma_faults.
 *
 * One copy (sync=off): the device side is the buffer's memfd, the same
 * bytes the CPU maps with passthrough.  On the page-cache path the
 * kernel's cache of the buffer file is flushed to the memfd before the
 * device reads, and dropped after it writes (notify_inval_inode), so the
 * two sides agree at every access.
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

struct fs_dma {
	pthread_mutex_t lock;		/* the fault log */
	struct fs_dma_fault *faults;	/* ring of FS_DMA_FAULTS_KEPT */
	uint64_t nr_faults;		/* ever */
	struct fuse_session *se;	/* page-cache path: cache invalidation */
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

#endif
