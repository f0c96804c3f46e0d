#!/usr/bin/env bash
# restore-logs.sh — restore only the audit log and its rotated files from a backup (restore.sh DIR --only audit).
#
# Usage: restore-logs.sh DIR [--force] [--allow-running]       e.g. restore-logs.sh /backups/latest
# Env and exit codes: see restore.sh.
set -euo pipefail
print_usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
case "${1:-}" in "") print_usage >&2; exit 2 ;; -h|--help) print_usage; exit 0 ;; esac
dir=$1; shift
exec "$(dirname "$0")/restore.sh" "$dir" --only audit "$@"
