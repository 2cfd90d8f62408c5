// SPDX-License-Identifier: GPL-2.0
/*
 * u-dma-buf's character device: the read/write/llseek limits
 * (udmabuf_device_file_read/_write/_llseek), the mmap bound
 * (udmabuf_object_mmap) and the ioctls (udmabuf_device_file_ioctl) of an
 * IOCTL_VERSION 1 build.  The bytes themselves are the front end's.
 */
#include <string.h>

#include "kernel/drivers/u-dma-buf.h"

/* GET_DRV_INFO flags: IOCTL_VERSION, IN_KERNEL_FUNCTIONS, USE_OF_DMA_CONFIG,
 * USE_OF_RESERVED_MEM, USE_QUIRK_MMAP, USE_QUIRK_MMAP_PAGE */
#define DRV_INFO_FLAGS	((uint64_t)UDMABUF_IOCTL_VERSION | 1ULL << 8 | \
			 1ULL << 12 | 1ULL << 13 | 1ULL << 16 | 1ULL << 17)

uint64_t udmabuf_rw_count(uint64_t size, uint64_t pos, uint64_t count)
{
	if (pos >= size)
		return 0;	/* EOF, for a write too */
	return pos + count >= size ? size - pos : count;
}

int udmabuf_mmap_check(const struct udmabuf *ub, uint64_t pgoff, uint64_t len)
{
	uint64_t pages = (len + RM_PAGE_SIZE - 1) >> RM_PAGE_SHIFT;

	return pgoff + pages > (ub->alloc_size >> RM_PAGE_SHIFT) ? -EINVAL : 0;
}

/* consecutive ones from bit 0: what GET_DEV_INFO calls the mask size */
static unsigned int mask_bits(uint64_t mask)
{
	unsigned int n = 0;

	while (n < 64 && (mask >> n) & 1)
		n++;
	return n;
}

/*
 * *dev->dma_mask after of_dma_configure(): the mask ANDed with
 * DMA_BIT_MASK(ilog2(end of the bus's dma-ranges) + 1)
 */
static uint64_t dma_mask_size(const struct rm_device *dev)
{
	unsigned int n = mask_bits(dev->coherent_dma_mask), fls = 0;

	if (dev->bus_dma_limit) {
		while (fls < 64 && dev->bus_dma_limit >> fls)
			fls++;
		if (fls < n)
			n = fls;
	}
	return n;
}

static void put64(void *out, unsigned int i, uint64_t v)
{
	memcpy((char *)out + 8 * i, &v, 8);
}

static uint64_t get64(const void *in, unsigned int i)
{
	uint64_t v;

	memcpy(&v, (const char *)in + 8 * i, 8);
	return v;
}

/* U_DMA_BUF_IOCTL_SET_SYNC: no range check until the sync itself */
static int set_sync(struct udmabuf *ub, const void *in)
{
	uint64_t flags = get64(in, 0), size = get64(in, 1);
	unsigned int cmd = flags & 3, dir = (flags >> 2) & 3;
	unsigned int mode = (flags >> 8) & 0xff;

	if (dir != 3)
		ub->sync_direction = (int)dir;
	if (mode > 0)
		ub->sync_mode = (int)mode;
	ub->sync_offset = get64(in, 2);
	if (size > 0)
		ub->sync_size = size;
	if (cmd == 1) {
		ub->sync_for_cpu = 1;
		return udmabuf_sync_for_cpu(ub);
	}
	if (cmd == 3) {
		ub->sync_for_device = 1;
		return udmabuf_sync_for_device(ub);
	}
	return 0;
}

int udmabuf_ioctl(struct udmabuf *ub, unsigned int cmd, const void *in,
		  size_t in_len, void *out, size_t *out_len)
{
	uint64_t flags;
	uint32_t owner;

	*out_len = 0;
	switch (cmd) {
	case UDMABUF_IOCTL_GET_DRV_INFO:
		memset(out, 0, 24);
		put64(out, 0, DRV_INFO_FLAGS);
		memcpy((char *)out + 8, UDMABUF_DRIVER_VERSION,
		       sizeof(UDMABUF_DRIVER_VERSION));
		*out_len = 24;
		return 0;
	case UDMABUF_IOCTL_GET_SIZE:
		put64(out, 0, ub->size);
		*out_len = 8;
		return 0;
	case UDMABUF_IOCTL_GET_DMA_ADDR:
		put64(out, 0, ub->alloc.dma);
		*out_len = 8;
		return 0;
	case UDMABUF_IOCTL_GET_SYNC_OWNER:
		owner = (uint32_t)ub->sync_owner;
		memcpy(out, &owner, 4);
		*out_len = 4;
		return 0;
	case UDMABUF_IOCTL_SET_SYNC_FOR_CPU:
		if (in_len < 8)
			return -EFAULT;
		ub->sync_for_cpu = get64(in, 0);
		return udmabuf_sync_for_cpu(ub);
	case UDMABUF_IOCTL_SET_SYNC_FOR_DEVICE:
		if (in_len < 8)
			return -EFAULT;
		ub->sync_for_device = get64(in, 0);
		return udmabuf_sync_for_device(ub);
	case UDMABUF_IOCTL_GET_DEV_INFO:
		flags = dma_mask_size(ub->dev) |
			(uint64_t)ub->dma_coherent << 9 |
			(uint64_t)(ub->quirk_mmap_mode & 7) << 10;
		put64(out, 0, flags);
		put64(out, 1, ub->size);
		put64(out, 2, ub->alloc.dma);
		*out_len = 24;
		return 0;
	case UDMABUF_IOCTL_GET_SYNC:
		flags = (uint64_t)(ub->sync_direction & 3) << 2 |
			(uint64_t)(ub->sync_mode & 0xff) << 8 |
			(uint64_t)(ub->sync_owner & 1) << 16;
		put64(out, 0, flags);
		put64(out, 1, ub->sync_size);
		put64(out, 2, ub->sync_offset);
		*out_len = 24;
		return 0;
	case UDMABUF_IOCTL_SET_SYNC:
		if (in_len < 24)
			return -EFAULT;
		return set_sync(ub, in);
	default:
		/* EXPORT among them: a version 1 build has none */
		return -ENOTTY;
	}
}
