#!/usr/bin/env bash
# daily-health-check.sh — the daily review of the operations guide: service status, resource usage, disk space,
# recent errors, the audit summary of the last 24 h, plus `burly health` and the audit hash chain.
# Sections whose tool is missing here (compose, docker) say "skipped" instead of failing.
#
# Usage: daily-health-check.sh
# Env: BURLY, BURLY_CONTAINER, BURLY_SERVICE, COMPOSE, AUDIT_LOG_PATH (the audit log as seen from this machine,
#      default /var/log/agentops/audit.jsonl) — see lib/common.sh.
# Exit: 0 healthy and the chain verifies · 1 unhealthy, degraded or chain broken · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; "") ;; *) echo "usage: $0" >&2; exit "$EXIT_USAGE" ;; esac
require jq
status=0

echo "=== Daily Health Check - $(date) ==="

echo "Service Status:"
if have_compose_project; then compose ps || true
elif have_container; then docker ps -a --filter "name=^${BURLY_CONTAINER}\$" --format 'table {{.Names}}\t{{.Status}}\t{{.Ports}}'
else echo "  skipped: no compose project or container $BURLY_CONTAINER here"; fi

echo -e "\nResource Usage:"
if have_container; then docker stats "$BURLY_CONTAINER" --no-stream || true
else echo "  skipped: no container $BURLY_CONTAINER"; fi

echo -e "\nDisk Space:"
df -h "$(dirname "$AUDIT_LOG_PATH")" 2>/dev/null || echo "  skipped: $(dirname "$AUDIT_LOG_PATH") not found"

echo -e "\nRecent Errors:"
if have_compose_project; then compose logs --since 24h "$BURLY_SERVICE" 2>&1 | grep -i -E 'error|fail:|crit:' | tail -5 || echo "  none"
elif have_container; then docker logs --since 24h "$BURLY_CONTAINER" 2>&1 | grep -i -E 'error|fail:|crit:' | tail -5 || echo "  none"
else echo "  skipped: no compose project or container"; fi

echo -e "\nAudit Summary (last 24h):"
since=$(date -u -d '24 hours ago' -Iseconds)
if [ -r "$AUDIT_LOG_PATH" ]; then
  jq -r 'select(.timestamp > "'"$since"'") | .result' "$AUDIT_LOG_PATH" | sort | uniq -c
elif type -P "${BURLY_ARGV[0]}" >/dev/null 2>&1; then
  burly_cli audit query --since 24h 2>/dev/null | jq -r '.result' | sort | uniq -c || true
else
  echo "  skipped: $AUDIT_LOG_PATH not readable and no burly CLI"
fi

echo -e "\nBurly Health:"
if type -P "${BURLY_ARGV[0]}" >/dev/null 2>&1; then
  if burly_cli health > "$OPS_TMP/health.json" 2>/dev/null; then
    echo "  healthy"
  else
    status=1
    jq -r '"  \(.status): failed checks \(.failed_checks | join(", "))"' "$OPS_TMP/health.json" 2>/dev/null || echo "  burly health failed"
  fi
  echo -e "\nAudit Chain:"
  if burly_cli audit verify > "$OPS_TMP/verify" 2>&1; then sed 's/^/  /' "$OPS_TMP/verify"
  else status=1; sed 's/^/  /' "$OPS_TMP/verify"; fi
else
  echo "  skipped: no burly CLI (set BURLY)"
fi

echo "=== Health Check Complete ==="
exit "$status"
