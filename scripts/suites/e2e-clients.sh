#!/usr/bin/env bash
# End-to-end tests with the official MCP TypeScript SDK client (tests/e2e/client/*.test.mjs, node --test) against
# the built stdio host (spawned per client) and the streamable HTTP host (started on free loopback ports).
# docker.test.mjs needs the real Docker engine and its test image (a missing engine fails those tests, never skips).
source "$(dirname "$0")/../lib/suite-common.sh"
require_built
require_node_e2e
bash "$ROOT/scripts/lib/ensure-docker.sh" >"$SUITE_TMP/ensure-docker.log" 2>&1 || echo "e2e-clients: Docker engine unavailable; docker.test.mjs will fail ($(tail -1 "$SUITE_TMP/ensure-docker.log"))"

started=$(now_ms)
report="$SUITE_TMP/node-test.txt"
# Own process group, so an aborted run cannot leave a host behind (the tests also stop what they start).
start_bg "$report" env BURLY_TEST_CONFIGURATION="$CONFIG" "$NODE22" --test --test-concurrency=1 --test-timeout=120000 \
  --test-reporter=spec "$E2E/client/stdio.test.mjs" "$E2E/client/http.test.mjs" "$E2E/client/docker.test.mjs"
wait "$BG_PID"; rc=$?
cat "$report"

num() { grep -E "^ℹ $1 [0-9]+$" "$report" | tail -1 | awk '{print $3}'; }
p=$(num pass) f=$(num fail) s=$(num skipped) c=$(num cancelled) t=$(num todo)
if [ -z "$p" ] || [ -z "$f" ]; then
  fail "node --test" "no summary (exit $rc)"
else
  count "$p" $((f + ${c:-0})) $((${s:-0} + ${t:-0}))
  if [ "$rc" != 0 ] && [ "$f" = 0 ] && [ "${c:-0}" = 0 ]; then fail "node --test" "exited $rc"; fi
fi
echo "e2e-clients: $(( ($(now_ms) - started) / 1000 )) s"
finish
