// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/findings.h"

/* every id the emulated kernel reports; doc/findings.md explains each */
static const char *const known_ids[] = {
	"atomic-pool-failed", "cma-alignment", "cma-not-activated",
	"cma-setup", "cma-syntax", "cmdline-bypass", "coherent-in-ram",
	"default-cma-failed", "device-ebusy", "device-einval",
	"device-enodev", "dma-mask", "dma-pool-init", "dma-range-size",
	"dma-translation", "dynamic-no-space", "init-failed",
	"initrd-unreachable", "invalid-property", "invalid-reg",
	"kernel-panic", "multi-reg", "no-init", "no-ram", "not-reserved",
	"outside-ram", "overlap", "root-format", "table-full",
	"too-many-dynamic", "udmabuf-probe",
};

static const char *rm_finding_id(const char *id, size_t len)
{
	unsigned int i;

	for (i = 0; i < sizeof(known_ids) / sizeof(known_ids[0]); i++)
		if (strlen(known_ids[i]) == len && !memcmp(known_ids[i], id, len))
			return known_ids[i];
	return NULL;
}

void rm_findings_release(struct rm_findings *fs)
{
	unsigned int i;

	for (i = 0; i < fs->nr; i++) {
		free(fs->f[i].node);
		free(fs->f[i].text);
	}
	free(fs->f);
	fs->f = NULL;
	fs->nr = fs->cap = 0;
}

void rm_findings_add(struct rm_findings *fs, const char *id,
		     enum rm_severity sev, const char *node, const char *text)
{
	struct rm_finding *f;
	unsigned int i;

	/* the same thing said twice (6.12 scans twice) is one finding */
	for (i = 0; i < fs->nr; i++)
		if (fs->f[i].id == id && !strcmp(fs->f[i].text, text) &&
		    !strcmp(fs->f[i].node, node && node[0] ? node : "/"))
			return;
	if (fs->nr == fs->cap) {
		unsigned int cap = fs->cap ? fs->cap * 2 : 16;
		struct rm_finding *n = realloc(fs->f, cap * sizeof(*n));

		if (!n)
			return;	/* a diagnosis lost to OOM, never the boot */
		fs->f = n;
		fs->cap = cap;
	}
	f = &fs->f[fs->nr];
	f->id = id;
	f->severity = sev;
	f->node = strdup(node && node[0] ? node : "/");
	f->text = strdup(text);
	f->ignored = false;
	if (!f->node || !f->text) {
		free(f->node);
		free(f->text);
		return;
	}
	fs->nr++;
}

bool rm_findings_has(const struct rm_findings *fs, const char *node,
		     enum rm_severity sev)
{
	unsigned int i;

	for (i = 0; i < fs->nr; i++)
		if (fs->f[i].severity >= sev && !strcmp(fs->f[i].node, node))
			return true;
	return false;
}

/* NODE as given: the whole path, or its last component */
static bool node_matches(const char *path, const char *node, size_t len)
{
	const char *base = strrchr(path, '/');

	if (strlen(path) == len && !memcmp(path, node, len))
		return true;
	base = base ? base + 1 : path;
	return strlen(base) == len && !memcmp(base, node, len);
}

int rm_findings_ignore(struct rm_findings *fs, const char *spec,
		       const char **bad)
{
	const char *p = spec;

	while (*p) {
		size_t len = strcspn(p, ":"), idlen = strcspn(p, "@:");
		const char *node = p[idlen] == '@' ? p + idlen + 1 : NULL;
		size_t nlen = node ? len - idlen - 1 : 0;
		unsigned int i;

		*bad = p;
		if (!idlen || (node && !nlen))
			return -EINVAL;
		if (!rm_finding_id(p, idlen))
			return -ENOENT;
		for (i = 0; i < fs->nr; i++) {
			struct rm_finding *f = &fs->f[i];

			if (strlen(f->id) != idlen || memcmp(f->id, p, idlen))
				continue;
			if (node && !node_matches(f->node, node, nlen))
				continue;
			f->ignored = true;
		}
		p += len;
		if (*p == ':' && !*++p) {
			*bad = p;
			return -EINVAL;
		}
	}
	return 0;
}

unsigned int rm_findings_errors(const struct rm_findings *fs)
{
	unsigned int i, n = 0;

	for (i = 0; i < fs->nr; i++) {
		const struct rm_finding *f = &fs->f[i];

		if (f->ignored)
			continue;
		if (f->severity == RM_ERROR ||
		    (fs->strict && f->severity == RM_WARNING))
			n++;
	}
	return n;
}

const char *rm_severity_name(enum rm_severity sev)
{
	switch (sev) {
	case RM_ERROR: return "error";
	case RM_WARNING: return "warning";
	default: return "note";
	}
}
