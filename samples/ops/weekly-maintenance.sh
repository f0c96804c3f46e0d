#!/usr/bin/env bash
# weekly-maintenance.sh — the weekly maintenance of the operations guide: update images, clean up Docker, rotate
# logs, scan the image, back up, and check the audit chain. Each step can be turned off, and is skipped (not
# failed) when its tool is not installed here.
#
# Usage: weekly-maintenance.sh [--dry-run]
#   --dry-run   print the commands instead of running them
# Env: MAINT_PULL, MAINT_PRUNE, MAINT_LOGROTATE, MAINT_SCAN, MAINT_BACKUP, MAINT_VERIFY_AUDIT = true|false (all true)
#      BURLY_IMAGE (image to scan, default burly-mcp:latest), LOGROTATE_CONF (default /etc/logrotate.d/burly-mcp),
#      plus those of lib/common.sh and backup.sh.
# Exit: 0 every step that ran succeeded · 1 a step failed (the others still ran) · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
dry=false
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; --dry-run) dry=true ;; "") ;; *) echo "usage: $0 [--dry-run]" >&2; exit "$EXIT_USAGE" ;; esac
BURLY_IMAGE=${BURLY_IMAGE:-burly-mcp:latest}
LOGROTATE_CONF=${LOGROTATE_CONF:-/etc/logrotate.d/burly-mcp}
status=0
run() {
  if [ "$dry" = true ]; then echo "  would run: $*"; return 0; fi
  if "$@"; then return 0; fi
  echo "  FAILED: $*"; status=1; return 0
}
enabled() { [ "${!1:-true}" = true ]; }

echo "=== Weekly Maintenance - $(date) ==="

echo "Updating Docker images..."
if ! enabled MAINT_PULL; then echo "  skipped (MAINT_PULL=false)"
elif have_compose_project; then run compose pull --ignore-pull-failures
else echo "  skipped: no compose project here"; fi

echo "Cleaning up Docker..."
if ! enabled MAINT_PRUNE; then echo "  skipped (MAINT_PRUNE=false)"
elif command -v docker >/dev/null 2>&1; then run docker system prune -f
else echo "  skipped: docker not installed"; fi

echo "Rotating logs..."
if ! enabled MAINT_LOGROTATE; then echo "  skipped (MAINT_LOGROTATE=false)"
elif command -v logrotate >/dev/null 2>&1 && [ -f "$LOGROTATE_CONF" ]; then run logrotate -f "$LOGROTATE_CONF"
else echo "  skipped: logrotate or $LOGROTATE_CONF not installed (Burly also rotates its audit log itself)"; fi

echo "Running security scan..."
if ! enabled MAINT_SCAN; then echo "  skipped (MAINT_SCAN=false)"
elif command -v trivy >/dev/null 2>&1; then run trivy image "$BURLY_IMAGE"
elif command -v docker >/dev/null 2>&1 && docker scout version >/dev/null 2>&1; then run docker scout cves "$BURLY_IMAGE"
else echo "  skipped: neither trivy nor docker scout installed"; fi

echo "Creating backup..."
if ! enabled MAINT_BACKUP; then echo "  skipped (MAINT_BACKUP=false)"
else run "$(dirname "$0")/backup.sh"; fi

echo "Verifying the audit chain..."
if ! enabled MAINT_VERIFY_AUDIT; then echo "  skipped (MAINT_VERIFY_AUDIT=false)"
elif type -P "${BURLY_ARGV[0]}" >/dev/null 2>&1; then run burly_cli audit verify
else echo "  skipped: no burly CLI"; fi

echo "=== Weekly Maintenance Complete ==="
exit "$status"
