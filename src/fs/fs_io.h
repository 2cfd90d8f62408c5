/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_io - opening, reading, writing and releasing files: text snapshots,
 * alloc results, and buffer bytes (page cache or passthrough).
 */
#ifndef RM_FS_IO_H
#define RM_FS_IO_H

#include <fuse_lowlevel.h>

struct fs;

void fs_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
void fs_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
	     struct fuse_file_info *fi);
void fs_write(fuse_req_t req, fuse_ino_t ino, const char *data, size_t size,
	      off_t off, struct fuse_file_info *fi);
void fs_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi);
/* handles whose RELEASE never came (unmounted first) */
void fs_handles_free_all(struct fs *fs);

#endif
