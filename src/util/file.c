// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"

int rm_read_file(const char *path, size_t max, char **buf, size_t *len,
		 char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;
	struct stat st;
	size_t got = 0;
	char *b;

	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		ret = -EINVAL;
		goto out_close;
	}
	if ((unsigned long long)st.st_size > max) {
		snprintf(err, errlen, "%s: too large (%lld bytes, at most %zu)",
			 path, (long long)st.st_size, max);
		ret = -EFBIG;
		goto out_close;
	}
	b = malloc((size_t)st.st_size + 1);
	if (!b) {
		snprintf(err, errlen, "%s: out of memory", path);
		ret = -ENOMEM;
		goto out_close;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, b + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* shrank under us: what was read */
		got += (size_t)n;
	}
	b[got] = '\0';
	*buf = b;
	*len = got;
out_close:
	close(fd);
	return ret;
}
