#!/usr/bin/env bash
# Smoke test after a deployment: health, tool list, the guide's stdio one-liner, audit chain.
. "$(dirname "$0")/lib.sh"
burly health --allow-degraded >/dev/null && pass "health (healthy or degraded)" || fail "health"
burly tools list >/dev/null && pass "tools list" || fail "tools list"
out=$(mcp_stdio '{"jsonrpc":"2.0","id":1,"method":"tools/list"}')
[[ "$out" == *'"tools"'* ]] && pass "stdio tools/list without initialize" || fail "stdio tools/list: $out"
burly audit verify >/dev/null 2>&1 && pass "audit verify" || { [ $? = 1 ] && fail "audit verify" || skip "audit verify (no audit log yet)"; }
if [ -n "$BURLY_URL" ]; then
  curl -fsS "$BURLY_URL/metrics" | grep -q '^burly_mcp_build_info' && pass "GET /metrics" || fail "GET /metrics"
fi
summary
