// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_kconfig - libFuzzer target: the kernel .config reader behind
 * `-o config=PATH`.
 *
 * The input is the file's text; as options.c's read_text() does, a text
 * with a NUL byte is refused before parsing.  rm_kconfig_parse() runs over
 * each profile's defaults (profile chosen by the first byte); a config it
 * accepts boots the built-in board, rendered as the dry-run and the tree
 * show it, as `rmemfs --dry-run -o config=FILE` would.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kconfig.h"
#include "kernel/profile.h"
#include "view/render.h"
#include "kernel/system.h"
#include "util/strbuf.h"

extern const unsigned char rm_builtin_dtb[];
extern const size_t rm_builtin_dtb_len;

#define MAX_CONFIG (256u << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const profiles[] = { "6.12", "6.1", "4.19" };
	struct rm_boot_opts bo = { 0 };
	struct rm_board *b = NULL;
	struct rm_kconfig kc;
	struct strbuf sb = STRBUF_INIT;
	char err[512], *text;
	int ret;

	if (size > MAX_CONFIG || memchr(data, '\0', size))
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	bo.profile = rm_profile_find(profiles[size ? data[0] % 3 : 0]);
	rm_kconfig_defaults(&kc, bo.profile);
	err[0] = '\0';
	ret = rm_kconfig_parse(&kc, text, err, sizeof(err));
	if (ret && !err[0])
		abort();	/* every refusal says why */
	if (!ret) {
		bo.kconfig = &kc;
		if (!rm_boot(rm_builtin_dtb, rm_builtin_dtb_len, &bo, &b, err,
			     sizeof(err))) {
			rm_render_dryrun(b, &sb);
			rm_render_config(b, "page-cache", &sb);
			rm_render_meminfo(b, &sb);
			strbuf_release(&sb);
			rm_board_free(b);
		}
	}
	free(text);
	return 0;
}
