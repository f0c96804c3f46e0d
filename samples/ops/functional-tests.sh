#!/usr/bin/env bash
# functional-tests.sh — does each feature behave as documented? Exercises the running server over MCP and the
# legacy endpoint, and the `burly` CLI: tool listing and schemas, a read-only call per available tool, argument
# validation, unknown tools, the confirmation gate of mutating tools (nothing is changed: the target does not
# exist and no confirmation is given), the audit trail of those calls, configuration and policy validation, and
# the stdio one-liner.
#
# Usage: functional-tests.sh [-h]
# Env: BURLY, BURLY_URL, BURLY_API_KEY (see lib/common.sh), FUNCTIONAL_EXPECT_TOOLS (space-separated tools that
#      must be listed, default "disk_space"), STDIO_AUDIT_LOG (another audit file for the stdio probe; lib/common.sh).
# Exit: 0 all passed · 1 a test failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
case "${1:-}" in -h|--help) print_usage; exit "$EXIT_OK" ;; "") ;; *) echo "usage: $0" >&2; exit "$EXIT_USAGE" ;; esac
require curl jq
FUNCTIONAL_EXPECT_TOOLS=${FUNCTIONAL_EXPECT_TOOLS:-disk_space}
have_cli=false; type -P "${BURLY_ARGV[0]}" >/dev/null 2>&1 && have_cli=true
missing=burly-functional-test-no-such-container
log "Functional tests against $BURLY_URL and '${BURLY}' ($(utc_now))"
started=$(utc_now)

# --- MCP -------------------------------------------------------------------------------------------------------
if ! mcp_open; then fail "MCP initialize" "$MCP_ERROR"; finish; fi
pass "MCP initialize"
mcp_request tools/list '{}' || true
tools=$(jq -r '.result.tools[]?.name' <<< "$MCP_LAST" 2>/dev/null || true)
has_tool() { grep -qx "$1" <<< "$tools"; }
for t in $FUNCTIONAL_EXPECT_TOOLS; do
  has_tool "$t" && pass "tools/list has $t" || fail "tools/list has $t" "listed: $(tr '\n' ' ' <<< "$tools")"
done
bad_schemas=$(jq -r '.result.tools[] | select(.inputSchema.type != "object") | .name' <<< "$MCP_LAST" 2>/dev/null || echo "?")
[ -z "$bad_schemas" ] && pass "every tool has an object inputSchema" || fail "every tool has an object inputSchema" "$bad_schemas"

# One read-only call per available tool (arguments that need nothing to exist first).
declare -A READ_ONLY_CALLS=(
  [disk_space]='{}'
  [docker_ps]='{"all":true}'
)
for t in disk_space docker_ps; do
  if ! has_tool "$t"; then skip "tools/call $t" "not enabled by the policy"; continue; fi
  if mcp_call "$t" "${READ_ONLY_CALLS[$t]}" && ! mcp_is_error; then pass "tools/call $t: $(head -1 <<< "$MCP_TEXT" | cut -c1-70)"
  else fail "tools/call $t" "${MCP_ERROR:-$(head -c 300 <<< "$MCP_TEXT")}"; fi
done

if has_tool disk_space; then
  mcp_call disk_space '{"threshold_percent":500}' || true
  mcp_is_error && contains "$MCP_TEXT" INVALID_ARGUMENTS && pass "invalid arguments rejected with INVALID_ARGUMENTS" \
    || fail "invalid arguments rejected" "$(head -c 300 <<< "$MCP_LAST")"
fi

mcp_call burly_functional_no_such_tool '{}' || true
mcp_is_error && pass "unknown tool rejected" || fail "unknown tool rejected" "$(head -c 300 <<< "$MCP_LAST")"

if has_tool docker_inspect; then
  mcp_call docker_inspect "{\"container\":\"$missing\"}" || true
  mcp_is_error && pass "docker_inspect of a missing container is an error, not a crash" || fail "docker_inspect of a missing container" "$(head -c 300 <<< "$MCP_LAST")"
else
  skip "docker_inspect of a missing container" "docker_inspect not enabled"
fi

gate=$(for t in docker_restart docker_stop docker_start; do has_tool "$t" && { echo "$t"; break; }; done || true)
if [ -n "$gate" ]; then
  mcp_call "$gate" "{\"container\":\"$missing\"}" || true
  mcp_is_error && contains "$MCP_TEXT" CONFIRMATION_REQUIRED && pass "$gate without confirmation answers CONFIRMATION_REQUIRED" \
    || fail "$gate without confirmation answers CONFIRMATION_REQUIRED" "$(head -c 300 <<< "$MCP_LAST")"
else
  skip "confirmation gate" "no docker_restart/stop/start enabled"
fi
if has_tool blog_stage_markdown; then
  mcp_call blog_stage_markdown '{"file_path":"burly-functional-test-missing.md"}' || true
  mcp_is_error && pass "blog_stage_markdown of a missing file is a clean error" || fail "blog_stage_markdown of a missing file" "$(head -c 300 <<< "$MCP_LAST")"
else
  skip "blog_stage_markdown" "not enabled"
fi
mcp_close

# --- legacy JSON endpoint (the Python version's envelope) -------------------------------------------------------
http_post /mcp '{"id":7,"method":"call_tool","name":"disk_space","args":{}}' "${AUTH_ARGS[@]}"
if [ "$HTTP_STATUS" = 200 ] && jq -n -e 'input | (.ok == true and .id == 7 and (.metrics.elapsed_ms | type == "number"))' "$HTTP_BODY" >/dev/null 2>&1; then
  pass "legacy call_tool disk_space: ok, id echoed"
else
  fail "legacy call_tool disk_space" "HTTP $HTTP_STATUS $(head -c 300 "$HTTP_BODY")"
fi

# --- CLI --------------------------------------------------------------------------------------------------------
if [ "$have_cli" = true ]; then
  check "burly config validate" burly_cli config validate
  check "burly policy validate" burly_cli policy validate
  if out=$(burly_cli tools list 2>&1) && contains "$out" disk_space; then pass "burly tools list"; else fail "burly tools list" "$(tail -c 200 <<< "$out")"; fi
  out=$(echo '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' | burly_stdio 2>/dev/null || true)
  if jq -n -e 'input | (.result.tools | length > 0)' <<< "$(head -1 <<< "$out")" >/dev/null 2>&1; then pass "stdio one-liner tools/list"
  else fail "stdio one-liner tools/list" "$(head -c 200 <<< "$out")"; fi
  # The calls above are in the audit log, with the fields the operations guide queries.
  if out=$(burly_cli audit query --since "$started" 2>&1); then
    n=$(jq -s '[.[] | select(.event_type == "tool_call" and .transport == "http")] | length' <<< "$out" 2>/dev/null || echo 0)
    need=$(jq -s '[.[] | select(.result == "need_confirm" and .security_context.requires_confirmation == true)] | length' <<< "$out" 2>/dev/null || echo 0)
    if [ "$n" -ge 3 ]; then pass "audit: $n tool calls recorded since $started ($need awaiting confirmation)"
    else fail "audit records of this run" "found $n tool_call records since $started"; fi
  else
    fail "burly audit query" "$(tail -c 200 <<< "$out")"
  fi
else
  skip "CLI checks" "'${BURLY_ARGV[0]}' not found"
fi

finish
