// SPDX-License-Identifier: GPL-2.0
/*
 * stress - many processes allocating, mapping, filling and freeing
 * buffers on a live rmemfs mount at once (interface.md §3-§4).
 *
 *   stress MNT [-p PROCS] [-n ITERS] [-H HOLD] [-k KILLS] [-s MAXSIZE]
 *              [-t SECONDS] [-w SECONDS] [-r SEED]
 *
 * PROCS processes (default 8) each run ITERS iterations (default 1000).
 * An iteration allocates one buffer: write "SIZE NAME" to a random alloc
 * file (every device's and every pool region's) and pread(0) the result
 * line; open buffers/NAME and check its size; mmap(MAP_SHARED) up to the
 * end of its last page; every byte reads 0 (a fresh buffer shows no old
 * contents); fill SIZE bytes with a pattern unique to the buffer (slot,
 * generation, pid, counter) through the mapping or, one time in four,
 * pwrite(2); yield; verify every byte through the mapping (the tail past
 * SIZE still 0) and a random window through pread(2).  The buffer stays
 * mapped: each process holds up to HOLD (default 4) of them, and frees the
 * oldest when it holds more (or when an allocation got ENOMEM), after
 * verifying all of it again: munmap, close, unlink, or one time in four
 * unlink first and verify again while the unlinked buffer is still mapped
 * (its memory must stay reserved until the close).  SIZE is random, page
 * multiples and odd sizes, 1 byte .. MAXSIZE (default 300 KiB).  ENOMEM is
 * counted; any other error fails the run.
 *
 * Every live buffer's [PHYS, PHYS + SIZE rounded to pages) is kept in a
 * shared table: a new allocation overlapping another live buffer fails the
 * run.  An entry is dropped just before the operation that lets its memory
 * go (the close or the unlink, whichever is last), so the check has no
 * false alarm.
 *
 * The parent SIGKILLs about KILLS children (default ITERS * PROCS / 250, at
 * least 3) at random iterations, whenever they hold at least one mapped
 * buffer and are not in the middle of freeing one (so, possibly in the
 * middle of an allocation or a fill), unlinks every buffer they held, and
 * respawns them for their remaining iterations.  At the end (bounded by -t, default
 * 600 s): no buffer is left in any buffers/ directory, every pool's `used`
 * is back to its value at the start (waiting up to -w seconds, default 20,
 * for the releases the kernel sends asynchronously), and MNT/dmesg reads.
 *
 * Output: "# ..." figures, then one "ok - ..." / "not ok - ..." line per
 * check (tests/mount/stress.sh numbers them).  Exit 0 when all passed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_PROCS 64
#define MAX_DIRS 64
#define PAGE 4096UL

#define HOLD_MAX 16

enum entry_state {
	E_FREE,
	E_PENDING,	/* alloc written: NAME may exist, PHYS not known */
	E_LIVE,		/* in the overlap table */
};

/* one buffer of a process, for the overlap table and the parent's cleanup */
struct entry {
	int state;
	bool mapped;	/* the process has it mapped */
	int dir;
	char name[48];
	uint64_t phys, len;
	char pool[48];
};

struct slot {
	pid_t pid;
	int gen;
	int busy;			/* freeing: not to be killed now */
	unsigned int done;		/* iterations completed */
	unsigned int target;
	struct entry e[HOLD_MAX + 1];
};

struct shared {
	pthread_mutex_t lock;		/* robust, process-shared */
	struct slot slot[MAX_PROCS];
	uint64_t iterations, allocs, enomem, kills, killed_holding, respawns, bytes,
		 unlink_first, preads, pwrites, overlaps_checked, kills_merged,
		 max_live;
	int failed;
	char failmsg[1024];
};

static struct shared *sh;
static const char *mnt;
static int ndirs;
static char dirs[MAX_DIRS][512];	/* directories holding alloc + buffers/ */
static unsigned long maxsize = 300 * 1024;
static int nprocs = 8;
static unsigned int iters = 1000;
static int hold = 4;

/* ---- helpers ---------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void lock(void)
{
	int r = pthread_mutex_lock(&sh->lock);

	if (r == EOWNERDEAD)
		pthread_mutex_consistent(&sh->lock);
	else if (r) {
		fprintf(stderr, "stress: lock: %s\n", strerror(r));
		_exit(3);
	}
}

static void unlock(void)
{
	pthread_mutex_unlock(&sh->lock);
}

static void add(uint64_t *ctr, uint64_t n)
{
	__atomic_add_fetch(ctr, n, __ATOMIC_RELAXED);
}

/* first failure wins; the child exits, the parent reports */
static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	lock();
	if (!sh->failed) {
		sh->failed = 1;
		snprintf(sh->failmsg, sizeof(sh->failmsg), "%s", msg);
	}
	unlock();
	fprintf(stderr, "stress: %s\n", msg);
}

static int read_text(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;
	size_t got = 0;

	if (fd < 0)
		return -errno;
	while (got + 1 < len && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	n = n < 0 ? -errno : 0;
	close(fd);
	buf[got] = '\0';
	return (int)n;
}

/* the byte at offset i of the buffer with this seed */
static inline unsigned char pat(uint64_t seed, size_t i)
{
	return (unsigned char)(mix(seed ^ (i >> 3)) >> ((i & 7) * 8));
}

static void fill_pattern(unsigned char *p, size_t off, size_t len, uint64_t seed)
{
	size_t i;

	for (i = off; i < off + len; i++)
		p[i - off] = pat(seed, i);
}

/* -1 when all match, else the first bad offset */
static long check_pattern(const unsigned char *p, size_t off, size_t len,
			  uint64_t seed)
{
	size_t i;

	for (i = off; i < off + len; i++)
		if (p[i - off] != pat(seed, i))
			return (long)i;
	return -1;
}

static long check_zero(const unsigned char *p, size_t off, size_t len)
{
	size_t i;

	for (i = off; i < off + len; i++)
		if (p[i])
			return (long)i;
	return -1;
}

/* ---- the live-range table ---------------------------------------------- */

/* entry ei of slot me becomes live; fails on overlap with any other */
static int live_insert(int me, int ei, uint64_t phys, uint64_t len, const char *pool)
{
	int i, k, bad = -1, badk = -1;
	uint64_t nlive = 1;

	lock();
	for (i = 0; i < nprocs && bad < 0; i++) {
		for (k = 0; k <= HOLD_MAX; k++) {
			struct entry *o = &sh->slot[i].e[k];

			if ((i == me && k == ei) || o->state != E_LIVE)
				continue;
			nlive++;
			sh->overlaps_checked++;
			if (phys < o->phys + o->len && o->phys < phys + len) {
				bad = i;
				badk = k;
				break;
			}
		}
	}
	if (bad < 0) {
		struct entry *e = &sh->slot[me].e[ei];

		e->phys = phys;
		e->len = len;
		snprintf(e->pool, sizeof(e->pool), "%.47s", pool);
		e->state = E_LIVE;
		if (nlive > sh->max_live)
			sh->max_live = nlive;
	}
	unlock();
	if (bad >= 0) {
		struct entry *o = &sh->slot[bad].e[badk];

		fail("overlap: %s [0x%" PRIx64 ", +0x%" PRIx64 ") from %s overlaps live "
		     "%s [0x%" PRIx64 ", +0x%" PRIx64 ") from %s",
		     sh->slot[me].e[ei].name, phys, len, pool, o->name, o->phys, o->len,
		     o->pool);
		return -1;
	}
	return 0;
}

static void entry_set(int me, int ei, int state)
{
	lock();
	sh->slot[me].e[ei].state = state;
	unlock();
}

static void set_busy(int me, int busy)
{
	lock();
	sh->slot[me].busy = busy;
	unlock();
}

/* ---- one child --------------------------------------------------------- */

struct held {
	int ei;				/* entry index */
	int fd;
	unsigned char *p;
	size_t maplen;
	uint64_t size, seed;
	unsigned long long phys;
	char path[700];
	char pool[64];
};

static uint64_t pick_size(void)
{
	uint64_t s;

	switch (rnd() % 4) {
	case 0:			/* whole pages */
		s = (1 + rnd() % (maxsize / PAGE)) * PAGE;
		break;
	case 1:			/* small, often one page or less */
		s = 1 + rnd() % (2 * PAGE);
		break;
	default:		/* any size */
		s = 1 + rnd() % maxsize;
		break;
	}
	return s;
}

/* the whole buffer holds its pattern, and zeros past SIZE */
static int verify_held(const struct held *h, const char *when)
{
	long bad = check_pattern(h->p, 0, h->size, h->seed);

	if (bad < 0)
		bad = check_zero(h->p, h->size, h->maplen - h->size);
	if (bad >= 0) {
		fail("%s (phys 0x%llx %s, %" PRIu64 " bytes) %s: byte %ld is 0x%02x, "
		     "its process wrote 0x%02x", h->path, h->phys, h->pool, h->size,
		     when, bad, h->p[bad],
		     (uint64_t)bad < h->size ? pat(h->seed, (size_t)bad) : 0);
		return -1;
	}
	return 0;
}

/* allocate, map, check zeros, fill, verify: 0, 1 on ENOMEM, -1 failed */
static int get_buffer(int me, unsigned int counter, struct held *h)
{
	struct slot *sl = &sh->slot[me];
	struct entry *e = NULL;
	int d = (int)(rnd() % (uint64_t)ndirs), ei, fd, n;
	char path[700], line[1024], rname[256], pool[256], req[128];
	unsigned long long phys, dma, rsize;
	bool via_write = rnd() % 4 == 0;
	uint64_t size = pick_size();
	unsigned char *p;
	struct stat st;
	long bad;
	ssize_t w;

	memset(h, 0, sizeof(*h));
	h->seed = mix(((uint64_t)me << 48) ^ ((uint64_t)sl->gen << 32) ^
		      ((uint64_t)getpid() << 20) ^ counter) | 1;
	h->size = size;
	lock();
	for (ei = 0; ei <= HOLD_MAX; ei++)
		if (sl->e[ei].state == E_FREE)
			break;
	if (ei <= HOLD_MAX) {
		e = &sl->e[ei];
		e->dir = d;
		snprintf(e->name, sizeof(e->name), "st%d.%d.%u", me, sl->gen, counter);
		e->mapped = false;
		e->state = E_PENDING;
	}
	unlock();
	if (!e) {
		fail("slot %d: no free entry", me);
		return -1;
	}
	h->ei = ei;

	/* allocate: write, then the result line on the same descriptor */
	snprintf(path, sizeof(path), "%.500s/alloc", dirs[d]);
	fd = open(path, O_RDWR);
	if (fd < 0) {
		fail("open %s: %s", path, strerror(errno));
		return -1;
	}
	n = snprintf(req, sizeof(req), "%" PRIu64 " %s\n", size, e->name);
	w = write(fd, req, (size_t)n);
	if (w < 0 && errno == ENOMEM) {
		close(fd);
		add(&sh->enomem, 1);
		entry_set(me, ei, E_FREE);
		return 1;
	}
	if (w != n) {
		fail("write '%.*s' to %s: %s", n - 1, req, path,
		     w < 0 ? strerror(errno) : "short write");
		close(fd);
		return -1;
	}
	n = (int)pread(fd, line, sizeof(line) - 1, 0);
	close(fd);
	if (n <= 0) {
		fail("pread result of %s: %s", path, n < 0 ? strerror(errno) : "EOF");
		return -1;
	}
	line[n] = '\0';
	if (sscanf(line, "%255s %llx %llx %llu %255s", rname, &phys, &dma, &rsize,
		   pool) != 5 || strcmp(rname, e->name) || rsize != size) {
		fail("%s: result line '%s' for '%" PRIu64 " %s'", path, line, size,
		     e->name);
		return -1;
	}
	add(&sh->allocs, 1);
	h->phys = phys;
	snprintf(h->pool, sizeof(h->pool), "%.63s", pool);
	h->maplen = (size + PAGE - 1) & ~(PAGE - 1);
	if (live_insert(me, ei, phys, h->maplen, pool))
		return -1;

	snprintf(h->path, sizeof(h->path), "%.500s/buffers/%s", dirs[d], e->name);
	fd = open(h->path, O_RDWR);
	if (fd < 0 || fstat(fd, &st)) {
		fail("open %s: %s", h->path, strerror(errno));
		return -1;
	}
	h->fd = fd;
	if ((uint64_t)st.st_size != size) {
		fail("%s: st_size %lld, asked %" PRIu64, h->path, (long long)st.st_size,
		     size);
		return -1;
	}
	p = mmap(NULL, h->maplen, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		fail("mmap %s (%zu bytes): %s", h->path, h->maplen, strerror(errno));
		return -1;
	}
	h->p = p;
	lock();
	e->mapped = true;
	unlock();

	bad = check_zero(p, 0, h->maplen);
	if (bad >= 0) {
		fail("fresh %s (phys 0x%llx %s) byte %ld is 0x%02x, not 0: old contents",
		     h->path, phys, pool, bad, p[bad]);
		return -1;
	}
	if (via_write) {
		unsigned char *tmp = malloc(size);
		size_t off = 0;

		if (!tmp) {
			fail("out of memory");
			return -1;
		}
		fill_pattern(tmp, 0, size, h->seed);
		while (off < size) {
			w = pwrite(fd, tmp + off, size - off, (off_t)off);
			if (w <= 0) {
				fail("pwrite %s at %zu: %s", h->path, off,
				     w < 0 ? strerror(errno) : "0 bytes");
				free(tmp);
				return -1;
			}
			off += (size_t)w;
		}
		free(tmp);
		add(&sh->pwrites, 1);
	} else {
		fill_pattern(p, 0, size, h->seed);
	}
	if (rnd() % 2)
		sched_yield();
	else
		usleep((useconds_t)(rnd() % 500));
	if (verify_held(h, via_write ? "filled with pwrite" : "filled"))
		return -1;
	/* read(2) sees what the mapping holds */
	{
		size_t off = (size_t)(rnd() % size), len = 1 + (size_t)(rnd() % 8192);
		unsigned char buf[8192];

		if (len > size - off)
			len = size - off;
		w = pread(fd, buf, len, (off_t)off);
		if (w != (ssize_t)len) {
			fail("pread %s %zu@%zu: %s", h->path, len, off,
			     w < 0 ? strerror(errno) : "short read");
			return -1;
		}
		bad = check_pattern(buf, off, len, h->seed);
		if (bad >= 0) {
			fail("pread %s (phys 0x%llx %s): byte %ld is 0x%02x, the mapping "
			     "holds 0x%02x", h->path, phys, pool, bad,
			     buf[bad - (long)off], pat(h->seed, (size_t)bad));
			return -1;
		}
		add(&sh->preads, 1);
	}
	add(&sh->bytes, size);
	return 0;
}

/* verify again and free; not killed meanwhile */
static int put_buffer(int me, struct held *h)
{
	bool unlink_first = rnd() % 4 == 0;
	int ret = -1;

	set_busy(me, 1);
	if (verify_held(h, "before freeing"))
		goto out;
	if (unlink_first) {
		/* unlinked but mapped: stays reserved and intact */
		if (unlink(h->path)) {
			fail("unlink %s (mapped): %s", h->path, strerror(errno));
			goto out;
		}
		add(&sh->unlink_first, 1);
		usleep((useconds_t)(rnd() % 300));
		if (verify_held(h, "unlinked, still mapped"))
			goto out;
	}
	if (munmap(h->p, h->maplen)) {
		fail("munmap %s: %s", h->path, strerror(errno));
		goto out;
	}
	if (unlink_first) {
		entry_set(me, h->ei, E_FREE);	/* the close lets it go */
		if (close(h->fd)) {
			fail("close %s: %s", h->path, strerror(errno));
			goto out;
		}
	} else {
		if (close(h->fd)) {
			fail("close %s: %s", h->path, strerror(errno));
			goto out;
		}
		entry_set(me, h->ei, E_FREE);	/* the unlink lets it go */
		if (unlink(h->path)) {
			fail("unlink %s: %s", h->path, strerror(errno));
			goto out;
		}
	}
	ret = 0;
out:
	set_busy(me, 0);
	return ret;
}

static void child(int me)
{
	struct slot *sl = &sh->slot[me];
	struct held held[HOLD_MAX + 1];
	unsigned int counter = 0;
	int nheld = 0, r;

	rng_state = mix((uint64_t)getpid() * 0x100000001ULL ^ (uint64_t)sl->gen ^
			(uint64_t)me << 40 ^ rng_state);
	while (sl->done < sl->target && !sh->failed) {
		r = get_buffer(me, counter++, &held[nheld]);
		if (r < 0)
			_exit(1);
		if (r == 0)
			nheld++;
		/* over the limit, or out of memory: free the oldest */
		while (nheld > hold || (r == 1 && nheld > 0)) {
			if (put_buffer(me, &held[0]))
				_exit(1);
			memmove(&held[0], &held[1], (size_t)(nheld - 1) * sizeof(held[0]));
			nheld--;
			r = 0;
		}
		lock();
		sl->done++;
		unlock();
		add(&sh->iterations, 1);
	}
	while (nheld > 0 && !sh->failed) {
		if (put_buffer(me, &held[--nheld]))
			_exit(1);
	}
	_exit(sh->failed ? 1 : 0);
}

/* ---- the parent -------------------------------------------------------- */

static pid_t spawn(int i)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(3);
	}
	if (pid == 0)
		child(i);
	sh->slot[i].pid = pid;
	return pid;
}

/* what a dead child held: drop each entry, then unlink it (under lock) */
static int cleanup_slot(int i)
{
	struct slot *sl = &sh->slot[i];
	char path[1024];
	int k, held = 0;

	for (k = 0; k <= HOLD_MAX; k++) {
		struct entry *e = &sl->e[k];

		if (e->state == E_FREE)
			continue;
		held += e->state == E_LIVE && e->mapped;
		e->state = E_FREE;
		e->mapped = false;
		snprintf(path, sizeof(path), "%.511s/buffers/%.47s", dirs[e->dir], e->name);
		if (unlink(path) && errno != ENOENT && !sh->failed) {
			sh->failed = 1;
			snprintf(sh->failmsg, sizeof(sh->failmsg),
				 "unlink %.600s after its process died: %s", path,
				 strerror(errno));
		}
	}
	sl->busy = 0;
	sl->pid = 0;
	return held;
}

/* a live (linked) buffer that the process has mapped */
static bool holds_mapped(const struct slot *sl)
{
	int k;

	for (k = 0; k <= HOLD_MAX; k++)
		if (sl->e[k].state == E_LIVE && sl->e[k].mapped)
			return true;
	return false;
}

static int slot_of(pid_t pid)
{
	int i;

	for (i = 0; i < nprocs; i++)
		if (sh->slot[i].pid == pid)
			return i;
	return -1;
}

static void scan_dirs(void)
{
	static const char *const parents[] = { "devices", "regions" };
	unsigned int k;

	for (k = 0; k < 2; k++) {
		char path[512];
		struct dirent *de;
		DIR *dir;

		snprintf(path, sizeof(path), "%.200s/%s", mnt, parents[k]);
		dir = opendir(path);
		if (!dir)
			continue;
		while ((de = readdir(dir)) && ndirs < MAX_DIRS) {
			struct stat st;
			char alloc[1024];

			if (de->d_name[0] == '.' || strlen(de->d_name) > 255)
				continue;
			snprintf(alloc, sizeof(alloc), "%.255s/%.255s/alloc", path,
				 de->d_name);
			if (stat(alloc, &st))
				continue;
			snprintf(dirs[ndirs++], sizeof(dirs[0]), "%.250s/%.255s", path,
				 de->d_name);
		}
		closedir(dir);
	}
}

/* "NAME=USED NAME=USED ..." of every pool */
static void pools_used(char *out, size_t len)
{
	char path[1024], buf[64];
	struct dirent *de;
	size_t off = 0;
	DIR *dir;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%.200s/regions", mnt);
	dir = opendir(path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		char file[1200];

		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%.255s/%.255s/used", path, de->d_name);
		if (read_text(file, buf, sizeof(buf)))
			continue;
		buf[strcspn(buf, "\n")] = '\0';
		off += (size_t)snprintf(out + off, off < len ? len - off : 0, "%s%s=%s",
					off ? " " : "", de->d_name, buf);
	}
	closedir(dir);
}

static int leftover_buffers(char *out, size_t len)
{
	int i, n = 0;
	size_t off = 0;

	out[0] = '\0';
	for (i = 0; i < ndirs; i++) {
		char path[1024];
		struct dirent *de;
		DIR *dir;

		snprintf(path, sizeof(path), "%.511s/buffers", dirs[i]);
		dir = opendir(path);
		if (!dir)
			continue;
		while ((de = readdir(dir))) {
			if (de->d_name[0] == '.')
				continue;
			n++;
			if (off < len)
				off += (size_t)snprintf(out + off, len - off, " %s/%s",
							dirs[i] + strlen(mnt) + 1,
							de->d_name);
		}
		closedir(dir);
	}
	return n;
}

static void usage(void)
{
	fprintf(stderr, "usage: stress MNT [-p PROCS] [-n ITERS] [-H HOLD] [-k KILLS] "
		"[-s MAXSIZE] [-t SECONDS] [-w SECONDS] [-r SEED]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	pthread_mutexattr_t ma;
	double t0, deadline;
	long kills_target = -1;
	unsigned int *kill_pts[MAX_PROCS], nkill[MAX_PROCS], kidx[MAX_PROCS];
	int timeout = 600, wait_used = 20, i, c, alive, checks_failed = 0;
	unsigned long long seed = (unsigned long long)time(NULL) ^
				  ((unsigned long long)getpid() << 20);
	char used0[4096], used1[4096], left[4096], dmesg[256];
	bool timed_out = false;
	int unexpected_deaths = 0;

	if (argc < 2 || argv[1][0] == '-' || strlen(argv[1]) > 200)
		usage();
	mnt = argv[1];
	optind = 2;
	while ((c = getopt(argc, argv, "p:n:H:k:s:t:w:r:")) != -1) {
		switch (c) {
		case 'H': hold = atoi(optarg); break;
		case 'p': nprocs = atoi(optarg); break;
		case 'n': iters = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'k': kills_target = atol(optarg); break;
		case 's': maxsize = strtoul(optarg, NULL, 0); break;
		case 't': timeout = atoi(optarg); break;
		case 'w': wait_used = atoi(optarg); break;
		case 'r': seed = strtoull(optarg, NULL, 0); break;
		default: usage();
		}
	}
	if (nprocs < 1 || nprocs > MAX_PROCS || !iters || maxsize < PAGE ||
	    hold < 0 || hold > HOLD_MAX)
		usage();
	if (kills_target < 0) {
		kills_target = (long)((uint64_t)iters * (uint64_t)nprocs / 250);
		if (kills_target < 3)
			kills_target = 3;
	}
	rng_state = seed;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("mmap");
		return 3;
	}
	memset(sh, 0, sizeof(*sh));
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&sh->lock, &ma);

	scan_dirs();
	if (!ndirs) {
		printf("not ok - no alloc files under %s/devices and %s/regions\n", mnt, mnt);
		return 1;
	}
	pools_used(used0, sizeof(used0));
	printf("# stress: %d processes x %u iterations, each holding up to %d mapped "
	       "buffers, sizes 1..%lu, ~%ld kills, seed %llu\n", nprocs, iters, hold,
	       maxsize, kills_target, seed);
	printf("# alloc files:");
	for (i = 0; i < ndirs; i++)
		printf(" %s", dirs[i] + strlen(mnt) + 1);
	printf("\n# pools' used at start: %s\n", used0);

	/* the kills: random iterations of random processes, sorted per slot */
	for (i = 0; i < nprocs; i++) {
		nkill[i] = kidx[i] = 0;
		kill_pts[i] = calloc((size_t)kills_target + 1, sizeof(unsigned int));
		if (!kill_pts[i])
			return 3;
	}
	for (c = 0; c < kills_target; c++) {
		int s = (int)(rnd() % (uint64_t)nprocs);
		unsigned int at = (unsigned int)(rnd() % iters), k;

		for (k = nkill[s]; k > 0 && kill_pts[s][k - 1] > at; k--)
			kill_pts[s][k] = kill_pts[s][k - 1];
		kill_pts[s][k] = at;
		nkill[s]++;
	}
	t0 = now();
	deadline = t0 + timeout;
	for (i = 0; i < nprocs; i++) {
		sh->slot[i].target = iters;
		spawn(i);
	}
	alive = nprocs;
	while (alive > 0) {
		int st;
		pid_t pid;

		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			int s = slot_of(pid);

			if (s < 0)
				continue;
			alive--;
			lock();
			if (!WIFEXITED(st) || WEXITSTATUS(st)) {
				if (!sh->failed) {
					sh->failed = 1;
					snprintf(sh->failmsg, sizeof(sh->failmsg),
						 "process of slot %d died: %s %d", s,
						 WIFSIGNALED(st) ? "signal" : "exit status",
						 WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
				}
				if (WIFSIGNALED(st))
					unexpected_deaths++;
			}
			cleanup_slot(s);
			unlock();
		}
		if (now() > deadline) {
			timed_out = true;
			for (i = 0; i < nprocs; i++)
				if (sh->slot[i].pid > 0)
					kill(sh->slot[i].pid, SIGKILL);
			while (alive > 0 && (pid = wait(&st)) > 0) {
				int s = slot_of(pid);

				if (s >= 0) {
					alive--;
					lock();
					cleanup_slot(s);
					unlock();
				}
			}
			break;
		}
		/* kills: only while the child holds a mapped buffer and is not
		 * freeing one, under the lock so it cannot move on meanwhile */
		if (!sh->failed) {
			for (i = 0; i < nprocs; i++) {
				struct slot *sl = &sh->slot[i];
				int kst;

				if (sl->pid <= 0 || kidx[i] >= nkill[i] ||
				    sl->done < kill_pts[i][kidx[i]])
					continue;
				lock();
				if (sl->busy || sl->pid <= 0 || !holds_mapped(sl)) {
					unlock();
					continue;
				}
				pid = sl->pid;
				kill(pid, SIGKILL);
				while (waitpid(pid, &kst, 0) < 0 && errno == EINTR)
					;
				sh->kills++;
				sh->killed_holding += (uint64_t)cleanup_slot(i);
				unlock();
				/* one kill per iteration: later points move on */
				kidx[i]++;
				while (kidx[i] < nkill[i] && kill_pts[i][kidx[i]] <= sl->done)
					kill_pts[i][kidx[i]++] = 0, sh->kills_merged++;
				if (sl->done < sl->target && !sh->failed) {
					sl->gen++;
					sh->respawns++;
					spawn(i);
				} else {
					alive--;
				}
			}
		}
		usleep(500);
	}
	printf("# ran %.1f s: %" PRIu64 " iterations, %" PRIu64 " allocations, %" PRIu64
	       " ENOMEM, %" PRIu64 " kills (holding %" PRIu64 " mapped buffers in all), %"
	       PRIu64 " respawns, %" PRIu64 " freed unlinked-while-mapped, %" PRIu64
	       " filled with pwrite, %" PRIu64 " pread checks, %.1f MiB filled and "
	       "verified, up to %" PRIu64 " buffers live at once, %" PRIu64
	       " overlap comparisons\n",
	       now() - t0, sh->iterations, sh->allocs, sh->enomem, sh->kills,
	       sh->killed_holding, sh->respawns, sh->unlink_first, sh->pwrites,
	       sh->preads, (double)sh->bytes / (1 << 20), sh->max_live,
	       sh->overlaps_checked);

#define CHECK(cond, ...) do { \
		if (cond) { printf("ok - " __VA_ARGS__); } \
		else { printf("not ok - " __VA_ARGS__); checks_failed++; } \
		printf("\n"); } while (0)

	CHECK(!timed_out, "finished within %d s", timeout);
	CHECK(!sh->failed, "no process saw a byte it did not write, no overlap, no "
	      "unexpected error%s%s", sh->failed ? ": " : "",
	      sh->failed ? sh->failmsg : "");
	CHECK(!unexpected_deaths, "no process died but those killed (%d did)",
	      unexpected_deaths);
	CHECK(sh->iterations >= (uint64_t)iters * nprocs || sh->failed || timed_out,
	      "every process did its iterations (%" PRIu64 " of %llu)", sh->iterations,
	      (unsigned long long)iters * nprocs);
	CHECK(sh->kills > 0 || kills_target == 0, "children killed while holding "
	      "mapped buffers: %" PRIu64 " (%ld planned, %" PRIu64 " fell on the same "
	      "iteration as another)", sh->kills, kills_target, sh->kills_merged);
	i = leftover_buffers(left, sizeof(left));
	CHECK(i == 0, "no buffer left in any buffers/ (%d:%s)", i, left);
	{
		double until = now() + wait_used;

		for (;;) {
			pools_used(used1, sizeof(used1));
			if (!strcmp(used0, used1) || now() > until)
				break;
			usleep(100000);
		}
	}
	CHECK(!strcmp(used0, used1), "every pool's used back to its start value "
	      "(start: %s; end: %s)", used0, used1);
	{
		char path[1024];
		int r;

		snprintf(path, sizeof(path), "%s/dmesg", mnt);
		r = read_text(path, dmesg, sizeof(dmesg));
		CHECK(r == 0 && dmesg[0], "server alive: %s/dmesg reads%s%s", mnt,
		      r ? ": " : "", r ? strerror(-r) : "");
	}
	for (i = 0; i < nprocs; i++)
		free(kill_pts[i]);
	return checks_failed ? 1 : 0;
}
