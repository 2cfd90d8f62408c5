// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kconfig.h"

void rm_kconfig_defaults(struct rm_kconfig *kc, const struct rm_profile *p)
{
	memset(kc, 0, sizeof(*kc));
	kc->cma = true;
	kc->dma_cma = true;
	kc->cma_size_mbytes = 16;
	kc->cma_size_sel = RM_CMA_SEL_MBYTES;
	kc->cma_alignment = 8;
	/* mm/Kconfig: 7 while MAX_CMA_AREAS was 1 + it; 8 once it is not */
	kc->cma_areas = p->cma.areas_plus_one ? 7 : 8;
	kc->page_shift = 12;
	kc->max_order = p->kconfig_max_order;
}

unsigned int rm_kconfig_max_cma_areas(const struct rm_kconfig *kc,
				      const struct rm_profile *p)
{
	return kc->cma_areas + (p->cma.areas_plus_one ? 1 : 0);
}

const char *rm_cma_size_sel_name(enum rm_cma_size_sel sel)
{
	static const char *const names[] = { "MBYTES", "PERCENTAGE", "MIN", "MAX" };

	return names[sel];
}

/*
 * -EINVAL: not a number; -ERANGE: outside the symbol's range [min, max],
 * which is left in range[] for the message.  Kept apart so the message
 * says which (kconfig.h: "line 12: CONFIG_CMA_ALIGNMENT=abc: not a number").
 */
static int parse_uint(const char *v, uint64_t min, uint64_t max, uint64_t *out,
		      uint64_t *range)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(v, &end, 0);
	if (end == v || *end || v[0] == '-')
		return -EINVAL;
	if (errno || n < min || n > max) {
		range[0] = min;
		range[1] = max;
		return -ERANGE;
	}
	*out = n;
	return 0;
}

/* key=value of one line; value without quotes */
static int apply(struct rm_kconfig *kc, const char *key, const char *val,
		 bool unset, uint64_t *range)
{
	int ret;
	bool yes = !unset && !strcmp(val, "y");
	uint64_t n;

	if (!strcmp(key, "CONFIG_CMA")) {
		kc->cma = yes;
	} else if (!strcmp(key, "CONFIG_DMA_CMA")) {
		kc->dma_cma = yes;
	} else if (!strcmp(key, "CONFIG_DMA_RESTRICTED_POOL")) {
		kc->dma_restricted_pool = yes;
	} else if (!strcmp(key, "CONFIG_CMA_SIZE_SEL_MBYTES")) {
		if (yes)
			kc->cma_size_sel = RM_CMA_SEL_MBYTES;
	} else if (!strcmp(key, "CONFIG_CMA_SIZE_SEL_PERCENTAGE")) {
		if (yes)
			kc->cma_size_sel = RM_CMA_SEL_PERCENTAGE;
	} else if (!strcmp(key, "CONFIG_CMA_SIZE_SEL_MIN")) {
		if (yes)
			kc->cma_size_sel = RM_CMA_SEL_MIN;
	} else if (!strcmp(key, "CONFIG_CMA_SIZE_SEL_MAX")) {
		if (yes)
			kc->cma_size_sel = RM_CMA_SEL_MAX;
	} else if (unset) {
		return 0;
	} else if (!strcmp(key, "CONFIG_CMA_SIZE_MBYTES")) {
		ret = parse_uint(val, 0, 1ULL << 40, &n, range);
		if (ret)
			return ret;
		kc->cma_size_mbytes = n;
	} else if (!strcmp(key, "CONFIG_CMA_SIZE_PERCENTAGE")) {
		ret = parse_uint(val, 0, 100, &n, range);
		if (ret)
			return ret;
		kc->cma_size_percentage = n;
	} else if (!strcmp(key, "CONFIG_CMA_ALIGNMENT")) {
		ret = parse_uint(val, 2, 12, &n, range);	/* Kconfig range 2..12 */
		if (ret)
			return ret;
		kc->cma_alignment = (unsigned int)n;
	} else if (!strcmp(key, "CONFIG_CMA_AREAS")) {
		ret = parse_uint(val, 1, 255, &n, range);
		if (ret)
			return ret;
		kc->cma_areas = (unsigned int)n;
	} else if (!strcmp(key, "CONFIG_ARCH_FORCE_MAX_ORDER") ||
		   !strcmp(key, "CONFIG_FORCE_MAX_ZONEORDER")) {
		ret = parse_uint(val, 0, 64, &n, range);
		if (ret)
			return ret;
		kc->max_order = (unsigned int)n;
		kc->max_order_set = true;
	} else if (!strcmp(key, "CONFIG_ARM64_4K_PAGES") ||
		   !strcmp(key, "CONFIG_PAGE_SIZE_4KB")) {
		if (yes)
			kc->page_shift = 12;
	} else if (!strcmp(key, "CONFIG_ARM64_16K_PAGES") ||
		   !strcmp(key, "CONFIG_PAGE_SIZE_16KB")) {
		if (yes)
			kc->page_shift = 14;
	} else if (!strcmp(key, "CONFIG_ARM64_64K_PAGES") ||
		   !strcmp(key, "CONFIG_PAGE_SIZE_64KB")) {
		if (yes)
			kc->page_shift = 16;
	}
	return 0;
}

int rm_kconfig_parse(struct rm_kconfig *kc, const char *text, char *err,
		     size_t errlen)
{
	const char *p = text;
	unsigned int lineno = 0;

	while (*p) {
		char line[512], key[128];
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *eq, *val;
		bool unset = false;
		uint64_t range[2];
		int ret;

		lineno++;
		if (len >= sizeof(line)) {
			snprintf(err, errlen, "line %u: line too long", lineno);
			return -EINVAL;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl ? 1 : 0);
		if (sscanf(line, "# %127s is not set", key) == 1 &&
		    strstr(line, " is not set")) {
			if (apply(kc, key, "", true, range))
				goto bad;
			continue;
		}
		if (line[0] == '#' || !line[0])
			continue;
		eq = strchr(line, '=');
		if (!eq || strncmp(line, "CONFIG_", 7) || eq - line >= 128)
			goto bad;
		*eq = '\0';
		val = eq + 1;
		if (val[0] == '"') {
			size_t vl = strlen(val);

			if (vl < 2 || val[vl - 1] != '"') {
				*eq = '=';	/* show the whole line */
				goto bad;
			}
			val[vl - 1] = '\0';
			val++;
		}
		ret = apply(kc, line, val, unset, range);
		if (ret == -ERANGE) {
			snprintf(err, errlen, "line %u: %.128s=%.100s: out of range %llu..%llu",
				 lineno, line, val, (unsigned long long)range[0],
				 (unsigned long long)range[1]);
			return -EINVAL;
		}
		if (ret) {
			snprintf(err, errlen, "line %u: %.128s=%.100s: not a number",
				 lineno, line, val);
			return -EINVAL;
		}
		continue;
bad:
		snprintf(err, errlen, "line %u: '%.200s': not a valid setting",
			 lineno, line);
		return -EINVAL;
	}
	if (kc->page_shift != 12) {
		snprintf(err, errlen,
			 "%u KiB pages: only 4 KiB pages are emulated",
			 1u << (kc->page_shift - 10));
		return -EINVAL;
	}
	return 0;
}
