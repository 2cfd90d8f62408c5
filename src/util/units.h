/* SPDX-License-Identifier: GPL-2.0 */
/*
 * units - sizes as a person reads them, beside the exact value the
 * tables also print: "64 MiB", "1.5 GiB", "4 KiB", "512 B".
 */
#ifndef RM_UNITS_H
#define RM_UNITS_H

#include <stddef.h>
#include <stdint.h>

#define RM_HUMAN_MAX 24

/* binary units; one decimal when the size is not a whole unit */
const char *rm_human_size(uint64_t bytes, char buf[RM_HUMAN_MAX]);

#endif
