#!/usr/bin/env bash
# Shared helpers for the shell suites in scripts/suites/ (sourced, not run; not an ensure-* prerequisite).
# A suite sources this, calls `check NAME CMD...` / `pass NAME` / `fail NAME WHY` / `skip NAME WHY`, and ends with
# `finish`, which prints the closing line `N passed, N failed, N skipped`. Background processes started with
# `start_bg` run in their own process group and are killed (group-wide) when the suite exits, whatever happens.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
E2E="$ROOT/tests/e2e"
NODE22="$E2E/node_modules/.bin/node"
BURLY="$ROOT/src/Burly.Host.Stdio/bin/$CONFIG/net10.0/burly"
BURLY_HTTP="$ROOT/src/Burly.Host.Http/bin/$CONFIG/net10.0/Burly.Host.Http"
SUITE_TMP=$(mktemp -d "${TMPDIR:-/tmp}/burly-suite.XXXXXX")
SUITE_LOG_DIR=${BURLY_TEST_LOG_DIR:-$ROOT/TestResults/logs}
mkdir -p "$SUITE_LOG_DIR"

_passed=0 _failed=0 _skipped=0
_bg_pids=()

_cleanup() {
  local pid
  for pid in "${_bg_pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  done
  for pid in "${_bg_pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
  done
  rm -rf "$SUITE_TMP"
}
trap _cleanup EXIT
trap 'exit 130' INT TERM

pass() { _passed=$((_passed + 1)); echo "  ok    $1"; }
fail() { _failed=$((_failed + 1)); echo "  FAIL  $1: ${2:-}"; }
skip() { _skipped=$((_skipped + 1)); echo "  skip  $1: ${2:-}"; }

# check NAME CMD... : passes when CMD exits 0.
check() {
  local name=$1; shift
  local out
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | tail -5)"; fi
}

# count P F S: adds counts from a sub-runner (e.g. node --test).
count() { _passed=$((_passed + $1)); _failed=$((_failed + $2)); _skipped=$((_skipped + $3)); }

finish() {
  echo "$_passed passed, $_failed failed, $_skipped skipped"
  [ "$_failed" = 0 ]
}

# abort WHY: the suite cannot run at all; counts one failure and ends.
abort() { fail "setup" "$1"; finish; exit 1; }

require_built() {
  [ -x "$BURLY" ] || abort "burly not built at ${BURLY#"$ROOT"/} (dotnet build Burly.sln -c $CONFIG)"
  [ -x "$BURLY_HTTP" ] || abort "HTTP host not built at ${BURLY_HTTP#"$ROOT"/} (dotnet build Burly.sln -c $CONFIG)"
}

require_node_e2e() {
  if [ ! -x "$NODE22" ]; then
    bash "$ROOT/scripts/lib/ensure-node-e2e.sh" || abort "tests/e2e node_modules missing and npm ci failed"
  fi
}

# start_bg LOGFILE CMD... : runs CMD in its own process group; sets BG_PID.
start_bg() {
  local log=$1; shift
  setsid "$@" >"$log" 2>&1 &
  BG_PID=$!
  _bg_pids+=("$BG_PID")
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_http_host DATA_DIR [VAR=VALUE...] : starts the HTTP host on a free loopback port, waits (≤ 60 s) until it
# accepts connections; sets HTTP_URL and HTTP_PID. Extra VAR=VALUE pairs go into its environment.
start_http_host() {
  local data=$1; shift
  local port; port=$(free_port)
  local log="$SUITE_LOG_DIR/http-host-$port.log"
  # The placeholder host has no host filtering of its own; AllowedHosts is the loopback set the real host defaults to.
  start_bg "$log" env BURLY_DATA_DIR="$data" HOST=127.0.0.1 PORT="$port" ASPNETCORE_URLS="http://127.0.0.1:$port" \
    'AllowedHosts=localhost;127.0.0.1;[::1]' RATE_LIMIT_DISABLED=true NOTIFICATIONS_ENABLED=false LOG_LEVEL=Warning \
    Logging__LogLevel__Default=Warning "$@" "$BURLY_HTTP"
  HTTP_PID=$BG_PID
  for _ in $(seq 1 600); do
    if ! kill -0 "$HTTP_PID" 2>/dev/null; then tail -20 "$log" >&2; return 1; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then HTTP_URL="http://127.0.0.1:$port/mcp"; return 0; fi
    sleep 0.1
  done
  tail -20 "$log" >&2
  return 1
}

# now_ms: milliseconds since the epoch (for reporting suite times, never asserted).
now_ms() { date +%s%3N; }
