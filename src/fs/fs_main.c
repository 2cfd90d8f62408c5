// SPDX-License-Identifier: GPL-2.0
/*
 * Mounting: boot the board, build the tree, run the multi-threaded FUSE
 * loop until unmounted or signalled (SIGTERM/SIGINT unmount and exit 0).
 */
#include <errno.h>
#include <limits.h>
#include <fuse_lowlevel.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "fs/fs.h"
#include "fs/fs_io.h"
#include "fs/fs_ops.h"
#include "fs/fs_passthrough.h"
#include "fs/fs_socket.h"
#include "fs/fs_udmabuf.h"
#include "util/strbuf.h"

/* every buffer still holding pool memory, for allocations and the map */
static int live_buffers(void *ctx, struct rm_live_buffer **v, unsigned int *n)
{
	struct fs *fs = ctx;
	int ret;

	pthread_mutex_lock(&fs->bufs.lock);
	ret = fs_buffers_live(&fs->bufs, v, n);
	pthread_mutex_unlock(&fs->bufs.lock);
	return ret;
}

static int dma_faults(void *ctx, const struct rm_device *dev, struct strbuf *sb)
{
	return fs_dma_show_faults(ctx, dev, sb);
}

static int sync_report(void *ctx, const struct rm_device *dev,
		       struct strbuf *sb)
{
	return fs_dma_show_sync_report(ctx, dev, sb);
}

static const char *show_backing(void *ctx)
{
	(void)ctx;
	return fs_passthrough_state();
}

static int fs_setup(struct fs *fs, const struct rm_options *o)
{
	char err[1024];
	int ret;

	memset(fs, 0, sizeof(*fs));
	pthread_mutex_init(&fs->handles_lock, NULL);
	fs->uid = getuid();
	fs->gid = getgid();
	fs->env.backing = show_backing;
	fs->env.buffers = live_buffers;
	fs->env.dma_faults = dma_faults;
	fs->env.sync_report = sync_report;
	fs_dma_init(&fs->dma);
	fs->env.board_path = o->dtb;
	fs->env.ctx = fs;
	clock_gettime(CLOCK_REALTIME, &fs->mounted);
	ret = rm_options_boot(o, &fs->board, &fs->blob, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "rmemfs: %s\n", err);
		return ret;
	}
	if (rm_findings_errors(&fs->board->findings) || fs->board->log.nr_err)
		/* one line, before the daemon leaves the terminal */
		fprintf(stderr, "rmemfs: %s: the boot has %u error finding%s and "
			"logged %u error%s (cat MOUNTPOINT/board, or rmemfs "
			"--dry-run)\n", o->dtb ? o->dtb : "built-in board",
			rm_findings_errors(&fs->board->findings),
			rm_findings_errors(&fs->board->findings) == 1 ? "" : "s",
			fs->board->log.nr_err, fs->board->log.nr_err == 1 ? "" : "s");
	if (fs->board->panicked) {
		/* there is no system left to show: the dry-run says where */
		fprintf(stderr, "rmemfs: the kernel dies booting this board "
			"(rmemfs --dry-run shows where)\n");
		return -EINVAL;
	}
	ret = fs_tree_build(&fs->tree, fs->board);
	if (ret) {
		fprintf(stderr, "rmemfs: out of memory building the tree\n");
		return ret;
	}
	fs_buffers_init(&fs->bufs, fs->board, fs->tree.nr_nodes + 1);
	fs->bufs.strict = o->sync && !strcmp(o->sync, "strict");
	/* the driver's syncs reach the model of the caches */
	ret = udmabuf_set_sync_hook(fs->board, fs_dma_udmabuf_sync, fs);
	if (!ret)
		ret = fs_udmabuf_init(fs);
	if (ret)
		fprintf(stderr, "rmemfs: cannot make the u-dma-buf devices: %s\n",
			strerror(-ret));
	return ret;
}

static void fs_teardown(struct fs *fs)
{
	fs_handles_free_all(fs);
	fs_udmabuf_free_all(fs);
	free(fs->mountpoint);
	fs_dma_release(&fs->dma);
	if (fs->bufs.board)
		fs_buffers_free(&fs->bufs);
	fs_tree_free(&fs->tree);
	rm_board_free(fs->board);
	free(fs->blob);
	pthread_mutex_destroy(&fs->handles_lock);
}

/*
 * The mount's source is the board (findmnt, /proc/mounts): its absolute
 * path, commas and backslashes escaped for -o; "rmemfs" for the built-in.
 */
static int add_fsname(struct fuse_args *args, const char *dtb)
{
	struct strbuf sb = STRBUF_INIT;
	char *abs = dtb ? realpath(dtb, NULL) : NULL;
	const char *p = abs ? abs : dtb ? dtb : "rmemfs";
	int ret;

	strbuf_printf(&sb, "-ofsname=");
	for (; *p; p++) {
		if (*p == ',' || *p == '\\')
			strbuf_add(&sb, "\\", 1);
		strbuf_add(&sb, p, 1);
	}
	ret = sb.s ? fuse_opt_add_arg(args, sb.s) : -1;
	strbuf_release(&sb);
	free(abs);
	return ret;
}

/*
 * A buffer holds a memfd, and once a file of it is handed out a probe
 * file too (fs_passthrough.c): the usual soft limit of 1024 files would
 * cap the buffers, not the pools.  The hard limit is the system's word.
 */
static void raise_nofile(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int rm_fs_main(const struct rm_options *o, const char *mountpoint,
	       struct fuse_args *args)
{
	struct fuse_cmdline_opts opts;
	struct fuse_loop_config *cfg = NULL;
	struct fuse_session *se = NULL;
	struct fs fs;
	int ret = 1;

	if (fuse_opt_add_arg(args, "-odefault_permissions") ||
	    add_fsname(args, o->dtb) ||
	    fuse_opt_add_arg(args, "-osubtype=rmemfs"))
		return 1;
	memset(&opts, 0, sizeof(opts));
	if (fuse_parse_cmdline(args, &opts) != 0)
		return 1;
	raise_nofile();
	if (fs_setup(&fs, o))
		goto out_free;
	/* .dev-links point here; relative to the cwd it would not resolve */
	fs.mountpoint = realpath(mountpoint, NULL);
	if (!fs.mountpoint || fs_udmabuf_links(&fs))
		goto out_fs;
	se = fuse_session_new(args, &rm_fs_ops, sizeof(rm_fs_ops), &fs);
	if (!se)
		goto out_fs;
	if (fuse_set_signal_handlers(se))
		goto out_session;
	if (fuse_session_mount(se, mountpoint))
		goto out_signals;
	fs.dma.se = se;
	fs.bufs.se = se;
	if (o->no_passthrough) {
		fs_passthrough_disable("nopassthrough");
	} else {
		struct fs_passthrough_hooks hooks = {
			.closed = fs_buffer_backing_closed,
			.settle = fs_buffer_backing_settle,
			.ctx = &fs.bufs,
		};

		if (fs_passthrough_setup(se, &hooks))
			fprintf(stderr, "rmemfs: passthrough unavailable, using the page cache\n");
	}
	/* the parent returns once the mount is live: callers need no sleep */
	if (fuse_daemonize(opts.foreground))
		goto out_unmount;
	/* after the fork: librmemfs's fast path (the files work without) */
	if (fs_socket_start(&fs))
		fprintf(stderr, "rmemfs: no fast-path socket: librmemfs uses the files\n");
	if (opts.singlethread) {
		ret = fuse_session_loop(se);
	} else {
		cfg = fuse_loop_cfg_create();
		if (!cfg)
			goto out_unmount;
		fuse_loop_cfg_set_clone_fd(cfg, opts.clone_fd);
		if (opts.max_idle_threads != UINT_MAX)
			fuse_loop_cfg_set_idle_threads(cfg, opts.max_idle_threads);
		/* libfuse leaves UINT_MAX when max_threads= was not given */
		if (opts.max_threads && opts.max_threads <= 100000)
			fuse_loop_cfg_set_max_threads(cfg, opts.max_threads);
		ret = fuse_session_loop_mt(se, cfg);
		fuse_loop_cfg_destroy(cfg);
	}
	/* an unmount returns 0; a handled signal its number: both clean */
	ret = ret < 0 ? 1 : 0;
out_unmount:
	fs_socket_stop(&fs);
	fs_passthrough_stop();
	fuse_session_unmount(se);
out_signals:
	fuse_remove_signal_handlers(se);
out_session:
	fuse_session_destroy(se);
out_fs:
	fs_teardown(&fs);
out_free:
	free(opts.mountpoint);
	return ret;
}
