#!/usr/bin/env bash
# health-check.sh — is Burly healthy? Runs `burly health` (config, policy, audit, docker, blog directories,
# notifications) and asks the HTTP host (/health/live, /health). Used after deployments and by cron.
#
# Usage: health-check.sh [--allow-degraded] [--local-only | --http-only] [-q]
#   --allow-degraded  also accept "degraded" (an optional dependency such as Docker or Gotify is down)
#   --local-only      only `burly health` (no HTTP host, e.g. the stdio deployment)
#   --http-only       only the HTTP endpoints (no CLI on this machine)
#   -q                print only failures and the summary
# Env: BURLY, BURLY_URL (see lib/common.sh).
# Exit: 0 healthy · 1 unhealthy, degraded (without --allow-degraded) or unreachable · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"

allow_degraded=false local_check=true http_check=true quiet=false
while [ $# -gt 0 ]; do
  case "$1" in
    --allow-degraded) allow_degraded=true ;;
    --local-only) http_check=false ;;
    --http-only) local_check=false ;;
    -q|--quiet) quiet=true; export OPS_QUIET=true ;;
    -h|--help) print_usage; exit "$EXIT_OK" ;;
    *) print_usage >&2; exit "$EXIT_USAGE" ;;
  esac
  shift
done
require curl jq

acceptable() { [ "$1" = healthy ] || { [ "$1" = degraded ] && [ "$allow_degraded" = true ]; }; }
say() { [ "$quiet" = true ] || log "$@"; }

if [ "$local_check" = true ]; then
  require_burly
  set +e; burly_cli health > "$OPS_TMP/health.json" 2> "$OPS_TMP/health.err"; rc=$?; set -e
  status=$(jq -r '.status // "unknown"' "$OPS_TMP/health.json" 2>/dev/null || echo unknown)
  failed=$(jq -r '[.failed_checks[]?] | join(", ")' "$OPS_TMP/health.json" 2>/dev/null || true)
  if acceptable "$status"; then
    pass "burly health: $status${failed:+ (failed: $failed)}"
  else
    detail=$(jq -r '.checks | to_entries[] | select(.value.status != "healthy") | "\(.key): \(.value.error // .value.status)"' "$OPS_TMP/health.json" 2>/dev/null | paste -sd ';' - || true)
    fail "burly health: $status (exit $rc)" "${detail:-$(head -c 300 "$OPS_TMP/health.err")}"
  fi
  [ "$quiet" = true ] || jq -r '.checks | to_entries[] | "    \(.key): \(.value.status) (\(.value.duration_ms) ms)\(if .value.error then " - " + .value.error else "" end)"' "$OPS_TMP/health.json" 2>/dev/null || true
fi

if [ "$http_check" = true ]; then
  http_get /health/live
  if [ "$HTTP_STATUS" = 200 ]; then pass "GET /health/live: 200"
  elif [ "$HTTP_STATUS" = 000 ]; then fail "GET /health/live" "$BURLY_URL unreachable ($(head -c 200 "$OPS_TMP/curl.err"))"
  else fail "GET /health/live" "HTTP $HTTP_STATUS"; fi

  http_get /health
  status=$(jq -r '.status // "unknown"' "$HTTP_BODY" 2>/dev/null || echo unknown)
  if [ "$HTTP_STATUS" = 000 ]; then
    fail "GET /health" "$BURLY_URL unreachable"
  elif { [ "$HTTP_STATUS" = 200 ] || [ "$HTTP_STATUS" = 503 ]; } && acceptable "$status"; then
    pass "GET /health: $HTTP_STATUS $status"
  else
    fail "GET /health: $HTTP_STATUS $status" "$(jq -r '[.failed_checks[]?] | join(", ")' "$HTTP_BODY" 2>/dev/null || head -c 200 "$HTTP_BODY")"
  fi
fi

say "checked $(utc_now)"
finish
