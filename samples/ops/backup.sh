#!/usr/bin/env bash
# Daily backup (cron: 0 2 * * *): BACKUP_ROOT/YYYYmmdd-HHMMSS, verified, `latest` symlink, older than
# BACKUP_KEEP_DAYS (7) removed.
. "$(dirname "$0")/lib.sh"
root=${1:-$BACKUP_ROOT}; keep=${BACKUP_KEEP_DAYS:-7}
mkdir -p "$root"
dir="$root/$(date -u +%Y%m%d-%H%M%S)"
burly backup create "$dir" || exit 1
burly backup verify "$dir" || exit 1
ln -sfn "$(basename "$dir")" "$root/latest"
find "$root" -mindepth 1 -maxdepth 1 -type d -name '20*' -mtime "+$keep" -exec rm -rf {} + 2>/dev/null
echo "backup: $dir"
