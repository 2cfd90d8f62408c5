/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_tree - the static tree: built once after boot from the file tables
 * of view/files.h, never changed.  A node's inode number is its index
 * plus one; buffers (fs_buffer.h) get numbers after the last node.
 */
#ifndef RM_FS_TREE_H
#define RM_FS_TREE_H

#include <stdint.h>
#include <sys/types.h>

#include "view/files.h"

enum fs_kind {
	FS_DIR,
	FS_TEXT,	/* rendered at each read from offset 0, direct_io */
	FS_ALLOC,	/* write "SIZE [NAME]", read the result */
	FS_SYMLINK,
	FS_BUFDIR,	/* buffers/: lists live buffers; dev/ too */
	FS_UDCLASS,	/* u-dma-buf/: a directory per u-dma-buf device */
	FS_MGR,		/* u-dma-buf-mgr: write commands */
	FS_DEVLINKS,	/* .dev-links/: absolute symlinks to dev/NAME */
	FS_DMA,		/* devices/NAME/dma: the device's side of memory */
	FS_DMASYNC,	/* devices/NAME/sync: a sync command per write */
};

struct fs_bufdir;

struct fs_node {
	uint64_t ino;
	uint64_t parent;
	char name[RM_NAME_MAX];
	enum fs_kind kind;
	mode_t mode;			/* permission bits */
	const struct rm_file *file;	/* its table entry; NULL: a directory
					 * of a region, a device, the root */
	struct rm_obj obj;		/* what it is about */
	char *target;			/* FS_SYMLINK */
	struct fs_bufdir *bufdir;	/* FS_BUFDIR, and FS_ALLOC's */
	uint64_t *children;		/* FS_DIR */
	unsigned int nr_children;
};

#define FS_ROOT_INO 1

struct fs_tree {
	struct fs_node *nodes;		/* nodes[ino - 1] */
	uint64_t nr_nodes;
	uint64_t cap_nodes;
	struct fs_bufdir *bufdirs;
	unsigned int nr_bufdirs;
	unsigned int cap_bufdirs;
	struct fs_bufdir *udmabuf_dev;	/* dev/ */
	uint64_t udmabuf_class_ino;	/* u-dma-buf/ */
	uint64_t udmabuf_links_ino;	/* .dev-links/ */
};

int fs_tree_build(struct fs_tree *t, struct rm_board *b);
void fs_tree_free(struct fs_tree *t);
struct fs_node *fs_node_get(struct fs_tree *t, uint64_t ino);
struct fs_node *fs_node_child(struct fs_tree *t, struct fs_node *dir,
			      const char *name);

#endif
