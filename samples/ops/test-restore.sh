#!/usr/bin/env bash
# test-restore.sh — can a backup be restored? `burly backup test-restore`: verifies it, restores every file into a
# scratch directory, checks the result, and removes the scratch directory. Live data is not touched.
#
# Usage: test-restore.sh [DIR]      (default: $BACKUP_ROOT/latest)
# Env: BURLY (lib/common.sh), BACKUP_ROOT (default /backups), CLI_BACKUP_ROOT (BACKUP_ROOT as the CLI sees it)
# Exit: 0 restorable · 1 not · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; -*) echo "usage: $0 [DIR]" >&2; exit "$EXIT_USAGE" ;; esac
[ $# -le 1 ] || { echo "usage: $0 [DIR]" >&2; exit "$EXIT_USAGE"; }
require_burly
dir=${1:-$CLI_BACKUP_ROOT/latest}
burly_cli backup test-restore "$dir" || exit "$EXIT_FAIL"
