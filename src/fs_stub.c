// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "fs.h"

int rm_fs_main(const struct rm_options *o, const char *mountpoint,
	       struct fuse_args *args)
{
	(void)o; (void)args;
	fprintf(stderr, "rmemfs: mounting on %s is not built yet\n", mountpoint);
	return 1;
}
