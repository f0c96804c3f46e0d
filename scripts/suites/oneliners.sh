#!/usr/bin/env bash
# The operations guide's shell one-liners, verbatim JSON, piped into the built `burly` with NO initialize:
#   echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}' | burly
#   echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "docker_ps", "arguments": {}}}' | burly
# jq checks the JSON-RPC response. docker_ps is required once the Docker pack's source (src/Burly.Tools/Docker) is in
# the tree; before that its one-liner is reported as skipped (pending) and the same one-liner runs with disk_space.
source "$(dirname "$0")/../lib/suite-common.sh"
require_built
command -v jq >/dev/null || abort "jq is not installed (scripts/lib/ensure-node-e2e.sh installs it)"

started=$(now_ms)
export BURLY_DATA_DIR="$SUITE_TMP/data" NOTIFICATIONS_ENABLED=false
unset POLICY_FILE POLICY_DIR AUDIT_LOG_PATH

# oneliner NAME JSON: pipes JSON into burly exactly like the guide; stdout → $SUITE_TMP/NAME.out, exit code → .rc
oneliner() {
  echo "$2" | "$BURLY" >"$SUITE_TMP/$1.out" 2>"$SUITE_LOG_DIR/oneliner-$1.err"
  echo $? >"$SUITE_TMP/$1.rc"
}

# response_ok NAME JQ_FILTER: exit 0, stdout is exactly one JSON-RPC line with id 1, and the filter prints true.
response_ok() {
  local out="$SUITE_TMP/$1.out"
  [ "$(cat "$SUITE_TMP/$1.rc")" = 0 ] || { echo "exit code $(cat "$SUITE_TMP/$1.rc"); stderr: $(tail -3 "$SUITE_LOG_DIR/oneliner-$1.err")"; return 1; }
  [ "$(wc -l <"$out")" = 1 ] || { echo "expected exactly one line on stdout, got $(wc -l <"$out"): $(head -c 400 "$out")"; return 1; }
  jq -n -e 'input | (.jsonrpc == "2.0" and .id == 1 and (has("error") | not))' "$out" >/dev/null || { echo "not a JSON-RPC result for id 1: $(head -c 400 "$out")"; return 1; }
  [ "$(jq -r "$2" "$out")" = true ] || { echo "jq '$2' not true on: $(head -c 600 "$out")"; return 1; }
}

oneliner tools-list '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}'
check "tools/list one-liner prints the tool list" response_ok tools-list \
  '(.result.tools | length > 0) and (.result.tools | all(.name and .description and .inputSchema.type == "object" and (.annotations.readOnlyHint | type) == "boolean"))'
listed() { jq -n -e --arg t "$1" 'input | (.result.tools | any(.name == $t))' "$SUITE_TMP/tools-list.out" >/dev/null 2>&1; }
check "tools/list one-liner lists disk_space" listed disk_space

oneliner disk-space '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "disk_space", "arguments": {}}}'
check "tools/call disk_space one-liner returns filesystems" response_ok disk-space \
  '(.result.isError != true) and .result.structuredContent.ok == true and (.result.structuredContent.data.filesystems | length > 0)'

oneliner bad-args '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "disk_space", "arguments": {"threshold_percent": 0}}}'
check "tools/call one-liner with bad arguments is INVALID_ARGUMENTS" response_ok bad-args \
  '.result.isError == true and .result.structuredContent.error.code == "INVALID_ARGUMENTS"'

# docker_ps: the guide's second one-liner. "Returns the real containers": a labelled test container must be in it.
if ! listed docker_ps; then
  fail "tools/call docker_ps one-liner" "docker_ps is not listed (the Docker pack is built in)"
elif [ "${BURLY_DOCKER_AVAILABLE:-}" != 1 ] && ! docker version >/dev/null 2>&1; then
  if [ "${BURLY_REQUIRE_DOCKER:-}" = 1 ]; then fail "tools/call docker_ps one-liner" "no Docker engine (BURLY_REQUIRE_DOCKER=1)"
  else skip "tools/call docker_ps one-liner" "no Docker engine on this machine"; fi
else
  container="burly-e2e-oneliner-$$"
  docker run -d --name "$container" --label burly-test=oneliners burly-test/busybox:1 sleep 300 >/dev/null 2>&1
  _cleanup_container() { docker rm -f "$container" >/dev/null 2>&1; }
  trap '_cleanup_container; _cleanup' EXIT
  oneliner docker-ps '{"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "docker_ps", "arguments": {}}}'
  check "tools/call docker_ps one-liner succeeds" response_ok docker-ps '(.result.isError != true) and .result.structuredContent.ok == true'
  contains_container() {
    jq -n -e --arg n "$container" 'input | ([.result.structuredContent.data | .. | strings | ltrimstr("/")] | index($n) != null)' "$SUITE_TMP/docker-ps.out" >/dev/null \
      || { echo "container $container not in: $(head -c 600 "$SUITE_TMP/docker-ps.out")"; return 1; }
  }
  check "tools/call docker_ps one-liner returns the real containers" contains_container
fi

echo "oneliners: $(( ($(now_ms) - started) / 1000 )) s"
finish
