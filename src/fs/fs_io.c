// SPDX-License-Identifier: GPL-2.0
/*
 * Opening, reading, writing and releasing files: text snapshots, alloc
 * results, and buffer bytes (page cache or passthrough).
 */
#include <errno.h>
#include <fcntl.h>
#include <fuse_lowlevel.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs/fs_alloc.h"
#include "fs/fs_io.h"
#include "fs/fs_ops.h"
#include "fs/fs_passthrough.h"
#include "fs/fs_udmabuf.h"

/*
 * An open text or alloc file.  Handles are listed in the fs so that those
 * whose RELEASE never arrives (unmounted first) are freed at teardown.
 */
struct fs_handle {
	struct fs_handle *prev, *next;
	pthread_mutex_t lock;
	char *text;		/* text snapshot, or a pending alloc result */
	size_t len;
	size_t cursor;		/* alloc result: bytes already read */
	bool result_ready;
	struct fs_node *node;	/* a u-dma-buf attribute's (dynamic) node */
	struct fs_udev *udev;	/* ... and its device, kept while open */
	struct udmabuf_mgr_file *mgr;	/* u-dma-buf-mgr's parse state */
};

static struct fs_handle *handle_new(struct fs *fs)
{
	struct fs_handle *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	pthread_mutex_init(&h->lock, NULL);
	pthread_mutex_lock(&fs->handles_lock);
	h->next = fs->handles;
	if (h->next)
		h->next->prev = h;
	fs->handles = h;
	pthread_mutex_unlock(&fs->handles_lock);
	return h;
}

static void handle_free(struct fs *fs, struct fs_handle *h)
{
	if (!h)
		return;
	pthread_mutex_lock(&fs->handles_lock);
	if (h->prev)
		h->prev->next = h->next;
	else
		fs->handles = h->next;
	if (h->next)
		h->next->prev = h->prev;
	pthread_mutex_unlock(&fs->handles_lock);
	pthread_mutex_destroy(&h->lock);
	free(h->text);
	free(h->mgr);
	free(h);
}

/*
 * a text file's text, rendered from its table entry; a u-dma-buf
 * attribute under the lock its ioctls and stores take
 */
static int render(struct fs *fs, struct fs_node *n, char **text, size_t *len)
{
	int err;

	if (!n->obj.udmabuf)
		return rm_file_render(n->file, &n->obj, &fs->env, text, len);
	pthread_mutex_lock(&fs->bufs.lock);
	err = rm_file_render(n->file, &n->obj, &fs->env, text, len);
	pthread_mutex_unlock(&fs->bufs.lock);
	return err;
}

/* the node of a static or a u-dma-buf file; its device counts the open */
static struct fs_node *node_open(struct fs *fs, fuse_ino_t ino,
				 struct fs_udev **udev)
{
	struct fs_node *n = fs_node_get(&fs->tree, ino);

	*udev = NULL;
	if (n)
		return n;
	pthread_mutex_lock(&fs->bufs.lock);
	n = fs_udmabuf_node(fs, ino, udev);
	if (n)
		(*udev)->nopen++;
	pthread_mutex_unlock(&fs->bufs.lock);
	return n;
}

static void node_close(struct fs *fs, struct fs_udev *udev)
{
	if (!udev)
		return;
	pthread_mutex_lock(&fs->bufs.lock);
	fs_udmabuf_put_open(fs, udev);
	pthread_mutex_unlock(&fs->bufs.lock);
}

/* the node an open handle is about (fh 0: a buffer) */
static struct fs_node *handle_node(struct fs *fs, fuse_ino_t ino,
				   struct fuse_file_info *fi)
{
	struct fs_handle *h = (struct fs_handle *)(uintptr_t)fi->fh;
	struct fs_node *n = fs_node_get(&fs->tree, ino);

	return n ? n : h ? h->node : NULL;
}

void fs_open(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	int acc = fi->flags & O_ACCMODE;
	struct fs_udev *udev;
	struct fs_node *n = node_open(fs, ino, &udev);
	struct fs_handle *h;
	struct fs_buffer *b;
	bool passthrough;
	int err = 0;

	if (n) {
		if (n->kind == FS_DIR || n->kind == FS_BUFDIR ||
		    n->kind == FS_UDCLASS || n->kind == FS_DEVLINKS)
			err = EISDIR;
		/* writable: the attributes whose mode says so (a store) */
		else if (n->kind == FS_TEXT && acc != O_RDONLY &&
			 (!n->file->store || !(n->mode & 0222)))
			err = EACCES;
		/* the text is rendered by the first read, not here */
		h = err ? NULL : handle_new(fs);
		if (!err && !h)
			err = ENOMEM;
		if (!err && n->kind == FS_MGR) {
			h->mgr = calloc(1, sizeof(*h->mgr));
			if (!h->mgr)
				err = ENOMEM;
		}
		if (err) {
			if (h)
				handle_free(fs, h);
			node_close(fs, udev);
			return (void)fuse_reply_err(req, err);
		}
		h->node = udev ? n : NULL;
		h->udev = udev;
		fi->fh = (uint64_t)(uintptr_t)h;
		fi->direct_io = 1;
		fi->nonseekable = 0;
		if (fuse_reply_open(req, fi)) {
			handle_free(fs, h);
			node_close(fs, udev);
		}
		return;
	}
	/* O_TRUNC only reaches us without FUSE_CAP_ATOMIC_O_TRUNC, which
	 * fs_init turns off: the setattr that follows is ignored */
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (!b || b->unlinked) {
		pthread_mutex_unlock(&fs->bufs.lock);
		return (void)fuse_reply_err(req, ENOENT);
	}
	b->nopen++;
	/* passthrough maps the memfd itself; else the page cache holds it
	 * (always for a device copy: the server must see the CPU's reads) */
	passthrough = !b->shadow && fs_passthrough_open(&b->backing);
	fs_buffer_watched(&fs->bufs, b);
	pthread_mutex_unlock(&fs->bufs.lock);
	fi->fh = 0;
	if (!passthrough)
		fi->keep_cache = 1;
	if (fuse_reply_open(req, fi)) {
		pthread_mutex_lock(&fs->bufs.lock);
		if (passthrough)	/* no backing file was made */
			fs_backing_unmade(&b->backing);
		fs_buffer_put_open(&fs->bufs, b);
		pthread_mutex_unlock(&fs->bufs.lock);
	}
	fs_passthrough_open_done();
}

/*
 * Copy a slice out under the handle's lock: once a reply is sent the file
 * may be closed and the handle released, so the reply comes last.
 */
static char *slice_copy(const char *text, size_t len, size_t size, off_t off,
			size_t *n)
{
	char *out;

	*n = 0;
	if (!text || off < 0 || (size_t)off >= len)
		return NULL;
	if (size > len - (size_t)off)
		size = len - (size_t)off;
	out = malloc(size ? size : 1);
	if (out) {
		memcpy(out, text + off, size);
		*n = size;
	}
	return out;
}

/*
 * An open buffer's memfd (its handle keeps the buffer alive), its size,
 * and whether it is a u-dma-buf device file (NULL: not asked).
 */
static int buffer_fd(struct fs *fs, fuse_ino_t ino, uint64_t *size,
		     bool *udmabuf)
{
	struct fs_buffer *b;
	int fd;

	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	fd = b && !b->freed ? b->backing.memfd : -1;
	*size = b ? b->alloc.size : 0;
	if (udmabuf)
		*udmabuf = b && b->dir->udmabuf;
	pthread_mutex_unlock(&fs->bufs.lock);
	return fd;
}

/* the device's side: a read (data NULL) or write at a DMA address */
static void dma_io(fuse_req_t req, struct fs *fs, struct fs_node *n,
		   const char *data, size_t size, off_t off)
{
	void *buf = data ? (void *)data : malloc(size ? size : 1);
	ssize_t done;

	if (!buf)
		return (void)fuse_reply_err(req, ENOMEM);
	done = fs_dma_access(fs, n->obj.dev, (uint64_t)off, buf, size,
			     data != NULL);
	if (done < 0)
		fuse_reply_err(req, (int)-done);
	else if (data)
		fuse_reply_write(req, (size_t)done);
	else
		fuse_reply_buf(req, buf, (size_t)done);
	if (!data)
		free(buf);
}

/*
 * A text file: a read from the start takes a fresh snapshot; later
 * offsets are served from it, so a reader sees one consistent text.
 */
static void read_text(fuse_req_t req, struct fs *fs, struct fs_node *n,
		      struct fs_handle *h, size_t size, off_t off)
{
	char *t = NULL, *out = NULL;
	size_t l, got = 0;
	int err = 0;

	pthread_mutex_lock(&h->lock);
	if (off == 0 || !h->text)
		err = render(fs, n, &t, &l);
	if (t) {
		free(h->text);
		h->text = t;
		h->len = l;
	}
	if (!err)
		out = slice_copy(h->text, h->len, size, off, &got);
	pthread_mutex_unlock(&h->lock);
	if (err)
		fuse_reply_err(req, -err);
	else
		fuse_reply_buf(req, out, got);
	free(out);
}

/*
 * An alloc file: the result of the last write, once, whatever the offset
 * (the write moved it): consecutive reads walk it, then EOF.
 */
static void read_alloc_result(fuse_req_t req, struct fs_handle *h, size_t size)
{
	char *out = NULL;
	size_t got = 0;

	pthread_mutex_lock(&h->lock);
	if (h->result_ready && h->cursor < h->len) {
		out = slice_copy(h->text, h->len, size, (off_t)h->cursor, &got);
		h->cursor += got;
	} else {
		h->result_ready = false;
	}
	pthread_mutex_unlock(&h->lock);
	fuse_reply_buf(req, out, got);
	free(out);
}

/* a buffer on the page-cache path: spliced from its memfd */
static void read_buffer(fuse_req_t req, struct fs *fs, fuse_ino_t ino,
			size_t size, off_t off)
{
	struct fuse_bufvec bv = FUSE_BUFVEC_INIT(size);
	uint64_t fsize;
	int fd;

	fd = buffer_fd(fs, ino, &fsize, NULL);
	if (fd < 0)
		return (void)fuse_reply_err(req, EBADF);
	if (off < 0 || (uint64_t)off >= fsize)
		return (void)fuse_reply_buf(req, NULL, 0);
	if (size > fsize - (uint64_t)off)
		size = fsize - (uint64_t)off;
	/* sync=strict: the CPU reading what the device wrote unsynced */
	fs_dma_cpu_access(fs, ino, (uint64_t)off, size, false);
	/* the handle keeps the buffer (and its memfd) alive: splice from it */
	bv.buf[0].size = size;
	bv.buf[0].flags = FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK;
	bv.buf[0].fd = fd;
	bv.buf[0].pos = off;
	fuse_reply_data(req, &bv, FUSE_BUF_SPLICE_MOVE);
}

void fs_read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
	     struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	struct fs_node *n = handle_node(fs, ino, fi);
	struct fs_handle *h = (struct fs_handle *)(uintptr_t)fi->fh;

	if (!n)
		return read_buffer(req, fs, ino, size, off);
	if (n->kind == FS_TEXT)
		return read_text(req, fs, n, h, size, off);
	if (n->kind == FS_ALLOC)
		return read_alloc_result(req, h, size);
	if (n->kind == FS_DMA)
		return dma_io(req, fs, n, NULL, size, off);
	/* u-dma-buf-mgr has no read: the VFS says EINVAL */
	fuse_reply_err(req, n->kind == FS_MGR || n->kind == FS_DMASYNC ? EINVAL : EISDIR);
}

void fs_write(fuse_req_t req, fuse_ino_t ino, const char *data,
		     size_t size, off_t off, struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	struct fs_node *n = handle_node(fs, ino, fi);
	struct fs_handle *h = (struct fs_handle *)(uintptr_t)fi->fh;
	const struct fuse_ctx *ctx = fuse_req_ctx(req);
	ssize_t done;
	uint64_t fsize;
	bool udmabuf;
	int fd, err;
	char *line;

	if (n && n->kind == FS_DMA)
		return dma_io(req, fs, n, data, size, off);
	if (n && n->kind == FS_DMASYNC) {
		done = fs_dma_sync_command(fs, n->obj.dev, data, size);
		if (done < 0)
			return (void)fuse_reply_err(req, (int)-done);
		return (void)fuse_reply_write(req, size);
	}
	if (n && n->kind == FS_MGR) {
		pthread_mutex_lock(&fs->bufs.lock);
		done = fs_udmabuf_mgr_write(fs, h->mgr, data, size);
		pthread_mutex_unlock(&fs->bufs.lock);
		if (done < 0)
			return (void)fuse_reply_err(req, (int)-done);
		return (void)fuse_reply_write(req, (size_t)done);
	}
	if (n && n->kind == FS_TEXT && n->file->store) {
		/* one write, one store: sysfs ignores the offset */
		if (n->obj.udmabuf)
			pthread_mutex_lock(&fs->bufs.lock);
		err = n->file->store(&n->obj, data, size);
		if (n->obj.udmabuf) {
			pthread_mutex_unlock(&fs->bufs.lock);
			fs_dma_run_pending(fs);	/* a sync_for_* store */
		}
		if (err)
			return (void)fuse_reply_err(req, -err);
		return (void)fuse_reply_write(req, size);
	}

	if (n && n->kind == FS_ALLOC) {
		err = fs_alloc_request(fs, n, data, size, ctx->uid, ctx->gid, &line);
		if (err)
			return (void)fuse_reply_err(req, -err);
		pthread_mutex_lock(&h->lock);
		free(h->text);
		h->text = line;
		h->len = line ? strlen(line) : 0;
		h->cursor = 0;
		h->result_ready = line != NULL;
		pthread_mutex_unlock(&h->lock);
		fuse_reply_write(req, size);
		return;
	}
	if (n)
		return (void)fuse_reply_err(req, EACCES);
	fd = buffer_fd(fs, ino, &fsize, &udmabuf);
	if (fd < 0)
		return (void)fuse_reply_err(req, EBADF);
	/* a u-dma-buf device: short at the end, 0 past it (the driver's) */
	if (udmabuf && off >= 0)
		size = (size_t)udmabuf_rw_count(fsize, (uint64_t)off, size);
	/* a buffer never grows */
	if (off < 0 || (uint64_t)off + size > fsize)
		return (void)fuse_reply_err(req, EPERM);
	if (!size)
		return (void)fuse_reply_write(req, 0);
	fs_dma_cpu_access(fs, ino, (uint64_t)off, size, true);
	done = pwrite(fd, data, size, off);
	if (done < 0)
		return (void)fuse_reply_err(req, errno);
	fuse_reply_write(req, (size_t)done);
}

void fs_release(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	struct fs_handle *h = (struct fs_handle *)(uintptr_t)fi->fh;
	struct fs_buffer *b;

	if (h) {
		struct fs_udev *udev = h->udev;

		handle_free(fs, h);
		node_close(fs, udev);
		return (void)fuse_reply_err(req, 0);
	}
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (b)
		fs_buffer_put_open(&fs->bufs, b);
	pthread_mutex_unlock(&fs->bufs.lock);
	fuse_reply_err(req, 0);
	fs_buffers_flush_inval(&fs->bufs);	/* after the reply: no wait */
}

void fs_handles_free_all(struct fs *fs)
{
	while (fs->handles)
		handle_free(fs, fs->handles);
}

