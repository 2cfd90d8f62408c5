/* SPDX-License-Identifier: GPL-2.0 */
/*
 * file - read a whole regular file, with a size cap, for the board, a
 * .config and the tests.
 */
#ifndef RM_FILE_H
#define RM_FILE_H

#include <stddef.h>

/*
 * 0 and a malloc'ed, NUL-terminated copy of the file in *buf (its length
 * in *len), or -errno with "PATH: why" in err.  Anything but a regular
 * file, or one larger than max bytes, is refused.
 */
int rm_read_file(const char *path, size_t max, char **buf, size_t *len,
		 char *err, size_t errlen);

#endif
