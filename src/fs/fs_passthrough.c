// SPDX-License-Identifier: GPL-2.0
/*
 * FUSE passthrough on libfuse 3.14, which has no API for it: custom I/O
 * hooks on the session fd see the kernel's INIT request (does it offer
 * FUSE_PASSTHROUGH?) and patch two replies on their way out:
 *  - INIT: flags2 |= FUSE_PASSTHROUGH, max_stack_depth = 1;
 *  - OPEN of a buffer: open_flags |= FOPEN_PASSTHROUGH, backing_id.
 * Backing ids come from FUSE_DEV_IOC_BACKING_OPEN on the session fd.
 *
 * Lifetime.  A passthrough mmap holds the kernel's backing file, not the
 * FUSE file: RELEASE comes at close(2) while the mapping lives on.  Each
 * passthrough open creates one backing file on the buffer's memfd, and its
 * last reference going away is an inotify IN_CLOSE on the memfd.  A buffer
 * counts both, and its memory is not given back while a backing file is
 * still alive (fs_buffer.c asks fs_backing_busy()).
 * The protocol layouts are those of include/uapi/linux/fuse.h (7.40);
 * Debian 12's headers predate them, so they are spelled out here.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "fs/fs_passthrough.h"

#define PT_FUSE_INIT		26
#define PT_FUSE_INIT_EXT	(1u << 30)
#define PT_FUSE_PASSTHROUGH2	(1u << 5)	/* FUSE_PASSTHROUGH >> 32 */
#define PT_FOPEN_PASSTHROUGH	(1u << 7)

struct pt_in_header {
	uint32_t len, opcode;
	uint64_t unique, nodeid;
	uint32_t uid, gid, pid;
	uint16_t total_extlen, padding;
};

struct pt_init_in {
	uint32_t major, minor, max_readahead, flags, flags2;
};

struct pt_out_header {
	uint32_t len;
	int32_t error;
	uint64_t unique;
};

struct pt_init_out_head {		/* the fields up to max_stack_depth */
	uint32_t major, minor, max_readahead, flags;
	uint16_t max_background, congestion_threshold;
	uint32_t max_write, time_gran;
	uint16_t max_pages, map_alignment;
	uint32_t flags2;
	uint32_t max_stack_depth;
};

struct pt_open_out {
	uint64_t fh;
	uint32_t open_flags;
	int32_t backing_id;
};

struct pt_backing_map {
	int32_t fd;
	uint32_t flags;
	uint64_t padding;
};

#define PT_IOC_BACKING_OPEN	_IOW(229, 1, struct pt_backing_map)
#define PT_IOC_BACKING_CLOSE	_IOW(229, 2, uint32_t)

_Static_assert(sizeof(struct pt_in_header) == 40, "fuse_in_header");
_Static_assert(sizeof(struct pt_out_header) == 16, "fuse_out_header");
_Static_assert(sizeof(struct pt_init_out_head) == 40, "fuse_init_out head");
_Static_assert(sizeof(struct pt_open_out) == 16, "fuse_open_out");

static struct {
	int fd;			/* the session's /dev/fuse fd */
	uint64_t init_unique;	/* the INIT request, while unanswered */
	bool offered;		/* the kernel offered FUSE_PASSTHROUGH */
	bool enabled;		/* we accepted it in the INIT reply */
	bool refused;		/* BACKING_OPEN failed: page cache for good */
	int ifd;		/* inotify: backing files going away */
	int stopfd;		/* eventfd: tells the watcher to end */
	pthread_t watcher;
	bool watching;
	bool proven;		/* a backing file was registered once */
	struct fs_passthrough_hooks hooks;
	const char *state;	/* config's backing= */
	char why[96];
} pt = { .fd = -1, .ifd = -1, .stopfd = -1, .state = "page-cache" };

/* the OPEN reply this thread is about to send, if it is a passthrough one */
static __thread int tls_backing_id = -1;

static ssize_t pt_read(int fd, void *buf, size_t len, void *userdata)
{
	ssize_t n = read(fd, buf, len);
	const struct pt_in_header *in = buf;

	(void)userdata;
	if (n >= (ssize_t)(sizeof(*in) + sizeof(struct pt_init_in)) &&
	    in->opcode == PT_FUSE_INIT) {
		const struct pt_init_in *arg = (const void *)(in + 1);

		pt.init_unique = in->unique;
		pt.offered = (arg->flags & PT_FUSE_INIT_EXT) &&
			     (arg->flags2 & PT_FUSE_PASSTHROUGH2);
	}
	return n;
}

static ssize_t pt_writev(int fd, struct iovec *iov, int count, void *userdata)
{
	(void)userdata;
	struct pt_out_header *oh = iov[0].iov_base;
	struct pt_init_out_head init;
	struct pt_open_out open;
	struct iovec v[9];

	if (count < 2 || count > 8 || iov[0].iov_len < sizeof(*oh) || oh->error)
		return writev(fd, iov, count);
	memcpy(v, iov, (size_t)count * sizeof(v[0]));
	if (pt.init_unique && oh->unique == pt.init_unique &&
	    iov[1].iov_len >= sizeof(init)) {
		pt.init_unique = 0;
		if (!pt.offered) {
			pt.state = "page-cache (the kernel offers no passthrough)";
			return writev(fd, iov, count);
		}
		/* patch a copy: the caller's struct stays as it was */
		memcpy(&init, iov[1].iov_base, sizeof(init));
		init.flags |= PT_FUSE_INIT_EXT;
		init.flags2 |= PT_FUSE_PASSTHROUGH2;
		init.max_stack_depth = 1;
		v[1].iov_base = &init;
		v[1].iov_len = sizeof(init);
		if (iov[1].iov_len > sizeof(init)) {
			/* the rest of fuse_init_out, unchanged */
			if (count == 8)
				return writev(fd, iov, count);
			memmove(&v[3], &v[2], (size_t)(count - 2) * sizeof(v[0]));
			v[2].iov_base = (char *)iov[1].iov_base + sizeof(init);
			v[2].iov_len = iov[1].iov_len - sizeof(init);
			count++;
		}
		pt.enabled = true;
		pt.state = "passthrough";
		return writev(fd, v, count);
	}
	if (tls_backing_id >= 0 && iov[1].iov_len == sizeof(open)) {
		memcpy(&open, iov[1].iov_base, sizeof(open));
		open.open_flags |= PT_FOPEN_PASSTHROUGH;
		open.backing_id = tls_backing_id;
		tls_backing_id = -1;
		v[1].iov_base = &open;
		return writev(fd, v, count);
	}
	return writev(fd, iov, count);
}

int fs_passthrough_setup(struct fuse_session *se,
			 const struct fs_passthrough_hooks *hooks)
{
	static const struct fuse_custom_io io = {
		.read = pt_read,
		.writev = pt_writev,
	};

	pt.hooks = *hooks;
	pt.fd = fuse_session_fd(se);
	if (pt.fd < 0)
		return -EBADF;
	return fuse_session_custom_io(se, &io, pt.fd);
}

void fs_passthrough_disable(const char *why)
{
	snprintf(pt.why, sizeof(pt.why), "page-cache (%s)", why);
	pt.state = pt.why;
}

const char *fs_passthrough_state(void)
{
	return pt.state;
}

bool fs_passthrough_active(void)
{
	return pt.enabled && !pt.refused;
}

/*
 * The backing files' last references, as inotify reports them.  The
 * thread ends when stopfd is signalled (never cancelled: it may hold the
 * fs lock, or be inside a close()).
 */
static void *pt_watch(void *arg)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd fds[2] = {
		{ .fd = pt.ifd, .events = POLLIN },
		{ .fd = pt.stopfd, .events = POLLIN },
	};

	for (;;) {
		ssize_t n;
		char *p;

		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[1].revents)
			break;
		n = read(pt.ifd, buf, sizeof(buf));
		if (n <= 0) {
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			break;
		}
		for (p = buf; p < buf + n;) {
			const struct inotify_event *e = (const void *)p;

			if (e->mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE))
				pt.hooks.closed(pt.hooks.ctx, e->wd);
			p += sizeof(*e) + e->len;
		}
	}
	return NULL;
}

/* the memfd's closes watched (the watcher thread started on first use) */
static int pt_watch_memfd(struct fs_backing *bk)
{
	char path[64];

	if (bk->watch >= 0)
		return 0;
	if (!pt.watching) {
		pt.ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
		pt.stopfd = eventfd(0, EFD_CLOEXEC);
		if (pt.ifd < 0 || pt.stopfd < 0 ||
		    pthread_create(&pt.watcher, NULL, pt_watch, NULL)) {
			int err = errno ? -errno : -ENOMEM;

			if (pt.ifd >= 0)
				close(pt.ifd);
			if (pt.stopfd >= 0)
				close(pt.stopfd);
			pt.ifd = pt.stopfd = -1;
			return err;
		}
		pt.watching = true;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", bk->memfd);
	bk->watch = inotify_add_watch(pt.ifd, path, IN_CLOSE_WRITE | IN_CLOSE_NOWRITE);
	return bk->watch < 0 ? -errno : 0;
}

/* first passthrough open of a memfd: register it and watch it */
static int pt_register(struct fs_backing *bk)
{
	struct pt_backing_map map = { .fd = bk->memfd };
	int id, err = pt_watch_memfd(bk);

	if (err)
		return err;
	id = ioctl(pt.fd, PT_IOC_BACKING_OPEN, &map);
	if (id <= 0) {
		err = id < 0 ? -errno : -EINVAL;
		inotify_rm_watch(pt.ifd, bk->watch);
		bk->watch = -1;
		return err;
	}
	bk->backing_id = id;
	pt.proven = true;
	return 0;
}

/* EPERM without CAP_SYS_ADMIN: page cache from now on */
static void refuse(int err)
{
	pt.refused = true;
	snprintf(pt.why, sizeof(pt.why), "page-cache (passthrough refused: %s)",
		 strerror(-err));
	pt.state = pt.why;
}

bool fs_passthrough_open(struct fs_backing *bk)
{
	int err = 0;

	tls_backing_id = -1;
	if (!pt.enabled || pt.refused)
		return false;
	if (bk->backing_id <= 0)
		err = pt_register(bk);
	if (err) {
		refuse(err);
		return false;
	}
	bk->opens++;
	tls_backing_id = bk->backing_id;
	return true;
}

bool fs_passthrough_hand_out(struct fs_backing *bk)
{
	/*
	 * The client maps the memfd itself: only the watch is needed, once
	 * a registration has shown the kernel takes backing files (without
	 * CAP_SYS_ADMIN it refuses them, and opens use the page cache).
	 */
	if (!fs_passthrough_active())
		return false;
	if (!pt.proven && bk->backing_id <= 0) {
		int err = pt_register(bk);

		if (err) {
			refuse(err);
			return false;
		}
	}
	if (pt_watch_memfd(bk))
		return false;
	bk->opens++;
	return true;
}

void fs_passthrough_open_done(void)
{
	tls_backing_id = -1;
}

void fs_passthrough_forget(struct fs_backing *bk)
{
	uint32_t id;

	/*
	 * No inotify_rm_watch(): the memfd is closed right after, and its
	 * inode's end removes the watch (IN_IGNORED, which the watcher does
	 * not count).  rm_watch waits for an SRCU grace period, under the
	 * buffers' lock: the next allocation would wait with it.
	 */
	bk->watch = -1;
	if (bk->backing_id <= 0)
		return;
	id = (uint32_t)bk->backing_id;
	ioctl(pt.fd, PT_IOC_BACKING_CLOSE, &id);
	bk->backing_id = 0;
}

void fs_passthrough_stop(void)
{
	uint64_t one = 1;

	if (!pt.watching)
		return;
	if (write(pt.stopfd, &one, sizeof(one)) != sizeof(one))
		return;		/* cannot happen with an eventfd; never hang */
	pthread_join(pt.watcher, NULL);
	close(pt.ifd);
	close(pt.stopfd);
	pt.ifd = pt.stopfd = -1;
	pt.watching = false;
}
