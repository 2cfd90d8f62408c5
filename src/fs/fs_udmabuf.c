// SPDX-License-Identifier: GPL-2.0
/*
 * u-dma-buf devices as files.  The driver's state lives in the core
 * (kernel/drivers/u-dma-buf.c); here each device gets its directory of
 * attribute nodes and its device file.  The device file is a buffer of
 * dev/: its pool memory goes back when the device is deleted and the
 * last open file and mapping are gone, never earlier.  The FUSE
 * operations only these files have (the listings of their directories,
 * the device file's ioctls) are here too.
 */
#include <errno.h>
#include <fuse_lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fs/fs_dma.h"
#include "fs/fs_ops.h"
#include "fs/fs_state.h"
#include "fs/fs_udmabuf.h"

static void udev_free(struct fs_udev *u)
{
	free(u->nodes);
	free(u);
}

/*
 * .dev-links/NAME -> MOUNTPOINT/dev/NAME, made with the first device of
 * that name and kept (dangling while no device has it): an overlay over
 * /dev caches what it found, and a link that vanished or changed inode
 * would read as ESTALE there instead of ENOENT.
 */
static int link_add(struct fs *fs, const char *name, bool in_dev)
{
	struct fs_link *l, **pp;

	if (!fs->mountpoint)
		return 0;	/* fs_udmabuf_links() comes back for it */
	for (pp = &fs->links; *pp; pp = &(*pp)->next)
		if (!strcmp((*pp)->node.name, name))
			return 0;
	l = calloc(1, sizeof(*l));
	if (!l || asprintf(&l->node.target, "%s/%s%s", fs->mountpoint,
				   in_dev ? "dev/" : "", name) < 0) {
		free(l);
		return -ENOMEM;
	}
	l->node.ino = fs->bufs.next_ino++;
	l->node.parent = fs->tree.udmabuf_links_ino;
	snprintf(l->node.name, sizeof(l->node.name), "%s", name);
	l->node.kind = FS_SYMLINK;
	l->node.mode = 0777;
	l->node.obj.b = fs->board;
	*pp = l;
	return 0;
}

/* the device's nodes and its buffer; the core object stays the core's */
static int udev_add(struct fs *fs, struct udmabuf *ub)
{
	struct fs_udev *u = calloc(1, sizeof(*u)), **pp;
	struct rm_alloc a;
	unsigned int i;
	int err;

	if (!u)
		return -ENOMEM;
	u->nr_nodes = 1 + udmabuf_nr_attrs;	/* the directory, the attributes */
	u->nodes = calloc(u->nr_nodes, sizeof(*u->nodes));
	if (!u->nodes) {
		free(u);
		return -ENOMEM;
	}
	/* st_size is the size asked: SEEK_END and read stop there */
	a = ub->alloc;
	a.size = ub->size;
	/* a DT device's DMA reaches it; a manager device has no directory */
	err = fs_buffer_create(&fs->bufs, fs->tree.udmabuf_dev, ub->name, &a,
			       ub->own_dev ? NULL : ub->dev, fs->uid, fs->gid,
			       &u->buf);
	if (err) {
		udev_free(u);
		return err;
	}
	u->buf->udmabuf = ub;
	ub->alloc_given = true;		/* the buffer frees it now */
	u->ub = ub;
	u->ino = fs->bufs.next_ino;
	fs->bufs.next_ino += u->nr_nodes;
	for (i = 0; i < u->nr_nodes; i++) {
		struct fs_node *n = &u->nodes[i];

		n->ino = u->ino + i;
		n->obj.b = fs->board;
		n->obj.udmabuf = ub;
		if (i == 0) {
			n->parent = fs->tree.udmabuf_class_ino;
			snprintf(n->name, sizeof(n->name), "%s", ub->name);
			n->kind = FS_DIR;
			n->mode = 0755;
			continue;
		}
		n->parent = u->ino;
		n->obj.uattr = &udmabuf_attrs[i - 1];
		snprintf(n->name, sizeof(n->name), "%s", n->obj.uattr->name);
		n->kind = FS_TEXT;
		n->mode = n->obj.uattr->mode;
		n->file = &rm_udmabuf_attr_file;
	}
	if (link_add(fs, ub->name, true)) {
		fs_buffer_unlink(&fs->bufs, u->buf);
		udev_free(u);
		return -ENOMEM;
	}
	for (pp = &fs->udevs; *pp; pp = &(*pp)->next)
		;
	*pp = u;
	return 0;
}

int fs_udmabuf_links(struct fs *fs)
{
	struct fs_udev *u;

	if (link_add(fs, "u-dma-buf-mgr", false))
		return -ENOMEM;
	for (u = fs->udevs; u; u = u->next)
		if (link_add(fs, u->ub->name, true))
			return -ENOMEM;
	return 0;
}

static struct fs_link *link_find(struct fs *fs, uint64_t ino,
				 const char *name, uint64_t nth)
{
	struct fs_link *l;

	for (l = fs->links; l; l = l->next)
		if (name ? !strcmp(l->node.name, name) :
		    ino ? l->node.ino == ino : nth-- == 0)
			return l;
	return NULL;
}

int fs_udmabuf_init(struct fs *fs)
{
	struct udmabuf *ub;
	int err;

	for (ub = fs->board->udmabuf ? fs->board->udmabuf->head : NULL; ub;
	     ub = ub->next) {
		err = udev_add(fs, ub);
		if (err)
			return err;
	}
	return 0;
}

void fs_udmabuf_free_all(struct fs *fs)
{
	struct fs_udev *u, *next;
	struct fs_link *l, *lnext;

	for (l = fs->links; l; l = lnext) {
		lnext = l->next;
		free(l->node.target);
		free(l);
	}
	fs->links = NULL;

	for (u = fs->udevs; u; u = next) {
		next = u->next;
		udev_free(u);
	}
	fs->udevs = NULL;
}

static void udev_reap(struct fs *fs)
{
	struct fs_udev **pp = &fs->udevs, *u;

	while ((u = *pp)) {
		if (u->gone && !u->nopen) {
			*pp = u->next;
			udev_free(u);
		} else {
			pp = &u->next;
		}
	}
}

struct fs_node *fs_udmabuf_node(struct fs *fs, uint64_t ino,
				struct fs_udev **udev)
{
	struct fs_link *l = link_find(fs, ino, NULL, 0);
	struct fs_udev *u;

	if (l)
		return &l->node;
	for (u = fs->udevs; u; u = u->next)
		if (!u->gone && ino >= u->ino && ino < u->ino + u->nr_nodes) {
			if (udev)
				*udev = u;
			return &u->nodes[ino - u->ino];
		}
	return NULL;
}

struct fs_node *fs_udmabuf_lookup(struct fs *fs, uint64_t parent,
				  const char *name)
{
	struct fs_udev *u;
	unsigned int i;

	if (parent == fs->tree.udmabuf_links_ino) {
		struct fs_link *l = link_find(fs, 0, name, 0);

		return l ? &l->node : NULL;
	}
	for (u = fs->udevs; u; u = u->next) {
		if (u->gone)
			continue;
		if (parent == fs->tree.udmabuf_class_ino &&
		    !strcmp(u->nodes[0].name, name))
			return &u->nodes[0];
		if (parent == u->ino)
			for (i = 1; i < u->nr_nodes; i++)
				if (!strcmp(u->nodes[i].name, name))
					return &u->nodes[i];
	}
	return NULL;
}

struct fs_node *fs_udmabuf_child(struct fs *fs, uint64_t dir, uint64_t i)
{
	struct fs_udev *u;

	if (dir == fs->tree.udmabuf_links_ino) {
		struct fs_link *l = link_find(fs, 0, NULL, i);

		return l ? &l->node : NULL;
	}
	for (u = fs->udevs; u; u = u->next) {
		if (u->gone)
			continue;
		if (dir == fs->tree.udmabuf_class_ino && i-- == 0)
			return &u->nodes[0];
		if (dir == u->ino)
			return i + 1 < u->nr_nodes ? &u->nodes[i + 1] : NULL;
	}
	return NULL;
}

void fs_udmabuf_put_open(struct fs *fs, struct fs_udev *udev)
{
	if (udev->nopen)
		udev->nopen--;
	udev_reap(fs);
}

static int mgr_created(void *ctx, struct udmabuf *ub)
{
	return udev_add(ctx, ub);
}

/*
 * delete NAME: the device leaves the class at once; its bytes stay with
 * whoever still has the device file open or mapped (the driver would
 * free them under the mapping: rmemfs never gives mapped memory away).
 */
static void mgr_deleted(void *ctx, struct udmabuf *ub)
{
	struct fs *fs = ctx;
	struct fs_udev *u;

	for (u = fs->udevs; u; u = u->next)
		if (u->ub == ub && !u->gone) {
			u->gone = true;
			u->buf->udmabuf = NULL;
			fs_buffer_unlink(&fs->bufs, u->buf);
		}
	udmabuf_remove(fs->board, ub);
	udev_reap(fs);
}

ssize_t fs_udmabuf_mgr_write(struct fs *fs, struct udmabuf_mgr_file *f,
			     const char *data, size_t count)
{
	const struct udmabuf_mgr_ops ops = {
		.created = mgr_created,
		.deleted = mgr_deleted,
		.ctx = fs,
	};

	return udmabuf_mgr_write(fs->board, f, data, count, &ops);
}

/* u-dma-buf/ and its device directories: entries by index, under the lock */
void fs_udmabuf_readdir(fuse_req_t req, struct fs *fs, fuse_ino_t ino,
			uint64_t parent, size_t size, off_t off)
{
	char *buf = malloc(size);
	size_t used = 0, need;
	struct stat st;
	struct fs_node *c;
	uint64_t i;

	if (!buf)
		return (void)fuse_reply_err(req, ENOMEM);
	memset(&st, 0, sizeof(st));
	for (i = off > 0 ? (uint64_t)off : 0;; i++) {
		const char *name = i == 0 ? "." : i == 1 ? ".." : NULL;

		st.st_mode = S_IFDIR;
		st.st_ino = i == 0 ? ino : parent;
		if (!name) {
			pthread_mutex_lock(&fs->bufs.lock);
			c = fs_udmabuf_child(fs, ino, i - 2);
			if (c) {
				/* a directory entry needs the type only */
				st.st_ino = c->ino;
				st.st_mode = c->kind == FS_DIR ? S_IFDIR :
					     c->kind == FS_SYMLINK ? S_IFLNK : S_IFREG;
				name = c->name;
				need = fuse_add_direntry(req, buf + used, size - used,
							 name, &st, (off_t)(i + 1));
			}
			pthread_mutex_unlock(&fs->bufs.lock);
			if (!c)
				break;
		} else {
			need = fuse_add_direntry(req, buf + used, size - used, name,
						 &st, (off_t)(i + 1));
		}
		if (need > size - used)
			break;
		used += need;
	}
	fuse_reply_buf(req, buf, used);
	free(buf);
}

/*
 * The u-dma-buf ioctls on a device file, restricted (the kernel sizes the
 * argument from the command's _IOC bits).  The driver has no
 * compat_ioctl: a 32-bit caller gets ENOTTY, as on the board.
 */
void fs_udmabuf_ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int cmd,
		      void *arg, struct fuse_file_info *fi, unsigned flags,
		      const void *in_buf, size_t in_bufsz, size_t out_bufsz)
{
	struct fs *fs = req_fs(req);
	unsigned char out[64];
	size_t out_len = 0;
	struct fs_buffer *b;
	int err;

	(void)arg; (void)fi;
	if (flags & (FUSE_IOCTL_COMPAT | FUSE_IOCTL_DIR))
		return (void)fuse_reply_err(req, ENOTTY);
	pthread_mutex_lock(&fs->bufs.lock);
	b = fs_buffer_get(&fs->bufs, ino);
	if (!b || !b->dir->udmabuf)
		err = -ENOTTY;
	else if (!b->udmabuf)
		err = -ENODEV;	/* the manager deleted the device */
	else
		err = udmabuf_ioctl(b->udmabuf, (unsigned int)cmd, in_buf,
				    in_bufsz, out, &out_len);
	pthread_mutex_unlock(&fs->bufs.lock);
	fs_dma_run_pending(fs);	/* SET_SYNC_FOR_* and SET_SYNC */
	if (err)
		return (void)fuse_reply_err(req, -err);
	if (out_len > out_bufsz)
		return (void)fuse_reply_err(req, EFAULT);
	fuse_reply_ioctl(req, 0, out_len ? out : NULL, out_len);
}
