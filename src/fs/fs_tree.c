// SPDX-License-Identifier: GPL-2.0
/*
 * The static tree: built once after boot, never changed.  A table maps
 * each path to a kind and a renderer, as lxcfs does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fs_internal.h"
#include "view/render.h"

static struct fs_node *node_new(struct fs *fs, struct fs_node *parent,
				const char *name, enum fs_kind kind, mode_t mode)
{
	struct fs_node *n;

	if (fs->nr_nodes == fs->cap_nodes)
		return NULL;	/* sized in advance: pointers stay valid */
	n = &fs->nodes[fs->nr_nodes++];
	memset(n, 0, sizeof(*n));
	n->ino = fs->nr_nodes;
	n->parent = parent ? parent->ino : FS_ROOT_INO;
	snprintf(n->name, sizeof(n->name), "%s", name);
	n->kind = kind;
	n->mode = mode;
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

static struct fs_node *text_new(struct fs *fs, struct fs_node *parent,
				const char *name, enum fs_text t)
{
	struct fs_node *n = node_new(fs, parent, name, FS_TEXT, 0444);

	if (n)
		n->text = t;
	return n;
}

static struct fs_node *link_new(struct fs *fs, struct fs_node *parent,
				const char *name, const char *prefix,
				const char *target)
{
	struct fs_node *n = node_new(fs, parent, name, FS_SYMLINK, 0777);

	if (n)
		snprintf(n->target, sizeof(n->target), "%s%s", prefix, target);
	return n;
}

/* alloc + buffers/ for a device or a pool region */
static int add_alloc(struct fs *fs, struct fs_node *dir, struct rm_device *dev,
		     struct rm_region *r)
{
	struct fs_bufdir *bd = &fs->bufdirs[fs->nr_bufdirs++];
	struct fs_node *alloc, *bufs;

	bd->device = dev;
	bd->region = r;
	alloc = node_new(fs, dir, "alloc", FS_ALLOC, 0666);
	/* sticky and world-writable like /tmp: only a buffer's owner removes it */
	bufs = node_new(fs, dir, "buffers", FS_BUFDIR, 01777);
	if (!alloc || !bufs)
		return -ENOMEM;
	alloc->bufdir = bufs->bufdir = bd;
	alloc->device = bufs->device = dev;
	alloc->region = bufs->region = r;
	bd->ino = bufs->ino;
	return 0;
}

static int add_region(struct fs *fs, struct fs_node *regions, struct rm_region *r)
{
	const char *const *f = rm_region_files(r);
	struct fs_node *dir = node_new(fs, regions, r->dirname, FS_DIR, 0555);

	if (!dir)
		return -ENOMEM;
	dir->region = r;
	for (; *f; f++) {
		struct fs_node *n = text_new(fs, dir, *f, FS_T_REGION);

		if (!n)
			return -ENOMEM;
		n->region = r;
		n->file = *f;
	}
	return rm_region_is_pool(r) ? add_alloc(fs, dir, NULL, r) : 0;
}

static int add_device(struct fs *fs, struct fs_node *devices,
		      struct rm_device *dev)
{
	static const char *const files[] = { "of_node", "memory-region" };
	struct fs_node *dir = node_new(fs, devices, dev->name, FS_DIR, 0555), *n;
	unsigned int i;

	if (!dir)
		return -ENOMEM;
	dir->device = dev;
	for (i = 0; i < 2; i++) {
		n = text_new(fs, dir, files[i], FS_T_DEVICE);
		if (!n)
			return -ENOMEM;
		n->device = dev;
		n->file = files[i];
	}
	if (dev->dma_mem_region &&
	    !link_new(fs, dir, "dma_mem", "../../regions/", dev->dma_mem_region->dirname))
		return -ENOMEM;
	if (dev->cma_area_region &&
	    !link_new(fs, dir, "cma_area", "../../regions/", dev->cma_area_region->dirname))
		return -ENOMEM;
	n = text_new(fs, dir, "allocations", FS_T_ALLOCATIONS);
	if (!n)
		return -ENOMEM;
	n->device = dev;
	return add_alloc(fs, dir, dev, NULL);
}

int fs_tree_build(struct fs *fs)
{
	struct rm_board *b = fs->board;
	struct fs_node *root, *regions, *devices;
	unsigned int i;

	fs->cap_nodes = 16 + (uint64_t)b->nr_regions * 24 + (uint64_t)b->nr_devices * 12;
	fs->nodes = calloc(fs->cap_nodes, sizeof(*fs->nodes));
	fs->bufdirs = calloc(b->nr_regions + b->nr_devices + 1, sizeof(*fs->bufdirs));
	if (!fs->nodes || !fs->bufdirs)
		return -ENOMEM;
	root = node_new(fs, NULL, "", FS_DIR, 0555);
	if (!root || !text_new(fs, root, "dmesg", FS_T_DMESG) ||
	    !text_new(fs, root, "iomem", FS_T_IOMEM) ||
	    !text_new(fs, root, "meminfo", FS_T_MEMINFO) ||
	    !text_new(fs, root, "cmdline", FS_T_CMDLINE) ||
	    !text_new(fs, root, "config", FS_T_CONFIG))
		return -ENOMEM;
	regions = node_new(fs, root, "regions", FS_DIR, 0555);
	devices = node_new(fs, root, "devices", FS_DIR, 0555);
	if (!regions || !devices)
		return -ENOMEM;
	for (i = 0; i < b->nr_regions; i++) {
		struct rm_region *r = b->regions[i];

		if (add_region(fs, regions, r))
			return -ENOMEM;
		if (r->cma && r->cma == b->default_cma &&
		    !link_new(fs, root, "cma-default", "regions/", r->dirname))
			return -ENOMEM;
	}
	for (i = 0; i < b->nr_devices; i++)
		if (add_device(fs, devices, b->devices[i]))
			return -ENOMEM;
	fs->next_ino = fs->nr_nodes + 1;
	return 0;
}

void fs_tree_free(struct fs *fs)
{
	uint64_t i;

	for (i = 0; i < fs->nr_nodes; i++)
		free(fs->nodes[i].children);
	free(fs->nodes);
	free(fs->bufdirs);
	fs->nodes = NULL;
	fs->bufdirs = NULL;
}

struct fs_node *fs_node_get(struct fs *fs, uint64_t ino)
{
	return ino >= 1 && ino <= fs->nr_nodes ? &fs->nodes[ino - 1] : NULL;
}

struct fs_node *fs_node_child(struct fs *fs, struct fs_node *dir,
			      const char *name)
{
	unsigned int i;

	for (i = 0; i < dir->nr_children; i++) {
		struct fs_node *c = fs_node_get(fs, dir->children[i]);

		if (c && !strcmp(c->name, name))
			return c;
	}
	return NULL;
}
