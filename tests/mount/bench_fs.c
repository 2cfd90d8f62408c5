// SPDX-License-Identifier: GPL-2.0
/*
 * bench_fs - client-side speed of a mounted rmemfs, next to its memfd and
 * anonymous-memory anchors (a benchmark: it reports, it never asserts).
 *
 *   bench_fs [-r RUNS] [-j CLIENTS] [-k BATCH] [-b BIG_ALLOC] [-S CPU] ALLOC
 *
 * -S: the CPU of the rmemfs server, where the floor's helper process runs
 * (default: this one's).
 * ALLOC is an alloc file (regions/<name>/alloc or devices/<name>/alloc);
 * its buffers appear in the buffers/ directory beside it.  BIG_ALLOC
 * (default ALLOC) serves the 64 MiB buffers.  Each figure is the median
 * of RUNS runs.  Output: "name value unit", one line per measurement.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/rmemfs.h"

#define BIG		(64UL << 20)
#define PAGE		4096UL
#define MAX_RUNS	64
#define MAX_CLIENTS	64

static const char *alloc_path, *big_path;
static char buf_dir[4096], big_dir[4096];
static char buf_dir_parent[4096];	/* the alloc file's directory */
static int runs = 7, clients = 4, batch = 200, server_cpu = -1;
static volatile uint64_t sink;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, const char *path)
{
	fprintf(stderr, "bench_fs: %s %s: %s\n", what, path ? path : "",
		strerror(errno));
	exit(1);
}

static void report(const char *name, double *v, double scale, const char *unit)
{
	printf("%s %.3f %s\n", name, median(v, runs) * scale, unit);
	fflush(stdout);
}

/* write "SIZE NAME" to an open alloc fd */
static void alloc_named(int fd, const char *dir_alloc, unsigned long size,
			const char *name)
{
	char line[320];
	int n = snprintf(line, sizeof(line), "%lu %s", size, name);

	if (write(fd, line, (size_t)n) != n)
		die("alloc", dir_alloc);
}

static void free_named(const char *dir, const char *name)
{
	char path[4400];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (unlink(path))
		die("unlink", path);
}

static void *map_buffer(const char *dir, const char *name, size_t len, int *fd)
{
	char path[4400];
	void *p;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	*fd = open(path, O_RDWR);
	if (*fd < 0)
		die("open", path);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
	if (p == MAP_FAILED)
		die("mmap", path);
	return p;
}

static void *map_memfd(size_t len, int *fd)
{
	void *p;

	*fd = memfd_create("bench", MFD_CLOEXEC);
	if (*fd < 0 || ftruncate(*fd, (off_t)len))
		die("memfd", NULL);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
	if (p == MAP_FAILED)
		die("mmap memfd", NULL);
	return p;
}

static uint64_t sum(const void *p, size_t len)
{
	const uint64_t *w = p;
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < len / 8; i++)
		s += w[i];
	return s;
}

/*
 * The floor of any design with one request per buffer: a helper process
 * that answers each request with a new file of one memfd (no allocator,
 * no bookkeeping), and the client's map, touch, unmap and close.
 */
static void floor_helper(int s)
{
	int m = memfd_create("floor", MFD_CLOEXEC), dir;
	char num[16], req[64];

	dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (m < 0 || dir < 0 || ftruncate(m, (off_t)PAGE))
		_exit(1);
	snprintf(num, sizeof(num), "%d", m);
	if (server_cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(server_cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	while (recv(s, req, sizeof(req), 0) > 0) {
		char ctl[CMSG_SPACE(sizeof(int))] = { 0 };
		char line[] = "floor 0x0 0x0 4096 none";
		struct iovec iov = { .iov_base = line, .iov_len = sizeof(line) };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = ctl, .msg_controllen = sizeof(ctl) };
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		int fd = openat(dir, num, O_RDWR | O_CLOEXEC);

		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
		if (fd < 0 || sendmsg(s, &mh, 0) < 0)
			_exit(1);
		close(fd);
	}
	_exit(0);
}

static double floor_cycle(int s, int n)
{
	double t0 = now();
	int i;

	for (i = 0; i < n; i++) {
		char line[64], ctl[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { .iov_base = line, .iov_len = sizeof(line) };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = ctl, .msg_controllen = sizeof(ctl) };
		struct cmsghdr *cm;
		char *p;
		int fd;

		if (send(s, "ALLOC . 4096", 12, 0) != 12 || recvmsg(s, &mh, 0) <= 0 ||
		    !(cm = CMSG_FIRSTHDR(&mh)))
			die("floor helper", NULL);
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
		p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			die("mmap floor", NULL);
		p[0] = 1;
		munmap(p, PAGE);
		close(fd);
	}
	return (now() - t0) / n;
}

/* 4 KiB: alloc + open + mmap + touch + munmap + close + free */
static void bench_cycle(int afd)
{
	double v[MAX_RUNS], m[MAX_RUNS], a[MAX_RUNS], f[MAX_RUNS];
	int r, i, n = batch * 2, sv[2];
	char name[64];
	pid_t helper;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		die("socketpair", NULL);
	helper = fork();
	if (helper < 0)
		die("fork", NULL);
	if (!helper) {
		close(sv[0]);
		floor_helper(sv[1]);
	}
	close(sv[1]);

	for (r = 0; r < runs; r++) {
		double t0 = now();

		for (i = 0; i < n; i++) {
			char *p;
			int fd;

			snprintf(name, sizeof(name), "c%d_%d", getpid(), i);
			alloc_named(afd, alloc_path, PAGE, name);
			p = map_buffer(buf_dir, name, PAGE, &fd);
			p[0] = 1;
			munmap(p, PAGE);
			close(fd);
			free_named(buf_dir, name);
		}
		v[r] = (now() - t0) / n;
		t0 = now();
		for (i = 0; i < n * 4; i++) {
			char *p;
			int fd;

			p = map_memfd(PAGE, &fd);
			p[0] = 1;
			munmap(p, PAGE);
			close(fd);
		}
		m[r] = (now() - t0) / (n * 4);
		/* librmemfs: rmem_alloc + touch + rmem_free */
		t0 = now();
		for (i = 0; i < n; i++) {
			struct rmem_buf b;

			if (rmem_alloc(buf_dir_parent, PAGE, NULL, &b))
				die("rmem_alloc", buf_dir_parent);
			((char *)b.addr)[0] = 1;
			rmem_free(&b);
		}
		a[r] = (now() - t0) / n;
		f[r] = floor_cycle(sv[0], n);
	}
	close(sv[0]);
	waitpid(helper, NULL, 0);
	report("cycle4k_rmemfs", v, 1e6, "us");
	report("cycle4k_memfd", m, 1e6, "us");
	report("cycle4k_api", a, 1e6, "us");
	report("cycle4k_floor", f, 1e6, "us");
}

/* 64 MiB first touch (write, read), then warm re-read vs memcpy */
static void bench_big(void)
{
	double w[MAX_RUNS], rd[MAX_RUNS], mw[MAX_RUNS], mr[MAX_RUNS];
	double ww[MAX_RUNS], aw[MAX_RUNS];
	char *dst = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	char *src = mmap(NULL, BIG, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	int afd = open(big_path, O_RDWR), r;
	char name[64];

	if (dst == MAP_FAILED || src == MAP_FAILED)
		die("mmap anonymous", NULL);
	if (afd < 0)
		die("open", big_path);
	memset(src, 3, BIG);
	memset(dst, 4, BIG);
	for (r = 0; r < runs; r++) {
		double t0;
		char *p;
		int fd;

		snprintf(name, sizeof(name), "big%d_w%d", getpid(), r);
		alloc_named(afd, big_path, BIG, name);
		p = map_buffer(big_dir, name, BIG, &fd);
		t0 = now();
		memset(p, 0x5a, BIG);
		w[r] = BIG / (now() - t0);
		/* warm: the same mapping, every page now present */
		memcpy(dst, p, BIG);
		t0 = now();
		memcpy(dst, p, BIG);
		ww[r] = BIG / (now() - t0);
		t0 = now();
		memcpy(dst, src, BIG);
		aw[r] = BIG / (now() - t0);
		munmap(p, BIG);
		close(fd);
		free_named(big_dir, name);

		snprintf(name, sizeof(name), "big%d_r%d", getpid(), r);
		alloc_named(afd, big_path, BIG, name);
		p = map_buffer(big_dir, name, BIG, &fd);
		t0 = now();
		sink += sum(p, BIG);
		rd[r] = BIG / (now() - t0);
		munmap(p, BIG);
		close(fd);
		free_named(big_dir, name);

		p = map_memfd(BIG, &fd);
		t0 = now();
		memset(p, 0x5a, BIG);
		mw[r] = BIG / (now() - t0);
		munmap(p, BIG);
		close(fd);
		p = map_memfd(BIG, &fd);
		t0 = now();
		sink += sum(p, BIG);
		mr[r] = BIG / (now() - t0);
		munmap(p, BIG);
		close(fd);
	}
	close(afd);
	munmap(src, BIG);
	munmap(dst, BIG);
	report("touch64m_write_rmemfs", w, 1e-9, "GB/s");
	report("touch64m_write_memfd", mw, 1e-9, "GB/s");
	report("touch64m_read_rmemfs", rd, 1e-9, "GB/s");
	report("touch64m_read_memfd", mr, 1e-9, "GB/s");
	report("reread64m_rmemfs", ww, 1e-9, "GB/s");
	report("reread64m_anon", aw, 1e-9, "GB/s");
}

/* one FUSE request that does nothing: a read of an alloc fd with no result */
static void bench_roundtrip(int afd)
{
	double v[MAX_RUNS];
	int r, i, n = batch * 10;
	char b[64];

	for (r = 0; r < runs; r++) {
		double t0 = now();

		for (i = 0; i < n; i++)
			if (pread(afd, b, sizeof(b), 0) < 0)
				die("pread", alloc_path);
		v[r] = (now() - t0) / n;
	}
	report("roundtrip_rmemfs", v, 1e6, "us");
}

enum mode { MODE_FD, MODE_ECHO, MODE_MEMFD, MODE_API };

struct client {
	pthread_t thread;
	pthread_barrier_t *go;
	enum mode mode;
	int id;
	int run;
	struct rmem_buf *bufs;	/* MODE_API: freed after the timing */
};

static void client_batch(struct client *c)
{
	char name[64], line[400];
	int i, fd = -1;

	if (c->mode == MODE_FD && (fd = open(alloc_path, O_RDWR)) < 0)
		die("open", alloc_path);
	pthread_barrier_wait(c->go);
	for (i = 0; i < batch; i++) {
		if (c->mode == MODE_API) {
			if (rmem_alloc(buf_dir_parent, PAGE, NULL, &c->bufs[i]))
				die("rmem_alloc", buf_dir_parent);
			continue;
		}
		if (c->mode == MODE_MEMFD) {
			int m = memfd_create("bench", MFD_CLOEXEC);

			if (m < 0 || ftruncate(m, PAGE))
				die("memfd", NULL);
			close(m);
			continue;
		}
		snprintf(name, sizeof(name), "a%d_%d_%d_%d", getpid(), c->id,
			 c->run, i);
		if (c->mode == MODE_ECHO) {
			/* what `echo "4096 NAME" > alloc` does */
			fd = open(alloc_path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
			if (fd < 0)
				die("open", alloc_path);
			alloc_named(fd, alloc_path, PAGE, name);
			if (close(fd))
				die("close", alloc_path);
			continue;
		}
		alloc_named(fd, alloc_path, PAGE, name);
		if (pread(fd, line, sizeof(line) - 1, 0) <= 0 ||
		    strncmp(line, name, strlen(name)))
			die("pread result", alloc_path);
	}
	pthread_barrier_wait(c->go);
	if (c->mode == MODE_FD)
		close(fd);
	if (c->mode == MODE_API)
		for (i = 0; i < batch; i++)
			rmem_free(&c->bufs[i]);
}

static void *client_main(void *arg)
{
	client_batch(arg);
	return NULL;
}

/* allocations per second with n clients; the frees are not timed */
static double alloc_rate(enum mode mode, int n, int run)
{
	struct client c[MAX_CLIENTS];
	pthread_barrier_t go;
	char name[64];
	double t0, t;
	int i, k;

	pthread_barrier_init(&go, NULL, (unsigned int)n + 1);
	for (i = 0; i < n; i++) {
		c[i] = (struct client){ .go = &go, .mode = mode, .id = i, .run = run };
		if (mode == MODE_API &&
		    !(c[i].bufs = calloc((size_t)batch, sizeof(*c[i].bufs))))
			die("calloc", NULL);
		if (pthread_create(&c[i].thread, NULL, client_main, &c[i]))
			die("pthread_create", NULL);
	}
	pthread_barrier_wait(&go);
	t0 = now();
	pthread_barrier_wait(&go);
	t = now() - t0;
	for (i = 0; i < n; i++) {
		pthread_join(c[i].thread, NULL);
		free(c[i].bufs);
	}
	pthread_barrier_destroy(&go);
	if (mode != MODE_MEMFD && mode != MODE_API)
		for (i = 0; i < n; i++)
			for (k = 0; k < batch; k++) {
				snprintf(name, sizeof(name), "a%d_%d_%d_%d",
					 getpid(), i, run, k);
				free_named(buf_dir, name);
			}
	return n * batch / t;
}

static void bench_rates(void)
{
	static const struct { const char *name; enum mode mode; } rows[] = {
		{ "allocs_fd", MODE_FD },
		{ "allocs_echo", MODE_ECHO },
		{ "allocs_memfd", MODE_MEMFD },
		{ "allocs_api", MODE_API },
	};
	double v[MAX_RUNS];
	char name[64];
	unsigned int i;
	int r, j;

	for (j = 0; j < 2; j++) {
		int n = j ? clients : 1;

		for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			for (r = 0; r < runs; r++)
				v[r] = alloc_rate(rows[i].mode, n, r);
			snprintf(name, sizeof(name), "%s_x%d", rows[i].name, n);
			report(name, v, 1, "allocs/s");
		}
	}
}

static void dir_of(const char *alloc, char *dir, size_t len)
{
	const char *s = strrchr(alloc, '/');
	int n = s ? (int)(s - alloc) : 1;

	snprintf(dir, len, "%.*s/buffers", n, s ? alloc : ".");
}

int main(int argc, char **argv)
{
	int c, afd;

	while ((c = getopt(argc, argv, "r:j:k:b:S:")) != -1) {
		switch (c) {
		case 'S': server_cpu = atoi(optarg); break;
		case 'r': runs = atoi(optarg); break;
		case 'j': clients = atoi(optarg); break;
		case 'k': batch = atoi(optarg); break;
		case 'b': big_path = optarg; break;
		default: goto usage;
		}
	}
	if (optind != argc - 1 || runs < 1 || runs > MAX_RUNS || clients < 1 ||
	    clients > MAX_CLIENTS || batch < 1)
		goto usage;
	alloc_path = argv[optind];
	if (!big_path)
		big_path = alloc_path;
	dir_of(alloc_path, buf_dir, sizeof(buf_dir));
	snprintf(buf_dir_parent, sizeof(buf_dir_parent), "%.*s",
		 (int)(strlen(buf_dir) - strlen("/buffers")), buf_dir);
	dir_of(big_path, big_dir, sizeof(big_dir));

	afd = open(alloc_path, O_RDWR);
	if (afd < 0)
		die("open", alloc_path);
	bench_roundtrip(afd);
	bench_cycle(afd);
	close(afd);
	bench_big();
	bench_rates();
	return 0;
usage:
	fprintf(stderr, "usage: %s [-r RUNS] [-j CLIENTS] [-k BATCH] "
		"[-b BIG_ALLOC] [-S CPU] ALLOC\n", argv[0]);
	return 1;
}
