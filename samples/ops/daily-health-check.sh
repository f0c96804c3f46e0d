#!/usr/bin/env bash
# The guide's daily health check, for Burly.
. "$(dirname "$0")/lib.sh"
echo "=== Daily Health Check - $(date) ==="
echo "Health:"; burly health --allow-degraded | jq -r '"  status: \(.status)", (.checks | to_entries[] | "  \(.key): \(.value.status)")'
if command -v docker >/dev/null 2>&1 && docker compose ps >/dev/null 2>&1; then
  echo -e "\nService Status:"; docker compose ps
  echo -e "\nResource Usage:"; docker stats burly-mcp --no-stream 2>/dev/null
  echo -e "\nRecent Errors:"; docker compose logs --since 24h burly-mcp 2>&1 | grep -i error | tail -5
fi
echo -e "\nDisk Space:"; df -h "${AUDIT_DIR:-/var/log/agentops}" 2>/dev/null || df -h .
echo -e "\nAudit Summary (last 24h):"; burly audit query --since 24h | jq -r '.result' | sort | uniq -c
echo -e "\nAudit chain:"; burly audit verify
echo "=== Health Check Complete ==="
