// SPDX-License-Identifier: GPL-2.0
/*
 * api_test - librmemfs against a mount:
 *   api_test place DIR SIZE...     allocate each (named a0, a1, ...), print
 *                                  "NAME DMA" lines, free none
 *   api_test life DIR              fork, exec and SIGKILL with buffers held:
 *                                  memory goes back exactly when the last
 *                                  user does (TAP lines)
 *   api_test errors DIR REGIONDIR  every errno (TAP lines)
 *   api_test path DIR              "fast" when the buffer's fd is its memory
 *                                  (the socket's answer), "files" otherwise
 *   api_test reuse DIR             the fast path's kept memfds: zeros again,
 *                                  never one a client still holds (TAP)
 *   api_test seq MNT SEQ           an oracle sequence (rmemprobe.seq:
 *                                  DEV:a:SIZE and DEV:f:STEP, ';'-separated)
 *                                  through rmem_alloc/rmem_free: for each
 *                                  step "I DMA POOL", "I FAIL ERRNO" or
 *                                  "I freed"
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "lib/rmemfs.h"

static int n, failed;
static const char *dir;
static int fast;	/* the socket's answer: frees are seen at once */

static void check(int cond, const char *what)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++n, what);
	failed |= !cond;
}

/* NAME is listed in DIR/allocations (its memory is taken) */
static int listed(const char *name)
{
	char p[600], line[600];
	size_t l = strlen(name);
	FILE *f;
	int found = 0;

	snprintf(p, sizeof(p), "%s/allocations", dir);
	f = fopen(p, "r");
	while (f && fgets(line, sizeof(line), f))
		found |= !strncmp(line, name, l) && line[l] == ' ';
	if (f)
		fclose(f);
	return found;
}

/*
 * Gone, as the next request sees it.  The fast path's buffers: at once,
 * every request first applies the closes queued before it (a close is
 * queued before close(2) or exit returns).  The files' (page cache): the
 * kernel sends RELEASE in the background, so poll, never time.
 */
static int gone(const char *name)
{
	int i;

	if (fast)
		return !listed(name);
	for (i = 0; i < 1000 && listed(name); i++)	/* 10 s: valgrind */
		usleep(10000);
	return !listed(name);
}

/* the buffer's fd is its memfd: the socket answered */
static int is_fast(const struct rmem_buf *b)
{
	char link[64], target[256] = "";

	snprintf(link, sizeof(link), "/proc/self/fd/%d", b->fd);
	if (readlink(link, target, sizeof(target) - 1) < 0)
		return 0;
	return !strncmp(target, "/memfd:", 7);
}

static ino_t ino_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? 0 : st.st_ino;
}

static int zeros(const struct rmem_buf *b)
{
	size_t i;

	for (i = 0; i < b->size; i++)
		if (((unsigned char *)b->addr)[i])
			return 0;
	return 1;
}

/* fs/fs_memfd.h: a freed buffer's memfd serves the next of its size */
static int reuse(void)
{
	struct rmem_buf a, b, c, d;
	char p[64];
	ino_t ia, ic;
	int fd;

	if (rmem_alloc(dir, 4096, "ra", &a))
		return check(0, "a 4 KiB buffer"), 1;
	fast = is_fast(&a);
	memset(a.addr, 0xab, a.size);
	ia = ino_of(a.fd);
	check(!rmem_free(&a) && !listed("ra"), "freed: gone for the next request");
	check(!rmem_alloc(dir, 4096, "rb", &b) && (!fast || b.phys == a.phys),
	      "the next allocation gets the memory just freed");
	check(!fast || ino_of(b.fd) == ia, "the same memfd, kept for its size");
	check(zeros(&b), "reads as zeros: the last user's bytes punched out");
	memset(b.addr, 0xcd, b.size);
	check(!rmem_free(&b), "freed again");

	/* a client re-opening its buffer holds it too */
	if (rmem_alloc(dir, 4096, "rc", &c))
		return check(0, "another 4 KiB buffer"), 1;
	ic = ino_of(c.fd);
	snprintf(p, sizeof(p), "/proc/self/fd/%d", c.fd);
	fd = open(p, O_RDWR);
	memset(c.addr, 0xef, c.size);
	check(fd >= 0 && !rmem_free(&c), "re-opened through /proc, then freed");
	check(!fast || listed("rc"), "the re-opened file keeps it");
	check(!rmem_alloc(dir, 4096, "rd", &d) && d.phys != c.phys,
	      "its memory is nobody else's meanwhile");
	check(!fast || ino_of(d.fd) != ic, "nor its memfd");
	check(zeros(&d), "the other buffer reads zeros");
	close(fd);
	check(gone("rc"), "gone with the re-opened file");
	check(!rmem_free(&d), "freed");
	return 0;
}

static int life(void)
{
	struct rmem_buf b;
	int p[2], st;
	pid_t pid;
	char c;

	check(!rmem_alloc(dir, 8192, "shared", &b) && listed("shared"),
	      "allocated and listed");
	fast = is_fast(&b);
	memset(b.addr, 0x5a, b.size);
	if (pipe(p))
		return 1;
	pid = fork();
	if (pid == 0) {		/* inherits the mapping */
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			_exit(2);
		_exit(((unsigned char *)b.addr)[100] == 0x5a ? 0 : 1);
	}
	close(p[0]);
	check(!rmem_free(&b), "the parent frees it");
	usleep(100000);
	check(listed("shared"), "the child's mapping keeps it");
	if (write(p[1], "x", 1) != 1)
		return 1;
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && !WEXITSTATUS(st), "the child read the bytes");
	check(gone("shared"), "gone with the child");

	pid = fork();
	if (pid == 0) {
		struct rmem_buf k;

		if (rmem_alloc(dir, 4096, "killed", &k))
			_exit(1);
		pause();
		_exit(0);
	}
	while (!listed("killed"))
		usleep(10000);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && gone("killed"), "SIGKILLed holding it: gone");

	pid = fork();
	if (pid == 0) {
		struct rmem_buf e;

		if (rmem_alloc(dir, 4096, "execed", &e))
			_exit(1);
		execl("/bin/sleep", "sleep", "0.3", (char *)NULL);
		_exit(1);
	}
	usleep(100000);
	/* the fd is close-on-exec and exec drops the mapping */
	check(gone("execed"), "exec: gone with the old image");
	waitpid(pid, &st, 0);
	return 0;
}

static int errors(const char *region)
{
	struct rmem_buf b, c, r;
	char p[600], xv[4];

	check(rmem_alloc(NULL, 4096, NULL, &b) == -EINVAL, "NULL dir: -EINVAL");
	check(rmem_alloc(dir, 0, NULL, &b) == -EINVAL, "size 0: -EINVAL");
	check(rmem_alloc(dir, 4096, NULL, NULL) == -EINVAL, "NULL buf: -EINVAL");
	snprintf(p, sizeof(p), "%s/no-such-device", dir);
	check(rmem_alloc(p, 4096, NULL, &b) == -ENOENT, "no such directory: -ENOENT");
	check(!rmem_alloc(dir, 4096, "taken", &b), "a name");
	snprintf(p, sizeof(p), "%s/buffers/taken", dir);
	check(!access(p, F_OK) && listed("taken") &&
	      getxattr(p, "user.rmemfs.autofree", xv, sizeof(xv)) == 1 && xv[0] == '1',
	      "in the tree like any other (buffers/, allocations), autofree");
	check(rmem_alloc(dir, 4096, "taken", &c) == -EEXIST, "the same name: -EEXIST");
	check(rmem_alloc(dir, 4096, "a/b", &c) == -EINVAL, "a bad name: -EINVAL");
	check(rmem_alloc(dir, (size_t)1 << 40, NULL, &c) == -ENOMEM, "1 TiB: -ENOMEM");
	check(rmem_sync_for_cpu(&b, 0, 8192) == -EINVAL, "a sync past the end: -EINVAL");
	check(rmem_sync_for_cpu(&b, 0, 0) == -EINVAL, "a sync of 0 bytes: -EINVAL");
	check(!rmem_sync_for_cpu(&b, 0, 4096) && !rmem_sync_for_device(&b, 0, 4096),
	      "syncs within it: 0");
	check(!rmem_alloc(dir, 4096, NULL, &c) && c.name[0], "NULL name: rmemfs names it");
	check(!rmem_free(&c) && rmem_free(&c) == -EINVAL, "a second free: -EINVAL");
	check(rmem_free(NULL) == -EINVAL, "free(NULL): -EINVAL");
	check(!rmem_alloc(region, 4096, "own", &r), "a region's own buffer");
	check(rmem_sync_for_device(&r, 0, 4096) == -ENOTSUP,
	      "its sync: -ENOTSUP (no device)");
	check(!rmem_free(&r) && !rmem_free(&b), "freed");
	return 0;
}

#define SEQ_MAX	256

static int seq(const char *mnt, char *steps)
{
	static struct rmem_buf bufs[SEQ_MAX];
	static bool held[SEQ_MAX];
	char *step, *save = NULL, path[600], name[16];
	int i = 0;

	for (step = strtok_r(steps, ";", &save); step && i < SEQ_MAX;
	     step = strtok_r(NULL, ";", &save), i++) {
		char dev[128], op;
		unsigned long val;
		int err;

		if (sscanf(step, "%127[^:]:%c:%lu", dev, &op, &val) != 3)
			return 2;
		if (op == 'f') {
			if (val >= SEQ_MAX || !held[val] || rmem_free(&bufs[val]))
				return 2;
			held[val] = false;
			printf("%d freed\n", i);
			continue;
		}
		snprintf(path, sizeof(path), "%s/devices/%s", mnt, dev);
		if (access(path, F_OK))	/* no memory-region: no directory */
			snprintf(path, sizeof(path), "%s/devices/default", mnt);
		snprintf(name, sizeof(name), "s%d", i);
		err = rmem_alloc(path, val, name, &bufs[i]);
		if (err) {
			printf("%d FAIL %d\n", i, err);
			continue;
		}
		held[i] = true;
		printf("%d 0x%llx %s\n", i, (unsigned long long)bufs[i].dma,
		       bufs[i].pool);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct rmem_buf b;
	char name[16];
	int i, err;

	if (argc < 3)
		return 2;
	dir = argv[2];
	if (!strcmp(argv[1], "place")) {
		for (i = 3; i < argc; i++) {
			snprintf(name, sizeof(name), "a%d", i - 3);
			err = rmem_alloc(dir, strtoull(argv[i], NULL, 0), name, &b);
			if (err)
				printf("%s %d\n", name, err);
			else
				printf("%s 0x%llx\n", name, (unsigned long long)b.dma);
		}
		return 0;
	}
	if (!strcmp(argv[1], "seq") && argc == 4)
		return seq(argv[2], argv[3]);
	if (!strcmp(argv[1], "path")) {
		if (rmem_alloc(dir, 4096, NULL, &b))
			return 1;
		printf("%s\n", is_fast(&b) ? "fast" : "files");
		return rmem_free(&b) ? 1 : 0;
	}
	if (!strcmp(argv[1], "life"))
		life();
	else if (!strcmp(argv[1], "reuse"))
		reuse();
	else if (!strcmp(argv[1], "errors") && argc > 3)
		errors(argv[3]);
	else
		return 2;
	printf("1..%d\n", n);
	return failed;
}
