// SPDX-License-Identifier: GPL-2.0
/*
 * The FUSE low-level operations.  Every path ends in exactly one reply;
 * the core returns negative errno, which becomes a reply only here.
 */
#include <errno.h>
#include <fcntl.h>
#include <fuse_lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "fs/fs_io.h"
#include "fs/fs_ops.h"
#include "fs/fs_udmabuf.h"

#define STATIC_TIMEOUT 3600.0

static void node_attr(struct fs *fs, const struct fs_node *n, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = n->ino;
	st->st_uid = fs->uid;
	st->st_gid = fs->gid;
	st->st_atim = st->st_mtim = st->st_ctim = fs->mounted;
	st->st_blksize = 4096;
	switch (n->kind) {
	case FS_DIR:
	case FS_BUFDIR:
	case FS_UDCLASS:
	case FS_DEVLINKS:
		st->st_mode = S_IFDIR | n->mode;
		st->st_nlink = 2;
		break;
	case FS_SYMLINK:
		st->st_mode = S_IFLNK | n->mode;
		st->st_nlink = 1;
		st->st_size = (off_t)strlen(n->target);
		break;
	default:
		st->st_mode = S_IFREG | n->mode;
		st->st_nlink = 1;
		/* a sysfs attribute's size, as stat shows it */
		if (n->obj.udmabuf)
			st->st_size = 4096;
		/* the device's address space: SEEK_END is its limit + 1 */
		if (n->kind == FS_DMA)
			st->st_size = (off_t)fs_dma_size(n->obj.dev);
		break;
	}
}

/*
 * A static node, or a u-dma-buf directory or attribute (copied under the
 * lock: the manager may delete it any time).  0 and the attributes and
 * the entry timeout, or -ENOENT.
 */
static int any_attr(struct fs *fs, fuse_ino_t ino, struct stat *st,
		    double *timeout)
{
	struct fs_node *n = fs_node_get(&fs->tree, ino);

	*timeout = STATIC_TIMEOUT;
	if (n) {
		node_attr(fs, n, st);
		return 0;
	}
	pthread_mutex_lock(&fs->bufs.lock);
	n = fs_udmabuf_node(fs, ino, NULL);
	if (n)
		node_attr(fs, n, st);
	pthread_mutex_unlock(&fs->bufs.lock);
	*timeout = 0;	/* devices come and go behind the kernel's back */
	return n ? 0 : -ENOENT;
}

static void buffer_attr(const struct fs_buffer *b, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = b->ino;
	st->st_mode = S_IFREG | b->mode;
	st->st_nlink = b->unlinked ? 0 : 1;
	st->st_uid = b->uid;
	st->st_gid = b->gid;
	st->st_size = (off_t)b->alloc.size;
	st->st_blksize = 4096;
	st->st_blocks = (blkcnt_t)(b->alloc.span / 512);
	st->st_atim = st->st_mtim = st->st_ctim = b->ctime;
}

static void fs_lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fs *fs = req_fs(req);
	struct fs_node *dir = fs_node_get(&fs->tree, parent), *n;
	struct fuse_entry_param e;
	struct fs_buffer *b;

	memset(&e, 0, sizeof(e));
	if (!dir || dir->kind == FS_UDCLASS || dir->kind == FS_DEVLINKS) {
		/* u-dma-buf/NAME, u-dma-buf/NAME/ATTR: never cached */
		pthread_mutex_lock(&fs->bufs.lock);
		n = fs_udmabuf_lookup(fs, parent, name);
		if (n) {
			node_attr(fs, n, &e.attr);
			e.ino = n->ino;
		}
		pthread_mutex_unlock(&fs->bufs.lock);
		if (!n)
			return (void)fuse_reply_err(req, ENOENT);
		return (void)fuse_reply_entry(req, &e);
	}
	if (dir->kind == FS_BUFDIR) {
		pthread_mutex_lock(&fs->bufs.lock);
		b = fs_buffer_find(dir->bufdir, name);
		if (!b) {
			pthread_mutex_unlock(&fs->bufs.lock);
			return (void)fuse_reply_err(req, ENOENT);
		}
		b->nlookup++;
		buffer_attr(b, &e.attr);
		pthread_mutex_unlock(&fs->bufs.lock);
		e.ino = e.attr.st_ino;
		/* dev/: the manager deletes behind the kernel's back */
		if (!dir->bufdir->udmabuf)
			e.attr_timeout = e.entry_timeout = STATIC_TIMEOUT;
		if (fuse_reply_entry(req, &e)) {
			pthread_mutex_lock(&fs->bufs.lock);
			fs_buffer_forget(&fs->bufs, b, 1);
			pthread_mutex_unlock(&fs->bufs.lock);
		}
		return;
	}
	if (dir->kind != FS_DIR)
		return (void)fuse_reply_err(req, ENOTDIR);
	n = fs_node_child(&fs->tree, dir, name);
	if (!n)
		return (void)fuse_reply_err(req, ENOENT);
	node_attr(fs, n, &e.attr);
	e.ino = n->ino;
	e.attr_timeout = e.entry_timeout = STATIC_TIMEOUT;
	fuse_reply_entry(req, &e);
}

static void forget_one(struct fs *fs, fuse_ino_t ino, uint64_t n)
{
	struct fs_buffer *b;

	if (fs_node_get(&fs->tree, ino))
		return;
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (b)
		fs_buffer_forget(&fs->bufs, b, n);
	pthread_mutex_unlock(&fs->bufs.lock);
}

static void fs_forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
	forget_one(req_fs(req), ino, nlookup);
	fuse_reply_none(req);
}

static void fs_forget_multi(fuse_req_t req, size_t count,
			    struct fuse_forget_data *forgets)
{
	size_t i;

	for (i = 0; i < count; i++)
		forget_one(req_fs(req), forgets[i].ino, forgets[i].nlookup);
	fuse_reply_none(req);
}

static void fs_getattr(fuse_req_t req, fuse_ino_t ino, struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	struct fs_buffer *b;
	double timeout;
	struct stat st;

	(void)fi;
	if (!any_attr(fs, ino, &st, &timeout))
		return (void)fuse_reply_attr(req, &st, timeout);
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (b)
		buffer_attr(b, &st);
	pthread_mutex_unlock(&fs->bufs.lock);
	if (!b)
		return (void)fuse_reply_err(req, ENOENT);
	fuse_reply_attr(req, &st, STATIC_TIMEOUT);
}

/*
 * Buffers: the owner may chmod; size never changes.  A truncation to 0
 * (what O_TRUNC sends: `printf data > buffers/x`) or to the size it has
 * is ignored, as a block device ignores O_TRUNC; any other size is EPERM.
 * alloc accepts a truncation to 0 so that `echo 4096 > alloc` works.
 */
static void fs_setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr,
		       int to_set, struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	struct fs_node *n = fs_node_get(&fs->tree, ino);
	const int times = FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_MTIME |
			  FUSE_SET_ATTR_ATIME_NOW | FUSE_SET_ATTR_MTIME_NOW |
			  FUSE_SET_ATTR_CTIME;
	struct fs_buffer *b;
	struct stat st;

	(void)fi;
	if (!n) {
		pthread_mutex_lock(&fs->bufs.lock);
		n = fs_udmabuf_node(fs, ino, NULL);
		if (n)
			node_attr(fs, n, &st);
		pthread_mutex_unlock(&fs->bufs.lock);
	} else {
		node_attr(fs, n, &st);
	}
	if (n) {
		/* `echo > alloc`, `echo 1 > sync_for_cpu`: O_TRUNC is ignored */
		bool writable = n->kind == FS_ALLOC || n->kind == FS_MGR ||
				n->kind == FS_DMA || n->kind == FS_DMASYNC ||
				(n->kind == FS_TEXT && (n->mode & 0222));

		if (writable && !(to_set & ~(FUSE_SET_ATTR_SIZE | times)) &&
		    (!(to_set & FUSE_SET_ATTR_SIZE) || attr->st_size == 0))
			return (void)fuse_reply_attr(req, &st, STATIC_TIMEOUT);
		return (void)fuse_reply_err(req, EPERM);
	}
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (!b) {
		pthread_mutex_unlock(&fs->bufs.lock);
		return (void)fuse_reply_err(req, ENOENT);
	}
	if ((to_set & (FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID)) ||
	    ((to_set & FUSE_SET_ATTR_SIZE) && attr->st_size != 0 &&
	     (uint64_t)attr->st_size != b->alloc.size)) {
		pthread_mutex_unlock(&fs->bufs.lock);
		return (void)fuse_reply_err(req, EPERM);
	}
	if (to_set & FUSE_SET_ATTR_MODE)
		b->mode = attr->st_mode & 07777 & ~(S_ISUID | S_ISGID | S_ISVTX);
	buffer_attr(b, &st);
	pthread_mutex_unlock(&fs->bufs.lock);
	fuse_reply_attr(req, &st, STATIC_TIMEOUT);
}

static void fs_readlink(fuse_req_t req, fuse_ino_t ino)
{
	struct fs *fs = req_fs(req);
	struct fs_node *n = fs_node_get(&fs->tree, ino);
	char *target = NULL;

	if (n && n->kind == FS_SYMLINK)
		return (void)fuse_reply_readlink(req, n->target);
	if (n)
		return (void)fuse_reply_err(req, EINVAL);
	/* .dev-links: copied under the lock, the manager may delete it */
	pthread_mutex_lock(&fs->bufs.lock);
	n = fs_udmabuf_node(fs, ino, NULL);
	if (n && n->kind == FS_SYMLINK)
		target = strdup(n->target);
	pthread_mutex_unlock(&fs->bufs.lock);
	if (!target)
		return (void)fuse_reply_err(req, n ? ENOMEM : EINVAL);
	fuse_reply_readlink(req, target);
	free(target);
}

/* Directory listing: static children by index, buffers by inode cookie. */
static void fs_readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off,
		       struct fuse_file_info *fi)
{
	struct fs *fs = req_fs(req);
	struct fs_node *dir = fs_node_get(&fs->tree, ino);
	char *buf;
	size_t used = 0;
	struct stat st;

	(void)fi;
	if (!dir) {
		/* a u-dma-buf device's directory */
		pthread_mutex_lock(&fs->bufs.lock);
		dir = fs_udmabuf_node(fs, ino, NULL);
		pthread_mutex_unlock(&fs->bufs.lock);
		if (dir && dir->kind == FS_DIR)
			return fs_udmabuf_readdir(req, fs, ino, dir->parent, size, off);
		return (void)fuse_reply_err(req, dir ? ENOTDIR : ENOENT);
	}
	if (dir->kind == FS_UDCLASS || dir->kind == FS_DEVLINKS)
		return fs_udmabuf_readdir(req, fs, ino, dir->parent, size, off);
	if (dir->kind != FS_DIR && dir->kind != FS_BUFDIR)
		return (void)fuse_reply_err(req, ENOTDIR);
	buf = malloc(size);
	if (!buf)
		return (void)fuse_reply_err(req, ENOMEM);
	memset(&st, 0, sizeof(st));
#define ADD(name, inode, mode, next)						\
	do {									\
		size_t need;							\
		st.st_ino = (inode);						\
		st.st_mode = (mode);						\
		need = fuse_add_direntry(req, buf + used, size - used, name,	\
					 &st, (off_t)(next));			\
		if (need > size - used)						\
			goto full;						\
		used += need;							\
	} while (0)
	if (off < 1)
		ADD(".", dir->ino, S_IFDIR, 1);
	if (off < 2)
		ADD("..", dir->parent, S_IFDIR, 2);
	if (dir->kind == FS_DIR) {
		uint64_t i;

		for (i = off > 2 ? (uint64_t)off - 2 : 0; i < dir->nr_children; i++) {
			struct fs_node *c = fs_node_get(&fs->tree, dir->children[i]);
			struct stat cs;

			node_attr(fs, c, &cs);
			ADD(c->name, c->ino, cs.st_mode, i + 3);
		}
	} else {
		struct fs_buffer *b;

		pthread_mutex_lock(&fs->bufs.lock);
		for (b = dir->bufdir->head; b; b = b->next_in_dir) {
			size_t need;

			if (b->ino <= (uint64_t)off)
				continue;
			st.st_ino = b->ino;
			st.st_mode = S_IFREG;
			need = fuse_add_direntry(req, buf + used, size - used,
						 b->name, &st, (off_t)b->ino);
			if (need > size - used)
				break;
			used += need;
		}
		pthread_mutex_unlock(&fs->bufs.lock);
	}
#undef ADD
full:
	fuse_reply_buf(req, buf, used);
	free(buf);
}

static void fs_unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	struct fs *fs = req_fs(req);
	struct fs_node *dir = fs_node_get(&fs->tree, parent);
	struct fs_buffer *b;

	/* dev/: only the manager deletes a u-dma-buf device */
	if (!dir || dir->kind != FS_BUFDIR || dir->bufdir->udmabuf)
		return (void)fuse_reply_err(req, EPERM);
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_find(dir->bufdir, name);
	if (b)
		fs_buffer_unlink(&fs->bufs, b);
	pthread_mutex_unlock(&fs->bufs.lock);
	fuse_reply_err(req, b ? 0 : ENOENT);
}

static void fs_eperm_entry(fuse_req_t req, fuse_ino_t parent, const char *name,
			   mode_t mode)
{
	(void)parent; (void)name; (void)mode;
	fuse_reply_err(req, EPERM);
}

static void fs_mknod(fuse_req_t req, fuse_ino_t parent, const char *name,
		     mode_t mode, dev_t rdev)
{
	(void)rdev;
	fs_eperm_entry(req, parent, name, mode);
}

static void fs_create(fuse_req_t req, fuse_ino_t parent, const char *name,
		      mode_t mode, struct fuse_file_info *fi)
{
	(void)fi;
	fs_eperm_entry(req, parent, name, mode);
}

static void fs_rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
	(void)parent; (void)name;
	fuse_reply_err(req, EPERM);
}

static void fs_symlink(fuse_req_t req, const char *link, fuse_ino_t parent,
		       const char *name)
{
	(void)link; (void)parent; (void)name;
	fuse_reply_err(req, EPERM);
}

static void fs_link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent,
		    const char *newname)
{
	(void)ino; (void)newparent; (void)newname;
	fuse_reply_err(req, EPERM);
}

static void fs_rename(fuse_req_t req, fuse_ino_t parent, const char *name,
		      fuse_ino_t newparent, const char *newname,
		      unsigned int flags)
{
	(void)parent; (void)name; (void)newparent; (void)newname; (void)flags;
	fuse_reply_err(req, EPERM);
}

static int buffer_xattr(struct fs *fs, fuse_ino_t ino, const char *name,
			char *out, size_t outlen)
{
	struct fs_buffer *b;
	int n = -ENODATA;

	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (!b)
		n = -ENODATA;
	else if (!strcmp(name, "user.rmemfs.phys"))
		n = snprintf(out, outlen, "0x%llx", (unsigned long long)b->alloc.phys);
	else if (!strcmp(name, "user.rmemfs.dma"))
		n = snprintf(out, outlen, "0x%llx", (unsigned long long)b->alloc.dma);
	else if (!strcmp(name, "user.rmemfs.pool"))
		n = snprintf(out, outlen, "%s", b->alloc.pool);
	else if (!strcmp(name, "user.rmemfs.autofree") && b->autofree)
		n = snprintf(out, outlen, "1");
	pthread_mutex_unlock(&fs->bufs.lock);
	return n;
}

static void fs_getxattr(fuse_req_t req, fuse_ino_t ino, const char *name,
			size_t size)
{
	char val[RM_NAME_MAX];
	int n = buffer_xattr(req_fs(req), ino, name, val, sizeof(val));

	if (n < 0)
		return (void)fuse_reply_err(req, -n);
	if (!size)
		return (void)fuse_reply_xattr(req, (size_t)n);
	if ((size_t)n > size)
		return (void)fuse_reply_err(req, ERANGE);
	fuse_reply_buf(req, val, (size_t)n);
}

static void fs_listxattr(fuse_req_t req, fuse_ino_t ino, size_t size)
{
	static const char names[] = "user.rmemfs.phys\0user.rmemfs.dma\0user.rmemfs.pool";
	struct fs *fs = req_fs(req);
	size_t len = fs_node_get(&fs->tree, ino) ? 0 : sizeof(names);

	if (!size)
		return (void)fuse_reply_xattr(req, len);
	if (len > size)
		return (void)fuse_reply_err(req, ERANGE);
	fuse_reply_buf(req, names, len);
}

/*
 * user.rmemfs.autofree = "1" on a buffer, by its owner: it goes (as if
 * rm'ed) when its last open file and mapping do.  librmemfs sets it, so
 * a program's buffers go back when it exits, crashes included.  Nothing
 * else can be set.
 */
static void fs_setxattr(fuse_req_t req, fuse_ino_t ino, const char *name,
			const char *value, size_t size, int flags)
{
	struct fs *fs = req_fs(req);
	const struct fuse_ctx *ctx = fuse_req_ctx(req);
	struct fs_buffer *b;
	int err = EPERM;

	(void)flags;
	if (strcmp(name, "user.rmemfs.autofree"))
		return (void)fuse_reply_err(req, EPERM);
	if (size != 1 || value[0] != '1')
		return (void)fuse_reply_err(req, EINVAL);
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (b && !b->unlinked && (ctx->uid == b->uid || ctx->uid == 0)) {
		fs_buffer_set_autofree(&fs->bufs, b);
		err = 0;
	}
	pthread_mutex_unlock(&fs->bufs.lock);
	fuse_reply_err(req, err);
	fs_buffers_flush_inval(&fs->bufs);	/* after the reply: no wait */
}

static void fs_removexattr(fuse_req_t req, fuse_ino_t ino, const char *name)
{
	(void)ino; (void)name;
	fuse_reply_err(req, EPERM);
}

static void fs_init(void *userdata, struct fuse_conn_info *conn)
{
	struct fs *fs = userdata;

	/* sync=strict: a page fault reads that page alone, so a stale read
	 * is reported for the pages the CPU touched, not for readahead's */
	if (fs->bufs.strict)
		conn->max_readahead = 0;
	if (conn->capable & FUSE_CAP_SPLICE_WRITE)
		conn->want |= FUSE_CAP_SPLICE_WRITE;
	if (conn->capable & FUSE_CAP_SPLICE_MOVE)
		conn->want |= FUSE_CAP_SPLICE_MOVE;
	/* the daemon holds the bytes; no delayed writeback of our own */
	conn->want &= ~FUSE_CAP_WRITEBACK_CACHE;
	/*
	 * No atomic O_TRUNC: with it the kernel, after our open reply, sets
	 * the size to 0 and drops the page cache itself (fs/fuse/file.c
	 * fuse_open), which would throw away what a mapping wrote.  Without
	 * it O_TRUNC arrives as a setattr(size 0) we answer with the size
	 * unchanged, and the kernel keeps its pages.
	 */
	conn->want &= ~FUSE_CAP_ATOMIC_O_TRUNC;
}

const struct fuse_lowlevel_ops rm_fs_ops = {
	.init = fs_init,
	.lookup = fs_lookup,
	.forget = fs_forget,
	.forget_multi = fs_forget_multi,
	.getattr = fs_getattr,
	.setattr = fs_setattr,
	.readlink = fs_readlink,
	.mknod = fs_mknod,
	.mkdir = fs_eperm_entry,
	.unlink = fs_unlink,
	.rmdir = fs_rmdir,
	.symlink = fs_symlink,
	.rename = fs_rename,
	.link = fs_link,
	.open = fs_open,
	.read = fs_read,
	.write = fs_write,
	.release = fs_release,
	.readdir = fs_readdir,
	.setxattr = fs_setxattr,
	.getxattr = fs_getxattr,
	.listxattr = fs_listxattr,
	.removexattr = fs_removexattr,
	.create = fs_create,
	.ioctl = fs_udmabuf_ioctl,
};
