// SPDX-License-Identifier: GPL-2.0
/*
 * librmemfs.  The fast path: one request on the mount's socket
 * ("\0rmemfs:" + the mount point, fs/fs_socket.h) answered with the alloc
 * file's line and a file of the buffer's memory, mapped here.  Where the
 * server cannot serve it so (no passthrough, a device copy under
 * sync=strict, an older server) the files: write "SIZE [NAME]" to
 * DIR/alloc and read the result line, open DIR/buffers/NAME, mark it
 * user.rmemfs.autofree (so it goes with its last user), map it.  Either
 * way the placement is the alloc file's, so the shell and the library
 * agree.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
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

/* each live buffer's directory, for its syncs (the fd may be a memfd) */
struct dirent_of {
	int fd;
	char dir[PATH_MAX];
	struct dirent_of *next;
};
static struct dirent_of *dirs;
static pthread_mutex_t dirs_lock = PTHREAD_MUTEX_INITIALIZER;

static void remember(int fd, const char *dir)
{
	struct dirent_of *d = malloc(sizeof(*d));

	if (!d)
		return;		/* syncs of this buffer: -ENOTSUP */
	d->fd = fd;
	snprintf(d->dir, sizeof(d->dir), "%s", dir);
	pthread_mutex_lock(&dirs_lock);
	d->next = dirs;
	dirs = d;
	pthread_mutex_unlock(&dirs_lock);
}

static void forget(int fd, char *dir, size_t len)
{
	struct dirent_of **pp, *d;

	pthread_mutex_lock(&dirs_lock);
	for (pp = &dirs; (d = *pp); pp = &d->next)
		if (d->fd == fd) {
			if (dir)
				snprintf(dir, len, "%s", d->dir);
			else
				*pp = d->next;
			break;
		}
	pthread_mutex_unlock(&dirs_lock);
	if (d && !dir)
		free(d);
	else if (!d && dir)
		dir[0] = 0;
}

/*
 * The mount's root above dir (where .dev-links/u-dma-buf-mgr is) into
 * root, dir relative to it into rel ("." for the root itself).
 */
static int mount_root(const char *dir, char *root, char *rel, size_t rlen)
{
	/* the last answer, per thread: a test allocates from one dir */
	static __thread char last_dir[PATH_MAX], last_root[PATH_MAX],
		last_rel[PATH_MAX];
	char abs[PATH_MAX], probe[PATH_MAX + 32], *slash;

	if (dir[0] == '/' && last_dir[0] && !strcmp(dir, last_dir)) {
		snprintf(root, PATH_MAX, "%s", last_root);
		snprintf(rel, rlen, "%s", last_rel);
		return 0;
	}
	if (!realpath(dir, abs))
		return -errno;
	snprintf(root, PATH_MAX, "%s", abs);
	for (;;) {
		snprintf(probe, sizeof(probe), "%s/.dev-links/u-dma-buf-mgr", root);
		if (!access(probe, F_OK))
			break;
		slash = strrchr(root, '/');
		if (!slash || slash == root)
			return -ENOENT;
		*slash = 0;
	}
	snprintf(rel, rlen, "%s", abs[strlen(root)] ? abs + strlen(root) + 1 : ".");
	snprintf(last_dir, sizeof(last_dir), "%s", dir);
	snprintf(last_root, sizeof(last_root), "%s", root);
	snprintf(last_rel, sizeof(last_rel), "%s", rel);
	return 0;
}

/*
 * One connection per thread and mount, kept: a request is then one
 * sendmsg and one recvmsg.  A forked child makes its own (the inherited
 * one is its parent's conversation).
 */
static __thread int conn_fd = -1;
static __thread unsigned int conn_gen;
static __thread char conn_name[sizeof(((struct sockaddr_un *)0)->sun_path)];

/* bumped in each forked child: no getpid() per request */
static unsigned int fork_gen;
static pthread_once_t fork_once = PTHREAD_ONCE_INIT;

static void forked(void)
{
	__atomic_add_fetch(&fork_gen, 1, __ATOMIC_RELAXED);
}

static void watch_forks(void)
{
	pthread_atfork(NULL, NULL, forked);
}

static void drop_connection(void)
{
	if (conn_fd >= 0)
		close(conn_fd);
	conn_fd = -1;
}

static int connection(const struct sockaddr_un *a, socklen_t alen)
{
	pthread_once(&fork_once, watch_forks);
	if (conn_fd >= 0 && (conn_gen != __atomic_load_n(&fork_gen, __ATOMIC_RELAXED) ||
			     memcmp(conn_name, a->sun_path, sizeof(conn_name))))
		drop_connection();
	if (conn_fd >= 0)
		return conn_fd;
	conn_fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (conn_fd < 0)
		return -1;
	if (connect(conn_fd, (const struct sockaddr *)a, alen)) {
		drop_connection();
		return -1;
	}
	conn_gen = __atomic_load_n(&fork_gen, __ATOMIC_RELAXED);
	memcpy(conn_name, a->sun_path, sizeof(conn_name));
	return conn_fd;
}

/*
 * The fast path: 0 and the buffer's line and fd, -EAGAIN to use the
 * files instead, or the server's -errno.
 */
static int fast_request(const char *dir, size_t size, const char *name,
			struct rmem_buf *b)
{
	char root[PATH_MAX], rel[PATH_MAX], req[2 * PATH_MAX + 600], line[600];
	char ctl[CMSG_SPACE(sizeof(int))];
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	struct iovec iov = { .iov_base = line, .iov_len = sizeof(line) - 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *cm;
	int s, n, len, err, fd = -1;
	ssize_t got = 0;

	if (mount_root(dir, root, rel, sizeof(rel)))
		return -EAGAIN;
	n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "rmemfs:%s", root);
	if (n >= (int)sizeof(a.sun_path) - 1)
		return -EAGAIN;
	len = name ? snprintf(req, sizeof(req), "ALLOC %s %zu %s", rel, size, name) :
		     snprintf(req, sizeof(req), "ALLOC %s %zu", rel, size);
	if (len >= (int)sizeof(req) || strchr(rel, ' '))
		return -EAGAIN;
	s = connection(&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
				       (size_t)n));
	if (s < 0)
		return -EAGAIN;	/* no socket: an older server, say */
	if (send(s, req, (size_t)len, MSG_NOSIGNAL) != len ||
	    (got = recvmsg(s, &m, MSG_CMSG_CLOEXEC)) <= 0) {
		drop_connection();
		return -EAGAIN;
	}
	line[got] = 0;
	for (cm = CMSG_FIRSTHDR(&m); cm; cm = CMSG_NXTHDR(&m, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	if (!strncmp(line, "ERR ", 4)) {
		if (fd >= 0)
			close(fd);
		err = atoi(line + 4);
		return err > 0 ? -err : -EIO;
	}
	err = fd < 0 ? -EIO : parse_result(line, b);
	if (err) {
		if (fd >= 0)
			close(fd);
		return err;
	}
	b->fd = fd;
	return 0;
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
	err = fast_request(dir, size, name, &b);
	if (!err) {
		b.addr = mmap(NULL, b.size, PROT_READ | PROT_WRITE, MAP_SHARED,
			      b.fd, 0);
		if (b.addr == MAP_FAILED) {
			err = -errno;
			close(b.fd);	/* autofree: gone with this close */
			goto out;
		}
		remember(b.fd, dir);
		*buf = b;
		goto out;
	}
	if (err != -EAGAIN)
		goto out;
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
	remember(b.fd, dir);
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
	forget(buf->fd, NULL, 0);
	if (munmap(buf->addr, buf->size))
		err = -errno;
	if (close(buf->fd) && !err)
		err = -errno;
	buf->fd = -1;
	buf->addr = NULL;
	errno = saved;
	return err;
}

/* DIR/sync of the directory the buffer came from */
static int sync_cmd(struct rmem_buf *buf, const char *what, size_t off,
		    size_t len)
{
	char dir[PATH_MAX], path[PATH_MAX + 8], line[128];
	int fd, k, err = 0, saved = errno;

	if (!buf || buf->fd < 0 || !len || off > buf->size || len > buf->size - off)
		return -EINVAL;
	forget(buf->fd, dir, sizeof(dir));
	if (!dir[0])
		return -ENOTSUP;
	snprintf(path, sizeof(path), "%s/sync", dir);
	if (access(path, F_OK))
		return -ENOTSUP;	/* a region's own buffer: no device */
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
