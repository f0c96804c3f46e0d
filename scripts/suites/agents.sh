#!/usr/bin/env bash
# Shell suite: samples/AgentInProcess — .NET agents using Burly with no model (a scripted IChatClient decides).
# In-process: FunctionInvokingChatClient and a Microsoft Agent Framework ChatClientAgent call docker_ps, then
# docker_restart on a labelled test container; the approval request is shown and answered by the program (approve
# run and decline run each). Checks the audit (transport in-process, caller, approval and approver recorded) and the
# container (restarted only after approval; declined → StartedAt and RestartCount unchanged). Remote: the official MCP
# SDK client against the HTTP host with an API key (same tools, same policy: the restart needs confirmation there).
# Then prints the per-call time of the same tools in-process vs over MCP (reported, never asserted).
# Ends with "N passed, N failed, N skipped". Needs the engine (scripts/lib/ensure-docker.sh) and a Release build.
source "$(dirname "$0")/../lib/suite-common.sh"
require_built
AGENT="$ROOT/samples/AgentInProcess/bin/$CONFIG/net10.0/Burly.Samples.AgentInProcess"
# The sample is built from the packed feed (artifacts/packages), as a consumer would (packages.sh --build-sample).
bash "$ROOT/scripts/suites/packages.sh" --build-sample AgentInProcess >"$SUITE_LOG_DIR/agents-build.log" 2>&1 \
  || abort "samples/AgentInProcess does not build from the packages ($(tail -3 "$SUITE_LOG_DIR/agents-build.log"))"
[ -x "$AGENT" ] || abort "sample not built at ${AGENT#"$ROOT"/}"
bash "$ROOT/scripts/lib/ensure-docker.sh" >/dev/null 2>&1 || abort "Docker engine unavailable (scripts/lib/ensure-docker.sh)"
IMAGE=burly-test/busybox:1
LABEL="burly.test=agents-$$"
started=$(now_ms)

cleanup_containers() { docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1; }
trap 'cleanup_containers; _cleanup' EXIT

new_container() {
  local name="burly-agents-$$-$1"
  docker run -d --name "$name" --label "$LABEL" "$IMAGE" sleep 3600 >/dev/null || return 1
  echo "$name"
}
state() { docker inspect -f '{{.State.StartedAt}} {{.RestartCount}}' "$1"; }

# audit_has FILE JQ-FILTER : at least one record matches (non-empty output, so an empty file cannot pass).
audit_has() { [ -s "$1" ] && [ -n "$(jq -c "select($2)" "$1")" ]; }

run_in_process() {
  local runner=$1 answer=$2 container data out before after
  container=$(new_container "$runner-$answer") || { fail "$runner $answer: container" "docker run failed"; return; }
  data="$SUITE_TMP/$runner-$answer"; mkdir -p "$data"
  before=$(state "$container")
  out="$SUITE_TMP/$runner-$answer.out"
  env BURLY_DATA_DIR="$data" AUDIT_LOG_PATH="$data/audit.jsonl" NOTIFICATIONS_ENABLED=false LOG_LEVEL=Warning \
    Logging__LogLevel__Default=Warning timeout 120 "$AGENT" in-process "$runner" "$answer" "$container" >"$out" 2>&1
  local rc=$?
  cat "$out"
  after=$(state "$container")
  local audit="$data/audit.jsonl" who="agent:$runner-sample"
  check "$runner $answer: exit 0" test "$rc" = 0
  check "$runner $answer: approval request shown" grep -q "APPROVAL REQUESTED: 'docker_restart'.*container=$container" "$out"
  check "$runner $answer: docker_ps audited in-process as $who" audit_has "$audit" \
    ".tool_name==\"docker_ps\" and .result==\"success\" and .transport==\"in-process\" and .user_id==\"$who\""
  if [ "$answer" = approve ]; then
    check "$runner approve: restart audited with in-process-approval by the approver" audit_has "$audit" \
      ".tool_name==\"docker_restart\" and .result==\"success\" and .transport==\"in-process\" and .user_id==\"$who\" and .security_context.confirmed==true and .security_context.confirmation_method==\"in-process-approval\" and .security_context.approved_by==\"local:sample-operator\""
    # Write-ahead audit: one tool_call_intent before the restart ran, one tool_call outcome after it.
    check "$runner approve: one restart outcome record, none unconfirmed" test "$(jq -c 'select(.event_type=="tool_call" and .tool_name=="docker_restart")' "$audit" | wc -l)" = 1
    check "$runner approve: one restart intent record" test "$(jq -c 'select(.event_type=="tool_call_intent" and .tool_name=="docker_restart")' "$audit" | wc -l)" = 1
    check "$runner approve: container restarted (StartedAt changed)" test "${before%% *}" != "${after%% *}"
  else
    check "$runner decline: decline audited with the approver" audit_has "$audit" \
      ".tool_name==\"docker_restart\" and .result==\"denied\" and .error_code==\"CONFIRMATION_DECLINED\" and .security_context.confirmation_method==\"in-process-approval\" and .security_context.approved_by==\"local:sample-operator\""
    check "$runner decline: no restart succeeded" test -z "$(jq -c 'select(.tool_name=="docker_restart" and .result=="success")' "$audit")"
    check "$runner decline: container not restarted (StartedAt, RestartCount unchanged)" test "$before" = "$after"
  fi
}

for runner in chat-client agent; do
  for answer in approve decline; do
    run_in_process "$runner" "$answer"
  done
done

# Remote: the official MCP SDK client, the HTTP host, an API key.
KEY="agents-suite-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HTTP_DATA="$SUITE_TMP/http"; mkdir -p "$HTTP_DATA"
if start_http_host "$HTTP_DATA" BURLYMCP_API_KEY="$KEY" AUDIT_LOG_PATH="$HTTP_DATA/audit.jsonl"; then
  container=$(new_container remote)
  before=$(state "$container")
  out="$SUITE_TMP/remote.out"
  BURLY_AGENT_API_KEY="$KEY" timeout 120 "$AGENT" remote "$HTTP_URL" "$container" >"$out" 2>&1; rc=$?
  cat "$out"
  check "remote: exit 0" test "$rc" = 0
  check "remote: tools listed over MCP" grep -q "Burly tools over MCP: .*docker_restart" "$out"
  check "remote: docker_ps audited over http with the key's identity" audit_has "$HTTP_DATA/audit.jsonl" \
    '.tool_name=="docker_ps" and .result=="success" and .transport=="http" and (.user_id | startswith("apikey:"))'
  check "remote: the same policy asks for confirmation of the restart" audit_has "$HTTP_DATA/audit.jsonl" \
    '.tool_name=="docker_restart" and .result=="need_confirm"'
  check "remote: container not restarted without confirmation" test "$before" = "$(state "$container")"

  # Per-call time, same tools, both ways, one run (reported for the record; not a pass/fail threshold).
  mdata="$SUITE_TMP/measure"; mkdir -p "$mdata"
  out="$SUITE_TMP/measure.out"
  env BURLY_DATA_DIR="$mdata" AUDIT_LOG_PATH="$mdata/audit.jsonl" NOTIFICATIONS_ENABLED=false LOG_LEVEL=Warning \
    Logging__LogLevel__Default=Warning BURLY_AGENT_API_KEY="$KEY" timeout 180 "$AGENT" measure "$HTTP_URL" "${BURLY_AGENTS_MEASURE_CALLS:-30}" >"$out" 2>&1; rc=$?
  cat "$out"
  check "measure: both paths timed" grep -q "^measure docker_ps: in-process median .* MCP over HTTP median" "$out"
else
  fail "remote: HTTP host" "did not start"
fi

echo "agents: $(( ($(now_ms) - started) / 1000 )) s"
finish
