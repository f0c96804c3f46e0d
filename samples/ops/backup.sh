#!/usr/bin/env bash
# backup.sh — daily backup (cron: 0 2 * * * cd /opt/burly-mcp/samples/compose && ./scripts/backup.sh): `burly backup create` into a new
# timestamped directory under BACKUP_ROOT (policy, tools.d, config file, audit log with its rotated files, blog
# stage/publish, each with its SHA-256 in manifest.json), then `burly backup verify`, then points
# BACKUP_ROOT/latest at it and removes daily backups older than BACKUP_RETENTION_DAYS.
#
# Usage: backup.sh [DIR]          (default: $BACKUP_ROOT/burly-YYYYMMDDTHHMMSSZ)
# Env: BURLY (lib/common.sh); BACKUP_ROOT (default /backups); BACKUP_RETENTION_DAYS (default 14, 0 keeps all);
#      CLI_BACKUP_ROOT (BACKUP_ROOT as the CLI sees it: /backups when it runs in the container; lib/common.sh).
# Exit: 0 backup created and verified · 1 failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; -*) echo "usage: $0 [DIR]" >&2; exit "$EXIT_USAGE" ;; esac
[ $# -le 1 ] || { echo "usage: $0 [DIR]" >&2; exit "$EXIT_USAGE"; }
require_burly
BACKUP_RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-14}
[[ "$BACKUP_RETENTION_DAYS" =~ ^[0-9]+$ ]] || die "$EXIT_USAGE" "BACKUP_RETENTION_DAYS must be a whole number"

name=burly-$(date -u +%Y%m%dT%H%M%SZ)
if [ $# -eq 1 ]; then dir=$1; cli_dir=$1; else dir=$BACKUP_ROOT/$name; cli_dir=$CLI_BACKUP_ROOT/$name; fi
mkdir -p "$(dirname "$dir")" 2>/dev/null || true

log "Creating backup $cli_dir ($(utc_now))"
burly_cli backup create "$cli_dir" || die "$EXIT_FAIL" "burly backup create failed"
burly_cli backup verify "$cli_dir" || die "$EXIT_FAIL" "the new backup does not verify: $cli_dir"

if [ $# -eq 0 ]; then
  ln -sfn "$name" "$BACKUP_ROOT/latest"
  log "latest -> $name"
  if [ "$BACKUP_RETENTION_DAYS" -gt 0 ]; then
    # Only complete daily backups (a manifest.json, no .partial suffix) older than the retention are removed.
    find "$BACKUP_ROOT" -mindepth 1 -maxdepth 1 -type d -name 'burly-[0-9]*T[0-9]*Z' -mtime "+$((BACKUP_RETENTION_DAYS - 1))" \
      -exec test -f '{}/manifest.json' ';' -print | while read -r old; do
        [ "$(basename "$old")" = "$name" ] && continue
        rm -rf -- "$old" && log "removed $(basename "$old") (older than $BACKUP_RETENTION_DAYS days)"
      done
  fi
fi
log "backup complete: $cli_dir"
