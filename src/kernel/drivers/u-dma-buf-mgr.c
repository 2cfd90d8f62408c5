// SPDX-License-Identifier: GPL-2.0
/*
 * u-dma-buf-mgr 4.4.0: udmabuf_manager_file_write() and
 * udmabuf_manager_parse().  Tokens split on space and tab; the command
 * word is a prefix match ("createX" creates), options last-wins.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/drivers/u-dma-buf-mgr.h"
#include "kernel/lib/kstrtox.h"

enum mgr_cmd { MGR_NONE, MGR_CREATE, MGR_DELETE };

struct mgr_req {
	enum mgr_cmd cmd;
	const char *name;
	uint64_t size;
	unsigned int dma_mask;		/* option[7:0] */
	int quirk_mmap;			/* option[11:10] */
	const char *bus, *device;
};

static int parse_error(struct rm_board *b, const char *tok)
{
	rm_err(b, "u-dma-buf-mgr: parse error: %s", tok);
	return -EINVAL;
}

static int parse_number(const char *s, uint64_t *v)
{
	return rm_kstrtoull(s, strlen(s), v) ? -EINVAL : 0;
}

static int parse(struct rm_board *b, char *line, struct mgr_req *r)
{
	char *tok, *save = line;
	unsigned int n = 0;

	memset(r, 0, sizeof(*r));
	while ((tok = strsep(&save, " \t"))) {
		uint64_t v;

		if (!*tok)
			continue;
		if (n == 0) {
			if (!strncmp(tok, "create", 6))
				r->cmd = MGR_CREATE;
			else if (!strncmp(tok, "delete", 6))
				r->cmd = MGR_DELETE;
			else
				return parse_error(b, tok);
		} else if (n == 1) {
			r->name = tok;
		} else if (r->cmd == MGR_DELETE) {
			/* delete ignores the rest */
		} else if (!strncmp(tok, "size=", 5)) {
			if (parse_number(tok + 5, &r->size))
				return parse_error(b, tok);
		} else if (!strncmp(tok, "dma-mask=", 9)) {
			if (parse_number(tok + 9, &v) || v > 255)
				return parse_error(b, tok);
			r->dma_mask = (unsigned int)v;
		} else if (!strncmp(tok, "bus=", 4)) {
			/* amba, pci, pci_express: buses a host has none of */
			r->bus = tok + 4;
			if (strcmp(r->bus, "amba") && strcmp(r->bus, "pci") &&
			    strcmp(r->bus, "pci_express"))
				return parse_error(b, tok);
		} else if (!strncmp(tok, "device=", 7)) {
			r->device = tok + 7;
			if (!*r->device)
				return parse_error(b, tok);
		} else if (!strncmp(tok, "quirk-mmap-auto", 15)) {
			r->quirk_mmap = UDMABUF_QUIRK_MMAP_AUTO;
		} else if (!strncmp(tok, "quirk-mmap-off", 14)) {
			r->quirk_mmap = UDMABUF_QUIRK_MMAP_OFF;
		} else if (!strncmp(tok, "quirk-mmap-on", 13)) {
			r->quirk_mmap = UDMABUF_QUIRK_MMAP_ON;
		} else if (!parse_number(tok, &v)) {
			r->size = v;
		} else {
			return parse_error(b, tok);
		}
		n++;
	}
	if (r->cmd == MGR_NONE || !r->name)
		return parse_error(b, line);
	return 0;
}

static int run(struct rm_board *b, char *line,
	       const struct udmabuf_mgr_ops *ops)
{
	struct mgr_req r;
	struct udmabuf *ub;
	int err = parse(b, line, &r);

	if (err)
		return err;
	if (r.cmd == MGR_DELETE) {
		rm_info(b, "u-dma-buf-mgr: delete %s", r.name);
		ub = udmabuf_find(b, r.name);
		if (!ub || !ub->from_mgr) {
			rm_err(b, "u-dma-buf-mgr: delete error: %s not found",
			       r.name);
			return -EINVAL;
		}
		ops->deleted(ops->ctx, ub);
		return 0;
	}
	if (!r.size) {
		rm_err(b, "u-dma-buf-mgr: size error: %llu",
		       (unsigned long long)r.size);
		return -EINVAL;
	}
	if (r.device) {
		/* bus_find_device_by_name(): no such parent on this host */
		rm_err(b, "u-dma-buf-mgr: parent device(%s) not found in bus(%s)",
		       r.device, r.bus ? r.bus : "platform");
		err = -EINVAL;
	} else {
		rm_info(b, "u-dma-buf-mgr: create %s size=%llu", r.name,
			(unsigned long long)r.size);
		err = udmabuf_mgr_create(b, r.name, r.size, r.dma_mask,
					 r.quirk_mmap, &ub);
		if (!err) {
			err = ops->created(ops->ctx, ub);
			if (err)
				udmabuf_remove(b, ub);
		}
	}
	if (err)
		rm_err(b, "u-dma-buf-mgr: create error: %s result = %d", r.name,
		       err);
	return err;
}

ssize_t udmabuf_mgr_write(struct rm_board *b, struct udmabuf_mgr_file *f,
			  const char *data, size_t count,
			  const struct udmabuf_mgr_ops *ops)
{
	size_t i;
	int err;

	if (f->used >= UDMABUF_MGR_BUFFER_SIZE)
		return -ENOSPC;
	for (i = 0; i < count; i++) {
		char c = data[i];

		if (c == '\n' || c == '\0' || c == ';') {
			f->buf[f->used] = '\0';
			f->used = 0;
			err = run(b, f->buf, ops);
			if (err)
				return err;
			continue;
		}
		/* the last byte stays for the NUL a terminator writes */
		if (f->used >= UDMABUF_MGR_BUFFER_SIZE - 1) {
			f->used = UDMABUF_MGR_BUFFER_SIZE;
			return -ENOSPC;
		}
		f->buf[f->used++] = c;
	}
	return (ssize_t)count;
}
