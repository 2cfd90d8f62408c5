// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_memparse - libFuzzer target: lib/cmdline.c memparse() and
 * simple_strtoull() as rmemfs reimplements them, plus the -o reserve=
 * list built on them.
 *
 * The input is a C string (cut at the first NUL).  Checked against an
 * independent model of the kernel's code: the value (wrapping on
 * overflow, bits shifted out lost) and where parsing stopped.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/cmdline.h"
#include "board/options.h"
#include "kernel/system.h"

#define MAX_TEXT 1024

/* the kernel's _parse_integer_fixup_radix + _parse_integer, base 0 */
static uint64_t model_strtoull(const char *s, const char **end)
{
	unsigned int base = 10;
	uint64_t v = 0;

	if (s[0] == '0') {
		if (tolower((unsigned char)s[1]) == 'x' &&
		    isxdigit((unsigned char)s[2])) {
			base = 16;
			s += 2;
		} else {
			base = 8;
		}
	}
	for (;; s++) {
		unsigned int d;
		int c = tolower((unsigned char)*s);

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	*end = s;
	return v;
}

static uint64_t model_memparse(const char *s, const char **end)
{
	const char *e;
	uint64_t v = model_strtoull(s, &e);
	const char *suffixes = "kmgtpe";
	const char *p = *e ? strchr(suffixes, tolower((unsigned char)*e)) : NULL;

	if (p) {
		unsigned int shift = 10 * (unsigned int)(p - suffixes + 1);

		v <<= shift;	/* at most 60 */
		e++;
	}
	*end = e;
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rm_reserve_range rr[RM_MAX_RESERVE];
	const char *e1, *e2;
	uint64_t v1, v2;
	unsigned int n, i;
	char *s;
	int ret;

	if (size > MAX_TEXT)
		return 0;
	s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	v1 = rm_simple_strtoull(s, &e1);
	v2 = model_strtoull(s, &e2);
	if (v1 != v2 || e1 != e2)
		abort();
	if (rm_simple_strtoull(s, NULL) != v1)
		abort();

	v1 = rm_memparse(s, &e1);
	v2 = model_memparse(s, &e2);
	if (v1 != v2 || e1 != e2 || e1 < s || e1 > s + strlen(s))
		abort();
	if (rm_memparse(s, NULL) != v1)
		abort();

	ret = rm_parse_reserve(s, rr, RM_MAX_RESERVE, &n);
	if (n > RM_MAX_RESERVE)
		abort();
	if (!ret)
		for (i = 0; i < n; i++)
			if (!rr[i].size || rr[i].base + rr[i].size < rr[i].base)
				abort();
	free(s);
	return 0;
}
