/* SPDX-License-Identifier: GPL-2.0 */
/*
 * options - the rmemfs start-up options and turning them into a booted
 * board.  FUSE-free: main.c fills the struct from the command line.
 */
#ifndef RM_OPTIONS_H
#define RM_OPTIONS_H

#include <stdbool.h>

#include "kernel/system.h"

struct rm_options {
	char *dtb;		/* BOARD or -o dtb= */
	char *dts_include;
	char *cmdline;
	char *cmdline_file;	/* -o cmdline_file=: a real command line */
	char *memory;		/* -o memory=: the bootloader's RAM banks */
	char *config;
	char *profile;
	char *reserve;
	char *ignore;		/* -o ignore=ID[@NODE][:...] */
	/* ints, not bools: fuse_opt stores an int through a flag's offset */
	int strict;		/* -o strict: warnings count as errors */
	int dry_run;
	int no_passthrough;	/* -o nopassthrough: buffers in the page cache */
	char *sync;		/* -o sync=off|strict: non-coherent devices'
				 * caches (doc/dma.md) */
};

/*
 * Load, parse and boot.  Returns 0 and the board (and the blob it
 * borrows, to free after the board), or -errno with one message naming
 * the file or option and the problem.
 */
int rm_options_boot(const struct rm_options *o, struct rm_board **board,
		    void **blob, char *err, size_t errlen);

/* "BASE+SIZE[,BASE+SIZE...]" with memparse numbers */
int rm_parse_reserve(const char *s, struct rm_reserve_range *out,
		     unsigned int max, unsigned int *n);

#endif
