#!/usr/bin/env bash
# Performance baseline: N tool calls (default 50 of disk_space) in one stdio session; prints calls/s and
# the p50/p95 of the server-side execution time from the audit records of the run.
# Usage: performance-test.sh [CALLS] [TOOL]
. "$(dirname "$0")/lib.sh"
n=${1:-50}; tool=${2:-disk_space}
start=$(date +%s%N)
responses=$(for i in $(seq 1 "$n"); do echo "{\"jsonrpc\":\"2.0\",\"id\":$i,\"method\":\"tools/call\",\"params\":{\"name\":\"$tool\",\"arguments\":{}}}"; done \
  | $BURLY_CMD serve 2>/dev/null | grep -c '"id"')
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$responses" = "$n" ] && pass "$n/$n responses" || fail "$responses/$n responses"
echo "calls: $n, wall time: ${elapsed_ms} ms (incl. start-up), $(( n * 1000 / (elapsed_ms > 0 ? elapsed_ms : 1) )) calls/s"
burly audit query --tool "$tool" --since 5m --limit "$n" | jq -s '[.[].execution_time_ms] | sort | {p50: .[(length*0.5|floor)], p95: .[(length*0.95|floor)], max: .[-1]}' 2>/dev/null
summary
