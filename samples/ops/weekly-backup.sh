#!/usr/bin/env bash
# weekly-backup.sh — weekly backup (cron: 0 6 * * 0 cd /opt/burly-mcp/samples/compose && ./scripts/weekly-backup.sh): a backup under
# BACKUP_ROOT/weekly/burly-weekly-YYYY-Www, verified, then test-restored into a scratch directory (proves the
# backup can be restored, without touching live data), optionally packed as .tar.gz for off-site copies;
# BACKUP_ROOT/latest-weekly points at it; weekly backups older than WEEKLY_RETENTION_WEEKS are removed.
#
# Usage: weekly-backup.sh
# Env: BURLY (lib/common.sh); BACKUP_ROOT (default /backups); CLI_BACKUP_ROOT (see backup.sh);
#      WEEKLY_RETENTION_WEEKS (default 8, 0 keeps all); WEEKLY_ARCHIVE=true to also write DIR.tar.gz
# Exit: 0 created, verified and test-restored · 1 failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; "") ;; *) echo "usage: $0" >&2; exit "$EXIT_USAGE" ;; esac
require_burly
WEEKLY_RETENTION_WEEKS=${WEEKLY_RETENTION_WEEKS:-8}
[[ "$WEEKLY_RETENTION_WEEKS" =~ ^[0-9]+$ ]] || die "$EXIT_USAGE" "WEEKLY_RETENTION_WEEKS must be a whole number"
WEEKLY_ARCHIVE=${WEEKLY_ARCHIVE:-false}

name=burly-weekly-$(date -u +%G-W%V)
[ -e "$BACKUP_ROOT/weekly/$name" ] && name=$name-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$BACKUP_ROOT/weekly" 2>/dev/null || true
dir=$BACKUP_ROOT/weekly/$name cli_dir=$CLI_BACKUP_ROOT/weekly/$name

log "=== Weekly backup $name ($(utc_now)) ==="
burly_cli backup create "$cli_dir" || die "$EXIT_FAIL" "burly backup create failed"
burly_cli backup verify "$cli_dir" || die "$EXIT_FAIL" "the weekly backup does not verify"
burly_cli backup test-restore "$cli_dir" || die "$EXIT_FAIL" "the weekly backup could not be test-restored"
ln -sfn "weekly/$name" "$BACKUP_ROOT/latest-weekly"
if [ "$WEEKLY_ARCHIVE" = true ]; then
  tar -C "$BACKUP_ROOT/weekly" -czf "$dir.tar.gz" "$name" && log "archive: $dir.tar.gz ($(du -h "$dir.tar.gz" | cut -f1))"
fi
if [ "$WEEKLY_RETENTION_WEEKS" -gt 0 ]; then
  find "$BACKUP_ROOT/weekly" -mindepth 1 -maxdepth 1 -name 'burly-weekly-*' -mtime "+$((WEEKLY_RETENTION_WEEKS * 7 - 1))" -print \
    | while read -r old; do
        case "$old" in "$dir"|"$dir.tar.gz") continue ;; esac
        rm -rf -- "$old" && log "removed $(basename "$old")"
      done
fi
log "=== Weekly backup complete: $cli_dir ==="
