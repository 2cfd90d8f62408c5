/* SPDX-License-Identifier: GPL-2.0 */
/*
 * board_load - get a validated flattened device tree from a DTB file,
 * from DTS source (through dtc, and cpp when include dirs are given), or
 * from the built-in board.
 */
#ifndef RM_BOARD_LOAD_H
#define RM_BOARD_LOAD_H

#include <stddef.h>

/*
 * path NULL loads the built-in board.  dts_include is "DIR[:DIR...]" or
 * NULL.  Returns 0 and a malloc'ed blob, or -errno with a message naming
 * the file and the problem in err.
 */
int rm_board_load(const char *path, const char *dts_include, void **blob,
		  size_t *size, char *err, size_t errlen);

/* fdt_check_full() plus a size check; message names the source */
int rm_board_validate(const void *blob, size_t size, const char *name,
		      char *err, size_t errlen);

#endif
