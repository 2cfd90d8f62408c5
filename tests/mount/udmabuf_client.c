// SPDX-License-Identifier: GPL-2.0
/*
 * udmabuf_client NAME PHYS SIZE COHERENT - a u-dma-buf program written the
 * way the driver's README and tests use it: /sys/class/u-dma-buf/NAME,
 * /dev/NAME (plain and O_SYNC opens, mmap, read/write, lseek, every
 * ioctl, the sync sequence) and /dev/u-dma-buf-mgr.  Run under
 * rmemfs-exec; prints TAP lines, exits 1 on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

/* u-dma-buf-ioctl.h's ABI, magic 'U' */
struct drv_info { uint64_t flags; char version[16]; };
struct dev_info { uint64_t flags, size, addr; };
struct sync_args { uint64_t flags, size, offset; };
struct export_args { uint64_t flags, size, offset, addr; int fd; };
#define GET_DRV_INFO	_IOR('U', 1, struct drv_info)
#define GET_SIZE	_IOR('U', 2, uint64_t)
#define GET_DMA_ADDR	_IOR('U', 3, uint64_t)
#define GET_SYNC_OWNER	_IOR('U', 4, uint32_t)
#define SET_SYNC_FOR_CPU _IOW('U', 5, uint64_t)
#define SET_SYNC_FOR_DEVICE _IOW('U', 6, uint64_t)
#define GET_DEV_INFO	_IOR('U', 7, struct dev_info)
#define GET_SYNC	_IOR('U', 8, struct sync_args)
#define SET_SYNC	_IOW('U', 9, struct sync_args)
#define EXPORT		_IOWR('U', 10, struct export_args)

static int n, failed;
static char cls[512], devpath[512];

static void check(int cond, const char *what, ...)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
	failed |= !cond;
}

static int attr_read(const char *attr, char *buf, size_t len)
{
	char p[640];
	int fd, r;

	snprintf(p, sizeof(p), "%s/%s", cls, attr);
	fd = open(p, O_RDONLY);
	if (fd < 0)
		return -errno;
	r = (int)read(fd, buf, len - 1);
	close(fd);
	if (r < 0)
		return -errno;
	buf[r] = 0;
	return r;
}

/* one write, as `echo VALUE > attr`: 0 or -errno */
static int attr_write(const char *attr, const char *val)
{
	char p[640];
	int fd, r;

	snprintf(p, sizeof(p), "%s/%s", cls, attr);
	fd = open(p, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	r = (int)write(fd, val, strlen(val));
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int attr_is(const char *attr, const char *want)
{
	char buf[128];

	return attr_read(attr, buf, sizeof(buf)) > 0 && !strcmp(buf, want);
}

static int mgr(const char *cmd)
{
	int fd = open("/dev/u-dma-buf-mgr", O_WRONLY), r;

	if (fd < 0)
		return -errno;
	r = (int)write(fd, cmd, strlen(cmd));
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

int main(int argc, char **argv)
{
	uint64_t phys, size, v64;
	unsigned long long got;
	struct drv_info drv;
	struct dev_info di;
	struct sync_args sa;
	struct export_args ea;
	char buf[256], want[64];
	unsigned char *map, *rd;
	uint32_t owner;
	int coherent, fd, fds, i, ok;
	off_t end;

	if (argc != 5) {
		fprintf(stderr, "usage: udmabuf_client NAME PHYS SIZE COHERENT\n");
		return 2;
	}
	phys = strtoull(argv[2], NULL, 0);
	size = strtoull(argv[3], NULL, 0);
	coherent = atoi(argv[4]);
	snprintf(cls, sizeof(cls), "/sys/class/u-dma-buf/%s", argv[1]);
	snprintf(devpath, sizeof(devpath), "/dev/%s", argv[1]);

	/* sysfs, read as the README's programs read it */
	check(attr_read("phys_addr", buf, sizeof(buf)) > 0 &&
	      sscanf(buf, "%llx", &got) == 1 && got == phys, "phys_addr");
	check(attr_read("size", buf, sizeof(buf)) > 0 &&
	      sscanf(buf, "%llu", &got) == 1 && got == size, "size");
	check(attr_is("driver_version", "5.2.0\n"), "driver_version 5.2.0");
	check(attr_is("ioctl_version", "1\n"), "ioctl_version 1: no EXPORT");
	snprintf(want, sizeof(want), "%d\n", coherent);
	check(attr_is("dma_coherent", want), "dma_coherent");
	check(attr_is("quirk_mmap_mode", "2\n"), "quirk_mmap_mode 2 (arm64)");
	check(attr_write("size", "1") == -EACCES, "size is read-only");

	/* the device file */
	fd = open(devpath, O_RDWR);
	check(fd >= 0, "open /dev/NAME");
	end = lseek(fd, 0, SEEK_END);
	check(end == (off_t)size, "lseek(SEEK_END) is the size");
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(map != MAP_FAILED, "mmap MAP_SHARED");
	if (map == MAP_FAILED)
		return 1;
	for (ok = 1, i = 0; i < (int)size; i++)
		ok &= map[i] == 0;
	check(ok, "the buffer starts zeroed");
	for (i = 0; i < (int)size; i++)
		map[i] = (unsigned char)(i * 7 + 1);
	rd = malloc(size);
	check(pread(fd, rd, size, 0) == (ssize_t)size && !memcmp(rd, map, size),
	      "read() sees what the mapping wrote");
	check(pwrite(fd, "abcd", 4, (off_t)size - 2) == 2 &&
	      map[size - 2] == 'a' && map[size - 1] == 'b',
	      "a write across the end is short");
	/*
	 * The driver returns 0.  Over FUSE (doc/u-dma-buf.md): passthrough
	 * writes the sealed memfd, EPERM; the page-cache path turns a 0-byte
	 * WRITE reply into EIO.  WRITE_END_ERRNO says which path this is.
	 */
	i = (int)pwrite(fd, "abcd", 4, (off_t)size);
	if (getenv("WRITE_END_ERRNO"))
		check(i < 0 && errno == atoi(getenv("WRITE_END_ERRNO")),
		      "a write at the end fails with the path's errno");
	else
		check(i == 0, "a write at the end is 0");
	check(pread(fd, rd, 16, (off_t)size) == 0, "a read at the end is EOF");
	fds = open(devpath, O_RDWR | O_SYNC);
	check(fds >= 0 && pread(fds, rd, 4, 0) == 4 && rd[0] == 1,
	      "open with O_SYNC, read");

	/* ioctls */
	memset(&drv, 0xff, sizeof(drv));
	check(!ioctl(fd, GET_DRV_INFO, &drv) && drv.flags == 0x33101 &&
	      !strcmp(drv.version, "5.2.0"), "GET_DRV_INFO: 0x33101, 5.2.0");
	check(!ioctl(fd, GET_SIZE, &v64) && v64 == size, "GET_SIZE");
	check(!ioctl(fd, GET_DMA_ADDR, &v64) && v64 == phys, "GET_DMA_ADDR");
	check(!ioctl(fd, GET_DEV_INFO, &di) &&
	      di.flags == (32 | (uint64_t)coherent << 9 | 2 << 10) &&
	      di.size == size && di.addr == phys, "GET_DEV_INFO");
	check(!ioctl(fd, GET_SYNC_OWNER, &owner) && owner == 0,
	      "GET_SYNC_OWNER: the CPU");
	v64 = 1;
	check(!ioctl(fd, SET_SYNC_FOR_DEVICE, &v64) &&
	      !ioctl(fd, GET_SYNC_OWNER, &owner) && owner == 1 &&
	      attr_is("sync_owner", "1\n"), "SET_SYNC_FOR_DEVICE: the device "
	      "owns it (ioctl and sysfs agree)");
	/* packed: offset 0, 16 bytes, direction 2 */
	v64 = 16 | 2 << 2 | 1;
	check(!ioctl(fd, SET_SYNC_FOR_CPU, &v64) &&
	      !ioctl(fd, GET_SYNC_OWNER, &owner) && owner == 0,
	      "SET_SYNC_FOR_CPU packed");
	v64 = (size << 32) | 16 | 1;
	check(ioctl(fd, SET_SYNC_FOR_CPU, &v64) < 0 && errno == EINVAL &&
	      !ioctl(fd, GET_SYNC_OWNER, &owner) && owner == 0,
	      "SET_SYNC_FOR_CPU past the end: EINVAL, owner unchanged");
	check(attr_write("sync_for_cpu", "0") == 0, "sync_for_cpu 0 clears");
	v64 = (size << 32) | 16 | 1;
	check(ioctl(fd, SET_SYNC_FOR_DEVICE, &v64) < 0 && errno == EINVAL &&
	      !ioctl(fd, GET_SYNC_OWNER, &owner) && owner == 0 &&
	      attr_is("sync_for_device", "0\n") == 0,
	      "SET_SYNC_FOR_DEVICE past the end: EINVAL, owner unchanged, the "
	      "command stays (as the driver keeps it)");
	check(attr_write("sync_for_device", "0") == 0, "sync_for_device 0 clears");
	/* SET_SYNC stores before it checks (the driver's order) */
	memset(&sa, 0, sizeof(sa));
	sa.flags = 3 << 2 | 3;		/* direction kept, sync for device */
	sa.size = 4096;
	sa.offset = size;
	check(ioctl(fd, SET_SYNC, &sa) < 0 && errno == EINVAL &&
	      !ioctl(fd, GET_SYNC_OWNER, &owner) && owner == 0,
	      "SET_SYNC past the end: EINVAL, owner unchanged");
	snprintf(want, sizeof(want), "0x%llx\n", (unsigned long long)size);
	check(attr_is("sync_offset", want) && attr_is("sync_size", "4096\n"),
	      "... its offset and size already stored, as the driver does");
	check(!attr_write("sync_for_device", "0") && !attr_write("sync_offset", "0"),
	      "back to offset 0");
	memset(&sa, 0, sizeof(sa));
	sa.flags = 1 << 2 | 1;		/* to device, sync for CPU */
	sa.size = 4096 < size ? 4096 : size;
	sa.offset = 0;
	check(!ioctl(fd, SET_SYNC, &sa) && attr_is("sync_direction", "1\n"),
	      "SET_SYNC sets direction and syncs");
	check(!ioctl(fd, GET_SYNC, &sa) && sa.size == (4096 < size ? 4096 : size) &&
	      sa.offset == 0 && ((sa.flags >> 2) & 3) == 1 &&
	      ((sa.flags >> 8) & 0xff) == 1, "GET_SYNC");
	memset(&ea, 0, sizeof(ea));
	check(ioctl(fd, EXPORT, &ea) < 0 && errno == ENOTTY,
	      "EXPORT: ENOTTY, as ioctl_version 1 says");
	check(ioctl(fd, _IOR('U', 42, uint64_t), &v64) < 0 && errno == ENOTTY,
	      "an unknown command: ENOTTY");

	/* the sysfs sync sequence, and bad input that changes nothing */
	check(!attr_write("sync_offset", "0\n") && !attr_write("sync_size", "4096\n")
	      && !attr_write("sync_direction", "2\n") &&
	      attr_is("sync_offset", "0x0\n"), "sync_offset/size/direction");
	check(!attr_write("sync_for_device", "1\n") && attr_is("sync_owner", "1\n")
	      && attr_is("sync_for_device", "0\n"), "sync_for_device 1");
	check(!attr_write("sync_for_cpu", "1\n") && attr_is("sync_owner", "0\n"),
	      "sync_for_cpu 1");
	check(attr_write("sync_direction", "3\n") == -EINVAL &&
	      attr_is("sync_direction", "2\n"), "sync_direction 3: EINVAL, kept");
	check(attr_write("sync_mode", "8") == -EINVAL && attr_is("sync_mode", "1\n"),
	      "sync_mode 8: EINVAL, kept");
	check(attr_write("sync_mode", "08") == -EINVAL, "sync_mode 08: octal, EINVAL");
	check(attr_write("sync_mode", "abc") == -EINVAL, "sync_mode abc: EINVAL");
	check(attr_write("sync_mode", " 1") == -EINVAL, "a leading space: EINVAL");
	check(attr_write("sync_offset", "0x1ffffffffffffffff") == -ERANGE &&
	      attr_is("sync_offset", "0x0\n"), "overflow: ERANGE, kept");
	check(!attr_write("sync_mode", "0x7") && attr_is("sync_mode", "7\n") &&
	      !attr_write("sync_mode", "1") && attr_is("sync_mode", "1\n"),
	      "sync_mode 0x7, then 1: no leftovers");
	check(!attr_write("sync_size", "0x100000000") &&
	      attr_write("sync_for_cpu", "1") == -EINVAL &&
	      attr_is("sync_for_cpu", "1\n") && attr_is("sync_owner", "0\n"),
	      "sync_for_cpu past the end: EINVAL, the command stays, owner kept");
	check(!attr_write("sync_size", "4096") && !attr_write("sync_for_cpu", "0"),
	      "back to a valid state");
	check(attr_write("debug_vma", "4") == -EINVAL && !attr_write("debug_vma", "3")
	      && attr_is("debug_vma", "3\n"), "debug_vma 0..3");

	/* the manager */
	check(!mgr("create client-tmp 0x3000\n"), "mgr: create");
	snprintf(cls, sizeof(cls), "/sys/class/u-dma-buf/client-tmp");
	check(attr_is("size", "12288\n") && attr_is("sync_size", "12288\n"),
	      "mgr: the new device's size and sync_size");
	check(mgr("create client-tmp 4096\n") == -EINVAL,
	      "mgr: a name it made already: EINVAL");
	check(mgr(argv[1][0] ? "delete nosuchdev\n" : "") == -EINVAL,
	      "mgr: delete of an unknown name: EINVAL");
	snprintf(buf, sizeof(buf), "delete %s\n", argv[1]);
	check(mgr(buf) == -EINVAL, "mgr: a device-tree device cannot be deleted");
	check(mgr("create x size=0\n") == -EINVAL, "mgr: size 0: EINVAL");
	check(mgr("frobnicate x\n") == -EINVAL, "mgr: unknown command: EINVAL");
	check(!mgr("delete client-tmp\n") && access(cls, F_OK) < 0,
	      "mgr: delete");

	munmap(map, size);
	close(fds);
	close(fd);
	free(rd);
	printf("1..%d\n", n);
	return failed;
}
