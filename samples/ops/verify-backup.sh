#!/usr/bin/env bash
# verify-backup.sh — is a backup intact? `burly backup verify`: every file against its SHA-256 in manifest.json,
# and the audit log's hash chain inside the backup.
#
# Usage: verify-backup.sh [DIR]     (default: $BACKUP_ROOT/latest)
# Env: BURLY (lib/common.sh), BACKUP_ROOT (default /backups), CLI_BACKUP_ROOT (BACKUP_ROOT as the CLI sees it)
# Exit: 0 valid · 1 invalid or unreadable · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; -*) echo "usage: $0 [DIR]" >&2; exit "$EXIT_USAGE" ;; esac
[ $# -le 1 ] || { echo "usage: $0 [DIR]" >&2; exit "$EXIT_USAGE"; }
require_burly
dir=${1:-$CLI_BACKUP_ROOT/latest}
burly_cli backup verify "$dir" || exit "$EXIT_FAIL"
