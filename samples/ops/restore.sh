#!/usr/bin/env bash
# restore.sh — restore a backup: verifies it, then `burly backup restore` puts every file back atomically (all or
# nothing). Refuses while the server is running (stop it first), and refuses to overwrite files that changed after
# the backup was made unless --force. Afterwards: `docker compose config`, `docker compose up -d`, ./smoke-test.sh.
#
# Usage: restore.sh DIR [--only config|audit|blog]... [--force] [--allow-running]
#   DIR               the backup, e.g. /backups/latest
#   --only C          restore only these components (repeatable): config (policy, tools.d, config file), audit, blog
#   --force           overwrite files that are newer than the backup
#   --allow-running   skip the "server is stopped" check (for a stdio deployment with no HTTP host)
# Env: BURLY (lib/common.sh) — with Compose, while the service is stopped, run the CLI in a one-off container:
#        BURLY="docker compose run --rm -T burly-mcp burly" ./restore.sh /backups/latest
#      (the default, when `burly` is not on PATH and a compose file is in the current directory);
#      BURLY_URL (the check that the server is stopped).
# Exit: 0 restored · 1 refused or failed (nothing restored) · 2 usage · 3 missing tool
set -euo pipefail
if [ -z "${BURLY:-}" ] && ! type -P burly >/dev/null 2>&1; then
  for f in docker-compose.yml docker-compose.yaml compose.yaml compose.yml; do
    if [ -f "$f" ] || [ -n "${COMPOSE_FILE:-}" ]; then
      if docker compose version >/dev/null 2>&1; then BURLY="docker compose run --rm -T ${BURLY_SERVICE:-burly-mcp} burly"
      elif command -v docker-compose >/dev/null 2>&1; then BURLY="docker-compose run --rm -T ${BURLY_SERVICE:-burly-mcp} burly"; fi
      break
    fi
  done
fi
. "$(dirname "$0")/lib/common.sh"
[ $# -ge 1 ] || { print_usage >&2; exit "$EXIT_USAGE"; }
case "$1" in -h|--help) print_usage; exit "$EXIT_OK" ;; -*) print_usage >&2; exit "$EXIT_USAGE" ;; esac
dir=$1; shift
args=() allow_running=false
while [ $# -gt 0 ]; do
  case "$1" in
    --only) [ $# -ge 2 ] || { print_usage >&2; exit "$EXIT_USAGE"; }
            case "$2" in config|audit|blog) args+=(--only "$2") ;; *) echo "--only takes config, audit or blog" >&2; exit "$EXIT_USAGE" ;; esac; shift ;;
    --force) args+=(--force) ;;
    --allow-running) allow_running=true ;;
    *) print_usage >&2; exit "$EXIT_USAGE" ;;
  esac
  shift
done
require_burly
require curl

if [ "$allow_running" = false ]; then
  http_get /health/live
  if [ "$HTTP_STATUS" != 000 ]; then
    die "$EXIT_FAIL" "the server at $BURLY_URL is running (HTTP $HTTP_STATUS). Stop it first (docker compose stop burly-mcp), or pass --allow-running."
  fi
fi

log "Restoring $dir ${args[*]} ($(utc_now))"
burly_cli backup verify "$dir" || die "$EXIT_FAIL" "the backup does not verify; nothing was restored"
burly_cli backup restore "$dir" "${args[@]}" || die "$EXIT_FAIL" "restore refused or failed; nothing was restored"
log "restore complete. Next: docker compose config && docker compose up -d && ./smoke-test.sh"
