#!/usr/bin/env bash
# Integration: smoke + functional tests, HTTP endpoints, and a backup that restores cleanly.
. "$(dirname "$0")/lib.sh"
dir=$(dirname "$0")
"$dir/smoke-test.sh" && pass "smoke-test.sh" || fail "smoke-test.sh"
"$dir/functional-tests.sh" && pass "functional-tests.sh" || fail "functional-tests.sh"
if [ -n "$BURLY_URL" ]; then
  out=$(mcp_http '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' "$(mcp_http_session)")
  [[ "$out" == *'"tools"'* ]] && pass "HTTP MCP tools/list" || fail "HTTP MCP tools/list: ${out:0:200}"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BURLY_URL/health/live")
  [ "$code" = 200 ] && pass "GET /health/live" || fail "GET /health/live ($code)"
else
  skip "HTTP checks (BURLY_URL not set)"
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if burly backup create "$tmp/b" >/dev/null && burly backup test-restore "$tmp/b" >/dev/null; then pass "backup + test-restore"; else fail "backup + test-restore"; fi
summary
