#!/bin/bash
# scripts/install-deps.sh - install what building and testing rmemfs needs.
#
# Debian packages only.  Idempotent: when every package is already installed
# nothing is downloaded and apt-get is not run.  Runs as root, or through
# `sudo -n` otherwise.  Needs no TTY (DEBIAN_FRONTEND=noninteractive).
# Finally makes sure /dev/fuse exists (the mount tests need it); a machine
# without FUSE only gets a warning, since building and the unit tests work
# without it.
set -euo pipefail

PKGS=(build-essential pkg-config fuse3 libfuse3-dev libfdt-dev check
      device-tree-compiler attr util-linux cpp clang libclang-rt-14-dev
      valgrind python3-jsonschema librsvg2-bin)

export DEBIAN_FRONTEND=noninteractive
log() { echo "install-deps: $*"; }

SUDO=()
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
	else
		SUDO=(false)	# only fails if something actually needs root
	fi
fi
as_root() {
	if [ "${SUDO[0]:-}" = false ]; then
		log "ERROR: not root and no sudo: cannot run: $*" >&2
		return 1
	fi
	"${SUDO[@]}" "$@" </dev/null
}

installed() {
	dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | grep -qx installed
}

missing=()
for p in "${PKGS[@]}"; do
	installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	log "all ${#PKGS[@]} packages already installed"
else
	log "missing: ${missing[*]}"
	log "apt-get update"
	as_root apt-get update -q
	log "apt-get install ${missing[*]}"
	as_root apt-get install -y -q --no-install-recommends \
		-o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-confdef \
		-o Dpkg::Options::=--force-confold "${missing[@]}"
	still=()
	for p in "${missing[@]}"; do
		installed "$p" || still+=("$p")
	done
	if [ ${#still[@]} -ne 0 ]; then
		log "ERROR: still not installed: ${still[*]}" >&2
		exit 1
	fi
	log "installed ${#missing[@]} packages"
fi

# ---- FUSE ----------------------------------------------------------------
if [ ! -c /dev/fuse ]; then
	log "/dev/fuse missing; trying to load the fuse module"
	if command -v modprobe >/dev/null 2>&1; then
		as_root modprobe fuse 2>/dev/null || true
	fi
	# the module may be built in or loaded on the host with no device node
	# in this (container) /dev: create it (char 10,229 as udev would)
	if [ ! -c /dev/fuse ] && grep -qw fuse /proc/filesystems 2>/dev/null; then
		as_root mknod -m 0666 /dev/fuse c 10 229 2>/dev/null || true
	fi
fi
if [ -c /dev/fuse ]; then
	log "FUSE: /dev/fuse present"
else
	log "WARNING: FUSE is unavailable (no /dev/fuse; 'modprobe fuse' failed" \
		"or the kernel has no fuse support): rmemfs builds and --dry-run" \
		"works, but it cannot be mounted here" >&2
fi
