// SPDX-License-Identifier: GPL-2.0
/*
 * bench_mmap FILE SIZE [ROUNDS] - mapped access to FILE (a u-dma-buf
 * device file, say) next to its anchor, a memfd of the same size, in the
 * same run: each round maps, writes the whole buffer 8 times, reads every
 * cache line, unmaps; best of 5 per side.  Prints one line per round with
 * the ratio (FILE / memfd).  Timing is reported, never asserted.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double best_of(int fd, size_t size, int reps)
{
	double best = 1e9;
	int r, k;

	for (r = 0; r < reps; r++) {
		volatile unsigned long sum = 0;
		unsigned char *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
					MAP_SHARED, fd, 0);
		double t;
		size_t i;

		if (p == MAP_FAILED) {
			perror("mmap");
			exit(1);
		}
		t = now();
		for (k = 0; k < 8; k++)
			memset(p, k, size);
		for (i = 0; i < size; i += 64)
			sum += p[i];
		t = now() - t;
		if (t < best)
			best = t;
		munmap(p, size);
	}
	return best;
}

int main(int argc, char **argv)
{
	size_t size;
	int fd, mfd, i, rounds;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_mmap FILE SIZE [ROUNDS]\n");
		return 2;
	}
	size = strtoull(argv[2], NULL, 0);
	rounds = argc > 3 ? atoi(argv[3]) : 5;
	fd = open(argv[1], O_RDWR);
	mfd = memfd_create("bench-anchor", MFD_CLOEXEC);
	if (fd < 0 || mfd < 0 || ftruncate(mfd, (off_t)size)) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < rounds; i++) {
		double a = best_of(mfd, size, 5), b = best_of(fd, size, 5);

		printf("memfd %.4f s  file %.4f s  ratio %.2f\n", a, b, b / a);
	}
	return 0;
}
