#!/usr/bin/env bash
# Runs every samples/ops script against a running Burly (HTTP host + the burly CLI on the same data, as in a
# deployment), plus the logrotate sample. Last line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
OPS=$ROOT/samples/ops
pass=0; fail=0; skip=0
ok()  { echo "PASS $1"; pass=$((pass+1)); }
bad() { echo "FAIL $1"; fail=$((fail+1)); }
skp() { echo "SKIP $1"; skip=$((skip+1)); }
TMP=$(mktemp -d); HTTP_PID=; GOTIFY_PID=
cleanup() {
  [ -n "$GOTIFY_PID" ] && kill "$GOTIFY_PID" 2>/dev/null
  [ -n "$HTTP_PID" ] && kill "$HTTP_PID" 2>/dev/null && wait "$HTTP_PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

BURLY_DLL=$ROOT/src/Burly.Host.Stdio/bin/$CONFIG/net10.0/burly.dll
HTTP_DLL=$ROOT/src/Burly.Host.Http/bin/$CONFIG/net10.0/Burly.Host.Http.dll
if [ ! -f "$BURLY_DLL" ] || [ ! -f "$HTTP_DLL" ]; then bad "build first (dotnet build Burly.sln -c $CONFIG)"; echo "$pass passed, $fail failed, $skip skipped"; exit 1; fi
command -v jq >/dev/null || bash scripts/lib/ensure-jq.sh || true

export BURLY_CMD="dotnet $BURLY_DLL"
export BURLY_DATA_DIR=$TMP/data BACKUP_ROOT=$TMP/backups LOG_LEVEL=Warning
export BLOG_STAGE_ROOT=$TMP/blog/stage BLOG_PUBLISH_ROOT=$TMP/blog/publish
mkdir -p "$BLOG_STAGE_ROOT" "$BLOG_PUBLISH_ROOT" "$BURLY_DATA_DIR"
printf -- '---\ntitle: "Hello"\ndate: 2026-01-01\ntags: [ops]\n---\nHello.\n' > "$BLOG_STAGE_ROOT/hello.md"
if [ "${BURLY_DOCKER_AVAILABLE:-}" = 1 ]; then export DOCKER_SOCKET=${DOCKER_SOCKET:-/var/run/docker.sock}; else export DOCKER_SOCKET=$TMP/no-docker.sock; fi
unset POLICY_FILE POLICY_DIR AUDIT_LOG_PATH METRICS_PORT BURLYMCP_API_KEY BURLY_API_KEYS

# gotify_ping and notifications go to a Gotify stand-in on loopback (Gotify itself is not installable here).
GOTIFY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 "$ROOT/scripts/lib/fake-gotify.py" "$GOTIFY_PORT" & GOTIFY_PID=$!
export GOTIFY_URL=http://127.0.0.1:$GOTIFY_PORT GOTIFY_TOKEN=ops-suite-token-123456
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
HOST=127.0.0.1 PORT=$PORT ASPNETCORE_URLS=http://127.0.0.1:$PORT dotnet "$HTTP_DLL" >"$TMP/http.log" 2>&1 &
HTTP_PID=$!
export BURLY_URL=http://127.0.0.1:$PORT
for _ in $(seq 1 60); do curl -sf "$BURLY_URL/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
if curl -sf "$BURLY_URL/health/live" >/dev/null; then ok "HTTP host up on loopback"; else bad "HTTP host did not start"; tail -20 "$TMP/http.log"; fi

run() { # name expected-exit script args...
  local name=$1 want=$2; shift 2
  "$@" >"$TMP/out" 2>&1; local rc=$?
  if [ "$rc" = "$want" ]; then ok "$name"; else bad "$name (exit $rc, want $want)"; tail -15 "$TMP/out" | sed 's/^/    /'; fi
}

ALLOW_DEGRADED=1 run "health-check.sh" 0 "$OPS/health-check.sh"
run "smoke-test.sh" 0 "$OPS/smoke-test.sh"
run "smoke-tests.sh (the guide's other name)" 0 "$OPS/smoke-tests.sh"
run "functional-tests.sh" 0 "$OPS/functional-tests.sh"
run "integration-tests.sh" 0 "$OPS/integration-tests.sh"
run "security-test.sh" 0 "$OPS/security-test.sh"
run "performance-test.sh 20" 0 "$OPS/performance-test.sh" 20
run "load-test.sh 4 clients 3 s" 0 "$OPS/load-test.sh" 4 3
run "backup.sh" 0 "$OPS/backup.sh"
[ -L "$BACKUP_ROOT/latest" ] && ok "backup.sh links latest" || bad "backup.sh links latest"
run "weekly-backup.sh" 0 "$OPS/weekly-backup.sh"
run "verify-backup.sh latest" 0 "$OPS/verify-backup.sh" "$BACKUP_ROOT/latest"
run "test-restore.sh latest" 0 "$OPS/test-restore.sh" "$BACKUP_ROOT/latest"
run "compliance-report.sh 24h" 0 "$OPS/compliance-report.sh" 24h
grep -q "Calls by result" "$TMP/out" && ok "compliance report has the guide's sections" || bad "compliance report sections"
run "daily-health-check.sh" 0 "$OPS/daily-health-check.sh"
run "weekly-maintenance.sh" 0 "$OPS/weekly-maintenance.sh"
run "restore-config.sh" 0 "$OPS/restore-config.sh" "$BACKUP_ROOT/latest"
run "restore-blog-data.sh" 0 "$OPS/restore-blog-data.sh" "$BACKUP_ROOT/latest"
# The audit log grew since the backup: restoring it must be refused unless forced.
$BURLY_CMD tools call disk_space >/dev/null 2>&1
run "restore-logs.sh refuses newer audit data" 1 "$OPS/restore-logs.sh" "$BACKUP_ROOT/latest"
kill "$HTTP_PID" 2>/dev/null; wait "$HTTP_PID" 2>/dev/null; HTTP_PID=
run "restore.sh --force (server stopped)" 0 "$OPS/restore.sh" "$BACKUP_ROOT/latest" --force
run "audit chain valid after restore" 0 $BURLY_CMD audit verify

# logrotate sample: copytruncate rotation while Burly keeps writing; the chain continues.
if command -v logrotate >/dev/null || bash scripts/lib/ensure-logrotate.sh; then
  LR=$TMP/lr; mkdir -p "$LR"
  export AUDIT_LOG_PATH=$LR/audit.jsonl
  for _ in 1 2; do $BURLY_CMD tools call disk_space >/dev/null 2>&1; done
  sed -e "s#/var/log/agentops/audit.jsonl#$LR/audit.jsonl#" -e '/^\s*su /d' samples/logrotate/burly-mcp > "$TMP/logrotate.conf"
  if logrotate -f -s "$TMP/logrotate.state" "$TMP/logrotate.conf" 2>"$TMP/lr.err" && [ -f "$LR/audit.jsonl.1" ]; then ok "logrotate -f rotates with the sample"
  else bad "logrotate sample"; cat "$TMP/lr.err"; fi
  for _ in 1 2; do $BURLY_CMD tools call disk_space >/dev/null 2>&1; done
  run "audit verify across logrotate's files" 0 $BURLY_CMD audit verify
  grep -q "4 records" "$TMP/out" && ok "chain continues after copytruncate (4 records)" || { bad "chain after copytruncate"; cat "$TMP/out"; }
  unset AUDIT_LOG_PATH
else
  skp "logrotate sample (logrotate not installable)"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
