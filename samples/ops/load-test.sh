#!/usr/bin/env bash
# Load test against the HTTP host: CONCURRENCY parallel clients for DURATION seconds (the guide: 100 60).
# Loopback/own hosts only. Prints status-code counts (429 = rate limited, see RATE_LIMIT_DISABLED).
# Usage: BURLY_URL=http://127.0.0.1:9400 load-test.sh [CONCURRENCY] [DURATION] [TOOL]
. "$(dirname "$0")/lib.sh"
c=${1:-100}; d=${2:-60}; tool=${3:-disk_space}
[ -n "$BURLY_URL" ] || { echo "set BURLY_URL (the HTTP host)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
end=$(( $(date +%s) + d ))
worker() {
  local sid; sid=$(mcp_http_session)
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 30 -X POST "$BURLY_URL/mcp" -H 'Content-Type: application/json' \
      -H 'Accept: application/json, text/event-stream' ${BURLY_API_KEY:+-H "X-Api-Key: $BURLY_API_KEY"} \
      ${sid:+-H "Mcp-Session-Id: $sid" -H 'MCP-Protocol-Version: 2025-06-18'} \
      -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$tool\",\"arguments\":{}}}"
  done > "$tmp/w$1"
}
for i in $(seq 1 "$c"); do worker "$i" & done; wait
total=$(cat "$tmp"/w* | wc -l)
echo "requests: $total in ${d}s ($(( total / (d > 0 ? d : 1) ))/s) with $c clients"
cat "$tmp"/w* | sort | uniq -c | sed 's/^/  HTTP /'
errors=$(cat "$tmp"/w* | grep -vc -E '^(200|429)$')
[ "$errors" = 0 ] && pass "no errors other than rate limiting" || fail "$errors requests failed"
summary
