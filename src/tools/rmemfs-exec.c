// SPDX-License-Identifier: GPL-2.0
/*
 * rmemfs-exec MOUNTPOINT [--] COMMAND [ARGS...] - run a u-dma-buf program
 * unchanged against an rmemfs mount: in a private mount namespace, every
 * u-dma-buf device of the mount is /dev/NAME, the attributes are
 * /sys/class/u-dma-buf/NAME/ and the manager is /dev/u-dma-buf-mgr.
 *
 * /dev and /sys/class become overlays whose upper layers live in a tmpfs
 * of the namespace, so nothing outside changes and everything goes when
 * the namespace does.  /dev's top layer is the mount's .dev-links (a
 * symlink per device file, served by rmemfs, so devices the manager makes
 * later appear too); /sys/class/u-dma-buf is a bind of the mount's
 * u-dma-buf/.  As root the namespace is a plain mount namespace;
 * otherwise a user namespace maps the caller to itself first.  No FUSE
 * header here: this only mounts.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *prog = "rmemfs-exec";
static int in_userns;	/* overlayfs then needs "userxattr" */

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(125);
}

static void usage(void)
{
	fprintf(stderr, "usage: %s MOUNTPOINT [--] COMMAND [ARGS...]\n"
		"Runs COMMAND where the rmemfs mount's u-dma-buf devices are "
		"/dev/NAME,\n/sys/class/u-dma-buf/NAME/ and /dev/u-dma-buf-mgr, "
		"in a private mount namespace.\n", prog);
	exit(125);
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		die("cannot write %s: %s", path, strerror(errno));
	close(fd);
}

/* a private mount namespace: plain as root, in a user namespace if not */
static void enter_namespace(void)
{
	uid_t uid = geteuid();
	gid_t gid = getegid();
	char map[64];

	if (uid == 0) {
		if (unshare(CLONE_NEWNS))
			die("unshare(CLONE_NEWNS): %s", strerror(errno));
	} else {
		in_userns = 1;
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
			die("not root, and no user namespace: unshare(CLONE_NEWUSER"
			    "|CLONE_NEWNS): %s (run as root, or allow unprivileged "
			    "user namespaces: sysctl kernel.unprivileged_userns_clone"
			    "=1 / user.max_user_namespaces)", strerror(errno));
		snprintf(map, sizeof(map), "%u %u 1\n", uid, uid);
		write_file("/proc/self/uid_map", map);
		write_file("/proc/self/setgroups", "deny");
		snprintf(map, sizeof(map), "%u %u 1\n", gid, gid);
		write_file("/proc/self/gid_map", map);
	}
	/* nothing we mount propagates back out */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		die("making / private: %s", strerror(errno));
}

static void xmount(const char *src, const char *dst, const char *type,
		   unsigned long flags, const char *data)
{
	if (mount(src, dst, type, flags, data))
		die("mount %s on %s%s%s: %s", src ? src : type, dst,
		    data ? " with " : "", data ? data : "", strerror(errno));
}

static void xmkdir(const char *path)
{
	if (mkdir(path, 0755) && errno != EEXIST)
		die("mkdir %s: %s", path, strerror(errno));
}

/* a path as an overlay option value: ':', ',' and '\\' escaped */
static void escape(char *out, size_t len, const char *path)
{
	size_t k = 0;

	for (; *path && k + 2 < len; path++) {
		if (*path == ':' || *path == ',' || *path == '\\')
			out[k++] = '\\';
		out[k++] = *path;
	}
	out[k] = 0;
}

/*
 * An overlay on dir: first the layer on top (NULL: none), then lower;
 * the upper layer in the tmpfs takes what programs create.  0 or -errno,
 * the options in opts for the message.
 */
static int try_overlay(const char *stage, const char *tag, const char *top,
		       const char *lower, const char *dir, char *opts,
		       size_t len)
{
	char up[PATH_MAX], work[PATH_MAX], e1[2 * PATH_MAX], e2[2 * PATH_MAX];

	snprintf(up, sizeof(up), "%s/%s-upper", stage, tag);
	snprintf(work, sizeof(work), "%s/%s-work", stage, tag);
	xmkdir(up);
	xmkdir(work);
	escape(e2, sizeof(e2), lower);
	escape(e1, sizeof(e1), top ? top : "");
	snprintf(opts, len, "lowerdir=%s%s%s,upperdir=%s,workdir=%s%s", e1,
		 top ? ":" : "", e2, up, work, in_userns ? ",userxattr" : "");
	return mount("overlay", dir, "overlay", 0, opts) ? -errno : 0;
}

static void overlay(const char *stage, const char *tag, const char *top,
		    const char *dir)
{
	char opts[7 * PATH_MAX];
	int err = try_overlay(stage, tag, top, dir, dir, opts, sizeof(opts));

	if (err)
		die("mount overlay on %s with %s: %s", dir, opts, strerror(-err));
}

/*
 * A user namespace cannot take /dev itself as a lower layer (its
 * submounts are locked to it): a layer of symlinks to each of its entries
 * in the copy kept in the stage stands in for it.
 */
static void dev_symlink_layer(const char *old, const char *base)
{
	char from[2 * PATH_MAX], to[2 * PATH_MAX];
	struct dirent *d;
	DIR *dir = opendir(old);

	if (!dir)
		die("%s: %s", old, strerror(errno));
	xmkdir(base);
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(from, sizeof(from), "%s/%s", old, d->d_name);
		snprintf(to, sizeof(to), "%s/%s", base, d->d_name);
		if (symlink(from, to))
			die("symlink %s: %s", to, strerror(errno));
	}
	closedir(dir);
}

/*
 * The overlay hides what was mounted below /dev (pts, shm, mqueue):
 * bind each back from the copy of the old /dev kept in the stage.
 */
static void rebind_dev_submounts(const char *old)
{
	FILE *f = fopen("/proc/self/mountinfo", "r");
	char line[4096], mnt[64][256], src[PATH_MAX + 256];
	unsigned int n = 0, i, k;

	if (!f)
		die("/proc/self/mountinfo: %s", strerror(errno));
	/* read them all first: each bind adds lines to the file */
	while (n < 64 && fgets(line, sizeof(line), f)) {
		/* id parent maj:min root MOUNTPOINT ... */
		if (sscanf(line, "%*s %*s %*s %*s %255s", mnt[n]) != 1)
			continue;
		if (strncmp(mnt[n], "/dev/", 5) || strchr(mnt[n] + 5, '/'))
			continue;
		for (k = 0; k < n && strcmp(mnt[k], mnt[n]); k++)
			;
		n += k == n;	/* once each */
	}
	fclose(f);
	for (i = 0; i < n; i++) {
		snprintf(src, sizeof(src), "%s%s", old, mnt[i] + 4);
		if (mount(src, mnt[i], NULL, MS_BIND | MS_REC, NULL))
			fprintf(stderr, "%s: warning: %s not restored: %s\n", prog,
				mnt[i], strerror(errno));
	}
}

static void setup(const char *mnt, const char *stage)
{
	char path[PATH_MAX + 300], old[PATH_MAX + 16], base[PATH_MAX + 16];
	char opts[7 * PATH_MAX];
	int err;

	enter_namespace();
	xmount("rmemfs-exec", stage, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700");
	snprintf(old, sizeof(old), "%s/old-dev", stage);
	xmkdir(old);
	xmount("/dev", old, NULL, MS_BIND | MS_REC, NULL);
	/*
	 * /dev: the mount's .dev-links on top (NAME -> MOUNTPOINT/dev/NAME,
	 * u-dma-buf-mgr -> MOUNTPOINT/u-dma-buf-mgr).  rmemfs serves that
	 * layer, so a device the manager makes while COMMAND runs is
	 * /dev/NAME the moment its create returns.
	 */
	snprintf(path, sizeof(path), "%s/.dev-links", mnt);
	if (try_overlay(stage, "dev", path, "/dev", "/dev", opts, sizeof(opts))) {
		snprintf(base, sizeof(base), "%s/dev-base", stage);
		dev_symlink_layer(old, base);
		err = try_overlay(stage, "dev2", path, base, "/dev", opts,
				  sizeof(opts));
		if (err)
			die("mount overlay on /dev with %s: %s", opts,
			    strerror(-err));
	} else {
		rebind_dev_submounts(old);
	}
	overlay(stage, "class", NULL, "/sys/class");

	/* the class: the mount's directory, so devices the manager makes
	 * while COMMAND runs show up there too */
	snprintf(path, sizeof(path), "%s/u-dma-buf", mnt);
	xmkdir("/sys/class/u-dma-buf");
	xmount(path, "/sys/class/u-dma-buf", NULL, MS_BIND, NULL);
}

int main(int argc, char **argv)
{
	char mnt[PATH_MAX], probe[PATH_MAX + 32], stage[] = "/tmp/rmemfs-exec.XXXXXX";
	char target[PATH_MAX + 32];
	struct stat st;
	int i = 2, status;
	ssize_t n;
	pid_t pid;

	if (argc < 3 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		usage();
	if (!realpath(argv[1], mnt))
		die("%s: %s", argv[1], strerror(errno));
	snprintf(probe, sizeof(probe), "%s/u-dma-buf-mgr", mnt);
	if (stat(probe, &st))
		die("%s is not an rmemfs mount (no u-dma-buf-mgr): %s", mnt,
		    strerror(errno));
	/* the links rmemfs serves name the path it was mounted on */
	snprintf(probe, sizeof(probe), "%s/.dev-links/u-dma-buf-mgr", mnt);
	n = readlink(probe, target, sizeof(target) - 1);
	if (n < 0)
		die("%s: %s (an rmemfs older than rmemfs-exec?)", probe,
		    strerror(errno));
	target[n] = 0;
	snprintf(probe, sizeof(probe), "%s/u-dma-buf-mgr", mnt);
	if (strcmp(target, probe))
		die("rmemfs was mounted on %.*s, reached here as %s: give that "
		    "path", (int)(strlen(target) - strlen("/u-dma-buf-mgr")),
		    target, mnt);
	if (!strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		usage();
	/* the stage is a host directory only as a mount point */
	if (!mkdtemp(stage))
		die("mkdtemp %s: %s", stage, strerror(errno));
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		setup(mnt, stage);
		execvp(argv[i], argv + i);
		die("%s: %s", argv[i], strerror(errno));
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	rmdir(stage);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
