/* SPDX-License-Identifier: GPL-2.0 */
/*
 * files - every directory rmemfs shows declares its entries once, here:
 * name, kind, mode, and for text files show (and store, for writable
 * ones), as mm/cma_debug.c's cma_debugfs_add_one() and lxcfs's type
 * table do.  The FUSE layer builds its tree, lists, looks up and renders
 * from these tables alone; nothing else names a file.
 */
#ifndef RM_FILES_H
#define RM_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "kernel/system.h"
#include "util/strbuf.h"
#include "view/map.h"

enum rm_file_kind {
	RM_FILE_TEXT,		/* show() at every read from offset 0 */
	RM_FILE_ALLOC,		/* write "SIZE [NAME]", read the result */
	RM_FILE_BUFFERS,	/* the directory of live buffers */
	RM_FILE_LINK,		/* a symlink to target() */
	RM_FILE_REGIONS,	/* a directory per region: rm_region_files */
	RM_FILE_DEVICES,	/* a directory per device: rm_device_files */
	RM_FILE_UDMABUF_CLASS,	/* /sys/class/u-dma-buf: a directory per
				 * device, rm_udmabuf_attr_file each entry */
	RM_FILE_UDMABUF_DEV,	/* /dev: the u-dma-buf device files */
	RM_FILE_UDMABUF_MGR,	/* /dev/u-dma-buf-mgr */
	RM_FILE_UDMABUF_LINKS,	/* a symlink per device file and to the
				 * manager: rmemfs-exec's /dev layer */
	RM_FILE_DMA,		/* a device's view: offsets are DMA addresses */
	RM_FILE_DMA_SYNC,	/* write "for_cpu|for_device DMA_ADDR SIZE" */
};

struct udmabuf;
struct udmabuf_attr;

/* what a file is about */
struct rm_obj {
	struct rm_board *b;
	struct rm_region *region;	/* region files */
	struct rm_device *dev;		/* device files */
	struct udmabuf *udmabuf;	/* a u-dma-buf attribute ... */
	const struct udmabuf_attr *uattr; /* ... and which one */
};

/* what only the front end knows (the FUSE layer, a test, the fuzzer) */
struct rm_view_env {
	/* config's backing= (how buffer bytes are served), NULL: none */
	const char *(*backing)(void *ctx);
	/*
	 * Every buffer whose pool memory is still taken (unlinked ones still
	 * mapped too), oldest first: 0 and a malloc'ed array, or -errno.
	 */
	int (*buffers)(void *ctx, struct rm_live_buffer **v, unsigned int *n);
	/* the DMA faults a device's dma file recorded, one line each */
	int (*dma_faults)(void *ctx, const struct rm_device *dev,
			  struct strbuf *sb);
	/* the syncs and stale reads of a device's buffers */
	int (*sync_report)(void *ctx, const struct rm_device *dev,
			   struct strbuf *sb);
	const char *board_path;		/* the DTB or DTS given; NULL: built-in */
	void *ctx;
};

struct rm_file {
	const char *name;		/* NULL ends a table */
	enum rm_file_kind kind;
	unsigned int mode;		/* permission bits */
	/* RM_FILE_TEXT: the text, appended to sb; 0 or -errno */
	int (*show)(const struct rm_obj *o, const struct rm_view_env *env,
		    struct strbuf *sb);
	/* writable RM_FILE_TEXT: one write, parsed whole; 0 or -errno */
	int (*store)(const struct rm_obj *o, const char *buf, size_t len);
	/* NULL: always there */
	bool (*present)(const struct rm_obj *o);
	/* RM_FILE_LINK: the target, relative to the directory */
	void (*target)(const struct rm_obj *o, char *buf, size_t len);
};

extern const struct rm_file rm_root_files[];
extern const struct rm_file rm_region_files[];
extern const struct rm_file rm_device_files[];
/* every u-dma-buf attribute file: show/store through o->uattr */
extern const struct rm_file rm_udmabuf_attr_file;

static inline bool rm_file_present(const struct rm_file *f,
				   const struct rm_obj *o)
{
	return !f->present || f->present(o);
}

/* a region with a pool behind it: it has the pool files and alloc */
bool rm_region_is_pool(const struct rm_region *r);
/*
 * allocations: one "NAME PHYS DMA SIZE POOL" line per live buffer of a
 * device (made through its alloc file), or per block taken from a region
 * (the DMA atomic pools first, then every buffer from it)
 */
int rm_show_allocations(const struct rm_obj *o, const struct rm_view_env *env,
			struct strbuf *sb);

/*
 * Render one text file into a fresh buffer: 0 and a malloc'ed text (its
 * length in *len), or -errno.
 */
int rm_file_render(const struct rm_file *f, const struct rm_obj *o,
		   const struct rm_view_env *env, char **text, size_t *len);

#endif
