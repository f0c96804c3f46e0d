#!/usr/bin/env bash
# restore-config.sh — restore only the policy file, tools.d and the JSON config file (BURLY_CONFIG) from a backup (restore.sh DIR --only config).
#
# Usage: restore-config.sh DIR [--force] [--allow-running]       e.g. restore-config.sh /backups/latest
# Env and exit codes: see restore.sh.
set -euo pipefail
print_usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
case "${1:-}" in "") print_usage >&2; exit 2 ;; -h|--help) print_usage; exit 0 ;; esac
dir=$1; shift
exec "$(dirname "$0")/restore.sh" "$dir" --only config "$@"
