#!/usr/bin/env bash
# Makes a Docker engine and the test image available. Idempotent; safe to run on every test run.
# - installs docker.io + busybox-static from Debian when dockerd is missing (needs root, as in CI)
# - starts dockerd in the background when no engine answers on the socket
# - builds burly-test/busybox:1 from Debian's busybox-static (no registry needed)
set -uo pipefail

SOCK=${DOCKER_SOCKET:-/var/run/docker.sock}
IMAGE=burly-test/busybox:1
LOG_DIR=${BURLY_TEST_LOG_DIR:-${TMPDIR:-/tmp}/burly-test-logs}
mkdir -p "$LOG_DIR"

log() { echo "[ensure-docker] $*" >&2; }

engine_up() { docker -H "unix://$SOCK" version --format '{{.Server.APIVersion}}' >/dev/null 2>&1; }

if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /bin/busybox ] || ! command -v docker >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then log "dockerd/busybox missing and not root: cannot install"; exit 1; fi
  log "installing docker.io and busybox-static from Debian"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq docker.io busybox-static) >"$LOG_DIR/apt-docker.log" 2>&1 || { log "apt-get failed, see $LOG_DIR/apt-docker.log"; exit 1; }
fi

if ! engine_up; then
  if [ "$(id -u)" != 0 ]; then log "no engine on $SOCK and not root: cannot start dockerd"; exit 1; fi
  if ! pgrep -x dockerd >/dev/null; then
    log "starting dockerd"
    nohup dockerd --host "unix://$SOCK" >"$LOG_DIR/dockerd.log" 2>&1 &
  fi
  for _ in $(seq 1 60); do engine_up && break; sleep 1; done
  engine_up || { log "dockerd did not come up in 60 s; see $LOG_DIR/dockerd.log"; tail -20 "$LOG_DIR/dockerd.log" >&2; exit 1; }
fi

if ! docker -H "unix://$SOCK" image inspect "$IMAGE" >/dev/null 2>&1; then
  log "building $IMAGE from busybox-static"
  root=$(mktemp -d)
  mkdir -p "$root/bin"
  cp /bin/busybox "$root/bin/"
  for c in sh sleep echo cat ls date true false printf; do ln -s busybox "$root/bin/$c"; done
  tar -C "$root" -c . | docker -H "unix://$SOCK" import -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null || { log "docker import failed"; rm -rf "$root"; exit 1; }
  rm -rf "$root"
fi
log "engine ready on $SOCK ($(docker -H "unix://$SOCK" version --format 'API {{.Server.APIVersion}}')), image $IMAGE present"
