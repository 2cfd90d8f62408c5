// SPDX-License-Identifier: GPL-2.0
/*
 * Buffers' memfds, new or kept from a freed buffer of the same size.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fs/fs_memfd.h"

int fs_memfd_get(struct fs_memfd_cache *c, uint64_t size, struct fs_backing *bk)
{
	unsigned int i;

	/* the newest of that size: its inode is the likeliest still cached */
	for (i = c->n; i-- > 0;)
		if (c->e[i].size == size) {
			*bk = c->e[i].bk;
			memmove(&c->e[i], &c->e[i + 1],
				(c->n - i - 1) * sizeof(c->e[0]));
			c->n--;
			return 0;
		}
	memset(bk, 0, sizeof(*bk));
	bk->watch = -1;
	bk->probe = -1;
	/*
	 * Exactly SIZE bytes, sealed: with passthrough the kernel writes the
	 * memfd itself, and a write past the end must fail (EPERM) as a
	 * truncate does.  The page holding the end still reads as zeros.
	 * One name for all: a kept memfd serves buffers of other names.
	 */
	bk->memfd = memfd_create("rmemfs", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (bk->memfd < 0 || ftruncate(bk->memfd, (off_t)size) < 0 ||
	    fcntl(bk->memfd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK) < 0) {
		int err = -errno;

		if (bk->memfd >= 0)
			close(bk->memfd);
		bk->memfd = -1;
		return err;
	}
	return 0;
}

/* no file of it is left but the server's: the kernel said so */
static bool reusable(const struct fs_backing *bk)
{
	return bk->watch < 0 || bk->proven_idle;
}

static void drop(struct fs_backing *bk)
{
	fs_passthrough_forget(bk);
	close(bk->memfd);
	bk->memfd = -1;
}

void fs_memfd_put(struct fs_memfd_cache *c, struct fs_backing *bk,
		  uint64_t size)
{
	if (!reusable(bk) ||
	    fallocate(bk->memfd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
		      (off_t)size) < 0) {
		drop(bk);
		return;
	}
	if (c->n == FS_MEMFD_CACHE) {
		drop(&c->e[0].bk);
		memmove(&c->e[0], &c->e[1], (c->n - 1) * sizeof(c->e[0]));
		c->n--;
	}
	fs_passthrough_unregister(bk);	/* the next buffer registers anew */
	bk->opens = bk->closes = 0;
	bk->proven_idle = false;
	c->e[c->n].bk = *bk;
	c->e[c->n].size = size;
	c->n++;
	bk->memfd = -1;
	bk->watch = -1;
	bk->probe = -1;
}

void fs_memfd_cache_free(struct fs_memfd_cache *c)
{
	while (c->n)
		drop(&c->e[--c->n].bk);
}
