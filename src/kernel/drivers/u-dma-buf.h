/* SPDX-License-Identifier: GPL-2.0 */
/*
 * u-dma-buf - the out-of-tree driver ikwzm/udmabuf (u-dma-buf.c 5.2.0) as
 * a program sees it: its devices probed from the device tree's
 * "ikwzm,u-dma-buf" nodes, one buffer each from dma_alloc_coherent(), the
 * sysfs attributes with their show/store rules, the sync commands, the
 * character device's read/write/llseek limits and its ioctls.
 *
 * The build emulated: U_DMA_BUF_CONFIG=1 with U_DMA_BUF_IOCTL=1,
 * U_DMA_BUF_DEBUG=1, U_DMA_BUF_QUIRK_MMAP=1,
 * U_DMA_BUF_IN_KERNEL_FUNCTIONS=1 - the real configuration without
 * dma-buf EXPORT (ioctl version 1), because a FUSE ioctl cannot hand the
 * caller a new file descriptor.  doc/u-dma-buf.md says what else differs.
 *
 * Nothing here locks: the front end serialises every call on a class
 * (the driver holds obj->sem for the same steps).
 */
#ifndef RM_U_DMA_BUF_H
#define RM_U_DMA_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/dma/mapping.h"
#include "kernel/system.h"
#include "util/strbuf.h"

#define UDMABUF_DRIVER_NAME	"u-dma-buf"
#define UDMABUF_DRIVER_VERSION	"5.2.0"
#define UDMABUF_IOCTL_VERSION	1
#define UDMABUF_COMPATIBLE	"ikwzm,u-dma-buf"
#define UDMABUF_DEVICE_MAX_NUM	256
/* alloc_chrdev_region() picks it at module load; rmemfs says 240 */
#define UDMABUF_MAJOR		240

/* sync_mode */
#define UDMABUF_SYNC_MODE_MASK	0x03
#define UDMABUF_SYNC_ALWAYS	0x04
/* quirk_mmap_mode */
#define UDMABUF_QUIRK_MMAP_OFF	1
#define UDMABUF_QUIRK_MMAP_ON	2	/* the default on ARM64 */
#define UDMABUF_QUIRK_MMAP_AUTO	3
#define UDMABUF_QUIRK_MMAP_PAGE	4

struct udmabuf {
	char name[RM_NAME_MAX];		/* /dev and /sys/class name */
	char pdev[RM_NAME_MAX];		/* the platform device's dev_name() */
	int minor;
	struct rm_device *dev;		/* the DMA device */
	struct rm_device *own_dev;	/* a manager device's own, else NULL */
	bool from_mgr;			/* u-dma-buf-mgr can delete it */
	uint64_t size;			/* as asked: size, SEEK_END, read limit */
	uint64_t alloc_size;		/* PAGE_ALIGN(size): what mmap reaches */
	struct rm_alloc alloc;
	bool alloc_given;		/* the front end frees alloc now */
	bool dma_coherent;
	int quirk_mmap_mode;
	int sync_mode;
	uint64_t sync_offset;
	uint64_t sync_size;
	int sync_direction;
	int sync_owner;			/* 0 CPU, 1 device */
	uint64_t sync_for_cpu;
	uint64_t sync_for_device;
	int debug_vma;
	unsigned long nr_sync_for_cpu;	/* syncs done, for the front end */
	unsigned long nr_sync_for_device;
	struct udmabuf_class *cls;
	struct udmabuf *next;		/* creation order */
};

/*
 * dma_sync_single_for_cpu/_for_device() on a range of the buffer: what
 * the front end does with it (a model of the caches, or nothing)
 */
typedef void (*udmabuf_sync_fn)(void *ctx, struct udmabuf *ub, bool for_cpu,
				uint64_t offset, uint64_t size);

struct udmabuf_class {
	struct udmabuf *head;
	bool minor_used[UDMABUF_DEVICE_MAX_NUM];
	int next_devid;			/* PLATFORM_DEVID_AUTO's ida */
	udmabuf_sync_fn on_sync;	/* NULL: syncs are counted only */
	void *sync_ctx;
};

/* the front end's dma_sync_single_*(): 0, or -ENOMEM */
int udmabuf_set_sync_hook(struct rm_board *b, udmabuf_sync_fn fn, void *ctx);

/*
 * The driver's module init: every available "ikwzm,u-dma-buf" node in DT
 * order probed as udmabuf_platform_device_probe() does, after the boot's
 * devices.  A failed probe leaves no device, its lines in the log and a
 * "udmabuf-probe" finding.  0, or -ENOMEM.
 */
int udmabuf_probe_all(struct rm_board *b);
void udmabuf_class_free(struct rm_board *b);
struct udmabuf *udmabuf_find(struct rm_board *b, const char *name);

/*
 * A device as u-dma-buf-mgr's "create NAME SIZE" makes it
 * (udmabuf_platform_device_create(): a u-dma-buf.N.auto platform device,
 * DMA_BIT_MASK(dma_mask_bits or 32), no memory-region).  0 and *out, or
 * the driver's error; the log says what it printed.
 */
int udmabuf_mgr_create(struct rm_board *b, const char *name, uint64_t size,
		       unsigned int dma_mask_bits, int quirk_mmap_mode,
		       struct udmabuf **out);
/*
 * Unlink a device from the class (u_dma_buf_device_remove()); its buffer
 * is freed here unless alloc_given, then the struct.  The caller made
 * sure nobody holds a pointer to it.
 */
void udmabuf_remove(struct rm_board *b, struct udmabuf *ub);

/* ---- sysfs: /sys/class/u-dma-buf/NAME/ ---- */
struct udmabuf_attr {
	const char *name;
	unsigned int mode;
	void (*show)(const struct udmabuf *ub, struct strbuf *sb);
	uint64_t min, max;		/* store range (DEF_ATTR_SET) */
	/* writable: the field the store sets */
	void (*set)(struct udmabuf *ub, uint64_t v);
	/* the post action, after the value is stored: 0 or -errno */
	int (*post)(struct udmabuf *ub);
};

/* udmabuf_device_attrs[] in the driver's order, then dev and uevent */
extern const struct udmabuf_attr udmabuf_attrs[];
extern const unsigned int udmabuf_nr_attrs;
const struct udmabuf_attr *udmabuf_attr_find(const char *name);
/*
 * One write to a writable attribute: kstrtoull(base 0), the range check,
 * the value stored, the post action.  len, or -EINVAL/-ERANGE with
 * nothing changed; a failed post action keeps the stored value as the
 * driver does and returns its error.
 */
long udmabuf_attr_store(struct udmabuf *ub, const struct udmabuf_attr *a,
			const char *buf, size_t len);

/* udmabuf_sync_for_cpu()/_for_device() on the stored command */
int udmabuf_sync_for_cpu(struct udmabuf *ub);
int udmabuf_sync_for_device(struct udmabuf *ub);

/* ---- the character device ---- */
/* read/write at pos of a size-byte device: the bytes moved (0 at or
 * past size, for a write too) */
uint64_t udmabuf_rw_count(uint64_t size, uint64_t pos, uint64_t count);
/* an mmap of len bytes at page offset pgoff: 0, or -EINVAL */
int udmabuf_mmap_check(const struct udmabuf *ub, uint64_t pgoff, uint64_t len);

/* u-dma-buf-ioctl.h, magic 'U' */
#define UDMABUF_IOCTL_GET_DRV_INFO		0x80185501u
#define UDMABUF_IOCTL_GET_SIZE			0x80085502u
#define UDMABUF_IOCTL_GET_DMA_ADDR		0x80085503u
#define UDMABUF_IOCTL_GET_SYNC_OWNER		0x80045504u
#define UDMABUF_IOCTL_SET_SYNC_FOR_CPU		0x40085505u
#define UDMABUF_IOCTL_SET_SYNC_FOR_DEVICE	0x40085506u
#define UDMABUF_IOCTL_GET_DEV_INFO		0x80185507u
#define UDMABUF_IOCTL_GET_SYNC			0x80185508u
#define UDMABUF_IOCTL_SET_SYNC			0x40185509u
#define UDMABUF_IOCTL_EXPORT			0xc028550au

/*
 * udmabuf_device_file_ioctl(): in is the _IOW argument (in_len bytes),
 * out receives the _IOR one (*out_len set).  0, or -ENOTTY for a command
 * this build has not (EXPORT among them), -EINVAL from a sync, -EFAULT
 * for a short argument.
 */
int udmabuf_ioctl(struct udmabuf *ub, unsigned int cmd, const void *in,
		  size_t in_len, void *out, size_t *out_len);

#endif
