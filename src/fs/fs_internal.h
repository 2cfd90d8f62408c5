/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_internal - the FUSE layer's tree: static nodes built once from the
 * booted board, and buffers that come and go.
 *
 * Lifetimes.  A buffer's pool memory is freed when it is unlinked and no
 * handle is open (a mapping holds its file open, so "open" covers
 * "mapped").  The struct itself lives until the kernel forgets the inode.
 * Inode numbers only grow: no number is ever given to a second buffer, so
 * no page cache of an old buffer can show through a new one.
 */
#ifndef RM_FS_INTERNAL_H
#define RM_FS_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "kernel/dma/mapping.h"
#include "kernel/system.h"

enum fs_kind {
	FS_DIR,
	FS_TEXT,	/* rendered on open, direct_io */
	FS_ALLOC,	/* write "SIZE [NAME]", read the result */
	FS_SYMLINK,
	FS_BUFDIR,	/* buffers/: lists live buffers */
	FS_BUFFER,
};

enum fs_text {
	FS_T_DMESG, FS_T_IOMEM, FS_T_MEMINFO, FS_T_CMDLINE, FS_T_CONFIG,
	FS_T_REGION, FS_T_DEVICE, FS_T_ALLOCATIONS,
};

struct fs_bufdir;
struct fs_handle;

struct fs_node {
	uint64_t ino;
	uint64_t parent;
	char name[RM_NAME_MAX];
	enum fs_kind kind;
	enum fs_text text;
	mode_t mode;			/* permission bits */
	struct rm_region *region;
	struct rm_device *device;
	const char *file;		/* region/device file name to render */
	char target[2 * RM_NAME_MAX];	/* symlink */
	struct fs_bufdir *bufdir;	/* FS_BUFDIR, and FS_ALLOC's target dir */
	uint64_t *children;		/* FS_DIR */
	unsigned int nr_children;
};

struct fs_buffer {
	uint64_t ino;
	char name[RM_NAME_MAX];
	struct fs_bufdir *dir;
	struct rm_alloc alloc;
	uid_t uid;
	gid_t gid;
	mode_t mode;
	int memfd;			/* the bytes, span long */
	int backing_id;			/* passthrough registration, 0 = none */
	int watch;			/* inotify watch on memfd, -1 = none */
	unsigned int pt_opens;		/* passthrough backing files created */
	unsigned int pt_closes;		/* ... and gone (inotify IN_CLOSE) */
	uint64_t nlookup;		/* kernel references */
	unsigned int nopen;		/* open handles (mappings included) */
	bool unlinked;
	bool freed;			/* pool memory given back */
	struct timespec ctime;
	struct fs_buffer *next_in_dir;	/* sorted by ino */
	struct fs_buffer *prev_in_dir;
	struct fs_buffer *hash_next;
};

/* the buffers of one device or one pool region */
struct fs_bufdir {
	uint64_t ino;
	struct rm_device *device;	/* NULL for a region's own */
	struct rm_region *region;
	struct fs_buffer *head;
	struct fs_buffer *tail;
};

struct fs {
	struct rm_board *board;
	void *blob;
	uid_t uid;			/* mounting user: owner of the tree */
	gid_t gid;
	struct timespec mounted;
	const char *backing;		/* "page-cache" or "passthrough" */
	char backing_state[96];

	struct fs_node *nodes;		/* static; nodes[ino - 1] */
	uint64_t nr_nodes;
	uint64_t cap_nodes;
	struct fs_bufdir *bufdirs;
	unsigned int nr_bufdirs;

	pthread_mutex_t lock;		/* buffers: creation, lookup, lifetime */
	uint64_t next_ino;
	struct fs_buffer **hash;
	unsigned int hash_size;
	uint64_t nr_buffers;
	struct fs_handle *handles;	/* open text and alloc files */
};

#define FS_ROOT_INO 1

/* fs_tree.c */
int fs_tree_build(struct fs *fs);
void fs_tree_free(struct fs *fs);
struct fs_node *fs_node_get(struct fs *fs, uint64_t ino);
struct fs_node *fs_node_child(struct fs *fs, struct fs_node *dir,
			      const char *name);

/* fs_buffer.c (callers hold fs->lock unless said otherwise) */
struct fs_buffer *fs_buffer_get(struct fs *fs, uint64_t ino);
struct fs_buffer *fs_buffer_find(struct fs_bufdir *dir, const char *name);
int fs_buffer_create(struct fs *fs, struct fs_bufdir *dir, const char *name,
		     const struct rm_alloc *a, uid_t uid, gid_t gid,
		     struct fs_buffer **out);
void fs_buffer_unlink(struct fs *fs, struct fs_buffer *buf);
void fs_buffer_put_open(struct fs *fs, struct fs_buffer *buf);
void fs_buffer_forget(struct fs *fs, struct fs_buffer *buf, uint64_t n);
/* a passthrough backing file of the buffer watched as wd went away */
void fs_buffer_backing_closed(struct fs *fs, int wd);
void fs_buffers_free_all(struct fs *fs);

/* fs_alloc.c: parse "SIZE [NAME]" and allocate; result line in *line */
int fs_alloc_request(struct fs *fs, struct fs_node *alloc, const char *buf,
		     size_t len, uid_t uid, gid_t gid, char **line);
int fs_parse_alloc(const char *buf, size_t len, uint64_t *size, char *name,
		   size_t namelen);

/* fs_ops.c: handles still open when the session ends */
void fs_handles_free_all(struct fs *fs);

/* fs_render.c: the text of a FS_TEXT node */
int fs_render(struct fs *fs, struct fs_node *n, char **text, size_t *len);

#endif
