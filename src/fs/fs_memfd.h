/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_memfd - the memfds that hold buffers' bytes, and the ones kept for
 * the next buffer of the same size.
 *
 * A memfd costs its creation, and once watched (a file of it handed to a
 * client or opened with passthrough) a watch whose removal the kernel
 * finishes in an SRCU grace period: together several times what a
 * 4 KiB buffer's allocation costs otherwise.  A freed buffer's memfd is
 * therefore emptied (its pages punched out, so it reads as zeros again)
 * and kept, watch and all, for the next buffer of the same size.  Only a
 * memfd no other file can hold is kept: one no file of which ever left
 * the server (page-cache buffers), or one the kernel said so of
 * (fs_backing_busy's lease probe); where leases are refused, a watched
 * memfd is closed as before.
 */
#ifndef RM_FS_MEMFD_H
#define RM_FS_MEMFD_H

#include <stdint.h>

#include "fs/fs_passthrough.h"

#define FS_MEMFD_CACHE	64

struct fs_memfd_cache {
	struct {
		struct fs_backing bk;
		uint64_t size;
	} e[FS_MEMFD_CACHE];		/* oldest first */
	unsigned int n;
};

/* a memfd of exactly size bytes, zeros, sealed at that size: 0 or -errno */
int fs_memfd_get(struct fs_memfd_cache *c, uint64_t size, struct fs_backing *bk);
/* nobody holds a file of it any more: kept for reuse, or closed */
void fs_memfd_put(struct fs_memfd_cache *c, struct fs_backing *bk,
		  uint64_t size);
/* unmount: every kept memfd closed */
void fs_memfd_cache_free(struct fs_memfd_cache *c);

#endif
