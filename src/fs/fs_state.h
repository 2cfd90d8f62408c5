/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_state - one mount: the booted board, the static tree, the buffers
 * and the open text/alloc handles.
 */
#ifndef RM_FS_STATE_H
#define RM_FS_STATE_H

#include <pthread.h>
#include <sys/types.h>
#include <time.h>

#include "fs/fs_buffer.h"
#include "fs/fs_dma.h"
#include "fs/fs_tree.h"
#include "view/files.h"

struct fs_handle;

struct fs {
	struct rm_board *board;
	void *blob;
	uid_t uid;			/* mounting user: owner of the tree */
	gid_t gid;
	struct timespec mounted;
	struct rm_view_env env;		/* what the tables' show() may ask */
	struct fs_tree tree;
	struct fs_buffers bufs;
	pthread_mutex_t handles_lock;
	struct fs_handle *handles;	/* open text and alloc files */
	struct fs_udev *udevs;		/* u-dma-buf devices (bufs.lock) */
	struct fs_dma dma;		/* devices' dma files: the fault log */
	char *mountpoint;		/* absolute: .dev-links' targets */
	struct fs_link *links;		/* .dev-links/ (bufs.lock) */
	struct {			/* librmemfs's fast path (fs_socket.h) */
		int fd, stopfd;
		int procfd;		/* /proc/self/fd: memfds re-opened */
		pthread_t thread;
		bool running;
	} sock;
};

#endif
