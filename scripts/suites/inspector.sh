#!/usr/bin/env bash
# Smoke test with a third-party client: the MCP Inspector CLI (@modelcontextprotocol/inspector 2.12.0 --cli; the
# separate inspector-cli 1.0.3 package is broken) runs tools/list and tools/call against the built stdio host and
# the streamable HTTP host; jq checks the JSON it prints.
source "$(dirname "$0")/../lib/suite-common.sh"
require_built
require_node_e2e

started=$(now_ms)
INSPECTOR=("$NODE22" "$E2E/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js" --cli)
export MCP_CATALOG_PATH="$SUITE_TMP/inspector-catalog.json"   # never touch the user's ~/.mcp-inspector
DATA="$SUITE_TMP/data"

# inspect NAME TARGET... -- ARGS... : runs the Inspector CLI, leaves its stdout in $SUITE_TMP/NAME.json.
inspect() {
  local name=$1; shift
  "${INSPECTOR[@]}" "$@" >"$SUITE_TMP/$name.json" 2>"$SUITE_LOG_DIR/inspector-$name.err"
}

# expect NAME JQ_FILTER: the filter must print true for the output of NAME.
expect() {
  local name=$1 filter=$2
  if [ ! -s "$SUITE_TMP/$name.json" ]; then echo "no output; stderr: $(tail -3 "$SUITE_LOG_DIR/inspector-$name.err")"; return 1; fi
  [ "$(jq -r "$filter" "$SUITE_TMP/$name.json" 2>&1)" = "true" ] || { echo "jq '$filter' not true on: $(head -c 600 "$SUITE_TMP/$name.json")"; return 1; }
}

list_ok='(.tools | map(.name) | index("disk_space") != null)
  and (.tools | all(.annotations | (.readOnlyHint|type) == "boolean" and (.destructiveHint|type) == "boolean"))
  and ((.tools[] | select(.name == "disk_space") | .annotations.readOnlyHint) == true)'
call_ok='(.isError != true) and .structuredContent.ok == true and (.structuredContent.data.filesystems | length > 0)
  and (.content[0].type == "text")'
bad_ok='.isError == true and .structuredContent.error.code == "INVALID_ARGUMENTS"'

run_target() {
  local t=$1; shift   # remaining: the target (command or URL) and its options
  inspect "$t-list" "$@" --method tools/list
  check "inspector $t tools/list lists disk_space with annotations" expect "$t-list" "$list_ok"
  inspect "$t-call" "$@" --method tools/call --tool-name disk_space --tool-arg path=/ --tool-arg threshold_percent=99
  check "inspector $t tools/call disk_space succeeds" expect "$t-call" "$call_ok"
  inspect "$t-bad" "$@" --method tools/call --tool-name disk_space --tool-arg threshold_percent=500
  check "inspector $t tools/call bad arguments is INVALID_ARGUMENTS" expect "$t-bad" "$bad_ok"
}

echo "stdio: $BURLY"
run_target stdio "$BURLY" -e "BURLY_DATA_DIR=$DATA/stdio" -e NOTIFICATIONS_ENABLED=false

if start_http_host "$DATA/http"; then
  echo "http: $HTTP_URL"
  run_target http "$HTTP_URL" --transport http
else
  fail "inspector http" "the HTTP host did not start"
fi

# Both hosts audited what the Inspector did (two tools/call requests each).
audited() { [ "$(cat "$DATA/$1"/audit/*.jsonl 2>/dev/null | jq -s '[.[] | select(.event_type == "tool_call" and .tool_name == "disk_space")] | length')" = 2 ]; }
check "stdio host audited the Inspector's tools/call requests" audited stdio
check "http host audited the Inspector's tools/call requests" audited http

echo "inspector: $(( ($(now_ms) - started) / 1000 )) s"
finish
