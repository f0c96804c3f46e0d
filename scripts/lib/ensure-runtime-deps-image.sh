#!/usr/bin/env bash
# Makes the local base image burly-test/runtime-deps:local that scripts/suites/container.sh passes to
# samples/compose/Dockerfile as RUNTIME_IMAGE, standing in for mcr.microsoft.com/dotnet/runtime-deps:10.0
# (no container registry is reachable here). Idempotent: does nothing when the image of this recipe exists.
#
# It holds what a self-contained linux-x64 .NET app and the Dockerfile's runtime stage need: a shell, getent,
# useradd/groupadd/userdel, glibc, libstdc++, libgcc, zlib, OpenSSL 3, CA certificates and tzdata.
# - preferred: a minimal Debian 12 (debootstrap --variant=minbase from the Debian mirror apt uses), trimmed;
# - fallback (no mirror): the same files copied from this host (itself Debian), found with ldd.
# Needs a running engine (run ensure-docker.sh first) and root to install debootstrap.
set -uo pipefail

SOCK=${DOCKER_SOCKET:-/var/run/docker.sock}
IMAGE=${BURLY_RUNTIME_DEPS_IMAGE:-burly-test/runtime-deps:local}
RECIPE=3   # bump when the contents below change
LOG_DIR=${BURLY_TEST_LOG_DIR:-${TMPDIR:-/tmp}/burly-test-logs}
mkdir -p "$LOG_DIR"
log() { echo "[ensure-runtime-deps-image] $*" >&2; }
docker_() { docker -H "unix://$SOCK" "$@"; }

if ! docker_ version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; then
  log "no Docker engine on $SOCK; run scripts/lib/ensure-docker.sh first"; exit 1
fi
if [ "$(docker_ image inspect --format '{{ index .Config.Labels "burly.test.recipe" }}' "$IMAGE" 2>/dev/null)" = "$RECIPE" ]; then
  exit 0
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/burly-rootfs.XXXXXX")
cleanup() { rm -rf "$root"; }
trap cleanup EXIT

mirror() {
  # The Debian mirror apt is configured with (deb822 or one-line format); the machine knows its source, so there is
  # no built-in default: without one, say so and fail.
  local uri
  uri=$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | grep -v -E 'security|cloud.google|nodesource' | grep -oE 'https?://[^ ]+' | grep -E '/debian/?$' | head -1)
  if [ -z "$uri" ]; then echo "ensure-runtime-deps-image: no Debian mirror in the apt sources" >&2; return 1; fi
  echo "$uri"
}

build_debootstrap() {
  if ! command -v debootstrap >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { log "debootstrap missing and not root"; return 1; }
    log "installing debootstrap"
    (export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq debootstrap || { apt-get update -qq && apt-get install -y -qq debootstrap; }) \
      >"$LOG_DIR/apt-debootstrap.log" 2>&1 || { log "apt-get debootstrap failed, see $LOG_DIR/apt-debootstrap.log"; return 1; }
  fi
  local m; m=$(mirror) || return 1   # no mirror: the caller falls back to copying from this host
  log "debootstrap bookworm (minbase) from $m"
  debootstrap --variant=minbase --include=libssl3,ca-certificates,tzdata bookworm "$root" "$m" \
    >"$LOG_DIR/debootstrap.log" 2>&1 || { log "debootstrap failed, see $LOG_DIR/debootstrap.log"; return 1; }
  # Trim what a runtime image does not need.
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
         "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/var/log/* "$root"/tmp/* 2>/dev/null
  return 0
}

copy_with_libs() {
  # Copies each file (and, for ELF files, the libraries ldd names) into the rootfs at the same path.
  local f lib
  for f in "$@"; do
    [ -e "$f" ] || continue
    mkdir -p "$root$(dirname "$f")"; cp -aL "$f" "$root$f"
    for lib in $(ldd "$f" 2>/dev/null | grep -oE '/[^ ]+'); do
      [ -e "$root$lib" ] && continue
      mkdir -p "$root$(dirname "$lib")"; cp -aL "$lib" "$root$lib"
    done
  done
}

build_from_host() {
  log "building the rootfs from this host's files (fallback)"
  rm -rf "${root:?}"/*
  mkdir -p "$root"/{etc,tmp,root,usr/bin,usr/sbin,usr/lib,var/log,usr/local/bin}
  chmod 1777 "$root/tmp"
  ln -s usr/bin "$root/bin"; ln -s usr/sbin "$root/sbin"; ln -s usr/lib "$root/lib"; ln -s usr/lib64 "$root/lib64"
  mkdir -p "$root/usr/lib64"
  local bins=(/usr/bin/dash /usr/bin/getent /usr/bin/cut /usr/bin/mkdir /usr/bin/chown /usr/bin/chmod /usr/bin/ln /usr/bin/rm
              /usr/bin/cat /usr/bin/ls /usr/bin/id /usr/bin/touch /usr/bin/env /usr/bin/sleep
              /usr/sbin/useradd /usr/sbin/groupadd /usr/sbin/userdel /usr/sbin/groupdel /usr/sbin/nologin)
  copy_with_libs "${bins[@]}"
  ln -sf dash "$root/usr/bin/sh"
  # .NET's native dependencies (libstdc++, libgcc_s, zlib, OpenSSL 3 loaded at run time) and glibc's NSS modules.
  local libdir=/usr/lib/x86_64-linux-gnu f
  for f in "$libdir"/libstdc++.so.6* "$libdir"/libgcc_s.so.1 "$libdir"/libz.so.1* "$libdir"/libssl.so.3 "$libdir"/libcrypto.so.3 \
           "$libdir"/libnss_files.so.2 "$libdir"/libdl.so.2 "$libdir"/libpthread.so.0 "$libdir"/librt.so.1 "$libdir"/libm.so.6; do
    copy_with_libs "$f"
  done
  [ -d "$libdir/ossl-modules" ] && { mkdir -p "$root$libdir"; cp -a "$libdir/ossl-modules" "$root$libdir/"; }
  mkdir -p "$root/etc/ssl"; cp -aL /etc/ssl/certs "$root/etc/ssl/" 2>/dev/null; cp -aL /etc/ssl/openssl.cnf "$root/etc/ssl/" 2>/dev/null
  cp -a /usr/share/zoneinfo "$root/usr/share/" 2>/dev/null || true
  cp -a /etc/login.defs "$root/etc/"; cp -a /etc/nsswitch.conf "$root/etc/" 2>/dev/null || echo 'passwd: files
group: files
shadow: files' > "$root/etc/nsswitch.conf"
  mkdir -p "$root/etc/default"; cp -a /etc/default/useradd "$root/etc/default/" 2>/dev/null || true
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
  printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' > "$root/etc/shadow"
  printf 'root:*::\nnogroup:*::\n' > "$root/etc/gshadow"
  chmod 640 "$root/etc/shadow" "$root/etc/gshadow"
  return 0
}

mode=${BURLY_RUNTIME_DEPS_SOURCE:-auto}   # auto | debootstrap | host
ok=1
if [ "$mode" != host ]; then build_debootstrap && ok=0; fi
if [ "$ok" != 0 ] && [ "$mode" != debootstrap ]; then build_from_host && ok=0; fi
[ "$ok" = 0 ] || { log "could not build a rootfs"; exit 1; }

log "importing $IMAGE ($(du -sh "$root" | cut -f1))"
tar --numeric-owner -C "$root" -c . | docker_ import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c "LABEL burly.test.recipe=$RECIPE" \
  -c 'LABEL org.opencontainers.image.description="Local stand-in for mcr.microsoft.com/dotnet/runtime-deps (Burly tests)"' \
  -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null || { log "docker import failed"; exit 1; }
log "image $IMAGE ready"
