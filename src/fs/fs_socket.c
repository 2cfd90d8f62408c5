// SPDX-License-Identifier: GPL-2.0
/*
 * The fast path's server: an accept thread, and a thread per connection
 * answering its requests until the client closes it (librmemfs keeps one
 * connection per thread of a process).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "fs/fs_alloc.h"
#include "fs/fs_passthrough.h"
#include "fs/fs_socket.h"
#include "fs/fs_state.h"

/* DIR (relative) to its alloc node, walking the static tree */
static struct fs_node *alloc_node(struct fs *fs, const char *dir)
{
	struct fs_node *n = fs_node_get(&fs->tree, FS_ROOT_INO);
	char part[RM_NAME_MAX];

	while (n && *dir) {
		size_t l = strcspn(dir, "/");

		if (l >= sizeof(part))
			return NULL;
		memcpy(part, dir, l);	/* "" (a "//") finds nothing */
		part[l] = 0;
		n = fs_node_child(&fs->tree, n, part);
		dir += l + (dir[l] == '/');
	}
	n = n ? fs_node_child(&fs->tree, n, "alloc") : NULL;
	return n && n->kind == FS_ALLOC ? n : NULL;
}

/* write permission on the alloc file, as default_permissions checks it */
static bool may_write(struct fs *fs, const struct fs_node *n, uid_t uid,
		      gid_t gid)
{
	if (uid == 0)
		return true;
	if (uid == fs->uid)
		return n->mode & 0200;
	if (gid == fs->gid)
		return n->mode & 0020;
	return n->mode & 0002;
}

static void reply(int c, const char *line, int fd)
{
	struct iovec iov = { .iov_base = (void *)line, .iov_len = strlen(line) };
	char ctl[CMSG_SPACE(sizeof(int))];
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (fd >= 0) {
		struct cmsghdr *cm;

		memset(ctl, 0, sizeof(ctl));
		m.msg_control = ctl;
		m.msg_controllen = sizeof(ctl);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	(void)!sendmsg(c, &m, MSG_NOSIGNAL);
}

/*
 * One allocation: the alloc file's own request, then the buffer made
 * autofree and a new file of its memfd handed out (counted like a
 * passthrough backing file, so the watcher sees it go).
 */
static int serve(struct fs *fs, const char *req, uid_t uid, gid_t gid,
		 char **line, int *fdp)
{
	char dir[1024], rest[600], name[RM_NAME_MAX], num[16];
	struct fs_node *n;
	struct fs_buffer *b;
	int err, fd = -1;

	if (sscanf(req, "ALLOC %1023s %599[^\n]", dir, rest) != 2)
		return -EINVAL;
	n = alloc_node(fs, !strcmp(dir, ".") ? "" : dir);
	if (!n)
		return -ENOENT;
	if (!may_write(fs, n, uid, gid))
		return -EACCES;
	/* a mapping of the memfd is the CPU's copy only with passthrough,
	 * and a device copy (sync=strict) needs the page cache */
	if (!fs_passthrough_active() ||
	    (fs->bufs.strict && n->bufdir->device &&
	     !n->bufdir->device->dma_coherent))
		return -EAGAIN;
	err = fs_alloc_request(fs, n, rest, strlen(rest), uid, gid, line);
	if (err)
		return err;
	if (!*line || sscanf(*line, "%255s", name) != 1)
		return -ENOMEM;	/* made, but no line: it goes below */
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_find(n->bufdir, name);
	if (b && fs_passthrough_hand_out(&b->backing)) {
		fs_buffer_watched(&fs->bufs, b);
		snprintf(num, sizeof(num), "%d", b->backing.memfd);
		/* a file of its own: its last close is the client's */
		fd = openat(fs->sock.procfd, num, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			fs_backing_unmade(&b->backing);
		else	/* held by that file: it stays */
			fs_buffer_set_autofree(&fs->bufs, b);
	}
	if (b && fd < 0)
		fs_buffer_unlink(&fs->bufs, b);
	pthread_mutex_unlock(&fs->bufs.lock);
	if (fd < 0)
		return -EAGAIN;
	*fdp = fd;
	return 0;
}

struct conn {
	struct fs *fs;
	int c;
};

/* one client's requests, in order, until it hangs up */
static void *conn_main(void *arg)
{
	struct conn *cn = arg;
	struct fs *fs = cn->fs;
	struct ucred cr;
	socklen_t crl = sizeof(cr);

	if (getsockopt(cn->c, SOL_SOCKET, SO_PEERCRED, &cr, &crl))
		goto out;
	for (;;) {
		char req[2048], *line = NULL, err[32];
		ssize_t len = recv(cn->c, req, sizeof(req) - 1, 0);
		int fd = -1, ret;

		if (len <= 0)
			break;
		req[len] = 0;
		fs_passthrough_drain();	/* the closes before this request */
		ret = serve(fs, req, cr.uid, cr.gid, &line, &fd);
		if (ret) {
			snprintf(err, sizeof(err), "ERR %d", -ret);
			reply(cn->c, err, -1);
		} else {
			reply(cn->c, line, fd);
			close(fd);	/* the message holds it, then the client */
		}
		free(line);
	}
out:
	close(cn->c);
	free(cn);
	return NULL;
}

static void *sock_main(void *arg)
{
	struct fs *fs = arg;
	struct pollfd p[2] = {
		{ .fd = fs->sock.fd, .events = POLLIN },
		{ .fd = fs->sock.stopfd, .events = POLLIN },
	};
	pthread_attr_t attr;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (;;) {
		struct conn *cn;
		pthread_t t;
		int c;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents)
			break;
		c = accept4(fs->sock.fd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		cn = malloc(sizeof(*cn));
		if (!cn) {
			close(c);
			continue;
		}
		cn->fs = fs;
		cn->c = c;
		if (pthread_create(&t, &attr, conn_main, cn)) {
			close(c);
			free(cn);
		}
	}
	pthread_attr_destroy(&attr);
	return NULL;
}

int fs_socket_start(struct fs *fs)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t alen;
	int n;

	n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "rmemfs:%s",
		     fs->mountpoint);
	if (n >= (int)sizeof(a.sun_path) - 1)
		return -ENAMETOOLONG;
	alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
	fs->sock.fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	fs->sock.stopfd = eventfd(0, EFD_CLOEXEC);
	/* a walk of one name per hand-out, not four */
	fs->sock.procfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fs->sock.fd < 0 || fs->sock.stopfd < 0 || fs->sock.procfd < 0 ||
	    bind(fs->sock.fd, (struct sockaddr *)&a, alen) ||
	    listen(fs->sock.fd, 64) ||
	    pthread_create(&fs->sock.thread, NULL, sock_main, fs)) {
		int err = -errno;

		if (fs->sock.fd >= 0)
			close(fs->sock.fd);
		if (fs->sock.stopfd >= 0)
			close(fs->sock.stopfd);
		if (fs->sock.procfd >= 0)
			close(fs->sock.procfd);
		fs->sock.fd = fs->sock.stopfd = fs->sock.procfd = -1;
		return err;
	}
	fs->sock.running = true;
	return 0;
}

void fs_socket_stop(struct fs *fs)
{
	uint64_t one = 1;

	if (!fs->sock.running)
		return;
	(void)!write(fs->sock.stopfd, &one, sizeof(one));
	pthread_join(fs->sock.thread, NULL);
	close(fs->sock.fd);
	close(fs->sock.stopfd);
	close(fs->sock.procfd);
	fs->sock.running = false;
}
