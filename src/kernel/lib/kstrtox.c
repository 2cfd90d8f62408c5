// SPDX-License-Identifier: GPL-2.0
/*
 * kstrtoull() as lib/kstrtox.c has it: _parse_integer_fixup_radix(),
 * _parse_integer_limit() with overflow detection, and the single trailing
 * newline sysfs writes carry ("echo 1 > attr").
 */
#include <errno.h>
#include <stdbool.h>

#include "kernel/lib/kstrtox.h"

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int rm_kstrtoull(const char *s, size_t len, uint64_t *res)
{
	const char *end = s + len;
	unsigned int base = 10;
	uint64_t v = 0;
	bool overflow = false;
	size_t n = 0;

	if (s < end && *s == '+')
		s++;
	/* _parse_integer_fixup_radix(): "0x" only counts before a hex digit */
	if (end - s >= 1 && s[0] == '0') {
		if (end - s >= 3 && (s[1] == 'x' || s[1] == 'X') &&
		    digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		} else {
			base = 8;
		}
	}
	for (; s < end; s++, n++) {
		unsigned int d = (unsigned int)digit_value(*s);

		if (d >= base)
			break;
		if (v > (UINT64_MAX - d) / base)
			overflow = true;
		v = v * base + d;
	}
	if (!n)
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	if (s < end && *s == '\n')
		s++;
	if (s != end)
		return -EINVAL;
	*res = v;
	return 0;
}
