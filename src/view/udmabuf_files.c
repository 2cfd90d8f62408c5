// SPDX-License-Identifier: GPL-2.0
/*
 * u-dma-buf/<name>/: the driver's sysfs attributes.  One table entry
 * serves them all; the attribute itself (kernel/drivers/u-dma-buf.h)
 * knows its format, range and post action.  The front end holds the
 * lock that serialises them with the device's ioctls.
 */
#include "kernel/drivers/u-dma-buf.h"
#include "view/files.h"

static int show_attr(const struct rm_obj *o, const struct rm_view_env *env,
		     struct strbuf *sb)
{
	(void)env;
	o->uattr->show(o->udmabuf, sb);
	return 0;
}

/* sysfs: the whole write is one store, whatever its offset */
static int store_attr(const struct rm_obj *o, const char *buf, size_t len)
{
	long ret = udmabuf_attr_store(o->udmabuf, o->uattr, buf, len);

	return ret < 0 ? (int)ret : 0;
}

const struct rm_file rm_udmabuf_attr_file = {
	.name = "(u-dma-buf attribute)",
	.kind = RM_FILE_TEXT,
	.mode = 0444,
	.show = show_attr,
	.store = store_attr,
};
