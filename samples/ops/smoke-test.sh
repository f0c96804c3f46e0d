#!/usr/bin/env bash
# smoke-test.sh — a quick "does the deployed server answer" test, for right after a deployment or restart.
# Real requests only, nothing is changed: liveness, health, auth enforced, an MCP session (initialize,
# tools/list, one read-only tools/call), the legacy JSON endpoint, and the Prometheus scrape.
#
# Usage: smoke-test.sh [-h]
# Env: BURLY_URL, BURLY_API_KEY (see lib/common.sh), SMOKE_TOOL (read-only tool to call, default disk_space),
#      SMOKE_ARGS (its arguments, default {}), SMOKE_METRICS_URL (default $BURLY_URL/metrics; the METRICS_PORT
#      listener is http://HOST:8080/metrics).
# Exit: 0 all passed · 1 a check failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; "") ;; *) echo "usage: $0" >&2; exit "$EXIT_USAGE" ;; esac
require curl jq

SMOKE_TOOL=${SMOKE_TOOL:-disk_space}
SMOKE_ARGS=${SMOKE_ARGS:-'{}'}
SMOKE_METRICS_URL=${SMOKE_METRICS_URL:-$BURLY_URL/metrics}
log "Smoke test of $BURLY_URL ($(utc_now))"

http_get /health/live
[ "$HTTP_STATUS" = 200 ] && pass "liveness /health/live" || fail "liveness /health/live" "HTTP $HTTP_STATUS $(head -c 200 "$OPS_TMP/curl.err")"
[ "$HTTP_STATUS" = 000 ] && { log "server unreachable; stopping here"; finish; }

http_get /health
status=$(jq -r '.status // empty' "$HTTP_BODY" 2>/dev/null || true)
if [ "$HTTP_STATUS" = 200 ]; then pass "health /health: $status"; else fail "health /health" "HTTP $HTTP_STATUS status=${status:-?} failed=$(jq -c '.failed_checks' "$HTTP_BODY" 2>/dev/null)"; fi

if [ -n "$BURLY_API_KEY" ]; then
  http_post /mcp '{"id":"smoke","method":"list_tools"}'
  [ "$HTTP_STATUS" = 401 ] && pass "request without API key refused (401)" || fail "request without API key refused" "HTTP $HTTP_STATUS"
else
  skip "request without API key refused" "BURLY_API_KEY not set"
fi

if mcp_open; then
  pass "MCP initialize (session ${MCP_SESSION:-none})"
  if mcp_request tools/list '{}' && count=$(jq '.result.tools | length' <<< "$MCP_LAST") && [ "$count" -gt 0 ]; then
    pass "MCP tools/list: $count tools"
  else
    fail "MCP tools/list" "${MCP_ERROR:-$(head -c 200 <<< "$MCP_LAST")}"
  fi
  if mcp_call "$SMOKE_TOOL" "$SMOKE_ARGS" && ! mcp_is_error; then
    pass "MCP tools/call $SMOKE_TOOL: $(head -1 <<< "$MCP_TEXT" | cut -c1-80)"
  else
    fail "MCP tools/call $SMOKE_TOOL" "${MCP_ERROR:-$(head -c 300 <<< "$MCP_TEXT")}"
  fi
  mcp_close
else
  fail "MCP initialize" "$MCP_ERROR"
fi

http_post /mcp '{"id":"smoke-legacy","method":"list_tools"}' "${AUTH_ARGS[@]}"
if [ "$HTTP_STATUS" = 200 ] && jq -n -e 'input | (.ok == true)' "$HTTP_BODY" >/dev/null 2>&1; then
  pass "legacy JSON list_tools: $(jq -r '.result.summary' "$HTTP_BODY")"
else
  fail "legacy JSON list_tools" "HTTP $HTTP_STATUS $(head -c 200 "$HTTP_BODY")"
fi

code=$(curl -sS -o "$OPS_TMP/metrics" -w '%{http_code}' --max-time "$CURL_TIMEOUT" "$SMOKE_METRICS_URL" 2>/dev/null) || code=000
if [ "$code" = 200 ] && grep -q '^burly_mcp_build_info' "$OPS_TMP/metrics"; then
  pass "Prometheus scrape $SMOKE_METRICS_URL"
else
  fail "Prometheus scrape $SMOKE_METRICS_URL" "HTTP $code"
fi

finish
