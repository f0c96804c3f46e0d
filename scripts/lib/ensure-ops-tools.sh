#!/usr/bin/env bash
# Installs, from Debian, the tools the operations scripts (samples/ops) and the container suite use beyond jq,
# docker-compose and logrotate (their own ensure-*.sh): curl, hey (load generator, samples/ops/load-test.sh) and
# debootstrap (the local base image, ensure-runtime-deps-image.sh). Idempotent: installs only what is missing.
set -uo pipefail
LOG_DIR=${BURLY_TEST_LOG_DIR:-${TMPDIR:-/tmp}/burly-test-logs}
mkdir -p "$LOG_DIR"
log() { echo "[ensure-ops-tools] $*" >&2; }

declare -A PKG=([curl]=curl [hey]=hey [debootstrap]=debootstrap)
missing=()
for cmd in "${!PKG[@]}"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("${PKG[$cmd]}"); done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then log "missing ${missing[*]} and not root: cannot install"; exit 1; fi
log "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "${missing[@]}" >"$LOG_DIR/apt-ops-tools.log" 2>&1; then
  apt-get update -qq >>"$LOG_DIR/apt-ops-tools.log" 2>&1
  apt-get install -y -qq "${missing[@]}" >>"$LOG_DIR/apt-ops-tools.log" 2>&1 || { log "apt-get failed, see $LOG_DIR/apt-ops-tools.log"; exit 1; }
fi
log "installed ${missing[*]}"
