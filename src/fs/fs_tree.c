// SPDX-License-Identifier: GPL-2.0
/*
 * The static tree, built from the file tables of view/files.h: each
 * directory kind's entries in table order, the regions and devices in
 * the board's order.  The same walk first counts, then builds, so the
 * node array is allocated once and pointers into it stay valid.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs_buffer.h"
#include "fs/fs_tree.h"

static struct fs_node *node_new(struct fs_tree *t, struct fs_node *parent,
				const char *name, enum fs_kind kind, mode_t mode,
				const struct rm_obj *obj)
{
	struct fs_node *n;

	if (t->nr_nodes == t->cap_nodes)
		return NULL;
	n = &t->nodes[t->nr_nodes++];
	memset(n, 0, sizeof(*n));
	n->ino = t->nr_nodes;
	n->parent = parent ? parent->ino : FS_ROOT_INO;
	snprintf(n->name, sizeof(n->name), "%s", name);
	n->kind = kind;
	n->mode = mode;
	n->obj = *obj;
	if (parent) {
		uint64_t *c = realloc(parent->children,
				      (parent->nr_children + 1) * sizeof(*c));

		if (!c)
			return NULL;
		parent->children = c;
		c[parent->nr_children++] = n->ino;
	}
	return n;
}

static struct fs_bufdir *bufdir_of(struct fs_tree *t, struct fs_node *dir)
{
	struct fs_bufdir *bd;
	unsigned int i;

	for (i = 0; i < dir->nr_children; i++) {
		struct fs_node *c = &t->nodes[dir->children[i] - 1];

		if (c->bufdir)
			return c->bufdir;
	}
	if (t->nr_bufdirs == t->cap_bufdirs)
		return NULL;
	bd = &t->bufdirs[t->nr_bufdirs++];
	bd->device = dir->obj.dev;
	bd->region = dir->obj.region;
	return bd;
}

/*
 * One directory's entries from its table.  With counting set, only the
 * numbers of nodes and buffer directories grow.
 */
static int add_entries(struct fs_tree *t, struct fs_node *dir,
		       const struct rm_file *table, const struct rm_obj *obj,
		       bool counting);

static int add_object_dir(struct fs_tree *t, struct fs_node *parent,
			  const char *name, const struct rm_file *table,
			  const struct rm_obj *obj, bool counting)
{
	struct fs_node *dir;

	if (counting) {
		t->cap_nodes++;
		return add_entries(t, NULL, table, obj, true);
	}
	dir = node_new(t, parent, name, FS_DIR, 0555, obj);
	if (!dir)
		return -ENOMEM;
	return add_entries(t, dir, table, obj, false);
}

static int add_collection(struct fs_tree *t, struct fs_node *dir,
			  const struct rm_file *f, const struct rm_obj *obj,
			  bool counting)
{
	struct rm_board *b = obj->b;
	unsigned int i;
	int err = 0;

	if (f->kind == RM_FILE_REGIONS) {
		for (i = 0; i < b->nr_regions && !err; i++) {
			struct rm_obj o = { .b = b, .region = b->regions[i] };

			err = add_object_dir(t, dir, o.region->dirname,
					     rm_region_files, &o, counting);
		}
	} else {
		for (i = 0; i < b->nr_devices && !err; i++) {
			struct rm_obj o = { .b = b, .dev = b->devices[i] };

			err = add_object_dir(t, dir, o.dev->name,
					     rm_device_files, &o, counting);
		}
	}
	return err;
}

static int add_entries(struct fs_tree *t, struct fs_node *dir,
		       const struct rm_file *table, const struct rm_obj *obj,
		       bool counting)
{
	const struct rm_file *f;
	char target[2 * RM_NAME_MAX];
	int err;

	for (f = table; f->name; f++) {
		static const enum fs_kind kinds[] = {
			[RM_FILE_TEXT] = FS_TEXT,
			[RM_FILE_ALLOC] = FS_ALLOC,
			[RM_FILE_BUFFERS] = FS_BUFDIR,
			[RM_FILE_LINK] = FS_SYMLINK,
			[RM_FILE_REGIONS] = FS_DIR,
			[RM_FILE_DEVICES] = FS_DIR,
			[RM_FILE_UDMABUF_CLASS] = FS_UDCLASS,
			[RM_FILE_UDMABUF_DEV] = FS_BUFDIR,
			[RM_FILE_UDMABUF_MGR] = FS_MGR,
			[RM_FILE_UDMABUF_LINKS] = FS_DEVLINKS,
			[RM_FILE_DMA] = FS_DMA,
			[RM_FILE_DMA_SYNC] = FS_DMASYNC,
		};
		struct fs_node *n = NULL;

		if (!rm_file_present(f, obj))
			continue;
		if (counting) {
			t->cap_nodes++;
			t->cap_bufdirs += f->kind == RM_FILE_ALLOC ||
					  f->kind == RM_FILE_UDMABUF_DEV;
		} else {
			n = node_new(t, dir, f->name, kinds[f->kind], f->mode, obj);
			if (!n)
				return -ENOMEM;
			n->file = f;
		}
		switch (f->kind) {
		case RM_FILE_REGIONS:
		case RM_FILE_DEVICES:
			err = add_collection(t, n, f, obj, counting);
			if (err)
				return err;
			break;
		case RM_FILE_LINK:
			if (counting)
				break;
			f->target(obj, target, sizeof(target));
			n->target = strdup(target);
			if (!n->target)
				return -ENOMEM;
			break;
		case RM_FILE_ALLOC:
		case RM_FILE_BUFFERS:
			if (counting)
				break;
			n->bufdir = bufdir_of(t, dir);
			if (!n->bufdir)
				return -ENOMEM;
			if (f->kind == RM_FILE_BUFFERS)
				n->bufdir->ino = n->ino;
			break;
		case RM_FILE_UDMABUF_DEV:
			if (counting)
				break;
			/* its own bufdir: the device files, nobody's alloc */
			if (t->nr_bufdirs == t->cap_bufdirs)
				return -ENOMEM;
			n->bufdir = &t->bufdirs[t->nr_bufdirs++];
			n->bufdir->ino = n->ino;
			n->bufdir->udmabuf = true;
			t->udmabuf_dev = n->bufdir;
			break;
		case RM_FILE_UDMABUF_CLASS:
			if (!counting)
				t->udmabuf_class_ino = n->ino;
			break;
		case RM_FILE_UDMABUF_LINKS:
			if (!counting)
				t->udmabuf_links_ino = n->ino;
			break;
		case RM_FILE_TEXT:
		case RM_FILE_UDMABUF_MGR:
		case RM_FILE_DMA:
		case RM_FILE_DMA_SYNC:
			break;
		}
	}
	return 0;
}

int fs_tree_build(struct fs_tree *t, struct rm_board *b)
{
	struct rm_obj root_obj = { .b = b };
	struct fs_node *root;
	int err;

	memset(t, 0, sizeof(*t));
	t->cap_nodes = 1;
	err = add_entries(t, NULL, rm_root_files, &root_obj, true);
	if (err)
		return err;
	t->nodes = calloc(t->cap_nodes, sizeof(*t->nodes));
	t->bufdirs = calloc(t->cap_bufdirs ? t->cap_bufdirs : 1,
			    sizeof(*t->bufdirs));
	if (!t->nodes || !t->bufdirs)
		return -ENOMEM;
	root = node_new(t, NULL, "", FS_DIR, 0555, &root_obj);
	if (!root)
		return -ENOMEM;
	return add_entries(t, root, rm_root_files, &root_obj, false);
}

void fs_tree_free(struct fs_tree *t)
{
	uint64_t i;

	for (i = 0; i < t->nr_nodes; i++) {
		free(t->nodes[i].children);
		free(t->nodes[i].target);
	}
	free(t->nodes);
	free(t->bufdirs);
	t->nodes = NULL;
	t->bufdirs = NULL;
}

struct fs_node *fs_node_get(struct fs_tree *t, uint64_t ino)
{
	return ino >= 1 && ino <= t->nr_nodes ? &t->nodes[ino - 1] : NULL;
}

struct fs_node *fs_node_child(struct fs_tree *t, struct fs_node *dir,
			      const char *name)
{
	unsigned int i;

	for (i = 0; i < dir->nr_children; i++) {
		struct fs_node *c = fs_node_get(t, dir->children[i]);

		if (c && !strcmp(c->name, name))
			return c;
	}
	return NULL;
}
