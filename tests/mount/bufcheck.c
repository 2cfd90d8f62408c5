// SPDX-License-Identifier: GPL-2.0
/*
 * bufcheck - what a shell cannot do with a buffer file.
 *
 *   bufcheck zero FILE           mmap MAP_SHARED, every reachable byte is 0
 *   bufcheck fill FILE BYTE      mmap and fill with BYTE, msync
 *   bufcheck verify FILE BYTE    read(2) sees BYTE everywhere
 *   bufcheck share FILE          parent and child map it; each sees the
 *                                other's stores
 *   bufcheck hold FILE FIFO      map, write "mapped" to FIFO, wait for a
 *                                line on stdin, verify the pattern, unmap
 *   bufcheck allocread ALLOC "SIZE [NAME]"  write then pread(0): prints
 *                                the result line
 *   bufcheck pastend FILE        map one page more than the file reaches and
 *                                touch it: prints "SIGBUS" (as any file)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned char *map(const char *path, size_t *len, int *fdp)
{
	struct stat st;
	unsigned char *p;
	int fd = open(path, O_RDWR);

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "open %s: %s\n", path, strerror(errno));
		exit(2);
	}
	/* everything a mapping can reach: up to the end of the last page */
	*len = ((size_t)st.st_size + 4095) & ~(size_t)4095;
	p = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "mmap %s: %s\n", path, strerror(errno));
		exit(2);
	}
	*fdp = fd;
	return p;
}

static int check_all(const unsigned char *p, size_t len, unsigned char v)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != v) {
			fprintf(stderr, "byte %zu is 0x%02x, want 0x%02x\n", i, p[i], v);
			return 1;
		}
	return 0;
}

static void on_sigbus(int sig)
{
	(void)sig;
	/* async-signal-safe: the answer, then out */
	if (write(1, "SIGBUS\n", 7) < 0)
		_exit(3);
	_exit(0);
}

static int past_end(const char *path)
{
	struct stat st;
	volatile unsigned char *p;
	size_t len;
	int fd = open(path, O_RDWR);

	if (fd < 0 || fstat(fd, &st))
		return 2;
	len = (((size_t)st.st_size + 4095) & ~(size_t)4095) + 4096;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return 2;
	signal(SIGBUS, on_sigbus);
	p[len - 4096] = 1;	/* the first byte past the last page */
	printf("no signal\n");
	return 1;
}

int main(int argc, char **argv)
{
	unsigned char *p;
	size_t len;
	int fd;

	if (argc < 3)
		return 2;
	if (!strcmp(argv[1], "allocread") && argc == 4) {
		char buf[512];
		ssize_t n;

		fd = open(argv[2], O_RDWR);
		if (fd < 0 || write(fd, argv[3], strlen(argv[3])) < 0) {
			fprintf(stderr, "%s\n", strerror(errno));
			return 1;
		}
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0)
			return 1;
		buf[n] = '\0';
		fputs(buf, stdout);
		/* then EOF */
		return pread(fd, buf, sizeof(buf), 0) == 0 ? 0 : 3;
	}
	p = map(argv[2], &len, &fd);
	if (!strcmp(argv[1], "pastend"))
		return past_end(argv[2]);
	if (!strcmp(argv[1], "zero"))
		return check_all(p, len, 0);
	if (!strcmp(argv[1], "fill") && argc == 4) {
		memset(p, atoi(argv[3]), len);
		return msync(p, len, MS_SYNC) ? 1 : 0;
	}
	if (!strcmp(argv[1], "verify") && argc == 4) {
		unsigned char *buf = malloc(len);
		struct stat st;
		ssize_t n;

		int bad;

		fstat(fd, &st);
		n = pread(fd, buf, len, 0);
		bad = n != st.st_size ||
		      check_all(buf, (size_t)n, (unsigned char)atoi(argv[3]));
		free(buf);
		return bad;
	}
	if (!strcmp(argv[1], "share")) {
		pid_t pid;
		int status;

		p[0] = 0;
		pid = fork();
		if (pid == 0) {
			p[1] = 0xc1;		/* the child's store */
			while (p[0] != 0xa5)	/* wait for the parent's */
				usleep(100);
			_exit(0);
		}
		while (p[1] != 0xc1)
			usleep(100);
		p[0] = 0xa5;
		waitpid(pid, &status, 0);
		return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : 1;
	}
	if (!strcmp(argv[1], "hold") && argc == 4) {
		char line[16];
		FILE *f;

		close(fd);		/* only the mapping keeps it */
		memset(p, 0x5a, len);
		f = fopen(argv[3], "w");
		if (!f)
			return 2;
		fputs("mapped\n", f);
		fclose(f);
		if (!fgets(line, sizeof(line), stdin))
			return 2;
		if (check_all(p, len, 0x5a))
			return 1;
		munmap(p, len);
		return 0;
	}
	return 2;
}
