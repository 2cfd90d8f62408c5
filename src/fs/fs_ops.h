/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_ops - the FUSE low-level operations table, and the mount each
 * request belongs to.
 */
#ifndef RM_FS_OPS_H
#define RM_FS_OPS_H

#include <fuse_lowlevel.h>

#include "fs/fs_state.h"

extern const struct fuse_lowlevel_ops rm_fs_ops;

static inline struct fs *req_fs(fuse_req_t req)
{
	return fuse_req_userdata(req);
}

#endif
