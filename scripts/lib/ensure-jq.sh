#!/usr/bin/env bash
# Makes jq available (the operations guide's audit queries use it). Idempotent.
set -uo pipefail
command -v jq >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then echo "[ensure-jq] jq missing and not root: cannot install" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
(apt-get update -qq && apt-get install -y -qq --no-install-recommends jq) >/dev/null 2>&1 || { echo "[ensure-jq] apt-get install jq failed" >&2; exit 1; }
