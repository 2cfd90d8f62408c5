// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "util/units.h"

const char *rm_human_size(uint64_t bytes, char buf[RM_HUMAN_MAX])
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
					    "PiB", "EiB" };
	unsigned int u = 0;
	uint64_t whole = bytes, rem = 0;
	unsigned int tenth;

	while (whole >= 1024 && u < 6) {
		rem = whole % 1024;
		whole /= 1024;
		u++;
	}
	if (!rem) {
		snprintf(buf, RM_HUMAN_MAX, "%llu %s", (unsigned long long)whole,
			 unit[u]);
		return buf;
	}
	/*
	 * Truncated to a tenth, not rounded, so a size just under a unit
	 * never reads as the unit ("1023.9 MiB", not "1024.0 MiB"); the
	 * exact value is printed beside it anyway.
	 */
	tenth = (unsigned int)(rem * 10 / 1024);
	snprintf(buf, RM_HUMAN_MAX, "%llu.%u %s", (unsigned long long)whole,
		 tenth, unit[u]);
	return buf;
}
