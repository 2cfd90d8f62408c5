// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>

#include "kernel/lib/cmdline.h"

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

uint64_t rm_simple_strtoull(const char *s, const char **end)
{
	unsigned int base = 10;
	const char *p = s;
	uint64_t v = 0;

	/* _parse_integer_fixup_radix(): "0x" only counts before a hex digit */
	if (p[0] == '0') {
		if ((p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
			base = 16;
			p += 2;
		} else {
			base = 8;
		}
	}
	while (digit_value(*p) < (int)base) {
		v = v * base + (uint64_t)digit_value(*p);
		p++;
	}
	if (end)
		*end = p;
	return v;
}

uint64_t rm_memparse(const char *s, const char **end)
{
	const char *e;
	uint64_t v = rm_simple_strtoull(s, &e);
	unsigned int shift = 0;

	switch (*e) {
	case 'E': case 'e':
		shift += 10;
		/* fall through */
	case 'P': case 'p':
		shift += 10;
		/* fall through */
	case 'T': case 't':
		shift += 10;
		/* fall through */
	case 'G': case 'g':
		shift += 10;
		/* fall through */
	case 'M': case 'm':
		shift += 10;
		/* fall through */
	case 'K': case 'k':
		shift += 10;
		e++;
		break;
	default:
		break;
	}
	if (end)
		*end = e;
	return shift >= 64 ? 0 : v << shift;
}
