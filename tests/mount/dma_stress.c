// SPDX-License-Identifier: GPL-2.0
/*
 * dma_stress DEVICE_DIR PROCS ITERS STRICT - processes playing device and
 * CPU at once on one device: each allocates its buffer through the
 * device's alloc, then per iteration the "device" writes a pattern of its
 * own at the buffer's DMA address through dma (with STRICT, then syncs
 * for the CPU), the CPU verifies every byte through its mapping, stores a
 * second pattern, (STRICT: syncs for the device), and the device reads it
 * back; one write at DMA address 0x1000 (below the board's RAM) must
 * fault.  At the end the
 * faults the device logged must be exactly the ones made.  Prints TAP
 * lines; exits 1 on any failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE 16384

static const char *dir;

static unsigned char pat(unsigned int who, unsigned int it, size_t i, int k)
{
	return (unsigned char)((who * 131 + it * 31 + i * 7 + (size_t)k * 17) & 0xff);
}

static int sync_cmd(const char *what, unsigned long long addr, size_t len)
{
	char p[600], line[128];
	int fd, n;

	snprintf(p, sizeof(p), "%s/sync", dir);
	fd = open(p, O_WRONLY);
	if (fd < 0)
		return -1;
	n = snprintf(line, sizeof(line), "%s 0x%llx %zu", what, addr, len);
	n = (int)write(fd, line, (size_t)n) == n ? 0 : -1;
	close(fd);
	return n;
}

/* one process: 0, or the number of wrong things seen */
static int worker(unsigned int who, unsigned int iters, int strict)
{
	char p[600], line[600], name[32];
	unsigned long long phys, dma, size;
	unsigned char *m, *buf = malloc(SIZE);
	unsigned int it;
	int afd, dfd, bfd, bad = 0;
	size_t i;

	snprintf(name, sizeof(name), "stress%u", who);
	snprintf(p, sizeof(p), "%s/alloc", dir);
	afd = open(p, O_RDWR);
	if (afd < 0 || dprintf(afd, "%d %s\n", SIZE, name) < 0)
		return 1000;
	i = (size_t)read(afd, line, sizeof(line) - 1);
	line[i] = 0;
	close(afd);
	if (sscanf(line, "%*s %llx %llx %llu", &phys, &dma, &size) != 3)
		return 1000;
	snprintf(p, sizeof(p), "%s/buffers/%s", dir, name);
	bfd = open(p, O_RDWR);
	snprintf(p, sizeof(p), "%s/dma", dir);
	dfd = open(p, O_RDWR);
	m = bfd < 0 ? MAP_FAILED : mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
					  MAP_SHARED, bfd, 0);
	if (dfd < 0 || m == MAP_FAILED || !buf)
		return 1000;
	for (it = 0; it < iters; it++) {
		for (i = 0; i < SIZE; i++)
			buf[i] = pat(who, it, i, 0);
		if (pwrite(dfd, buf, SIZE, (off_t)dma) != SIZE)
			bad++;
		if (strict && sync_cmd("for_cpu", dma, SIZE))
			bad++;
		for (i = 0; i < SIZE; i++)
			if (m[i] != pat(who, it, i, 0)) {
				bad++;
				break;
			}
		for (i = 0; i < SIZE; i++)
			m[i] = pat(who, it, i, 1);
		if (strict && sync_cmd("for_device", dma, SIZE))
			bad++;
		if (pread(dfd, buf, SIZE, (off_t)dma) != SIZE)
			bad++;
		for (i = 0; i < SIZE; i++)
			if (buf[i] != pat(who, it, i, 1)) {
				bad++;
				break;
			}
		/* a fault: no buffer there (one past our end may be a
		 * neighbour's, which the device may write) */
		if (pwrite(dfd, "x", 1, 0x1000) != -1 || errno != EFAULT)
			bad++;
	}
	munmap(m, SIZE);
	close(bfd);
	close(dfd);
	snprintf(p, sizeof(p), "%s/buffers/%s", dir, name);
	unlink(p);
	free(buf);
	return bad;
}

int main(int argc, char **argv)
{
	unsigned int procs, iters, k, faults = 0, bad = 0;
	char p[600], line[512];
	FILE *f;
	int st;

	if (argc != 5) {
		fprintf(stderr, "usage: dma_stress DEVICE_DIR PROCS ITERS STRICT\n");
		return 2;
	}
	dir = argv[1];
	procs = (unsigned int)atoi(argv[2]);
	iters = (unsigned int)atoi(argv[3]);
	for (k = 0; k < procs; k++)
		if (fork() == 0)
			_exit(worker(k, iters, atoi(argv[4])) ? 1 : 0);
	for (k = 0; k < procs; k++)
		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	printf("%sok - %u processes, %u iterations each: every byte the device "
	       "wrote read by the CPU and back\n", bad ? "not " : "", procs, iters);
	snprintf(p, sizeof(p), "%s/dma_faults", dir);
	f = fopen(p, "r");
	while (f && fgets(line, sizeof(line), f))
		faults += strstr(line, " write 0x1000 1 no buffer") != NULL;
	if (f)
		fclose(f);
	printf("%sok - faults logged: %u (one per iteration: %u)\n",
	       faults == procs * iters ? "" : "not ", faults, procs * iters);
	return bad || faults != procs * iters;
}
