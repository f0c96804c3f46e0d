#!/usr/bin/env bash
# The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, every server scenario: --suite all)
# against (1) the shipped HTTP host with the default policy and (2) Burly with the conformance fixture pack
# (samples/Conformance). Each scenario is one test: passing → passed; failing and listed in the
# target's baseline (tests/e2e/conformance/baseline-*.yml, reasons in RESULTS.md) → skipped; failing and NOT listed
# (regression) → failed; listed but passing (stale baseline) → failed. README.md and RESULTS.md must state the
# measured N of M.
source "$(dirname "$0")/../lib/suite-common.sh"
require_built
require_node_e2e

CONF_DIR="$E2E/conformance"
CONFORMANCE=("$NODE22" "$E2E/node_modules/@modelcontextprotocol/conformance/dist/index.js")
SAMPLE_HOST="$ROOT/samples/Conformance/bin/$CONFIG/net10.0/Burly.Samples.Conformance"
started=$(now_ms)

mapfile -t all_scenarios < <("${CONFORMANCE[@]}" list --server 2>/dev/null | sed -nE 's/^  - ([a-z0-9-]+).*/\1/p')
[ "${#all_scenarios[@]}" -gt 0 ] || abort "conformance list --server printed no scenarios"
echo "conformance $("${CONFORMANCE[@]}" --version): ${#all_scenarios[@]} server scenarios"

# run_target NAME BASELINE HOST_EXE [VAR=VALUE...]
run_target() {
  local name=$1 baseline=$2 exe=$3; shift 3
  local out="$SUITE_TMP/$name"
  if [ ! -x "$exe" ]; then fail "$name" "host not built: ${exe#"$ROOT"/}"; return; fi
  BURLY_HTTP=$exe start_http_host "$SUITE_TMP/data-$name" "$@" || { fail "$name" "the host did not start"; return; }
  echo "== $name: $HTTP_URL (baseline ${baseline#"$ROOT"/})"
  "${CONFORMANCE[@]}" server --url "$HTTP_URL" --suite all --expected-failures "$baseline" -o "$out" \
    >"$SUITE_LOG_DIR/conformance-$name.log" 2>&1
  local rc=$?
  kill -TERM -- "-$HTTP_PID" 2>/dev/null
  mapfile -t expected < <(sed -nE 's/^[[:space:]]*-[[:space:]]*([a-z0-9-]+).*/\1/p' "$baseline")
  local s passed=0 before_failed=$_failed dir verdict
  for s in "${all_scenarios[@]}"; do
    dir=$(find "$out" -maxdepth 1 -type d -name "server-$s-20*" 2>/dev/null | head -1)
    if [ -z "$dir" ] || [ ! -f "$dir/checks.json" ]; then fail "$name $s" "no result (see conformance-$name.log)"; continue; fi
    # The suite's own rule: a scenario fails when any check is FAILURE or WARNING.
    verdict=$(jq -r 'if any(.[]; .status == "FAILURE" or .status == "WARNING") then "fail" else "pass" end' "$dir/checks.json")
    local listed=no e; for e in "${expected[@]}"; do [ "$e" = "$s" ] && listed=yes; done
    case "$verdict/$listed" in
      pass/no) pass "$name $s"; passed=$((passed + 1)) ;;
      fail/yes) skip "$name $s" "expected failure (baseline)" ;;
      fail/no) fail "$name $s" "REGRESSION: $(jq -r '[.[] | select(.status == "FAILURE" or .status == "WARNING") | .errorMessage] | first' "$dir/checks.json" | cut -c1-200)" ;;
      pass/yes) fail "$name $s" "STALE BASELINE: now passes, remove it from ${baseline#"$ROOT"/}" ;;
    esac
  done
  if [ "$rc" != 0 ] && [ "$_failed" = "$before_failed" ]; then fail "$name" "conformance exited $rc; see conformance-$name.log"; fi
  echo "== $name: $passed of ${#all_scenarios[@]} scenarios pass"
  # The README and RESULTS.md must state the measured number (on the line marked <!-- NAME -->).
  local doc
  for doc in "$ROOT/README.md" "$CONF_DIR/RESULTS.md"; do
    if grep -q "<!-- $name -->.*\*\*$passed of ${#all_scenarios[@]}\*\*" "$doc"; then
      pass "$name ${doc#"$ROOT"/} states $passed of ${#all_scenarios[@]}"
    else
      fail "$name ${doc#"$ROOT"/}" "does not state **$passed of ${#all_scenarios[@]}** after its '<!-- $name -->' marker; update it"
    fi
  done
}

run_target http-host "$CONF_DIR/baseline-http-host.yml" "$BURLY_HTTP"
run_target conformance-pack "$CONF_DIR/baseline-conformance-pack.yml" "$SAMPLE_HOST" \
  "POLICY_FILE=$ROOT/samples/Conformance/conformance-policy.yaml"

echo "conformance: $(( ($(now_ms) - started) / 1000 )) s"
finish
