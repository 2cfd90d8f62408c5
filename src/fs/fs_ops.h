/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RM_FS_OPS_H
#define RM_FS_OPS_H

#include <fuse_lowlevel.h>

extern const struct fuse_lowlevel_ops rm_fs_ops;

/* fs_io.c */
void fs_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void fs_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
	     struct fuse_file_info *fi);
void fs_write(fuse_req_t req, fuse_ino_t ino, const char *data, size_t size,
	      off_t off, struct fuse_file_info *fi);
void fs_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);

#endif
