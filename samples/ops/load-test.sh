#!/usr/bin/env bash
# load-test.sh — sustained concurrent load with `hey` (Debian package hey) against POST /mcp.
#
# Usage: load-test.sh CONCURRENCY SECONDS      e.g. load-test.sh 100 60  (100 concurrent requests for 60 seconds)
#   CONCURRENCY 1..1000, SECONDS 1..3600. The run stops by itself after SECONDS.
# Env: BURLY_URL, BURLY_API_KEY (lib/common.sh);
#      LOAD_TEST_MODE=mcp|legacy  mcp (default): one MCP session, every request a tools/call on it;
#                                 legacy: the legacy JSON endpoint ({"method":"call_tool",…}), no session
#      LOAD_TEST_TOOL (default disk_space), LOAD_TEST_ARGS (default {}), LOAD_TEST_TIMEOUT (per request, default 30 s)
#      LOAD_TEST_MAX_ERROR_PCT (default 0): failed responses (not 2xx, not 429) allowed, in percent.
# The server's rate limiter (60/min per key) turns most requests into 429: set RATE_LIMIT_DISABLED=true on the
# server to measure capacity (429s are counted and reported, not failures). Point it only at your own server.
# Exit: 0 completed within the error budget · 1 errors over budget or nothing succeeded · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; esac
[ $# -eq 2 ] || { print_usage >&2; exit "$EXIT_USAGE"; }
concurrency=$1 seconds=$2
[[ "$concurrency" =~ ^[0-9]+$ ]] && [ "$concurrency" -ge 1 ] && [ "$concurrency" -le 1000 ] || { echo "CONCURRENCY must be 1..1000" >&2; exit "$EXIT_USAGE"; }
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -ge 1 ] && [ "$seconds" -le 3600 ] || { echo "SECONDS must be 1..3600" >&2; exit "$EXIT_USAGE"; }
require hey curl jq awk
LOAD_TEST_MODE=${LOAD_TEST_MODE:-mcp}
LOAD_TEST_TOOL=${LOAD_TEST_TOOL:-disk_space}
LOAD_TEST_ARGS=${LOAD_TEST_ARGS:-'{}'}
LOAD_TEST_TIMEOUT=${LOAD_TEST_TIMEOUT:-30}
LOAD_TEST_MAX_ERROR_PCT=${LOAD_TEST_MAX_ERROR_PCT:-0}

headers=(-H "Accept: application/json, text/event-stream")
[ -n "$BURLY_API_KEY" ] && headers+=(-H "X-Api-Key: $BURLY_API_KEY")
case "$LOAD_TEST_MODE" in
  mcp)
    mcp_open || die "$EXIT_FAIL" "cannot open an MCP session: $MCP_ERROR"
    headers+=(-H "Mcp-Session-Id: $MCP_SESSION" -H "MCP-Protocol-Version: $MCP_PROTOCOL_VERSION")
    printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s}}' "$LOAD_TEST_TOOL" "$LOAD_TEST_ARGS" > "$OPS_TMP/body" ;;
  legacy)
    printf '{"id":"load","method":"call_tool","name":"%s","args":%s}' "$LOAD_TEST_TOOL" "$LOAD_TEST_ARGS" > "$OPS_TMP/body" ;;
  *) echo "LOAD_TEST_MODE must be mcp or legacy" >&2; exit "$EXIT_USAGE" ;;
esac

log "Load test: $concurrency concurrent, ${seconds}s, $LOAD_TEST_MODE tools/call $LOAD_TEST_TOOL against $BURLY_URL/mcp ($(utc_now))"
hey -c "$concurrency" -z "${seconds}s" -t "$LOAD_TEST_TIMEOUT" -m POST -T application/json "${headers[@]}" \
    -D "$OPS_TMP/body" "$BURLY_URL/mcp" > "$OPS_TMP/hey.txt" 2>&1 || true
cat "$OPS_TMP/hey.txt"

# status COUNT_REGEX — responses whose status code matches, from hey's "Status code distribution" section.
status() {
  awk -v re="$1" '/^Status code distribution:/ { on = 1; next } /^[A-Z]/ { on = 0 }
    on && match($0, /\[[0-9]+\][ \t]+[0-9]+/) { split(substr($0, RSTART, RLENGTH), a, /[][ \t]+/); if (a[2] ~ re) n += a[3] }
    END { print n + 0 }' "$OPS_TMP/hey.txt"
}
total=$(status '^[0-9]+$')
ok=$(status '^2[0-9][0-9]$')
limited=$(status '^429$')
transport_errors=$(awk '/^Error distribution:/ { on = 1; next } /^[A-Z]/ { on = 0 } on && match($0, /\[[0-9]+\]/) { n += substr($0, RSTART + 1, RLENGTH - 2) } END { print n + 0 }' "$OPS_TMP/hey.txt")
rps=$(awk '/Requests\/sec:/ { print $2 }' "$OPS_TMP/hey.txt")
failed=$((total - ok - limited + transport_errors))
log ""
log "load-test summary: ${rps:-0} requests/s; $total responses: $ok 2xx, $limited rate-limited (429), $((total - ok - limited)) other; $transport_errors transport errors"
[ "$limited" = 0 ] || warn "$limited requests were rate-limited: the server's limiter is on (RATE_LIMIT_DISABLED=true for capacity tests)"

if [ "$ok" -eq 0 ]; then fail "successful responses" "none of $total"; else pass "successful responses: $ok"; fi
attempts=$((total + transport_errors))
if awk -v f="$failed" -v n="$attempts" -v max="$LOAD_TEST_MAX_ERROR_PCT" 'BEGIN { exit !(n > 0 && f * 100 <= max * n) }'; then
  pass "errors within budget ($failed of $attempts, budget ${LOAD_TEST_MAX_ERROR_PCT}%)"
else
  fail "errors within budget" "$failed of $attempts failed (budget ${LOAD_TEST_MAX_ERROR_PCT}%)"
fi
finish
