/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs - the FUSE layer's entry point.
 */
#ifndef RM_FS_H
#define RM_FS_H

#include "board/options.h"

struct fuse_args;

/* Boot, mount on mountpoint, serve until unmounted or signalled. */
int rm_fs_main(const struct rm_options *o, const char *mountpoint,
	       struct fuse_args *args);

#endif
