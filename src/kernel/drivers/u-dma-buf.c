// SPDX-License-Identifier: GPL-2.0
/*
 * u-dma-buf 5.2.0: probe (udmabuf_platform_device_probe) and the object
 * (udmabuf_object_create/setup/destroy).  The attributes and the sync
 * commands are in u-dma-buf-sysfs.c, the character device and the
 * ioctls in u-dma-buf-dev.c, the manager in u-dma-buf-mgr.c.
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/drivers/u-dma-buf.h"
#include "kernel/of/fdt.h"
#include "kernel/of/platform.h"

#define dev_line(b, lvl, dev, fmt, ...) \
	bootlog_printf(&(b)->log, lvl, UDMABUF_DRIVER_NAME " %s: " fmt, dev, \
		       ##__VA_ARGS__)

static struct udmabuf_class *class_of(struct rm_board *b)
{
	if (!b->udmabuf)
		b->udmabuf = calloc(1, sizeof(*b->udmabuf));
	return b->udmabuf;
}

struct udmabuf *udmabuf_find(struct rm_board *b, const char *name)
{
	struct udmabuf *ub;

	for (ub = b->udmabuf ? b->udmabuf->head : NULL; ub; ub = ub->next)
		if (!strcmp(ub->name, name))
			return ub;
	return NULL;
}

/* ---- properties, read as of_property_read_*() reads them ---- */

/* the driver's of_property_read_ulong(): u64, else u32 */
static bool prop_ulong(const void *fdt, int node, const char *name, uint64_t *v)
{
	uint32_t v32;

	if (dt_read_u64(fdt, node, name, v))
		return true;
	if (!dt_read_u32(fdt, node, name, &v32))
		return false;
	*v = v32;
	return true;
}

/* ---- the object ---- */

/*
 * udmabuf_object_create(): the minor (exact, or the lowest free), the
 * class device's name (sysfs turns '/' into '!'; a name the class has is
 * -EEXIST), the DMA device.  NULL on failure, its lines in the log.
 */
static struct udmabuf *object_create(struct rm_board *b, const char *name,
				     int minor)
{
	struct udmabuf_class *cls = class_of(b);
	struct udmabuf *ub;
	char *s;

	if (!cls)
		return NULL;
	if (minor >= 0 && minor < UDMABUF_DEVICE_MAX_NUM) {
		if (cls->minor_used[minor]) {
			rm_err(b, "u-dma-buf: couldn't allocate minor number(=%d).",
			       minor);
			return NULL;
		}
	} else if (minor < 0) {
		for (minor = 0; minor < UDMABUF_DEVICE_MAX_NUM; minor++)
			if (!cls->minor_used[minor])
				break;
		if (minor == UDMABUF_DEVICE_MAX_NUM) {
			rm_err(b, "u-dma-buf: couldn't allocate new minor number. "
			       "return=%d.", -ENOSPC);
			return NULL;
		}
	} else {
		rm_err(b, "u-dma-buf: invalid minor number(=%d), valid range is "
		       "0 to %d", minor, UDMABUF_DEVICE_MAX_NUM - 1);
		return NULL;
	}
	ub = calloc(1, sizeof(*ub));
	if (!ub)
		return NULL;
	if (name)
		snprintf(ub->name, sizeof(ub->name), "%s", name);
	else
		snprintf(ub->name, sizeof(ub->name), "udmabuf%d", minor);
	for (s = ub->name; *s; s++)
		if (*s == '/')
			*s = '!';	/* kobject_set_name_vargs() */
	if (!ub->name[0] || udmabuf_find(b, ub->name)) {
		int err = ub->name[0] ? -EEXIST : -EINVAL;

		if (err == -EEXIST)
			rm_err(b, "sysfs: cannot create duplicate filename "
			       "'/class/u-dma-buf/%s'", ub->name);
		rm_err(b, "u-dma-buf: device_create() failed. return=%d", err);
		free(ub);
		return NULL;
	}
	ub->minor = minor;
	ub->cls = cls;
	ub->sync_mode = 1;		/* SYNC_MODE_NONCACHED */
	ub->quirk_mmap_mode = UDMABUF_QUIRK_MMAP_ON;
	cls->minor_used[minor] = true;
	return ub;
}

static void object_link(struct rm_board *b, struct udmabuf *ub)
{
	struct udmabuf **pp = &b->udmabuf->head;

	while (*pp)
		pp = &(*pp)->next;
	*pp = ub;
}

static void object_destroy(struct rm_board *b, struct udmabuf *ub)
{
	if (ub->alloc.size && !ub->alloc_given)
		rm_dma_free(b, &ub->alloc);
	b->udmabuf->minor_used[ub->minor] = false;
	if (ub->own_dev) {
		free(ub->own_dev->dma_range_map);
		free(ub->own_dev);
	}
	free(ub);
}

void udmabuf_remove(struct rm_board *b, struct udmabuf *ub)
{
	struct udmabuf **pp = &b->udmabuf->head;

	while (*pp && *pp != ub)
		pp = &(*pp)->next;
	if (*pp)
		*pp = ub->next;
	object_destroy(b, ub);
}

void udmabuf_class_free(struct rm_board *b)
{
	struct udmabuf *ub, *next;

	if (!b->udmabuf)
		return;
	for (ub = b->udmabuf->head; ub; ub = next) {
		next = ub->next;
		object_destroy(b, ub);
	}
	free(b->udmabuf);
	b->udmabuf = NULL;
}

/*
 * udmabuf_object_setup(): PAGE_ALIGN(size) from dma_alloc_coherent(), its
 * handle being the "phys address" everything reports; then the info lines.
 */
static int object_setup(struct rm_board *b, struct udmabuf *ub)
{
	int err;

	ub->alloc_size = rm_page_align(ub->size);
	err = rm_dma_alloc(b, ub->dev, ub->alloc_size, &ub->alloc);
	if (err) {
		/* the driver prints PTR_ERR(NULL) */
		dev_line(b, RM_LOG_ERR, ub->name, "dma_alloc_coherent(size=%llu) "
			 "failed. return(0)", (unsigned long long)ub->alloc_size);
		memset(&ub->alloc, 0, sizeof(ub->alloc));
		return -ENOMEM;
	}
	return 0;
}

static void object_info(struct rm_board *b, struct udmabuf *ub)
{
	dev_line(b, RM_LOG_INFO, ub->name, "driver version = %s",
		 UDMABUF_DRIVER_VERSION);
	dev_line(b, RM_LOG_INFO, ub->name, "major number   = %d", UDMABUF_MAJOR);
	dev_line(b, RM_LOG_INFO, ub->name, "minor number   = %d", ub->minor);
	dev_line(b, RM_LOG_INFO, ub->name, "phys address   = 0x%016llx",
		 (unsigned long long)ub->alloc.dma);
	dev_line(b, RM_LOG_INFO, ub->name, "buffer size    = %llu",
		 (unsigned long long)ub->alloc_size);
}

static uint64_t bit_mask(unsigned int n)
{
	return n >= 64 ? ~0ULL : (1ULL << n) - 1;
}

/* the driver's probe failure and the driver core's line after it */
static void probe_failed(struct rm_board *b, struct rm_device *dev, int err,
			 const char *why)
{
	dev_line(b, RM_LOG_ERR, dev->kname, "driver probe failed. return=%d", err);
	if (err != -ENODEV && err != -ENXIO) {
		if (b->profile->probe_fail_dev_err)
			dev_line(b, RM_LOG_ERR, dev->kname, "probe with driver "
				 "u-dma-buf failed with error %d", err);
		else
			rm_warn(b, "u-dma-buf: probe of %s failed with error %d",
				dev->kname, err);
	}
	if (dev->node >= 0)	/* the manager's say so in the write's errno */
		rm_report(b, "udmabuf-probe", RM_ERROR, dev->path, "u-dma-buf "
			  "%s: no device: %s (probe returned %s)", dev->kname,
			  why, rm_errno_name(err));
}

/* the rows where the driver aborts with retval still 0 */
static void probe_aborted(struct rm_board *b, struct rm_device *dev,
			  struct udmabuf *ub, const char *why)
{
	dev_line(b, RM_LOG_INFO, dev->kname, "driver installed.");
	rm_report(b, "udmabuf-probe", RM_ERROR, dev->path, "u-dma-buf %s: no "
		  "device: %s; the probe still returns 0 and prints \"driver "
		  "installed.\"", dev->kname, why);
	object_destroy(b, ub);
}

/*
 * udmabuf_platform_device_probe() for one node, step by step: the first
 * failure decides, and every failure leaves no device.
 */
static int probe_one(struct rm_board *b, struct rm_device *dev)
{
	const void *fdt = b->fdt;
	int node = dev->node, len, minor = -1;
	const char *name = NULL;
	char why[RM_NAME_MAX + 64];
	uint64_t size = 0, v64;
	struct udmabuf *ub;
	uint32_t v32;

	if (!prop_ulong(fdt, node, "size", &size)) {
		dev_line(b, RM_LOG_ERR, dev->kname, "invalid property size. "
			 "status=%d", -EINVAL);
		probe_failed(b, dev, -ENODEV, "no size property");
		return 0;
	}
	if (!size) {
		dev_line(b, RM_LOG_ERR, dev->kname, "invalid size, size=0");
		probe_failed(b, dev, -ENODEV, "size is 0");
		return 0;
	}
	if (dt_read_u32(fdt, node, "minor-number", &v32))
		minor = (int)v32;	/* >= 0x80000000 is "auto" */
	name = fdt_getprop(fdt, node, "device-name", &len);
	if (name && (len < 1 || strnlen(name, (size_t)len) == (size_t)len))
		name = NULL;	/* of_get_property() fallback: not a string */
	if (!name && minor < 0)
		name = dev->kname;
	ub = object_create(b, name, minor);
	if (!ub) {
		dev_line(b, RM_LOG_ERR, dev->kname, "object create failed. "
			 "return=0");
		probe_failed(b, dev, -EINVAL, "the minor number or the name is "
			     "taken or invalid");
		return 0;
	}
	ub->dev = dev;
	snprintf(ub->pdev, sizeof(ub->pdev), "%s", dev->kname);
	ub->size = size;
	if (dt_read_u32(fdt, node, "dma-mask", &v32)) {
		if (v32 > 64 || v32 < 12) {
			dev_line(b, RM_LOG_ERR, dev->kname, "invalid dma-mask "
				 "property value=%d", (int)v32);
			snprintf(why, sizeof(why), "dma-mask = <%u> is not 12..64",
				 v32);
			probe_aborted(b, dev, ub, why);
			return 0;
		}
		dev->coherent_dma_mask = bit_mask(v32);
	}
	if (dev->nr_regs) {
		struct rm_devreg *dr = &dev->regs[0];
		int err = rm_device_init_by_idx(b, dev, dr);

		dr->result = err;
		dr->tried = true;
		if (err && err != -ENODEV) {
			dev_line(b, RM_LOG_ERR, dev->kname, "of_reserved_mem_device_"
				 "init failed. return=%d", err);
			b->nr_dev_errors++;
			object_destroy(b, ub);
			snprintf(why, sizeof(why), "memory-region 0 (%s) gave %s",
				 dr->target[0] ? dr->target : "?",
				 rm_errno_name(err));
			probe_failed(b, dev, err, why);
			return 0;
		}
	}
	/* of_dma_configure(): the mask within the bus's reach, coherence */
	ub->dma_coherent = dev->dma_coherent;
	if (dt_has_prop(fdt, node, "quirk-mmap-on"))
		ub->quirk_mmap_mode = UDMABUF_QUIRK_MMAP_ON;
	if (dt_has_prop(fdt, node, "quirk-mmap-off"))
		ub->quirk_mmap_mode = UDMABUF_QUIRK_MMAP_OFF;
	if (dt_has_prop(fdt, node, "quirk-mmap-auto"))
		ub->quirk_mmap_mode = UDMABUF_QUIRK_MMAP_AUTO;
	if (dt_has_prop(fdt, node, "quirk-mmap-page"))
		ub->quirk_mmap_mode = UDMABUF_QUIRK_MMAP_PAGE;
	if (dt_read_u32(fdt, node, "sync-mode", &v32)) {
		if (v32 < 1 || v32 > 3) {
			dev_line(b, RM_LOG_ERR, dev->kname, "invalid sync-mode "
				 "property value=%d", (int)v32);
			snprintf(why, sizeof(why), "sync-mode = <%u> is not 1..3", v32);
			probe_aborted(b, dev, ub, why);
			return 0;
		}
		ub->sync_mode = (ub->sync_mode & ~UDMABUF_SYNC_MODE_MASK) | (int)v32;
	}
	if (dt_has_prop(fdt, node, "sync-always"))
		ub->sync_mode |= UDMABUF_SYNC_ALWAYS;
	if (dt_read_u32(fdt, node, "sync-direction", &v32)) {
		if (v32 > 2) {
			dev_line(b, RM_LOG_ERR, dev->kname, "invalid sync-direction "
				 "property value=%d", (int)v32);
			snprintf(why, sizeof(why), "sync-direction = <%u> is not "
				 "0..2", v32);
			probe_aborted(b, dev, ub, why);
			return 0;
		}
		ub->sync_direction = (int)v32;
	}
	if (prop_ulong(fdt, node, "sync-offset", &v64)) {
		if (v64 >= ub->size) {
			dev_line(b, RM_LOG_ERR, dev->kname, "invalid sync-offset "
				 "property value=%llu", (unsigned long long)v64);
			probe_aborted(b, dev, ub, "sync-offset is not below size");
			return 0;
		}
		/* stored through an int: 2 GiB and up sign-extend */
		ub->sync_offset = (uint64_t)(int64_t)(int32_t)(uint32_t)v64;
	}
	if (prop_ulong(fdt, node, "sync-size", &v64)) {
		if (ub->sync_offset + v64 > ub->size) {
			dev_line(b, RM_LOG_ERR, dev->kname, "invalid sync-size "
				 "property value=%llu", (unsigned long long)v64);
			probe_aborted(b, dev, ub, "sync-offset + sync-size is past "
				      "size");
			return 0;
		}
		ub->sync_size = v64;
	} else {
		ub->sync_size = ub->size;
	}
	if (object_setup(b, ub)) {
		dev_line(b, RM_LOG_ERR, dev->kname, "object setup failed. "
			 "return=%d", -ENOMEM);
		object_destroy(b, ub);
		snprintf(why, sizeof(why), "dma_alloc_coherent() of %llu bytes "
			 "failed", (unsigned long long)rm_page_align(size));
		probe_failed(b, dev, -ENOMEM, why);
		return 0;
	}
	object_link(b, ub);
	object_info(b, ub);
	dev_line(b, RM_LOG_INFO, dev->kname, "driver installed.");
	return 0;
}

int udmabuf_probe_all(struct rm_board *b)
{
	unsigned int i;

	for (i = 0; i < b->nr_devices; i++) {
		struct rm_device *dev = b->devices[i];

		if (dev->node < 0 || !dev->udmabuf_node)
			continue;
		if (!class_of(b))
			return -ENOMEM;
		probe_one(b, dev);
	}
	return 0;
}

int udmabuf_mgr_create(struct rm_board *b, const char *name, uint64_t size,
		       unsigned int dma_mask_bits, int quirk_mmap_mode,
		       struct udmabuf **out)
{
	struct udmabuf_class *cls = class_of(b);
	struct rm_device *dev;
	struct udmabuf *ub;
	char pdev[64];

	if (!cls)
		return -ENOMEM;
	/* udmabuf_platform_device_create(..., unsigned int size, ...) */
	size &= 0xffffffffULL;
	if (!size)
		return -EINVAL;
	/* udmabuf_device_list_search(): the manager's own devices only */
	ub = udmabuf_find(b, name);
	if (ub && ub->from_mgr) {
		rm_err(b, "u-dma-buf: device name(%s) or id(%d) is already exists",
		       name, -2);
		return -EINVAL;
	}
	snprintf(pdev, sizeof(pdev), "u-dma-buf.%d.auto", cls->next_devid++);
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return -ENOMEM;
	dev->node = -1;
	snprintf(dev->name, sizeof(dev->name), "%s", pdev);
	snprintf(dev->kname, sizeof(dev->kname), "%s", pdev);
	dev->coherent_dma_mask = bit_mask(dma_mask_bits ? dma_mask_bits : 32);
	ub = object_create(b, name, -1);
	if (!ub) {
		/* the platform probe failed: the driver core clears drvdata */
		dev_line(b, RM_LOG_ERR, pdev, "object create failed. return=0");
		probe_failed(b, dev, -EINVAL, "the name is taken or no minor is "
			     "free");
		free(dev);
		rm_err(b, "u-dma-buf: object of %s is none.", name);
		return -ENODEV;
	}
	ub->dev = ub->own_dev = dev;
	ub->from_mgr = true;
	snprintf(ub->pdev, sizeof(ub->pdev), "%s", pdev);
	ub->size = size;
	ub->sync_size = size;
	if (quirk_mmap_mode >= 1 && quirk_mmap_mode <= 4)
		ub->quirk_mmap_mode = quirk_mmap_mode;
	if (object_setup(b, ub)) {
		dev_line(b, RM_LOG_ERR, pdev, "object setup failed. return=%d",
			 -ENOMEM);
		ub->own_dev = NULL;
		object_destroy(b, ub);
		probe_failed(b, dev, -ENOMEM, "dma_alloc_coherent() failed");
		free(dev);
		rm_err(b, "u-dma-buf: object of %s is none.", name);
		return -ENODEV;
	}
	object_link(b, ub);
	object_info(b, ub);
	dev_line(b, RM_LOG_INFO, pdev, "driver installed.");
	*out = ub;
	return 0;
}

/* ---- the front end's model of the caches ---- */

int udmabuf_set_sync_hook(struct rm_board *b, udmabuf_sync_fn fn, void *ctx)
{
	struct udmabuf_class *cls = class_of(b);

	if (!cls)
		return -ENOMEM;
	cls->on_sync = fn;
	cls->sync_ctx = ctx;
	return 0;
}
