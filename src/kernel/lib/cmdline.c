// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "kernel/lib/cmdline.h"
#include "kernel/lib/kstrtox.h"

uint64_t rm_simple_strtoull(const char *s, const char **end)
{
	const char *p = s, *lim = s + strlen(s);
	unsigned int base = rm_parse_integer_fixup_radix(&p, lim);
	bool overflow;
	uint64_t v;

	/* wraps silently, as simple_strtoull() does */
	p += rm_parse_integer(p, lim, base, &v, &overflow);
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

int rm_memparse_strict(const char *tok, size_t len, uint64_t *out)
{
	unsigned int base = 10, shift = 0;
	size_t i = 0;
	uint64_t v = 0;

	if (!len)
		return -EINVAL;
	if (tok[0] == '0' && len > 2 && (tok[1] == 'x' || tok[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (tok[0] == '0' && len > 1) {
		base = 8;
		i = 1;
	}
	if (i >= len && base != 8)
		return -EINVAL;
	for (; i < len; i++) {
		int d = rm_hex_to_bin(tok[i]);

		if (d < 0 || (base != 16 && d >= 10))
			break;		/* not a digit of any base: a suffix? */
		if (d >= (int)base)
			return -EINVAL;
		if (__builtin_mul_overflow(v, base, &v) ||
		    __builtin_add_overflow(v, (unsigned int)d, &v))
			return -EINVAL;
	}
	if (i < len) {
		switch (tok[i]) {
		case 'E': case 'e': shift = 60; break;
		case 'P': case 'p': shift = 50; break;
		case 'T': case 't': shift = 40; break;
		case 'G': case 'g': shift = 30; break;
		case 'M': case 'm': shift = 20; break;
		case 'K': case 'k': shift = 10; break;
		default: return -EINVAL;
		}
		if (i + 1 != len)
			return -EINVAL;
		if (v >> (64 - shift))
			return -EINVAL;
	}
	*out = v << shift;
	return 0;
}
