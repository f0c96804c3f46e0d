#!/usr/bin/env bash
# Burly vs the bare MCP C# SDK, side by side on this machine, loopback only. One command, bounded (~3–5 min):
#   benchmarks/compare.sh            (ROUNDS=3 ROUND_SECONDS=6 WARMUP_SECONDS=25 COLD_RUNS=15 by default; override in the environment)
# 1. builds Release (Burly.sln: both echo servers and the benchmark driver);
# 2. HTTP: bare SDK echo server (benchmarks/BareEcho, stateless) and Burly (the shipped HTTP host's wiring + an echo
#    pack, audit on, /metrics on, stateless — benchmarks/HttpEcho) run at the same time; wrk (100 connections,
#    2 threads) loads one, then the other, alternating, ROUNDS rounds of ROUND_SECONDS, first with a distinct body per
#    request, then with identical bodies; peak RSS is each server's VmHWM from /proc after all rounds;
# 3. stdio cold start (spawn → initialize → tools/list → stdin closed → exit), alternating, median of COLD_RUNS:
#    the bare SDK's stdio echo server vs the shipped `burly` stdio host (default policy);
# 4. docker_ps through the full pipeline vs Docker.DotNet's bare ListContainersAsync, in-process, real engine:
#    median at concurrency 1 and throughput with 100 concurrent identical calls (skipped if no engine answers).
# Prints raw numbers, then ratios Burly/bare (throughput: higher is better; latency, RSS, time: lower is better).
# wrk comes from Debian's `wrk` package (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
ROUND_SECONDS=${ROUND_SECONDS:-6}
# Tiered JIT needs ~20-40 s of load on 2 cores before both servers run optimised code (a 2 s warm-up measured
# mostly tier-0/instrumented code: Burly served ~750 req/s in its first 10 s and ~4,500 later). Long-running
# servers are measured at steady state.
WARMUP_SECONDS=${WARMUP_SECONDS:-25}
COLD_RUNS=${COLD_RUNS:-15}
CONNECTIONS=${CONNECTIONS:-100}
ACCEPT=${ACCEPT:-application/json, text/event-stream}
PARTS=${PARTS:-http,stdio,docker}   # a subset while developing, e.g. PARTS=http
export ACCEPT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
fi

echo "== build (Release)" >&2
[ -n "${NO_BUILD:-}" ] || dotnet build Burly.sln -c Release -nologo -v q >/dev/null

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_up() { # url
  for _ in $(seq 1 300); do
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d '{"jsonrpc":"2.0","id":0,"method":"tools/list"}' "$1" && return 0
    sleep 0.1
  done
  echo "server at $1 did not start" >&2; return 1
}
check_echo() { # url label — a real tools/call answers with the echoed text
  local out
  out=$(curl -s -X POST -H 'Content-Type: application/json' -H "Accept: $ACCEPT" -d '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"probe-42"}}}' "$1")
  if ! grep -q 'probe-42' <<<"$out" || grep -q '"isError":true' <<<"$out"; then echo "$2 echo check failed: $out" >&2; exit 1; fi
}

BARE_RSS=""; COLD=""; DOCKER=""; RESULTS="$WORK/results.txt"; : >"$RESULTS"
if [[ $PARTS == *http* ]]; then
BARE_PORT=$(free_port)
BURLY_PORT=$(free_port)
cat > "$WORK/policy.yaml" <<'YAML'
tools:
  echo:
    description: "Echo the message back."
    args_schema: { type: object, properties: { message: { type: string, maxLength: 200 } }, required: [message], additionalProperties: false }
    mutates: false
    timeout_sec: 10
YAML
dotnet benchmarks/BareEcho/bin/Release/net10.0/Burly.Benchmarks.BareEcho.dll http --urls "http://127.0.0.1:$BARE_PORT" >"$WORK/bare.log" 2>&1 &
BARE_PID=$!; PIDS+=("$BARE_PID")
BURLY_DATA_DIR="$WORK/burly" POLICY_FILE="$WORK/policy.yaml" HOST=127.0.0.1 PORT=$BURLY_PORT RATE_LIMIT_DISABLED=true Burly__Http__Stateless=true \
  dotnet benchmarks/HttpEcho/bin/Release/net10.0/Burly.Benchmarks.HttpEcho.dll >"$WORK/burly.log" 2>&1 &
BURLY_PID=$!; PIDS+=("$BURLY_PID")
wait_up "http://127.0.0.1:$BARE_PORT/mcp"; wait_up "http://127.0.0.1:$BURLY_PORT/mcp"
check_echo "http://127.0.0.1:$BARE_PORT/mcp" bare; check_echo "http://127.0.0.1:$BURLY_PORT/mcp" burly
curl -sf -o /dev/null "http://127.0.0.1:$BURLY_PORT/metrics" || { echo "burly /metrics not served" >&2; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_wrk() { # label url identical seconds
  local line
  line=$(IDENTICAL=$3 wrk -t2 -c"$CONNECTIONS" -d"${4}s" --timeout 10s -s benchmarks/wrk/tools-call.lua "$2" | grep '^RESULT')
  echo "$1 identical=$3 $line" | tee -a "$RESULTS"
}
# Warm-up (JIT, pools), not counted.
run_wrk warm-bare "http://127.0.0.1:$BARE_PORT/mcp" 0 "$WARMUP_SECONDS" >/dev/null
run_wrk warm-burly "http://127.0.0.1:$BURLY_PORT/mcp" 0 "$WARMUP_SECONDS" >/dev/null
for identical in 0 1; do
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order="bare burly"; else order="burly bare"; fi
    for who in $order; do
      if [ "$who" = bare ]; then port=$BARE_PORT; else port=$BURLY_PORT; fi
      run_wrk "$who" "http://127.0.0.1:$port/mcp" "$identical" "$ROUND_SECONDS"
    done
  done
done
BARE_RSS=$(awk '/VmHWM/ {print $2}' "/proc/$BARE_PID/status")
BURLY_RSS=$(awk '/VmHWM/ {print $2}' "/proc/$BURLY_PID/status")
AUDITED=$(cat "$WORK"/burly/audit/*.jsonl 2>/dev/null | wc -l)
echo "peak RSS kB: bare=$BARE_RSS burly=$BURLY_RSS; burly audit records: $AUDITED"
if [ "${Burly__Audit__Enabled:-true}" != false ] && [ "$AUDITED" -lt 1 ]; then echo "burly wrote no audit records: audit is not on" >&2; exit 1; fi
kill -TERM "$BARE_PID" "$BURLY_PID"; wait "$BARE_PID" "$BURLY_PID" 2>/dev/null || true; PIDS=()
fi

DRIVER=benchmarks/Burly.Benchmarks/bin/Release/net10.0/Burly.Benchmarks
if [[ $PARTS == *stdio* ]]; then
echo "== stdio cold start" >&2
mkdir -p "$WORK/stdio"
# `burly` twice: the JIT-only build output, and as shipped in the container image (self-contained ReadyToRun
# publish, samples/compose/Dockerfile). The bare SDK server runs as its plain build, as an SDK user would start it.
R2R_ARGS=()
if [ -z "${NO_R2R:-}" ] && dotnet publish src/Burly.Host.Stdio/Burly.Host.Stdio.csproj -c Release -r linux-x64 --self-contained \
     -o "$WORK/r2r" -nologo -v q >"$WORK/r2r.log" 2>&1; then
  R2R_ARGS=("burly_r2r=$WORK/r2r/burly")
else
  echo "ReadyToRun publish skipped or failed (NO_R2R, or see the publish log); JIT build only" >&2
fi
COLD=$(BURLY_DATA_DIR="$WORK/stdio" "$DRIVER" coldstart "$COLD_RUNS" \
  "bare=benchmarks/BareEcho/bin/Release/net10.0/Burly.Benchmarks.BareEcho stdio" \
  "burly=src/Burly.Host.Stdio/bin/Release/net10.0/burly" "${R2R_ARGS[@]}")
echo "$COLD"
fi

echo "== docker_ps" >&2
if [[ $PARTS != *docker* ]]; then
  :
elif docker info >/dev/null 2>&1; then
  DOCKER=$(BURLY_DATA_DIR="$WORK/docker" "$DRIVER" docker 200 3)
  echo "$DOCKER"
else
  DOCKER=""
  echo "docker: no engine answers (docker info failed); skipped"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== ratios Burly / bare SDK (targets in brackets)"
[ -s "$RESULTS" ] && for identical in 0 1; do
  awk -v id="identical=$identical" '
    $2 == id && ($1 == "bare" || $1 == "burly") {
      for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$1, kv[1], ++n[$1, kv[1]]] = kv[2]; sum[$1, kv[1]] += kv[2] }
    }
    function median(who, key,   k, m, arr, i, j, t) {
      m = n[who, key]; for (i = 1; i <= m; i++) arr[i] = v[who, key, i]
      for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
      return m % 2 ? arr[(m + 1) / 2] : (arr[m / 2] + arr[m / 2 + 1]) / 2
    }
    END {
      tb = sum["bare", "requests"] / sum["bare", "seconds"]; ty = sum["burly", "requests"] / sum["burly", "seconds"]
      label = (id == "identical=0") ? "distinct bodies" : "identical bodies"
      printf "%-17s throughput %.0f vs %.0f req/s = %.2f [>= 0.8]; errors bare=%d burly=%d\n", label, ty, tb, ty / tb, sum["bare", "errors"], sum["burly", "errors"]
      printf "%-17s p50 %.2f/%.2f ms = %.2f; p95 %.2f/%.2f ms = %.2f [<= 1.25]; p99 %.2f/%.2f ms = %.2f\n", label,
        median("burly", "p50_ms"), median("bare", "p50_ms"), median("burly", "p50_ms") / median("bare", "p50_ms"),
        median("burly", "p95_ms"), median("bare", "p95_ms"), median("burly", "p95_ms") / median("bare", "p95_ms"),
        median("burly", "p99_ms"), median("bare", "p99_ms"), median("burly", "p99_ms") / median("bare", "p99_ms")
    }' "$RESULTS"
done
[ -n "$BARE_RSS" ] && awk -v b="$BARE_RSS" -v y="$BURLY_RSS" 'BEGIN { printf "peak RSS          %.0f vs %.0f MB = %.2f [<= 1.5 and < 150 MB]\n", y / 1024, b / 1024, y / b }'
[ -n "$COLD" ] && awk '
  /coldstart bare/  { for (i = 1; i <= NF; i++) if ($i ~ /^median_tools_listed_ms=/) { split($i, kv, "="); b = kv[2] } }
  /coldstart burly / { for (i = 1; i <= NF; i++) if ($i ~ /^median_tools_listed_ms=/) { split($i, kv, "="); y = kv[2] } }
  /coldstart burly_r2r / { for (i = 1; i <= NF; i++) if ($i ~ /^median_tools_listed_ms=/) { split($i, kv, "="); r = kv[2] } }
  END {
    printf "stdio cold start  %.0f vs %.0f ms = %.2f (JIT build) [<= 1.3 without AOT, <= 0.5 AOT]\n", y, b, y / b
    if (r != "") printf "stdio cold start  %.0f vs %.0f ms = %.2f (as shipped: ReadyToRun publish) [<= 1.3 without AOT]\n", r, b, r / b
  }' <<<"$COLD"
if [ -n "$DOCKER" ]; then
  awk '
    /docker c1/   { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "bare_median_ms") b1 = kv[2]; if (kv[1] == "burly_median_ms") y1 = kv[2] } }
    /docker c100/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "bare_calls_per_second") b2 = kv[2]; if (kv[1] == "burly_calls_per_second") y2 = kv[2] } }
    END {
      printf "docker_ps c=1     median %.2f vs %.2f ms = %.2f [<= 1.3]\n", y1, b1, y1 / b1
      printf "docker_ps c=100   %.0f vs %.0f calls/s = %.2f [>= 2]\n", y2, b2, y2 / b2
    }' <<<"$DOCKER"
fi
