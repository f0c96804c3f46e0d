#!/usr/bin/env bash
# Security checks of a deployment: unknown tools refused, mutations need confirmation, path traversal
# refused, audit chain intact; with BURLY_URL: missing API key → 401 (when keys are configured), /metrics
# public; with BURLY_CONTAINER: the container does not run as root.
. "$(dirname "$0")/lib.sh"
out=$(burly tools call no_such_tool 2>&1); [[ "$out" == *UNKNOWN_TOOL* ]] && pass "unknown tool refused" || fail "unknown tool: $out"
list=$(burly tools list --json)
mut=$(echo "$list" | jq -r '[.tools[] | select(.annotations.readOnlyHint == false)][0].name // empty')
if [ -n "$mut" ]; then
  burly tools call "$mut" --args '{}' >/dev/null 2>&1; rc=$?
  [ "$rc" != 0 ] && pass "$mut does not run unconfirmed (exit $rc)" || fail "$mut ran without confirmation"
else skip "no mutating tool enabled"; fi
if echo "$list" | jq -e '.tools[] | select(.name == "blog_stage_markdown")' >/dev/null; then
  out=$(burly tools call blog_stage_markdown --args '{"file_path":"../../../etc/passwd"}' 2>&1)
  [[ "$out" == *PATH_OUTSIDE_ROOT* || "$out" == *INVALID_ARGUMENTS* ]] && pass "path traversal refused" || fail "path traversal: $out"
else skip "blog_stage_markdown not enabled"; fi
burly audit verify >/dev/null 2>&1; rc=$?; [ "$rc" = 0 ] && pass "audit chain intact" || { [ "$rc" = 1 ] && fail "audit chain" || skip "no audit log"; }
if [ -n "$BURLY_URL" ]; then
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BURLY_URL/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}')
  if [ -n "${BURLY_API_KEY:-}" ]; then [ "$code" = 401 ] && pass "no API key → 401" || fail "no API key → $code"; else skip "no API key configured (anonymous loopback)"; fi
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BURLY_URL/metrics"); [ "$code" = 200 ] && pass "/metrics public" || fail "/metrics → $code"
fi
# The guide: `docker exec burly-mcp id` should show uid=1000(agentops). Set BURLY_CONTAINER=burly-mcp to check.
if [ -n "${BURLY_CONTAINER:-}" ]; then
  uid=$(docker exec "$BURLY_CONTAINER" id -u 2>/dev/null)
  [ -n "$uid" ] && [ "$uid" != 0 ] && pass "container runs as uid $uid (not root)" || fail "container user: '${uid:-unknown}'"
  others=$(docker exec "$BURLY_CONTAINER" ps -eo user= 2>/dev/null | grep -vc '^agentops$')
  [ "${others:-0}" = 0 ] && pass "every process runs as agentops" || fail "$others process(es) not run by agentops"
else
  skip "container user (set BURLY_CONTAINER=burly-mcp)"
fi
summary
