#!/usr/bin/env bash
# performance-test.sh — a performance baseline after a deployment: N sequential tool calls over one MCP session,
# timed per request (curl time_total), reported as p50/p95/p99/max and calls per second, and compared with the
# guide's target (tool execution p95 < 5 s). Also prints the server's own view from /metrics
# (burly_mcp_tool_execution_seconds) and, in a container, docker stats.
#
# Usage: performance-test.sh [REQUESTS]        (default 50, at most 10000)
# Env: BURLY_URL, BURLY_API_KEY (lib/common.sh); PERF_TOOL (default disk_space), PERF_ARGS (default {}),
#      PERF_P95_TARGET_MS (default 5000), PERF_METRICS_URL (default $BURLY_URL/metrics).
#      The rate limiter (60/min per key) slows more than 60 calls: RATE_LIMIT_DISABLED=true on the server for big runs.
# Exit: 0 within target · 1 over target or a call failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; esac
requests=${1:-50}
[[ "$requests" =~ ^[0-9]+$ ]] && [ "$requests" -ge 1 ] && [ "$requests" -le 10000 ] || { echo "usage: $0 [REQUESTS 1..10000]" >&2; exit "$EXIT_USAGE"; }
require curl jq awk
PERF_TOOL=${PERF_TOOL:-disk_space}
PERF_ARGS=${PERF_ARGS:-'{}'}
PERF_P95_TARGET_MS=${PERF_P95_TARGET_MS:-5000}
PERF_METRICS_URL=${PERF_METRICS_URL:-$BURLY_URL/metrics}

log "Performance baseline: $requests x tools/call $PERF_TOOL against $BURLY_URL ($(utc_now))"
mcp_open || { fail "MCP initialize" "$MCP_ERROR"; finish; }

times="$OPS_TMP/times"; : > "$times"
errors=0 limited=0
body_for() { printf '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}' "$1" "$PERF_TOOL" "$PERF_ARGS"; }
start=$(date +%s.%N)
for i in $(seq 1 "$requests"); do
  body_for "$i" > "$OPS_TMP/req"
  read -r code secs < <(curl -sS -o "$OPS_TMP/resp" -w '%{http_code} %{time_total}\n' --max-time "$CURL_TIMEOUT" \
      -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $MCP_SESSION" \
      -H "MCP-Protocol-Version: $MCP_PROTOCOL_VERSION" "${AUTH_ARGS[@]}" --data-binary @"$OPS_TMP/req" "$BURLY_URL/mcp" 2>/dev/null || echo "000 0")
  if [ "$code" = 429 ]; then limited=$((limited + 1)); continue; fi
  if [ "$code" != 200 ] || grep -q '"isError":true' "$OPS_TMP/resp"; then errors=$((errors + 1)); continue; fi
  echo "$secs" >> "$times"
done
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }')
ok=$(wc -l < "$times")

if [ "$ok" -gt 0 ]; then
  read -r p50 p95 p99 max mean < <(sort -n "$times" | awk '{ v[NR] = $1 * 1000; sum += $1 * 1000 }
    function pct(p,  i) { i = int(p * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; return v[i] }
    END { printf "%.1f %.1f %.1f %.1f %.1f\n", pct(0.50), pct(0.95), pct(0.99), v[NR], sum / NR }')
  rate=$(awk -v n="$ok" -v t="$elapsed" 'BEGIN { printf "%.1f", (t > 0 ? n / t : 0) }')
  log "  successful: $ok/$requests in ${elapsed}s ($rate calls/s sequential), errors: $errors, rate-limited (429): $limited"
  log "  latency ms: p50 $p50  p95 $p95  p99 $p99  max $max  mean $mean"
  if awk -v p="$p95" -v t="$PERF_P95_TARGET_MS" 'BEGIN { exit !(p <= t) }'; then pass "p95 ${p95} ms <= target ${PERF_P95_TARGET_MS} ms"
  else fail "p95 ${p95} ms <= target ${PERF_P95_TARGET_MS} ms"; fi
else
  fail "no successful call" "errors $errors, rate-limited $limited"
fi
[ "$errors" = 0 ] && pass "no failed calls" || fail "no failed calls" "$errors of $requests failed"
[ "$limited" = 0 ] || warn "$limited calls were rate-limited (429); set RATE_LIMIT_DISABLED=true on the server for baselines above 60 calls/min"

# The server's own histogram (all calls since start).
if curl -sS --max-time "$CURL_TIMEOUT" "$PERF_METRICS_URL" -o "$OPS_TMP/metrics" 2>/dev/null; then
  awk -v tool="$PERF_TOOL" 'index($0, "burly_mcp_tool_execution_seconds_count{") == 1 && index($0, "tool_name=\"" tool "\"") { c = $NF }
       index($0, "burly_mcp_tool_execution_seconds_sum{") == 1 && index($0, "tool_name=\"" tool "\"") { s = $NF }
       END { if (c > 0) printf "  server view (burly_mcp_tool_execution_seconds): %d calls, mean %.2f ms inside the pipeline\n", c, s / c * 1000 }' "$OPS_TMP/metrics"
fi
if have_container; then
  docker stats "$BURLY_CONTAINER" --no-stream --format '  container: CPU {{.CPUPerc}}  memory {{.MemUsage}} ({{.MemPerc}})' 2>/dev/null || true
fi
finish
