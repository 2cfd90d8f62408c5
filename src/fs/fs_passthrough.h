/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_passthrough - serve buffer files with FUSE passthrough when the
 * kernel (6.9+) offers it and the server may register backing files
 * (CAP_SYS_ADMIN): the kernel then maps the buffer's memfd pages itself,
 * with no READ/WRITE requests and no second copy.  Otherwise buffers use
 * the page cache.  Nothing else in rmemfs knows which path runs.
 */
#ifndef RM_FS_PASSTHROUGH_H
#define RM_FS_PASSTHROUGH_H

#include <stdbool.h>

#include <fuse_lowlevel.h>

struct fs;
struct fs_buffer;

/* Hook the session's I/O to negotiate passthrough in INIT. */
int fs_passthrough_setup(struct fs *fs, struct fuse_session *se);

/*
 * Called in fs_open just before fuse_reply_open(): arms the reply for
 * passthrough (registering the buffer's memfd on first use) and returns
 * true, or returns false and the caller uses the page cache.
 */
bool fs_passthrough_open(struct fs *fs, struct fs_buffer *b);
/* After fuse_reply_open(): disarm whatever was not sent. */
void fs_passthrough_open_done(void);
/* A backing file of the buffer is still alive (a mapping, say). */
bool fs_passthrough_busy(const struct fs_buffer *b);
/* The buffer is gone: drop its backing id and watch. */
void fs_passthrough_forget(struct fs *fs, struct fs_buffer *b);
/* End of session: stop watching. */
void fs_passthrough_stop(void);

#endif
