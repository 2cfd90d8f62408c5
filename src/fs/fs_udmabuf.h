/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_udmabuf - the u-dma-buf devices in the mount: u-dma-buf/NAME/ (the
 * sysfs attributes), dev/NAME (the device file, a buffer whose memory
 * the device owns) and u-dma-buf-mgr.  Devices come and go at run time
 * (the manager), so their directories are not in the static tree: each
 * takes a block of inode numbers from the buffers' counter, which never
 * gives a number twice.
 *
 * The bookkeeping functions expect fs->bufs.lock held: it guards the
 * devices, the driver's state (attributes, ioctls, manager) and the
 * buffers alike; the two FUSE operations take it themselves.
 */
#ifndef RM_FS_UDMABUF_H
#define RM_FS_UDMABUF_H

#include <stdbool.h>
#include <stdint.h>

#include <fuse_lowlevel.h>

#include "fs/fs_tree.h"
#include "kernel/drivers/u-dma-buf-mgr.h"

struct fs;

struct fs_udev {
	struct udmabuf *ub;
	struct fs_buffer *buf;		/* dev/NAME */
	uint64_t ino;			/* the directory; nodes[i].ino = ino + i */
	struct fs_node *nodes;		/* [0] the directory, then attributes */
	unsigned int nr_nodes;
	unsigned int nopen;		/* open attribute files */
	bool gone;			/* deleted: no lookup finds it */
	struct fs_udev *next;
};

/* .dev-links/NAME: every name a device ever had, and u-dma-buf-mgr */
struct fs_link {
	struct fs_node node;
	struct fs_link *next;
};

/* the devices the driver probed at boot, into the tree: 0 or -errno */
int fs_udmabuf_init(struct fs *fs);
/* .dev-links' targets, once fs->mountpoint is known: 0 or -ENOMEM */
int fs_udmabuf_links(struct fs *fs);
void fs_udmabuf_free_all(struct fs *fs);

/* a node of a live device's directory by inode number, else NULL */
struct fs_node *fs_udmabuf_node(struct fs *fs, uint64_t ino,
				struct fs_udev **udev);
/* u-dma-buf/NAME, or NAME inside u-dma-buf/<dir>: NULL if none */
struct fs_node *fs_udmabuf_lookup(struct fs *fs, uint64_t parent,
				  const char *name);
/* the i-th entry of u-dma-buf/ or of one device's directory */
struct fs_node *fs_udmabuf_child(struct fs *fs, uint64_t dir, uint64_t i);
/* an attribute file was closed */
void fs_udmabuf_put_open(struct fs *fs, struct fs_udev *udev);

/* readdir of u-dma-buf/, a device's directory, .dev-links/ (one reply) */
void fs_udmabuf_readdir(fuse_req_t req, struct fs *fs, fuse_ino_t ino,
			uint64_t parent, size_t size, off_t off);
/* FUSE's ioctl op: the driver's ioctls on a device file (one reply) */
void fs_udmabuf_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd,
		      void *arg, struct fuse_file_info *fi, unsigned flags,
		      const void *in_buf, size_t in_bufsz, size_t out_bufsz);

/* one write to u-dma-buf-mgr: count, or -errno */
ssize_t fs_udmabuf_mgr_write(struct fs *fs, struct udmabuf_mgr_file *f,
			     const char *data, size_t count);

#endif
