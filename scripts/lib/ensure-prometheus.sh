#!/usr/bin/env bash
# Makes promtool and prometheus available (Debian package `prometheus`). Idempotent.
set -uo pipefail
LOG_DIR=${BURLY_TEST_LOG_DIR:-${TMPDIR:-/tmp}/burly-test-logs}
mkdir -p "$LOG_DIR"
if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then echo "[ensure-prometheus] promtool missing and not root: cannot install" >&2; exit 1; fi
echo "[ensure-prometheus] installing the Debian prometheus package" >&2
export DEBIAN_FRONTEND=noninteractive
(apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus) >"$LOG_DIR/apt-prometheus.log" 2>&1 \
  || { echo "[ensure-prometheus] apt-get failed, see $LOG_DIR/apt-prometheus.log" >&2; exit 1; }
# The package starts a system service on install where an init system runs; the tests start their own.
command -v promtool >/dev/null 2>&1
