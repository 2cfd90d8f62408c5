/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_passthrough - serve buffer files with FUSE passthrough when the
 * kernel (6.9+) offers it and the server may register backing files
 * (CAP_SYS_ADMIN): the kernel then maps the buffer's memfd pages itself,
 * with no READ/WRITE requests and no second copy.  Otherwise buffers use
 * the page cache.  Nothing else in rmemfs knows which path runs.
 *
 * It knows memfds (struct fs_backing), not buffers: when a file of one
 * goes away it calls the closed() hook it was given, and the buffer code
 * decides what that means.
 */
#ifndef RM_FS_PASSTHROUGH_H
#define RM_FS_PASSTHROUGH_H

#include <stdbool.h>

#include <fuse_lowlevel.h>

/* one buffer's memfd as the kernel's backing file sees it */
struct fs_backing {
	int memfd;			/* the bytes */
	int backing_id;			/* passthrough registration, 0 = none */
	int watch;			/* inotify watch on memfd, -1 = none */
	int probe;			/* a read-only file of it: lease probes */
	unsigned int opens;		/* files of it the server made */
	unsigned int closes;		/* ... and gone (inotify IN_CLOSE; one
					 * event may be several closes) */
	bool proven_idle;		/* a lease probe found no other file */
};

struct fs_passthrough_hooks {
	/* a file of the memfd watched as wd went away (wd -1: some may
	 * have, the queue overflowed); true if that left work for settle() */
	bool (*closed)(void *ctx, int wd);
	/* the watcher's turn, after closes: what may not run in a request */
	void (*settle)(void *ctx);
	void *ctx;
};

/* Hook the session's I/O to negotiate passthrough in INIT. */
int fs_passthrough_setup(struct fuse_session *se,
			 const struct fs_passthrough_hooks *hooks);
/* -o nopassthrough, or setup failed: the page cache, for this reason */
void fs_passthrough_disable(const char *why);
/* "passthrough", or "page-cache" with the reason: config's backing= */
const char *fs_passthrough_state(void);
/* the kernel maps buffers' memfds itself (so may a client, coherently) */
bool fs_passthrough_active(void);

/*
 * Called in fs_open, under the lock that guards bk, just before
 * fuse_reply_open(): arms the reply for passthrough (registering the
 * memfd on first use) and returns true, or returns false and the caller
 * uses the page cache.
 */
bool fs_passthrough_open(struct fs_backing *bk);
/*
 * A file of the memfd handed to a client directly (librmemfs's fast
 * path): counted and watched as a backing file is, so the buffer lives
 * until it and its mappings go.  False where passthrough is off: a
 * client's mapping of the memfd would not be coherent with the page
 * cache then.
 */
bool fs_passthrough_hand_out(struct fs_backing *bk);
/* After fuse_reply_open(): disarm whatever was not sent. */
void fs_passthrough_open_done(void);
/*
 * A file of the memfd other than the server's own is still alive (a
 * client's, a passthrough backing file, a mapping of either).  Counted
 * (files the server made against closes seen) and, where the count says
 * none, asked of the kernel: a write lease is granted only while no
 * other file of the inode is open, so a file a client re-opened through
 * /proc counts too.  Where leases are refused, the count alone decides.
 */
bool fs_backing_busy(struct fs_backing *bk);
/* a file fs_passthrough_open/_hand_out counted was not made after all */
static inline void fs_backing_unmade(struct fs_backing *bk)
{
	bk->closes++;
}
/* an inotify close event of the memfd, or lost: any may have closed */
void fs_backing_closed(struct fs_backing *bk, bool lost);
/*
 * Apply every close queued so far (each request calls it first; takes
 * no lock of the caller's, so call it holding none).
 */
void fs_passthrough_drain(void);
/* The memfd is going away: drop its backing id and watch. */
void fs_passthrough_forget(struct fs_backing *bk);
/* The memfd is kept for another buffer: drop its backing id only. */
void fs_passthrough_unregister(struct fs_backing *bk);
/* End of session: stop watching. */
void fs_passthrough_stop(void);

#endif
