// SPDX-License-Identifier: GPL-2.0
/*
 * u-dma-buf 5.2.0's class device attributes (DEF_ATTR_SHOW/DEF_ATTR_SET,
 * udmabuf_device_attrs[]) and the sync commands behind sync_for_cpu and
 * sync_for_device, which the ioctls (u-dma-buf-dev.c) run too.
 */
#include <string.h>

#include "kernel/drivers/u-dma-buf.h"
#include "kernel/lib/kstrtox.h"

/* udmabuf_sync_command_argments(): packed, or the attributes for 1 */
static int sync_args(const struct udmabuf *ub, uint64_t cmd, uint64_t *offp,
		     uint64_t *sizep)
{
	uint64_t off, size;

	if (cmd & 0xFFFFFFFFFFFFFFFEULL) {
		off = (cmd & 0xFFFFFFFF00000000ULL) >> 32;
		size = cmd & 0x00000000FFFFFFF0ULL;
	} else {
		off = ub->sync_offset;
		size = ub->sync_size;
	}
	*offp = off;
	*sizep = size;
	/* a u64 sum, unchecked, as the driver has it */
	return off + size > ub->size ? -EINVAL : 0;
}

/* dma_sync_single_for_*(): the caches are the front end's (it knows a
 * coherent device's syncs do nothing, dma-direct's dev_is_dma_coherent) */
static void sync_done(struct udmabuf *ub, bool for_cpu, uint64_t off,
		      uint64_t size)
{
	if (ub->cls && ub->cls->on_sync)
		ub->cls->on_sync(ub->cls->sync_ctx, ub, for_cpu, off, size);
}

int udmabuf_sync_for_cpu(struct udmabuf *ub)
{
	uint64_t off, size;
	int err = 0;

	if (ub->sync_for_cpu) {
		err = sync_args(ub, ub->sync_for_cpu, &off, &size);
		if (!err) {
			sync_done(ub, true, off, size);
			ub->nr_sync_for_cpu++;
			ub->sync_for_cpu = 0;
			ub->sync_owner = 0;
		}
	}
	return err;
}

int udmabuf_sync_for_device(struct udmabuf *ub)
{
	uint64_t off, size;
	int err = 0;

	if (ub->sync_for_device) {
		err = sync_args(ub, ub->sync_for_device, &off, &size);
		if (!err) {
			sync_done(ub, false, off, size);
			ub->nr_sync_for_device++;
			ub->sync_for_device = 0;
			ub->sync_owner = 1;
		}
	}
	return err;
}

#define SHOW(attr, fmt, expr)						\
static void show_##attr(const struct udmabuf *ub, struct strbuf *sb)	\
{									\
	strbuf_printf(sb, fmt "\n", expr);				\
}
#define SET(attr, type)							\
static void set_##attr(struct udmabuf *ub, uint64_t v)			\
{									\
	ub->attr = (type)v;						\
}

SHOW(driver_version, "%s", UDMABUF_DRIVER_VERSION)
SHOW(size, "%llu", (unsigned long long)ub->size)
SHOW(phys_addr, "0x%016llx", (unsigned long long)ub->alloc.dma)
SHOW(sync_mode, "%d", ub->sync_mode)
SHOW(sync_offset, "0x%llx", (unsigned long long)ub->sync_offset)
SHOW(sync_size, "%llu", (unsigned long long)ub->sync_size)
SHOW(sync_direction, "%d", ub->sync_direction)
SHOW(sync_owner, "%d", ub->sync_owner)
SHOW(sync_for_cpu, "%llu", (unsigned long long)ub->sync_for_cpu)
SHOW(sync_for_device, "%llu", (unsigned long long)ub->sync_for_device)
SHOW(dma_coherent, "%d", ub->dma_coherent)
SHOW(quirk_mmap_mode, "%d", ub->quirk_mmap_mode)
SHOW(debug_vma, "%d", ub->debug_vma)
SHOW(ioctl_version, "%d", UDMABUF_IOCTL_VERSION)
SET(sync_mode, int)
SET(sync_offset, uint64_t)
SET(sync_size, uint64_t)
SET(sync_direction, int)
SET(sync_for_cpu, uint64_t)
SET(sync_for_device, uint64_t)
SET(debug_vma, int)

/* the class device's own: dev ("MAJ:MIN") and uevent */
static void show_dev(const struct udmabuf *ub, struct strbuf *sb)
{
	strbuf_printf(sb, "%d:%d\n", UDMABUF_MAJOR, ub->minor);
}

static void show_uevent(const struct udmabuf *ub, struct strbuf *sb)
{
	strbuf_printf(sb, "MAJOR=%d\nMINOR=%d\nDEVNAME=%s\n", UDMABUF_MAJOR,
		      ub->minor, ub->name);
}

#define RO(attr) { #attr, 0444, show_##attr, 0, 0, NULL, NULL }
#define RW(attr, lo, hi, post) \
	{ #attr, 0664, show_##attr, lo, hi, set_##attr, post }

const struct udmabuf_attr udmabuf_attrs[] = {
	RO(driver_version),
	RO(size),
	RO(phys_addr),
	RW(sync_mode, 0, 7, NULL),
	RW(sync_offset, 0, UINT64_MAX, NULL),
	RW(sync_size, 0, UINT64_MAX, NULL),
	RW(sync_direction, 0, 2, NULL),
	RO(sync_owner),
	RW(sync_for_cpu, 0, UINT64_MAX, udmabuf_sync_for_cpu),
	RW(sync_for_device, 0, UINT64_MAX, udmabuf_sync_for_device),
	RO(dma_coherent),
	RO(quirk_mmap_mode),
	RW(debug_vma, 0, 3, NULL),
	RO(ioctl_version),
	RO(dev),
	RO(uevent),
};
const unsigned int udmabuf_nr_attrs = sizeof(udmabuf_attrs) /
				      sizeof(udmabuf_attrs[0]);

const struct udmabuf_attr *udmabuf_attr_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < udmabuf_nr_attrs; i++)
		if (!strcmp(udmabuf_attrs[i].name, name))
			return &udmabuf_attrs[i];
	return NULL;
}

long udmabuf_attr_store(struct udmabuf *ub, const struct udmabuf_attr *a,
			const char *buf, size_t len)
{
	uint64_t v;
	int err;

	if (!a->set)
		return -EACCES;
	err = rm_kstrtoull(buf, len, &v);
	if (err)
		return err;
	if (v < a->min || v > a->max)
		return -EINVAL;
	a->set(ub, v);
	if (a->post) {
		err = a->post(ub);
		if (err)
			return err;
	}
	return (long)len;
}
