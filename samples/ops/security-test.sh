#!/usr/bin/env bash
# security-test.sh — security checks with real requests against a running server (run after image updates and
# in staging): authentication (missing, wrong, Bearer), public paths only, no /docs, request size limit, Origin and
# Host checks, path traversal refused without leaking files, schema-invalid and deeply nested arguments refused,
# the confirmation gate, the audit trail of auth failures and security violations, and — when the server runs in
# the container — uid 1000(agentops), read-only root, no capabilities, no-new-privileges.
# Nothing is changed on the server (mutating tools are called without confirmation on a container that does not exist).
#
# Usage: security-test.sh [-h]
# Env: BURLY, BURLY_URL, BURLY_API_KEY, BURLY_CONTAINER (lib/common.sh);
#      SECURITY_TEST_RATE_LIMIT=1  also burst requests until the rate limiter answers 429 (uses up the key's budget
#                                  for a minute; off by default); SECURITY_RATE_LIMIT_MAX (default 150 requests)
#      SECURITY_TEST_CONTAINER=auto|true|false  container checks (default auto: when the container exists)
# Exit: 0 all passed · 1 a check failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; "") ;; *) echo "usage: $0" >&2; exit "$EXIT_USAGE" ;; esac
require curl jq
SECURITY_TEST_RATE_LIMIT=${SECURITY_TEST_RATE_LIMIT:-0}
SECURITY_RATE_LIMIT_MAX=${SECURITY_RATE_LIMIT_MAX:-150}
SECURITY_TEST_CONTAINER=${SECURITY_TEST_CONTAINER:-auto}
log "Security tests against $BURLY_URL ($(utc_now))"
started=$(utc_now)
list='{"id":"sec","method":"list_tools"}'

# --- authentication ---------------------------------------------------------------------------------------------
if [ -n "$BURLY_API_KEY" ]; then
  http_post /mcp "$list"
  [ "$HTTP_STATUS" = 401 ] && pass "no API key: 401" || fail "no API key: 401" "HTTP $HTTP_STATUS"
  http_post /mcp "$list" -H "X-Api-Key: wrong-${BURLY_API_KEY:0:2}-key"
  [ "$HTTP_STATUS" = 401 ] && pass "wrong API key: 401" || fail "wrong API key: 401" "HTTP $HTTP_STATUS"
  http_post /mcp "$list" -H "Authorization: Bearer wrong-bearer-key"
  [ "$HTTP_STATUS" = 401 ] && pass "wrong Bearer token: 401" || fail "wrong Bearer token: 401" "HTTP $HTTP_STATUS"
  if ! grep -q -- "$BURLY_API_KEY" "$HTTP_BODY" "$HTTP_HEADERS" 2>/dev/null; then pass "401 answer does not echo the key"; else fail "401 answer does not echo the key"; fi
  http_post /mcp "$list" -H "Authorization: Bearer $BURLY_API_KEY"
  [ "$HTTP_STATUS" = 200 ] && pass "Bearer API key accepted" || fail "Bearer API key accepted" "HTTP $HTTP_STATUS"
  http_post /v1/mcp "$list"
  [ "$HTTP_STATUS" = 401 ] && pass "/v1/mcp needs the key too" || fail "/v1/mcp needs the key too" "HTTP $HTTP_STATUS"
else
  skip "authentication checks" "BURLY_API_KEY not set (a server without keys must listen on loopback only)"
fi
saved_auth=("${AUTH_ARGS[@]}"); AUTH_ARGS=()
http_get /health/live
[ "$HTTP_STATUS" = 200 ] && pass "health is public (no key needed)" || fail "health is public" "HTTP $HTTP_STATUS"
AUTH_ARGS=("${saved_auth[@]}")
for p in /docs /redoc /openapi.json /swagger; do
  http_get "$p"   # with the key: the route must not exist at all
  case "$HTTP_STATUS" in 404|405) pass "no $p endpoint (HTTP $HTTP_STATUS)" ;; *) fail "no $p endpoint" "HTTP $HTTP_STATUS" ;; esac
done

# --- request limits and origin checks ---------------------------------------------------------------------------
big=$(head -c 65536 /dev/zero | tr '\0' 'a')
http_post /mcp "{\"id\":\"big\",\"method\":\"call_tool\",\"name\":\"disk_space\",\"args\":{\"path\":\"$big\"}}" "${AUTH_ARGS[@]}"
[ "$HTTP_STATUS" = 413 ] && pass "64 KiB body refused (413)" || fail "64 KiB body refused (413)" "HTTP $HTTP_STATUS"
http_post /mcp "$list" "${AUTH_ARGS[@]}" -H 'Origin: https://evil.example'
[ "$HTTP_STATUS" = 403 ] && pass "foreign Origin refused (403)" || fail "foreign Origin refused (403)" "HTTP $HTTP_STATUS"
http_post /mcp "$list" "${AUTH_ARGS[@]}" -H 'Host: rebind.evil.example'
[ "$HTTP_STATUS" = 400 ] && pass "foreign Host header refused (400, DNS rebinding)" || fail "foreign Host header refused" "HTTP $HTTP_STATUS"
http_post /mcp '{"id":"x","method":' "${AUTH_ARGS[@]}"
case "$HTTP_STATUS" in 4??) pass "malformed JSON refused (HTTP $HTTP_STATUS)" ;; 200) jq -n -e 'input | (.ok == false or .error != null)' "$HTTP_BODY" >/dev/null 2>&1 && pass "malformed JSON refused (error envelope)" || fail "malformed JSON refused" "HTTP 200 $(head -c 200 "$HTTP_BODY")" ;; *) fail "malformed JSON refused" "HTTP $HTTP_STATUS" ;; esac

# --- tool-level checks over MCP ---------------------------------------------------------------------------------
if ! mcp_open; then fail "MCP initialize" "$MCP_ERROR"; finish; fi
tools=$(mcp_tool_names || true)
has_tool() { grep -qx "$1" <<< "$tools"; }
leak='root:.*:0:0:|BEGIN [A-Z ]*PRIVATE KEY|/etc/shadow:'
if has_tool blog_stage_markdown; then
  bad=0
  for p in '../../../../../../etc/passwd' '/etc/passwd' 'a/../../../../../etc/passwd' '~/.ssh/id_rsa' '..\\..\\..\\etc\\passwd' 'post.md/../../../etc/hostname' '....//....//etc/passwd'; do
    mcp_call blog_stage_markdown "$(jq -cn --arg p "$p" '{file_path:$p}')" || true
    if ! mcp_is_error || grep -Eq "$leak" <<< "$MCP_TEXT"; then bad=$((bad + 1)); warn "traversal not refused: $p -> $(head -c 200 <<< "$MCP_TEXT")"; fi
  done
  [ "$bad" = 0 ] && pass "path traversal refused (7 forms) without file contents" || fail "path traversal refused" "$bad form(s) not refused"
  if has_tool blog_publish_static; then
    mcp_call blog_publish_static '{"source_files":["../../../etc/passwd"],"_confirm":true}' || true
    mcp_is_error && ! grep -Eq "$leak" <<< "$MCP_TEXT" && pass "blog_publish_static traversal refused" || fail "blog_publish_static traversal refused" "$(head -c 200 <<< "$MCP_TEXT")"
  fi
else
  skip "path traversal" "blog_stage_markdown not enabled"
fi
if has_tool docker_logs; then
  mcp_call docker_logs '{"container":"../../etc/passwd"}' || true
  mcp_is_error && contains "$MCP_TEXT" INVALID && pass "container name outside the schema refused" || fail "container name outside the schema refused" "$(head -c 200 <<< "$MCP_TEXT")"
fi
if has_tool disk_space; then
  mcp_call disk_space '{"path":"/","unexpected":"x"}' || true
  mcp_is_error && contains "$MCP_TEXT" INVALID && pass "extra argument refused (additionalProperties)" || fail "extra argument refused" "$(head -c 200 <<< "$MCP_TEXT")"
  deep=$(printf '{"a":%.0s' $(seq 1 60))1$(printf '}%.0s' $(seq 1 60))
  mcp_call disk_space "{\"path\":$deep}" || true
  mcp_is_error && pass "deeply nested arguments refused" || fail "deeply nested arguments refused" "$(head -c 200 <<< "$MCP_LAST")"
fi
gate=$(for t in docker_restart docker_stop docker_start; do has_tool "$t" && { echo "$t"; break; }; done || true)
if [ -n "$gate" ]; then
  mcp_call "$gate" '{"container":"burly-security-test-no-such-container"}' || true
  mcp_is_error && contains "$MCP_TEXT" CONFIRMATION_REQUIRED && pass "$gate not run without confirmation" || fail "$gate not run without confirmation" "$(head -c 200 <<< "$MCP_TEXT")"
fi
mcp_close
http_get /health/live
[ "$HTTP_STATUS" = 200 ] && pass "server alive after the hostile requests" || fail "server alive after the hostile requests" "HTTP $HTTP_STATUS"

# --- audit trail ------------------------------------------------------------------------------------------------
# 401s are sampled per source and minute (the first few in full, then counted in a rejections_summary record), so
# look back one window before this run: earlier 401s from this host in the same minute may have used the samples.
window_start=$(date -u -d "@$(( $(date -u -d "$started" +%s) - 120 ))" -Iseconds)
if type -P "${BURLY_ARGV[0]}" >/dev/null 2>&1 && out=$(burly_cli audit query --since "$window_start" 2>/dev/null); then
  if [ -n "$BURLY_API_KEY" ]; then
    n=$(jq -s '[.[] | select(.event_type == "auth_failure" or .event_type == "rejections_summary")] | length' <<< "$out")
    [ "$n" -ge 1 ] && pass "auth failures audited ($n records, sampled per source and minute)" || fail "auth failures audited" "$n auth_failure records since $window_start"
  fi
  if has_tool blog_stage_markdown; then
    n=$(jq -s '[.[] | select(.event_type == "security_violation")] | length' <<< "$out")
    [ "$n" -ge 1 ] && pass "path escapes audited as security_violation ($n)" || fail "path escapes audited" "no security_violation since $started"
  fi
  if ! grep -q -- "${BURLY_API_KEY:-no-key-configured-here}" <<< "$out"; then pass "no API key in the audit log"; else fail "no API key in the audit log"; fi
else
  skip "audit trail" "no burly CLI with audit access here"
fi

# --- container hardening ----------------------------------------------------------------------------------------
run_container_checks=false
case "$SECURITY_TEST_CONTAINER" in true) run_container_checks=true ;; auto) have_container && run_container_checks=true ;; esac
if [ "$run_container_checks" = true ]; then
  require docker
  id_out=$(docker exec "$BURLY_CONTAINER" id 2>&1 || true)
  contains "$id_out" "uid=1000(agentops)" && pass "container user: $id_out" || fail "container user is uid=1000(agentops)" "$id_out"
  users=$(docker top "$BURLY_CONTAINER" -eo pid,uid 2>/dev/null | awk 'NR > 1 { print $2 }' | sort -u | tr '\n' ' ')
  [ "$(echo $users)" = 1000 ] && pass "every container process runs as uid 1000" || fail "every container process runs as uid 1000" "uids: $users"
  if docker exec "$BURLY_CONTAINER" sh -c 'echo x > /app/.burly-security-test' >/dev/null 2>&1; then fail "root file system is read-only" "wrote /app"; else pass "root file system is read-only"; fi
  read -r ro caps nnp < <(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{json .HostConfig.CapDrop}} {{json .HostConfig.SecurityOpt}}' "$BURLY_CONTAINER")
  [ "$ro" = true ] && pass "ReadonlyRootfs" || fail "ReadonlyRootfs" "$ro"
  contains "$caps" '"ALL"' && pass "capabilities dropped (ALL)" || fail "capabilities dropped (ALL)" "$caps"
  contains "$nnp" "no-new-privileges" && pass "no-new-privileges" || fail "no-new-privileges" "$nnp"
else
  skip "container hardening" "no container $BURLY_CONTAINER here"
fi

# --- rate limit (optional) --------------------------------------------------------------------------------------
if [ "$SECURITY_TEST_RATE_LIMIT" = 1 ]; then
  got=
  for i in $(seq 1 "$SECURITY_RATE_LIMIT_MAX"); do
    # Only tool calls count against the limit (protocol chatter such as list_tools does not).
    http_post /mcp '{"id":"rl","method":"call_tool","name":"disk_space","args":{}}' "${AUTH_ARGS[@]}"
    if [ "$HTTP_STATUS" = 429 ]; then got=$i; break; fi
  done
  if [ -n "$got" ]; then
    retry=$(tr -d '\r' < "$HTTP_HEADERS" | awk -F': ' 'tolower($1)=="retry-after"{print $2}')
    [ -n "$retry" ] && pass "rate limit: 429 after $got requests, Retry-After $retry" || fail "rate limit: Retry-After header" "429 without Retry-After"
  else
    fail "rate limit" "no 429 in $SECURITY_RATE_LIMIT_MAX requests"
  fi
else
  skip "rate limit burst" "SECURITY_TEST_RATE_LIMIT=1 to run it"
fi

finish
