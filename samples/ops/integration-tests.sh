#!/usr/bin/env bash
# integration-tests.sh — do the parts work together? One call, seen everywhere it should be: the tool result,
# the audit record (user, transport, result), the Prometheus counter, the hash chain; the Docker tools against the
# real engine; the stdio host's tools/call one-liner (the guide's staging validation); health from the CLI and
# HTTP agreeing; and a test notification through every configured provider.
#
# Usage: integration-tests.sh [-h]
# Env: BURLY, BURLY_URL, BURLY_API_KEY (see lib/common.sh); INTEGRATION_METRICS_URL (default $BURLY_URL/metrics);
#      INTEGRATION_NOTIFY=true|false (default true: run `burly notify test`); STDIO_AUDIT_LOG (lib/common.sh).
# Exit: 0 all passed · 1 a test failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; "") ;; *) echo "usage: $0" >&2; exit "$EXIT_USAGE" ;; esac
require curl jq
require_burly
INTEGRATION_METRICS_URL=${INTEGRATION_METRICS_URL:-$BURLY_URL/metrics}
INTEGRATION_NOTIFY=${INTEGRATION_NOTIFY:-true}
log "Integration tests against $BURLY_URL and '${BURLY}' ($(utc_now))"

# counter NAME LABEL... — the value of one Prometheus series (0 when absent); labels as key="value", any order.
counter() {
  local name=$1; shift
  curl -sS --max-time "$CURL_TIMEOUT" "$INTEGRATION_METRICS_URL" 2>/dev/null \
    | awk -v name="$name" -v labels="$*" 'BEGIN { n = split(labels, want, " ") }
        index($0, name "{") == 1 { ok = 1; for (i = 1; i <= n; i++) if (!index($0, want[i])) ok = 0; if (ok) v = $NF }
        END { print (v == "" ? 0 : v) }'
}

# --- one call, everywhere -----------------------------------------------------------------------------------------
before=$(counter burly_mcp_tool_executions_total 'tool_name="disk_space"' 'status="success"')
if ! mcp_open; then fail "MCP initialize" "$MCP_ERROR"; finish; fi
tools=$(mcp_tool_names || true)
mcp_call disk_space '{}' || true
if ! mcp_is_error; then pass "tools/call disk_space over HTTP"; else fail "tools/call disk_space over HTTP" "$(head -c 300 <<< "$MCP_LAST")"; fi
after=$(counter burly_mcp_tool_executions_total 'tool_name="disk_space"' 'status="success"')
if awk -v a="$after" -v b="$before" 'BEGIN { exit !(a >= b + 1) }'; then pass "metrics: burly_mcp_tool_executions_total{disk_space,success} $before -> $after"
else fail "metrics counter incremented" "$before -> $after at $INTEGRATION_METRICS_URL"; fi

record=$(burly_cli audit query --tool disk_space --limit 1 2>/dev/null | tail -1 || true)
if jq -n -e 'input | (.event_type == "tool_call" and .result == "success" and .transport == "http" and (.user_id | startswith("apikey:") or . == "anonymous") and (.timestamp | endswith("+00:00")) and (.hash | length == 64))' <<< "$record" >/dev/null 2>&1; then
  pass "audit: $(jq -r '"\(.timestamp) \(.user_id) \(.tool_name) \(.result) seq \(.seq)"' <<< "$record")"
else
  fail "audit record of the call" "${record:-no record (is the CLI configured with the AUDIT_LOG_PATH of the server?)}"
fi
check "audit hash chain verifies (burly audit verify)" burly_cli audit verify

# --- Docker tools against the engine ------------------------------------------------------------------------------
if grep -qx docker_ps <<< "$tools"; then
  # Containers present both before and after the call existed during it (other tools may add or remove some).
  names_before=$(docker ps -a --format '{{.Names}}' 2>/dev/null | sort || true)
  mcp_call docker_ps '{"all":true}' || true
  names_after=$(docker ps -a --format '{{.Names}}' 2>/dev/null | sort || true)
  if mcp_is_error; then
    fail "docker_ps" "$(head -c 300 <<< "$MCP_TEXT")"
  elif command -v docker >/dev/null 2>&1 && docker version >/dev/null 2>&1; then
    names=$(comm -12 <(echo "$names_before") <(echo "$names_after") | sed '/^$/d')
    missing_names=$(head -5 <<< "$names" | while read -r n; do [ -z "$n" ] || contains "$MCP_TEXT" "$n" || echo "$n"; done)
    [ -z "$missing_names" ] && pass "docker_ps matches 'docker ps -a' ($(grep -c . <<< "$names" || true) containers)" \
      || fail "docker_ps matches 'docker ps -a'" "not in the tool output: $missing_names"
  else
    pass "docker_ps: $(head -1 <<< "$MCP_TEXT" | cut -c1-70) (no docker CLI here to compare)"
  fi
else
  skip "docker_ps" "not enabled by the policy"
fi
mcp_close

# --- stdio host: the guide's staging validation one-liners ---------------------------------------------------------
out=$(echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}' | burly_stdio 2>/dev/null | head -1 || true)
jq -n -e 'input | (.id == 1 and (.result.tools | length > 0))' <<< "$out" >/dev/null 2>&1 && pass "stdio: tools/list without initialize" \
  || fail "stdio: tools/list without initialize" "$(head -c 200 <<< "$out")"
probe_tool=docker_ps; grep -qx docker_ps <<< "$tools" || probe_tool=disk_space
out=$(echo "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"$probe_tool\", \"arguments\": {}}}" | burly_stdio 2>/dev/null | head -1 || true)
jq -n -e 'input | (.id == 1 and .result.isError != true and (.result.content | length > 0))' <<< "$out" >/dev/null 2>&1 && pass "stdio: tools/call $probe_tool" \
  || fail "stdio: tools/call $probe_tool" "$(head -c 300 <<< "$out")"

# --- health: CLI and HTTP agree ---------------------------------------------------------------------------------
cli_status=$(burly_cli health 2>/dev/null | jq -r '.status' 2>/dev/null || echo unknown)
http_get /health
http_status=$(jq -r '.status' "$HTTP_BODY" 2>/dev/null || echo unknown)
[ "$cli_status" = "$http_status" ] && [ "$cli_status" != unknown ] && pass "health: burly health and GET /health agree ($cli_status)" \
  || fail "health: burly health and GET /health agree" "cli=$cli_status http=$http_status"

# --- notifications --------------------------------------------------------------------------------------------------
if [ "$INTEGRATION_NOTIFY" = true ]; then
  if out=$(burly_cli notify test --title "Burly integration test" --message "integration-tests.sh on $(hostname) at $(utc_now)" 2>&1); then
    pass "burly notify test: $(tail -1 <<< "$out")"
  else
    fail "burly notify test" "$(tail -c 300 <<< "$out")"
  fi
else
  skip "burly notify test" "INTEGRATION_NOTIFY=false"
fi

finish
