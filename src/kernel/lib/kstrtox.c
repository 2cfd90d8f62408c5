// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kstrtox.c: _parse_integer_fixup_radix() and _parse_integer_limit()
 * (which simple_strtoull() uses too, lib/cmdline.c) and kstrtoull() with
 * its overflow check and the single trailing newline sysfs writes carry
 * ("echo 1 > attr").
 */
#include <errno.h>
#include <stdbool.h>

#include "kernel/lib/kstrtox.h"

int rm_hex_to_bin(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

unsigned int rm_parse_integer_fixup_radix(const char **s, const char *end)
{
	const char *p = *s;

	if (end - p >= 1 && p[0] == '0') {
		if (end - p >= 3 && (p[1] == 'x' || p[1] == 'X') &&
		    rm_hex_to_bin(p[2]) >= 0) {
			*s = p + 2;
			return 16;
		}
		return 8;
	}
	return 10;
}

size_t rm_parse_integer(const char *s, const char *end, unsigned int base,
			uint64_t *res, bool *overflow)
{
	uint64_t v = 0;
	size_t n = 0;

	*overflow = false;
	for (; s < end; s++, n++) {
		int h = rm_hex_to_bin(*s);
		unsigned int d = (unsigned int)h;

		if (h < 0 || d >= base)
			break;
		if (v > (UINT64_MAX - d) / base)
			*overflow = true;
		v = v * base + d;
	}
	*res = v;
	return n;
}

int rm_kstrtoull(const char *s, size_t len, uint64_t *res)
{
	const char *end = s + len;
	unsigned int base;
	bool overflow;
	uint64_t v;
	size_t n;

	if (s < end && *s == '+')
		s++;
	base = rm_parse_integer_fixup_radix(&s, end);
	n = rm_parse_integer(s, end, base, &v, &overflow);
	if (!n)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	s += n;
	if (s < end && *s == '\n')
		s++;
	if (s != end)
		return -EINVAL;
	*res = v;
	return 0;
}
