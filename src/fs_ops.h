/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RM_FS_OPS_H
#define RM_FS_OPS_H

#include <fuse_lowlevel.h>

extern const struct fuse_lowlevel_ops rm_fs_ops;

#endif
