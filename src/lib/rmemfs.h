/* SPDX-License-Identifier: GPL-2.0 */
/*
 * librmemfs - DMA-style buffers from an rmemfs mount for test programs:
 * the kernel's placement, mapped, in one call.
 *
 *	struct rmem_buf b;
 *	int err = rmem_alloc("/mnt/rmem/devices/camera@2e000000", 1 << 20,
 *			     "frame0", &b);	// 0 or -errno
 *	memset(b.addr, 0, b.size);		// b.dma is what the device uses
 *	rmem_sync_for_device(&b, 0, b.size);
 *	rmem_free(&b);
 *
 * Link with `pkg-config --cflags --libs rmemfs`.  Every function returns 0
 * or a negative errno, as the kernel does, and leaves errno alone.
 */
#ifndef RMEMFS_H
#define RMEMFS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rmem_buf {
	int fd;			/* the buffer's open file */
	void *addr;		/* mapped MAP_SHARED, size bytes */
	size_t size;
	uint64_t phys, dma;	/* what the kernel would have returned */
	char name[256], pool[256];
};

/*
 * Allocate size bytes through dir's alloc file (dir: a device or a pool
 * region directory of the mount), name it (NULL: rmemfs names it), open
 * and map it.  The buffer is in the tree like any other; its memory goes
 * back when the program frees it or exits (crashes included) and no
 * other process still has it open or mapped.
 */
int rmem_alloc(const char *dir, size_t size, const char *name,
	       struct rmem_buf *buf);
/* unmap and close: the memory goes back once no one else holds it */
int rmem_free(struct rmem_buf *buf);
/*
 * dma_sync_single_for_cpu/_for_device() over [off, off + len) of the
 * buffer, through its device's sync file (doc/dma.md); -EINVAL outside
 * the buffer, -ENOTSUP for a region's own buffer (no device).
 */
int rmem_sync_for_cpu(struct rmem_buf *buf, size_t off, size_t len);
int rmem_sync_for_device(struct rmem_buf *buf, size_t off, size_t len);

#ifdef __cplusplus
}
#endif

#endif
