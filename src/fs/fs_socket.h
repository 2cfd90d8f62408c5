/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_socket - librmemfs's fast path: an abstract Unix socket named after
 * the mount point ("\0rmemfs:" + its absolute path) that answers one
 * allocation per connection with the alloc file's result line and, by
 * SCM_RIGHTS, a file of the new buffer's memfd, ready to map.  One round
 * trip instead of seven FUSE requests.
 *
 * Request: "ALLOC DIR SIZE [NAME]" (DIR relative to the mount, a device
 * or region directory).  Reply: the alloc file's line and the fd, or
 * "ERR N" (N an errno; EAGAIN: use the files, the fast path cannot serve
 * this buffer).  The caller's credentials (SO_PEERCRED) must be allowed
 * to write DIR/alloc.  The buffer is in the tree like any other, autofree:
 * it goes when the handed-out file and every mapping of it do.
 */
#ifndef RM_FS_SOCKET_H
#define RM_FS_SOCKET_H

struct fs;

/* after the mount: 0, or -errno (the library then uses the files) */
int fs_socket_start(struct fs *fs);
void fs_socket_stop(struct fs *fs);

#endif
