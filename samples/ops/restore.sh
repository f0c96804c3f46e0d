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
# Env: BURLY, BURLY_URL (the check that the server is stopped), BURLY_ENV_FILE, COMPOSE (lib/common.sh).
#      With Compose and the service stopped, the CLI runs in a one-off container of the service
#      (`docker compose run --rm --no-deps -T burly-mcp burly`, /config writable; the default when `burly`
#      is not on PATH and a compose project is here); DIR is then a container path (/backups/latest), and the
#      config directory must be writable by uid 1000 (sudo chown -R 1000:1000 config).
# Exit: 0 restored · 1 refused or failed (nothing restored) · 2 usage · 3 missing tool
set -euo pipefail
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
# A one-off compose container mounts /config read-only like the service; restoring config needs it writable. An extra
# compose file replaces that one volume (compose merges volumes by container path; `run -v` would race with it).
if [ "${BURLY_VIA:-}" = compose-run ]; then
  cfg=$(cd "${BURLY_CONFIG_DIR:-./config}" 2>/dev/null && pwd) || die "$EXIT_USAGE" "config directory ${BURLY_CONFIG_DIR:-./config} not found (set BURLY_CONFIG_DIR)"
  printf 'services:\n  %s:\n    volumes:\n      - "%s:/config"\n' "$BURLY_SERVICE" "$cfg" > "$OPS_TMP/restore-config.yml"
  files=()
  named=no; for a in "${COMPOSE_CMD[@]}"; do case "$a" in -f | --file) named=yes ;; esac; done
  if [ "$named" = yes ]; then
    files=(-f "$OPS_TMP/restore-config.yml")                          # COMPOSE names its files: add ours last
  elif [ -n "${COMPOSE_FILE:-}" ]; then
    export COMPOSE_FILE="$COMPOSE_FILE:$OPS_TMP/restore-config.yml"
  else
    for f in compose.yaml compose.yml docker-compose.yaml docker-compose.yml; do [ -f "$f" ] && { files=(-f "$f"); break; }; done
    [ ${#files[@]} -gt 0 ] || die "$EXIT_USAGE" "no compose file here (set COMPOSE or COMPOSE_FILE)"
    for f in compose.override.yaml compose.override.yml docker-compose.override.yaml docker-compose.override.yml; do [ -f "$f" ] && files+=(-f "$f"); done
    files+=(-f "$OPS_TMP/restore-config.yml")
  fi
  BURLY_ARGV=("${COMPOSE_CMD[@]}" "${files[@]}" run --rm --no-deps -T "$BURLY_SERVICE" burly)
fi
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
