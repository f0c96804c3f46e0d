#!/usr/bin/env bash
# Makes logrotate available (to test samples/logrotate/burly-mcp). Idempotent.
set -uo pipefail
command -v logrotate >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then echo "[ensure-logrotate] logrotate missing and not root: cannot install" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
(apt-get update -qq && apt-get install -y -qq --no-install-recommends logrotate) >/dev/null 2>&1 || { echo "[ensure-logrotate] apt-get install logrotate failed" >&2; exit 1; }
