#!/usr/bin/env bash
# tools/call throughput of the HTTP host in stateless mode: 100 concurrent clients for 15 s with `hey`
# (Debian: apt-get install hey; the apt package `bombardier` is a game, not this tool).
# Usage: benchmarks/http/load-stateless.sh [Release|Debug]   (build first: dotnet build Burly.sln -c Release)
set -euo pipefail
cd "$(dirname "$0")/../.."
CONFIG=${1:-Release}
DLL=src/Burly.Host.Http/bin/$CONFIG/net10.0/Burly.Host.Http.dll
PORT=${PORT:-9431}
WORK=$(mktemp -d)
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
BURLY_DATA_DIR=$WORK PORT=$PORT RATE_LIMIT_DISABLED=true LOG_LEVEL=Warning Burly__Http__Stateless=true dotnet "$DLL" > "$WORK/host.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/mcp" -X POST -d '{}' && break; sleep 0.1; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
MCP='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{}}}'
echo "== MCP tools/call (stateless, SSE answer)"
hey -z 15s -c 100 -m POST -T application/json -H "Accept: application/json, text/event-stream" -d "$MCP" "http://127.0.0.1:$PORT/mcp" | grep -E 'Requests/sec|50% in|95% in|99% in|^\s+\[[0-9]+\]'
LEGACY='{"id":1,"method":"call_tool","name":"disk_space","args":{}}'
echo "== legacy call_tool (same pipeline)"
hey -z 15s -c 100 -m POST -T application/json -d "$LEGACY" "http://127.0.0.1:$PORT/mcp" | grep -E 'Requests/sec|50% in|95% in|99% in|^\s+\[[0-9]+\]'
echo "peak RSS: $(grep VmHWM /proc/$PID/status | awk '{print $2, $3}')"
echo "audit records written: $(wc -l < "$WORK/audit/audit.jsonl")"
