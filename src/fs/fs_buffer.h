/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_buffer - buffers: pool memory plus the memfd that holds its bytes,
 * in the buffers/ directory of the device or pool region that made them.
 *
 * Lifetimes.  A buffer's pool memory is freed when it is unlinked and no
 * handle is open (a mapping holds its file open, so "open" covers
 * "mapped") and no passthrough backing file is alive.  The struct itself
 * lives until the kernel forgets the inode.  Inode numbers only grow: no
 * number is ever given to a second buffer, so no page cache of an old
 * buffer can show through a new one.
 *
 * Every function but fs_buffers_init/free expects bufs->lock held.
 */
#ifndef RM_FS_BUFFER_H
#define RM_FS_BUFFER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "fs/fs_memfd.h"
#include "fs/fs_passthrough.h"
#include "kernel/dma/mapping.h"
#include "util/strbuf.h"
#include "view/map.h"

struct fs_buffer;

/*
 * -o sync=strict, a buffer of a non-coherent device: the device's copy
 * (memory, as the device sees it) beside the CPU's (the buffer's memfd
 * and the page cache over it), and what each side wrote that the other
 * has not synced yet, by page.
 */
struct fs_shadow {
	int memfd;			/* the device's copy, alloc.size bytes */
	uint64_t npages;
	uint8_t *dev_dirty;		/* the device wrote it, no sync_for_cpu */
	uint8_t *cpu_dirty;		/* the CPU wrote it, no sync_for_device */
};

/* the buffers of one device or one pool region */
struct fs_bufdir {
	uint64_t ino;
	struct rm_device *device;	/* NULL for a region's own */
	struct rm_region *region;
	struct fs_buffer *head;		/* sorted by ino: readdir's cookie */
	struct fs_buffer *tail;
	bool udmabuf;			/* dev/: u-dma-buf devices, no unlink */
};

struct fs_buffer {
	uint64_t ino;
	char name[RM_NAME_MAX];
	struct fs_bufdir *dir;
	struct rm_alloc alloc;
	uid_t uid;
	gid_t gid;
	mode_t mode;
	struct fs_backing backing;	/* the memfd, exactly SIZE bytes */
	uint64_t nlookup;		/* kernel references */
	unsigned int nopen;		/* open handles (mappings included) */
	bool unlinked;
	bool freed;			/* pool memory given back */
	struct timespec ctime;
	struct fs_buffer *next_in_dir;
	struct fs_buffer *prev_in_dir;
	struct fs_buffer *hash_next;
	struct fs_buffer *wd_next;	/* bufs->by_wd, while watched */
	bool wd_indexed;
	struct udmabuf *udmabuf;	/* a u-dma-buf device file; NULL once
					 * the manager deleted the device */
	const struct rm_device *owner;	/* whose DMA reaches it (dma file);
					 * NULL: a region's own alloc */
	struct fs_shadow *shadow;	/* sync=strict, non-coherent owner */
	unsigned long syncs_for_cpu;	/* the sync report */
	unsigned long syncs_for_device;
	unsigned long stale_cpu_reads;
	unsigned long stale_device_reads;
	bool autofree;			/* user.rmemfs.autofree: unlinked when
					 * its last open file and mapping go
					 * (librmemfs: freed when the program
					 * frees it or exits, crashes included) */
};

/* a buffer whose memory went back, as a DMA fault names it */
struct fs_freed {
	const struct rm_device *owner;
	char name[64];
	uint64_t dma, phys, size;
};

#define FS_FREED_HISTORY 256

struct fs_buffers {
	pthread_mutex_t lock;		/* creation, lookup, lifetime */
	struct rm_board *board;		/* where freed memory goes */
	uint64_t next_ino;
	struct fs_buffer **hash;
	struct fs_buffer **by_wd;	/* watched ones by inotify wd, same size */
	unsigned int hash_size;
	struct fs_memfd_cache memfds;	/* freed buffers' memfds, kept */
	uint64_t nr;
	bool strict;			/* -o sync=strict */
	/* names auto-unlinked under the lock, for the kernel to forget once
	 * it is released (fs_buffers_flush_inval) */
	struct { uint64_t parent; char name[RM_NAME_MAX]; } inval[32];
	unsigned int nr_inval;
	struct fuse_session *se;
	/* the last FS_FREED_HISTORY buffers freed, oldest overwritten */
	struct fs_freed freed[FS_FREED_HISTORY];
	unsigned int nr_freed;		/* ever */
};

void fs_buffers_init(struct fs_buffers *bufs, struct rm_board *board,
		     uint64_t first_ino);
/* unmount: every buffer's memory back, every struct freed */
void fs_buffers_free(struct fs_buffers *bufs);

struct fs_buffer *fs_buffer_get(struct fs_buffers *bufs, uint64_t ino);
struct fs_buffer *fs_buffer_find(struct fs_bufdir *dir, const char *name);
/*
 * A buffer of dir for the memory a describes, owned by owner (the device
 * whose dma file reaches it; NULL: none): under sync=strict a
 * non-coherent owner's buffer gets its device copy.  0, or -errno with
 * nothing made (the memory is still the caller's).
 */
int fs_buffer_create(struct fs_buffers *bufs, struct fs_bufdir *dir,
		     const char *name, const struct rm_alloc *a,
		     const struct rm_device *owner, uid_t uid, gid_t gid,
		     struct fs_buffer **out);
void fs_buffer_unlink(struct fs_buffers *bufs, struct fs_buffer *buf);
/* user.rmemfs.autofree: gone when its last user goes (now, if none) */
void fs_buffer_set_autofree(struct fs_buffers *bufs, struct fs_buffer *buf);
void fs_buffer_put_open(struct fs_buffers *bufs, struct fs_buffer *buf);
void fs_buffer_forget(struct fs_buffers *bufs, struct fs_buffer *buf,
		      uint64_t n);
/*
 * Every buffer whose pool memory is taken, oldest first, into a malloc'ed
 * array; an unlinked one still open or mapped as "NAME (deleted)".
 */
int fs_buffers_live(struct fs_buffers *bufs, struct rm_live_buffer **v,
		    unsigned int *n);

/*
 * Tell the kernel to forget the names autofree unlinked (its dentries
 * would find the dead inode under a reused name).  Called without the
 * lock: the kernel may need other requests answered first.
 */
void fs_buffers_flush_inval(struct fs_buffers *bufs);

/* its memfd is watched now (a file of it handed out or opened): its
 * events find it */
void fs_buffer_watched(struct fs_buffers *bufs, struct fs_buffer *buf);
/* the passthrough hooks: a file of the memfd watched as wd went away (-1:
 * any may have; takes the lock itself; true if dentries wait to be
 * dropped), and the watcher's turn to drop them */
bool fs_buffer_backing_closed(void *bufs, int wd);
void fs_buffer_backing_settle(void *bufs);

#endif
