#!/usr/bin/env bash
# Weekly backup (cron: 0 6 * * 0): a backup under BACKUP_ROOT/weekly that must pass a test restore;
# keeps BACKUP_KEEP_WEEKS (8).
. "$(dirname "$0")/lib.sh"
root=${1:-$BACKUP_ROOT/weekly}
BACKUP_KEEP_DAYS=$(( ${BACKUP_KEEP_WEEKS:-8} * 7 )) "$(dirname "$0")/backup.sh" "$root" || exit 1
burly backup test-restore "$root/latest"
