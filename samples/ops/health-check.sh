#!/usr/bin/env bash
# Health of a deployment: `burly health` (exit 0 only when healthy) and, with BURLY_URL, the HTTP /health.
. "$(dirname "$0")/lib.sh"
burly health ${ALLOW_DEGRADED:+--allow-degraded} && pass "burly health" || fail "burly health"
if [ -n "$BURLY_URL" ]; then
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BURLY_URL/health")
  [ "$code" = 200 ] && pass "GET /health ($code)" || fail "GET /health ($code)"
else
  skip "GET /health (BURLY_URL not set)"
fi
summary
