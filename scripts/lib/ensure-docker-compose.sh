#!/usr/bin/env bash
# Makes docker-compose available (to validate samples/compose). Idempotent.
set -uo pipefail
command -v docker-compose >/dev/null 2>&1 && exit 0
docker compose version >/dev/null 2>&1 && exit 0
if [ "$(id -u)" != 0 ]; then echo "[ensure-docker-compose] missing and not root: cannot install" >&2; exit 1; fi
export DEBIAN_FRONTEND=noninteractive
(apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose) >/dev/null 2>&1 || { echo "[ensure-docker-compose] apt-get install docker-compose failed" >&2; exit 1; }
