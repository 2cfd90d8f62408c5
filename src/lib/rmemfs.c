// SPDX-License-Identifier: GPL-2.0
/*
 * librmemfs over the filesystem's own files: write "SIZE [NAME]" to
 * DIR/alloc and read the result line, open DIR/buffers/NAME, mark it
 * user.rmemfs.autofree (so it goes with its last user), map it.  The
 * placement is the alloc file's, so the shell and the library agree.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "lib/rmemfs.h"

/* the result line: "NAME PHYS DMA SIZE POOL" */
static int parse_result(const char *line, struct rmem_buf *b)
{
	unsigned long long phys, dma, size;

	if (sscanf(line, "%255s %llx %llx %llu %255s", b->name, &phys, &dma,
		   &size, b->pool) != 5)
		return -EIO;
	b->phys = phys;
	b->dma = dma;
	b->size = (size_t)size;
	return 0;
}

static int request(const char *dir, size_t size, const char *name,
		   struct rmem_buf *b)
{
	char path[PATH_MAX], line[600];
	ssize_t n;
	int fd, len, err = 0;

	if (snprintf(path, sizeof(path), "%s/alloc", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = name ? snprintf(line, sizeof(line), "%zu %s\n", size, name) :
		     snprintf(line, sizeof(line), "%zu\n", size);
	if (len >= (int)sizeof(line))
		err = -ENAMETOOLONG;
	else if (write(fd, line, (size_t)len) != len)
		err = -errno;
	if (!err) {
		n = read(fd, line, sizeof(line) - 1);
		if (n <= 0)
			err = n < 0 ? -errno : -EIO;
		else {
			line[n] = 0;
			err = parse_result(line, b);
		}
	}
	close(fd);
	return err;
}

int rmem_alloc(const char *dir, size_t size, const char *name,
	       struct rmem_buf *buf)
{
	struct rmem_buf b;
	char path[PATH_MAX];
	int err, saved = errno;

	if (!dir || !buf || !size)
		return -EINVAL;
	memset(&b, 0, sizeof(b));
	b.fd = -1;
	err = request(dir, size, name, &b);
	if (err)
		goto out;
	if (snprintf(path, sizeof(path), "%s/buffers/%s", dir, b.name) >=
	    (int)sizeof(path)) {
		err = -ENAMETOOLONG;
		goto out;
	}
	b.fd = open(path, O_RDWR | O_CLOEXEC);
	if (b.fd < 0 || fsetxattr(b.fd, "user.rmemfs.autofree", "1", 1, 0) < 0) {
		err = -errno;
		if (b.fd >= 0)
			close(b.fd);
		unlink(path);	/* nobody else knows it yet */
		goto out;
	}
	b.addr = mmap(NULL, b.size, PROT_READ | PROT_WRITE, MAP_SHARED, b.fd, 0);
	if (b.addr == MAP_FAILED) {
		err = -errno;
		close(b.fd);	/* autofree: gone with this close */
		goto out;
	}
	*buf = b;
out:
	errno = saved;
	return err;
}

int rmem_free(struct rmem_buf *buf)
{
	int err = 0, saved = errno;

	if (!buf || buf->fd < 0 || !buf->addr)
		return -EINVAL;
	if (munmap(buf->addr, buf->size))
		err = -errno;
	if (close(buf->fd) && !err)
		err = -errno;
	buf->fd = -1;
	buf->addr = NULL;
	errno = saved;
	return err;
}

/* DEVICE_DIR/sync from the buffer's path: .../devices/NAME/buffers/BUF */
static int sync_cmd(struct rmem_buf *buf, const char *what, size_t off,
		    size_t len)
{
	char link[64], path[PATH_MAX], line[128];
	char *slash;
	ssize_t n;
	int fd, k, err = 0, saved = errno;

	if (!buf || buf->fd < 0 || !len || off > buf->size || len > buf->size - off)
		return -EINVAL;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", buf->fd);
	n = readlink(link, path, sizeof(path) - 16);
	if (n < 0)
		return -errno;
	path[n] = 0;
	for (k = 0; k < 2; k++) {	/* drop "/buffers/BUF" */
		slash = strrchr(path, '/');
		if (!slash)
			return -ENOTSUP;
		*slash = 0;
	}
	slash = strrchr(path, '/');
	if (!slash || !strstr(path, "/devices/"))
		return -ENOTSUP;	/* a region's own buffer: no device */
	strcat(path, "/sync");
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	k = snprintf(line, sizeof(line), "%s 0x%" PRIx64 " %zu", what,
		     buf->dma + off, len);
	if (write(fd, line, (size_t)k) != k)
		err = -errno;
	close(fd);
	errno = saved;
	return err;
}

int rmem_sync_for_cpu(struct rmem_buf *buf, size_t off, size_t len)
{
	return sync_cmd(buf, "for_cpu", off, len);
}

int rmem_sync_for_device(struct rmem_buf *buf, size_t off, size_t len)
{
	return sync_cmd(buf, "for_device", off, len);
}
