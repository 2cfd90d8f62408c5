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
 *
 * When.  Every request (FUSE or the socket's) first applies the closes
 * queued before it (fs_passthrough_drain), so what anyone sees or
 * allocates already counts every close that happened before it asked:
 * a close is queued before close(2), munmap(2) or exit returns.  The
 * watcher thread only catches up with closes nobody asked about, in
 * batches, so a client freeing buffers in a loop does not wake it each
 * time (a wake-up costs as much as the rest of the free).
 * The protocol layouts are those of include/uapi/linux/fuse.h (7.40);
 * Debian 12's headers predate them, so they are spelled out here.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
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
	int kickfd;		/* eventfd: a drain left it work to do */
	pthread_t watcher;
	bool watching;
	bool proven;		/* a backing file was registered once */
	struct fs_passthrough_hooks hooks;
	const char *state;	/* config's backing= */
	char why[96];
} pt = { .fd = -1, .ifd = -1, .stopfd = -1, .kickfd = -1,
	 .state = "page-cache" };

/* one drain at a time: a close is applied before anyone can look again */
static pthread_mutex_t drain_lock = PTHREAD_MUTEX_INITIALIZER;

/* how long the watcher leaves closes to the requests once it has woken */
#define PT_BATCH_MS	2

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
	if (n > 0)
		fs_passthrough_drain();
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
	/* a probe's lease broken while held (a ptrace-capable open of the
	 * server's memfd) signals SIGIO, whose default is to terminate */
	signal(SIGIO, SIG_IGN);
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

void fs_passthrough_drain(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool kick = false;

	if (!__atomic_load_n(&pt.watching, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&drain_lock);
	for (;;) {
		ssize_t n = read(pt.ifd, buf, sizeof(buf));
		char *p;

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;		/* EAGAIN: all applied */
		}
		for (p = buf; p < buf + n;) {
			const struct inotify_event *e = (const void *)p;

			if (e->mask & IN_Q_OVERFLOW)
				kick |= pt.hooks.closed(pt.hooks.ctx, -1);
			else if (e->mask & (IN_CLOSE_WRITE | IN_CLOSE_NOWRITE))
				kick |= pt.hooks.closed(pt.hooks.ctx, e->wd);
			p += sizeof(*e) + e->len;
		}
		/* room for one more left: the queue was empty (a read
		 * returns every whole event that fits) */
		if (sizeof(buf) - (size_t)n >= sizeof(struct inotify_event) + NAME_MAX + 1)
			break;
	}
	pthread_mutex_unlock(&drain_lock);
	if (kick) {
		uint64_t one = 1;

		/* the kernel's dentries are the watcher's to drop: a request
		 * thread telling the kernel may wait on a lock its own
		 * request's caller holds */
		(void)!write(pt.kickfd, &one, sizeof(one));
	}
}

/*
 * The closes nobody asked about, and the dentries of buffers they freed.
 * The thread ends when stopfd is signalled (never cancelled: it may hold
 * the fs lock, or be inside a close()).
 */
static void *pt_watch(void *arg)
{
	struct pollfd fds[3] = {
		{ .fd = pt.stopfd, .events = POLLIN },
		{ .fd = pt.ifd, .events = POLLIN },
		{ .fd = pt.kickfd, .events = POLLIN },
	};

	(void)arg;
	for (;;) {
		uint64_t v;

		if (poll(fds, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[0].revents)
			break;
		if (fds[2].revents)
			(void)!read(pt.kickfd, &v, sizeof(v));
		fs_passthrough_drain();
		pt.hooks.settle(pt.hooks.ctx);
		/* a busy client's next closes: its own requests apply them */
		if (poll(fds, 1, PT_BATCH_MS) > 0)
			break;
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
		pt.kickfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (pt.ifd < 0 || pt.stopfd < 0 || pt.kickfd < 0 ||
		    pthread_create(&pt.watcher, NULL, pt_watch, NULL)) {
			int err = errno ? -errno : -ENOMEM;

			if (pt.ifd >= 0)
				close(pt.ifd);
			if (pt.stopfd >= 0)
				close(pt.stopfd);
			if (pt.kickfd >= 0)
				close(pt.kickfd);
			pt.ifd = pt.stopfd = pt.kickfd = -1;
			return err;
		}
		__atomic_store_n(&pt.watching, true, __ATOMIC_RELEASE);
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", bk->memfd);
	bk->watch = inotify_add_watch(pt.ifd, path, IN_CLOSE_WRITE | IN_CLOSE_NOWRITE);
	if (bk->watch < 0)
		return -errno;
	/*
	 * The probe: read-only, so it counts in i_readcount alone, and the
	 * memfd's own file (a pseudo file) counts nowhere: a write lease on
	 * it is granted exactly when no other file of the memfd is open.
	 */
	if (bk->probe < 0)
		bk->probe = open(path, O_RDONLY | O_CLOEXEC);
	return 0;
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
	bk->proven_idle = false;
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
	bk->proven_idle = false;
	return true;
}

/* 1: no other file of the memfd is open, 0: one is, -1: cannot tell */
static int lease_probe(struct fs_backing *bk)
{
	if (bk->probe < 0)
		return -1;
	if (!fcntl(bk->probe, F_SETLEASE, F_WRLCK)) {
		fcntl(bk->probe, F_SETLEASE, F_UNLCK);
		bk->proven_idle = true;
		bk->closes = bk->opens;	/* whatever the events said */
		return 1;
	}
	if (errno == EAGAIN)
		return 0;
	/* leases refused (fs.leases-enable = 0, say): count from now on */
	close(bk->probe);
	bk->probe = -1;
	return -1;
}

bool fs_backing_busy(struct fs_backing *bk)
{
	if (bk->watch < 0)
		return false;		/* no file of it ever left the server */
	/* a count still short of its opens is right (every probe that
	 * found the memfd idle evened it): only a re-open is uncounted */
	if (bk->closes < bk->opens)
		return true;
	/* idle stays idle until the server makes a file of it again: a
	 * client needs a file of it to open another */
	if (bk->proven_idle)
		return false;
	return lease_probe(bk) == 0;
}

void fs_backing_closed(struct fs_backing *bk, bool lost)
{
	/* lost events (a queue overflow): how many is unknown, ask */
	if (!lost)
		bk->closes++;
	/* inotify merges an event identical to the one before it, unread
	 * (inotify_fsnotify.c inotify_merge): one event may stand for
	 * several closes */
	if (bk->closes < bk->opens)
		lease_probe(bk);
}

void fs_passthrough_open_done(void)
{
	tls_backing_id = -1;
}

void fs_passthrough_unregister(struct fs_backing *bk)
{
	uint32_t id;

	if (bk->backing_id <= 0)
		return;
	id = (uint32_t)bk->backing_id;
	ioctl(pt.fd, PT_IOC_BACKING_CLOSE, &id);
	bk->backing_id = 0;
}

void fs_passthrough_forget(struct fs_backing *bk)
{
	/*
	 * No inotify_rm_watch(): the memfd is closed right after, and its
	 * inode's end removes the watch (IN_IGNORED, which the watcher does
	 * not count).  rm_watch waits for an SRCU grace period, under the
	 * buffers' lock: the next allocation would wait with it.
	 */
	bk->watch = -1;
	if (bk->probe >= 0)
		close(bk->probe);
	bk->probe = -1;
	fs_passthrough_unregister(bk);
}

void fs_passthrough_stop(void)
{
	uint64_t one = 1;

	if (!pt.watching)
		return;
	if (write(pt.stopfd, &one, sizeof(one)) != sizeof(one))
		return;		/* cannot happen with an eventfd; never hang */
	pthread_join(pt.watcher, NULL);
	__atomic_store_n(&pt.watching, false, __ATOMIC_RELEASE);
	close(pt.ifd);
	close(pt.stopfd);
	close(pt.kickfd);
	pt.ifd = pt.stopfd = pt.kickfd = -1;
}
