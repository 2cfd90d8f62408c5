/* SPDX-License-Identifier: GPL-2.0 */
/*
 * u-dma-buf-mgr - /dev/u-dma-buf-mgr (ikwzm/u-dma-buf-mgr 4.4.0): a
 * write-only device whose commands create and delete u-dma-buf devices.
 */
#ifndef RM_U_DMA_BUF_MGR_H
#define RM_U_DMA_BUF_MGR_H

#include <stddef.h>
#include <sys/types.h>

#include "kernel/drivers/u-dma-buf.h"

#define UDMABUF_MGR_BUFFER_SIZE 1024

/* one open file's parse state (the driver kmallocs one per open) */
struct udmabuf_mgr_file {
	char buf[UDMABUF_MGR_BUFFER_SIZE];
	size_t used;
};

/* what a command did, for the front end to mirror */
struct udmabuf_mgr_ops {
	/* a device was created: 0, or -errno to undo it */
	int (*created)(void *ctx, struct udmabuf *ub);
	/* a device is to be deleted: the front end removes it */
	void (*deleted)(void *ctx, struct udmabuf *ub);
	void *ctx;
};

/*
 * udmabuf_manager_file_write(): commands end at '\n', '\0' or ';' and
 * run as they complete; a command may span writes.  count, or the first
 * failing command's error (the ones before it took effect); -ENOSPC when
 * the per-file buffer is full (where the driver would spin forever).
 */
ssize_t udmabuf_mgr_write(struct rm_board *b, struct udmabuf_mgr_file *f,
			  const char *data, size_t count,
			  const struct udmabuf_mgr_ops *ops);

#endif
