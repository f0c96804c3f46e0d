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

# recent_errors TARGET LOGS-COMMAND… — the last 24 h of logs, error lines only. Compose v1 has no `logs --since`:
# then the timestamped logs (`-t`, which v1 has) are filtered by time here. Logs that cannot be read are reported as
# such, never as "none".
recent_errors() {
  local target=$1; shift
  local since_ts; since_ts=$(date -u -d '24 hours ago' +%Y-%m-%dT%H:%M:%S)
  if ! "$@" --since 24h "$target" > "$OPS_TMP/recent.log" 2>&1; then
    if "$@" -t "$target" > "$OPS_TMP/recent-all.log" 2>&1; then
      awk -v since="$since_ts" '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/) { if ($i >= since) print; next } }' \
        "$OPS_TMP/recent-all.log" > "$OPS_TMP/recent.log"
    else
      echo "  unknown: the logs could not be read ($(tail -1 "$OPS_TMP/recent-all.log"))"; status=1; return 0
    fi
  fi
  if grep -i -E 'error|fail:|crit:' "$OPS_TMP/recent.log" > "$OPS_TMP/recent-errors.log"; then tail -5 "$OPS_TMP/recent-errors.log"
  else echo "  none"; fi
}

echo -e "\nRecent Errors:"
if have_compose_project; then recent_errors "$BURLY_SERVICE" compose logs --no-color
elif have_container; then recent_errors "$BURLY_CONTAINER" docker logs
else echo "  skipped: no compose project or container"; fi

echo -e "\nAudit Summary (last 24h):"
since=$(date -u -d '24 hours ago' -Iseconds)
if [ -r "$AUDIT_LOG_PATH" ]; then
  # The live file and the rotated ones (audit.jsonl.N, audit.jsonl.N.gz — a rotation in the last 24 h moves records
  # there); not the .lock file.
  for f in "$AUDIT_LOG_PATH".[0-9]* "$AUDIT_LOG_PATH"; do
    case $f in *.gz) [ -r "$f" ] && gzip -dc "$f" ;; *[0-9]|"$AUDIT_LOG_PATH") [ -r "$f" ] && cat "$f" ;; esac
  done | jq -r 'select(.timestamp > "'"$since"'") | .result' | sort | uniq -c
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
