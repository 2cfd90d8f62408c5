/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sizes - include/linux/sizes.h, the sizes the emulated code spells out.
 */
#ifndef RM_SIZES_H
#define RM_SIZES_H

#define SZ_1K		0x00000400ULL
#define SZ_4K		0x00001000ULL
#define SZ_16K		0x00004000ULL
#define SZ_64K		0x00010000ULL
#define SZ_128K		0x00020000ULL
#define SZ_256K		0x00040000ULL
#define SZ_1M		0x00100000ULL
#define SZ_2M		0x00200000ULL
#define SZ_4M		0x00400000ULL
#define SZ_8M		0x00800000ULL
#define SZ_16M		0x01000000ULL
#define SZ_32M		0x02000000ULL
#define SZ_64M		0x04000000ULL
#define SZ_128M		0x08000000ULL
#define SZ_1G		0x40000000ULL
#define SZ_2G		0x80000000ULL
#define SZ_4G		0x100000000ULL

#endif
