// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>

#include "view/files.h"

int rm_file_render(const struct rm_file *f, const struct rm_obj *o,
		   const struct rm_view_env *env, char **text, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	int err;

	if (f->kind != RM_FILE_TEXT || !f->show)
		return -EINVAL;
	err = f->show(o, env, &sb);
	if (!err && sb.oom)
		err = -ENOMEM;
	if (err) {
		strbuf_release(&sb);
		return err;
	}
	*text = strbuf_detach(&sb, len);
	return *text ? 0 : -ENOMEM;
}
