#!/usr/bin/env bash
# Shell suite: runs every script of samples/ops against a real Burly — the Release build made by scripts/test.sh
# (nothing is built here): the HTTP host on a free loopback port with a temp data dir, the `burly` CLI configured
# like it — and asserts exit codes and key output. Then runs every jq query of the operations guide
# (docs/operations.md) against the audit log those calls produced. Ends with "N passed, N failed, N skipped".
# Needs: curl, jq, hey (scripts/lib/ensure-ops-tools.sh); Docker is used when up (a stopped test container makes
# docker_ps/docker_stats answers non-trivial) and skipped otherwise.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
BURLY_BIN=$ROOT/src/Burly.Host.Stdio/bin/$CONFIG/net10.0/burly
HTTP_BIN=$ROOT/src/Burly.Host.Http/bin/$CONFIG/net10.0/Burly.Host.Http
OPS=$ROOT/samples/ops
LABEL=burly-test=ops-scripts
started_at=$(date +%s)

P=0 F=0 S=0
ok()   { P=$((P + 1)); echo "PASS $1"; }
bad()  { F=$((F + 1)); echo "FAIL $1${2:+: $2}"; }
skp()  { S=$((S + 1)); echo "SKIP $1${2:+: $2}"; }
done_() { echo "suite time: $(( $(date +%s) - started_at )) s"; echo "$P passed, $F failed, $S skipped"; exit 0; }

T=$(mktemp -d "${TMPDIR:-/tmp}/burly-ops-suite.XXXXXX")
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  if command -v docker >/dev/null 2>&1; then docker ps -aq --filter "label=$LABEL" | xargs -r docker rm -f >/dev/null 2>&1; fi
  rm -rf "$T"
}
trap cleanup EXIT

for b in "$BURLY_BIN" "$HTTP_BIN"; do
  [ -x "$b" ] || { bad "binaries built" "$b missing (run scripts/test.sh, which builds $CONFIG)"; done_; }
done
for c in curl jq hey python3; do command -v "$c" >/dev/null 2>&1 || bad "prerequisite $c" "not installed (scripts/lib/ensure-ops-tools.sh)"; done

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# --- the deployment under test ------------------------------------------------------------------------------------
mkdir -p "$T"/{config/tools.d,data/blog/stage,data/blog/publish,log,backups,out}
# The built-in default policy (every tool this build implements) plus the sample's tools.d override.
cp "$ROOT"/samples/compose/config/tools.d/*.yaml "$T/config/tools.d/"
TOOLS_D_FILE=$(ls "$T"/config/tools.d/*.yaml | head -1)
printf -- '---\ntitle: Hello from the ops suite\ndate: 2026-11-25\ntags: [ops]\n---\n# Hello\n' > "$T/data/blog/stage/hello.md"
KEY=ops-suite-$RANDOM-$RANDOM-key
PORT=$(free_port); MPORT=$(free_port); PORT2=$(free_port); GOTIFY_PORT=$(free_port)
# gotify_ping and `burly notify test` talk to a Gotify stand-in on loopback (scripts/lib/fake-gotify.py).
python3 "$ROOT/scripts/lib/fake-gotify.py" "$GOTIFY_PORT" > "$T/out/fake-gotify.log" 2>&1 &
PIDS+=("$!")
export BURLY_DATA_DIR=$T/data AUDIT_LOG_PATH=$T/log/audit.jsonl POLICY_DIR=$T/config/tools.d \
       BLOG_STAGE_ROOT=$T/data/blog/stage BLOG_PUBLISH_ROOT=$T/data/blog/publish HOST=127.0.0.1 PORT=$PORT METRICS_PORT=$MPORT \
       BURLYMCP_API_KEY=$KEY RATE_LIMIT_DISABLED=true NOTIFICATIONS_ENABLED=false NOTIFICATION_PROVIDERS=console,gotify \
       GOTIFY_URL=http://127.0.0.1:$GOTIFY_PORT GOTIFY_TOKEN=ops-suite-gotify-token \
       LOG_LEVEL=Warning ASPNETCORE_URLS=http://127.0.0.1:$PORT
export BURLY=$BURLY_BIN BURLY_URL=http://127.0.0.1:$PORT BACKUP_ROOT=$T/backups BURLY_CONTAINER=burly-ops-suite-absent-$$
unset POLICY_FILE BURLY_API_KEY BURLY_ENV_FILE COMPOSE_FILE CLI_BACKUP_ROOT STDIO_AUDIT_LOG

# start_host NAME [VAR=VALUE...] — starts the HTTP host with extra environment, waits until it answers.
start_host() {
  local name=$1; shift
  env "$@" "$HTTP_BIN" > "$T/out/$name.log" 2>&1 &
  local pid=$! url
  PIDS+=("$pid"); eval "PID_$name=$pid"
  url=$(for kv in "$@"; do case "$kv" in PORT=*) echo "http://127.0.0.1:${kv#PORT=}" ;; esac; done)
  url=${url:-$BURLY_URL}
  for _ in $(seq 1 150); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url/health/live" 2>/dev/null) || code=000
    [ "$code" != 000 ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  bad "start $name" "no answer on $url; $(tail -5 "$T/out/$name.log" | tr '\n' ' ')"
  return 1
}
stop_host() { local pid; pid=$(eval echo "\${PID_$1:-}"); [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; return 0; }

# expect NAME RC REGEX CMD... — runs CMD, PASS when its exit code is RC and its output matches REGEX ('' = any).
expect() {
  local name=$1 want=$2 re=$3; shift 3
  local log="$T/out/$(printf '%s' "$name" | tr -c 'A-Za-z0-9._-' '_').log" rc
  "$@" > "$log" 2>&1; rc=$?
  if [ "$rc" != "$want" ]; then bad "$name" "exit $rc (want $want); $(grep -E '^(FAIL|error)' "$log" | head -3 | tr '\n' ' ')$(tail -3 "$log" | tr '\n' ' ')"; return 1; fi
  if [ -n "$re" ] && ! grep -Eq -- "$re" "$log"; then bad "$name" "output lacks /$re/; $(tail -3 "$log" | tr '\n' ' ')"; return 1; fi
  ok "$name"
}

docker_up=false
if command -v docker >/dev/null 2>&1 && docker version >/dev/null 2>&1 && docker image inspect burly-test/busybox:1 >/dev/null 2>&1; then
  docker_up=true
  docker create --name "burly-ops-suite-$$" --label "$LABEL" burly-test/busybox:1 true >/dev/null 2>&1 || docker_up=false
fi

start_host main || done_

# --- health, smoke, functional, integration -------------------------------------------------------------------------
expect "health-check.sh: healthy"                  0 'burly health: healthy'      "$OPS/health-check.sh"
expect "health-check.sh: unreachable server"       1 'unreachable'                env BURLY_URL=http://127.0.0.1:1 "$OPS/health-check.sh" --http-only
expect "health-check.sh: usage error"              2 'Usage'                      "$OPS/health-check.sh" --bogus
expect "smoke-test.sh"                             0 'smoke-test: [0-9]+ passed, 0 failed' "$OPS/smoke-test.sh"
expect "smoke-tests.sh (the guide's other name)"   0 'passed, 0 failed'           "$OPS/smoke-tests.sh"
expect "smoke-test.sh: wrong key fails"            1 'FAIL MCP initialize'        env BURLYMCP_API_KEY=wrong-key "$OPS/smoke-test.sh"
expect "functional-tests.sh"                       0 'functional-tests: [0-9]+ passed, 0 failed' "$OPS/functional-tests.sh"
expect "integration-tests.sh"                      0 'integration-tests: [0-9]+ passed, 0 failed' "$OPS/integration-tests.sh"
grep -q 'PASS burly notify test: all 2 provider' "$T/out/integration-tests.sh.log" && ok "integration-tests.sh sent a test notification through console and Gotify" \
  || bad "integration-tests.sh notify test" "$(grep 'notify test' "$T/out/integration-tests.sh.log")"
if [ "$docker_up" = true ]; then
  grep -q "PASS docker_ps matches 'docker ps -a' ([1-9]" "$T/out/integration-tests.sh.log" && ok "integration-tests.sh compared docker_ps with a real container" \
    || bad "integration-tests.sh compared docker_ps with a real container" "$(grep docker_ps "$T/out/integration-tests.sh.log")"
else
  skp "integration-tests.sh docker_ps comparison" "no Docker engine"
fi

# --- performance and load -------------------------------------------------------------------------------------------
expect "performance-test.sh 40"                    0 'p95 [0-9.]+ ms <= target 5000 ms' "$OPS/performance-test.sh" 40
expect "performance-test.sh: usage error"          2 'REQUESTS'                   "$OPS/performance-test.sh" 0
expect "load-test.sh 100 5 (MCP session)"          0 'load-test: 2 passed, 0 failed' "$OPS/load-test.sh" 100 5
grep -E 'load-test summary' "$T/out/load-test.sh_100_5__MCP_session_.log" 2>/dev/null | sed 's/^/    /'
expect "load-test.sh 10 2 (legacy endpoint)"       0 'load-test: 2 passed, 0 failed' env LOAD_TEST_MODE=legacy "$OPS/load-test.sh" 10 2
expect "load-test.sh: usage error"                 2 'Usage'                      "$OPS/load-test.sh" 100

# --- security (a second host with the rate limiter on) --------------------------------------------------------------
expect "security-test.sh"                          0 'security-test: [0-9]+ passed, 0 failed' "$OPS/security-test.sh"
if grep -q "SKIP path traversal" "$T/out/security-test.sh.log"; then bad "security-test.sh ran the path traversal checks" "blog_stage_markdown not available"
else ok "security-test.sh ran the path traversal checks"; fi
mkdir -p "$T/data2/blog/stage" "$T/data2/blog/publish"
if start_host limited PORT=$PORT2 METRICS_PORT=$(free_port) RATE_LIMIT_DISABLED=false Burly__Http__RateLimitPerMinute=30 \
     BURLY_DATA_DIR=$T/data2 AUDIT_LOG_PATH=$T/data2/audit.jsonl BLOG_STAGE_ROOT=$T/data2/blog/stage BLOG_PUBLISH_ROOT=$T/data2/blog/publish \
     ASPNETCORE_URLS=http://127.0.0.1:$PORT2; then
  expect "security-test.sh with the rate-limit burst" 0 'PASS rate limit: 429 after [0-9]+ requests, Retry-After' \
    env BURLY_URL=http://127.0.0.1:$PORT2 AUDIT_LOG_PATH=$T/data2/audit.jsonl SECURITY_TEST_RATE_LIMIT=1 "$OPS/security-test.sh"
  stop_host limited
fi

# --- audit: the guide's jq queries on the log these calls produced --------------------------------------------------
LOG=$AUDIT_LOG_PATH
# A failure (docker_stats of a stopped container) and a blog read, so every query has something to find.
curl -s -o /dev/null -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
  -d "{\"id\":\"f\",\"method\":\"call_tool\",\"name\":\"docker_stats\",\"args\":{\"container\":\"burly-ops-suite-$$\"}}" "$BURLY_URL/mcp"
curl -s -o /dev/null -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"id":"g","method":"call_tool","name":"blog_stage_markdown","args":{"file_path":"hello.md"}}' "$BURLY_URL/mcp"
jq_case() { # NAME MIN_LINES CMD...  (bash -c string) — PASS when the pipeline exits 0 and prints at least MIN lines
  local name=$1 min=$2 cmd=$3 out rc n
  out=$(cd "$T" && LOG=$LOG bash -c "set -o pipefail; $cmd" 2>&1); rc=$?
  n=$(printf '%s' "$out" | grep -c . || true)
  if [ "$rc" = 0 ] && [ "$n" -ge "$min" ]; then ok "jq: $name ($n lines)"; else bad "jq: $name" "exit $rc, $n lines: $(head -c 300 <<< "$out")"; fi
}
# The last line of `tail -f | jq` (stopped after 2 s by timeout, which exits 124).
jq_case "tail -f audit.jsonl | jq" 5 'timeout 2 tail -n 3 -f "$LOG" | jq . ; [ $? = 124 ]'
jq_case "live security filter (tail -f | jq select requires_confirmation or failure)" 1 \
  'timeout 2 tail -n 200 -f "$LOG" | jq -c '"'"'select(.security_context.requires_confirmation == true or .result == "failure")'"'"' | head -3; true'
jq_case "daily summary, last 24 h by result (date -u)" 2 \
  'jq -r '"'"'select(.timestamp > "'"'"'$(date -u -d '"'"'24 hours ago'"'"' -Iseconds)'"'"'") | .result'"'"' "$LOG" | sort | uniq -c | grep -E "[0-9]+ (success|failure|need_confirm|denied|invalid)"'
jq_case "daily summary as printed in the Python guide (TZ=UTC)" 2 \
  'TZ=UTC jq -r '"'"'select(.timestamp > "'"'"'$(TZ=UTC date -d '"'"'24 hours ago'"'"' -Iseconds)'"'"'") | .result'"'"' "$LOG" | sort | uniq -c'
jq_case "failed tool executions (as in the guide: last 10 lines)" 10 'jq '"'"'select(.result == "failure")'"'"' "$LOG" | tail -10'
jq_case "failed tool executions (last 10 records, compact)" 1 'jq -c '"'"'select(.result == "failure")'"'"' "$LOG" | tail -10 | grep "\"tool_name\":\"docker_stats\""'
jq_case "unusual file access in blog arguments (verbatim)" 1 \
  'jq '"'"'select(.tool_name | contains("blog")) | .arguments'"'"' "$LOG" | grep -E "\.\.|/etc|/root|/home"'
jq_case "unusual file access in blog arguments (null-safe tool_name)" 1 \
  'jq '"'"'select(.tool_name // "" | contains("blog")) | .arguments'"'"' "$LOG" | grep -E "\.\.|/etc|/root|/home"'
jq_case "tool usage by user" 3 'jq -r '"'"'"\(.timestamp) \(.user_id) \(.tool_name)"'"'"' "$LOG" | sort | uniq -c | sort -nr | grep "apikey:default"'
jq_case "tool usage by user, aggregated" 1 'jq -r '"'"'select(.event_type == "tool_call") | "\(.user_id) \(.tool_name)"'"'"' "$LOG" | sort | uniq -c | sort -nr | grep -E "^ *[0-9]+ apikey:default disk_space"'
jq_case "privileged operations (mutates_system)" 1 'jq -c '"'"'select(.security_context.mutates_system == true)'"'"' "$LOG" | grep docker_restart'
jq_case "failed operations analysis" 1 'jq -c '"'"'select(.result == "failure") | {timestamp, tool_name, error, user_id}'"'"' "$LOG" | grep -E "\"tool_name\":\"docker_stats\".*\"user_id\":\"apikey:default\""'
jq_case "incident: preserve and query evidence" 1 \
  'cp "$LOG" incident-audit-$(date +%Y%m%d_%H%M%S).jsonl && jq -c '"'"'select(.result == "failure" or .security_context.requires_confirmation == true)'"'"' incident-audit-*.jsonl'
jq_case "audit fields present on every tool call" 1 \
  'test -s "$LOG" && jq -e -s '"'"'[.[] | select(.event_type == "tool_call")] | length > 0 and all(has("timestamp","event_type","user_id","tool_name","arguments","result","error") and (.security_context | has("requires_confirmation","mutates_system")))'"'"' "$LOG"'

# --- compliance, daily, weekly ---------------------------------------------------------------------------------------
expect "compliance-report.sh"                      0 'Calls by result'            "$OPS/compliance-report.sh"
expect "compliance-report.sh --since all --json"   0 '"by_tool"'                  "$OPS/compliance-report.sh" --since all --json
expect "compliance-report.sh: usage error"         2 'Usage'                      "$OPS/compliance-report.sh" --bogus
expect "daily-health-check.sh"                     0 'Audit Summary \(last 24h\)' "$OPS/daily-health-check.sh"
grep -Eq '^ +[0-9]+ success$' "$T/out/daily-health-check.sh.log" && grep -q '=== Health Check Complete ===' "$T/out/daily-health-check.sh.log" \
  && ok "daily-health-check.sh printed the 24 h result counts" || bad "daily-health-check.sh printed the 24 h result counts" "$(tail -12 "$T/out/daily-health-check.sh.log" | tr '\n' ' ')"
expect "weekly-maintenance.sh --dry-run"           0 'would run: docker system prune -f' "$OPS/weekly-maintenance.sh" --dry-run
# Never prune a shared engine from a test: pull and prune off, the rest runs.
expect "weekly-maintenance.sh (no pull/prune)"     0 'Weekly Maintenance Complete' env MAINT_PULL=false MAINT_PRUNE=false "$OPS/weekly-maintenance.sh"

# --- backups -------------------------------------------------------------------------------------------------------
expect "backup.sh"                                 0 'backup complete'            "$OPS/backup.sh"
[ -L "$T/backups/latest" ] && [ -f "$T/backups/latest/manifest.json" ] && ok "backup.sh points latest at the new backup" || bad "backup.sh points latest at the new backup"
jq -n -e 'input | ([.files[].component] | (index("config") != null) and (index("audit") != null) and (index("blog") != null))' "$T/backups/latest/manifest.json" >/dev/null 2>&1 \
  && ok "backup holds config, audit and blog" || bad "backup holds config, audit and blog" "$(jq -c '[.files[].component] | unique' "$T/backups/latest/manifest.json" 2>&1)"
expect "verify-backup.sh (default: latest)"        0 'backup valid'               "$OPS/verify-backup.sh"
expect "test-restore.sh"                           0 'test restore passed'        "$OPS/test-restore.sh" "$T/backups/latest"
expect "weekly-backup.sh"                          0 'Weekly backup complete'     "$OPS/weekly-backup.sh"
cp -r "$(readlink -f "$T/backups/latest")" "$T/corrupt"
echo tampered >> "$T/corrupt/blog/stage/hello.md" 2>/dev/null || find "$T/corrupt" -name hello.md -exec sh -c 'echo tampered >> "$1"' _ {} \;
expect "verify-backup.sh: corrupted backup"        1 'INVALID'                    "$OPS/verify-backup.sh" "$T/corrupt"

# --- restore (the guide's recovery: stop, restore, check config, start, smoke test) ----------------------------------
expect "restore.sh refuses while the server runs"  1 'is running'                 "$OPS/restore.sh" "$T/backups/latest"
stop_host main
echo "# changed after the backup" >> "$TOOLS_D_FILE"
echo "changed after the backup" >> "$T/data/blog/stage/hello.md"
expect "restore.sh refuses to overwrite newer files" 1 'changed after the backup' "$OPS/restore.sh" "$T/backups/latest"
expect "restore.sh --force"                        0 'restore complete'           "$OPS/restore.sh" "$T/backups/latest" --force
b=$(readlink -f "$T/backups/latest")
cmp -s "$TOOLS_D_FILE" "$(find "$b" -name "$(basename "$TOOLS_D_FILE")" | head -1)" && cmp -s "$T/data/blog/stage/hello.md" "$(find "$b" -name hello.md | head -1)" \
  && ok "restored files are byte-identical to the backup" || bad "restored files are byte-identical to the backup"
expect "restore-config.sh"                         0 'restored [0-9]+ file\(s\): config' "$OPS/restore-config.sh" "$T/backups/latest" --force
expect "restore-logs.sh"                           0 'restored [0-9]+ file\(s\): audit'  "$OPS/restore-logs.sh" "$T/backups/latest" --force
expect "restore-blog-data.sh"                      0 'restored [0-9]+ file\(s\): blog'   "$OPS/restore-blog-data.sh" "$T/backups/latest" --force
expect "restore.sh: usage error"                   2 'Usage'                      "$OPS/restore.sh"
expect "restore.sh: bad --only"                    2 'config, audit or blog'      "$OPS/restore.sh" "$T/backups/latest" --only everything
expect "burly config validate after restore"       0 'configuration valid'        "$BURLY_BIN" config validate
if start_host main; then
  expect "smoke-test.sh after recovery"            0 'passed, 0 failed'           "$OPS/smoke-test.sh"
  expect "burly audit verify after recovery"       0 'audit chain valid'          "$BURLY_BIN" audit verify
  stop_host main
fi

# --- the logrotate sample (samples/logrotate/burly-mcp): copytruncate while Burly writes; the chain continues ---------
if command -v logrotate >/dev/null 2>&1 || bash scripts/lib/ensure-logrotate.sh; then
  LR=$T/lr; mkdir -p "$LR"
  for _ in 1 2; do AUDIT_LOG_PATH=$LR/audit.jsonl "$BURLY_BIN" tools call disk_space >/dev/null 2>&1; done
  sed -e "s#/var/log/agentops/audit.jsonl#$LR/audit.jsonl#" samples/logrotate/burly-mcp > "$T/logrotate.conf"   # as shipped (su lines too)
  if logrotate -f -s "$T/logrotate.state" "$T/logrotate.conf" 2>"$T/out/logrotate.err" && [ -f "$LR/audit.jsonl.1" ]; then ok "logrotate -f with the sample rotates the audit log"
  else bad "logrotate sample" "$(head -3 "$T/out/logrotate.err" | tr '\n' ' ')"; fi
  for _ in 1 2; do AUDIT_LOG_PATH=$LR/audit.jsonl "$BURLY_BIN" tools call disk_space >/dev/null 2>&1; done
  expect "audit chain continues across logrotate's files" 0 'audit chain valid: 4 records' env AUDIT_LOG_PATH=$LR/audit.jsonl "$BURLY_BIN" audit verify
else
  skp "logrotate sample" "logrotate not installable"
fi

# --- item 8 of the operator's walk: samples that must work on an ordinary host -------------------------------------
# logrotate: every `su USER GROUP` names a user and group that exist here (most hosts have no `agentops`).
su_lines=$(grep -E '^\s*su\s' samples/logrotate/burly-mcp || true)
missing=$(while read -r _ u g; do [ -z "$u" ] && continue; getent passwd "$u" >/dev/null || echo "user $u"; getent group "$g" >/dev/null || echo "group $g"; done <<< "$su_lines")
[ -z "$missing" ] && ok "logrotate sample names no user or group missing on this host (${su_lines:-no su line})" || bad "logrotate sample su" "$missing"

# The guide's archive step (docs/operations.md, verbatim but for the directories) takes the rotated files, not the
# lock, into the backup directory and removes them from the full volume (archiving in place frees nothing).
AR=$T/archive/var/log/agentops; BK=$T/archive/backups; mkdir -p "$AR" "$BK"; for f in audit.jsonl audit.jsonl.1 audit.jsonl.2.gz audit.jsonl.lock; do echo x > "$AR/$f"; done
tarline=$(grep -E '^tar -czf ' docs/operations.md | grep 'audit-logs-' | head -1); tarline=${tarline%%#*}; tarline=${tarline//\/var\/log\/agentops/$AR}
if [ -n "$tarline" ] && (cd "$T/archive" && eval "${tarline//\/backups/$BK}" 2>/dev/null) && listing=$(tar -tzf "$BK"/audit-logs-*.tar.gz 2>/dev/null) \
   && grep -q 'audit.jsonl.1$' <<< "$listing" && grep -q 'audit.jsonl.2.gz$' <<< "$listing" && ! grep -q '\.lock$' <<< "$listing" && ! grep -q 'audit.jsonl$' <<< "$listing" \
   && [ ! -e "$AR/audit.jsonl.1" ] && [ ! -e "$AR/audit.jsonl.2.gz" ] && [ -e "$AR/audit.jsonl" ] && [ -e "$AR/audit.jsonl.lock" ]; then
  ok "guide's audit archive (tar … --remove-files audit.jsonl.[0-9]*): rotated files only, moved off the volume, no .lock"
else bad "guide's audit archive step" "${tarline:-no tar line}; $(tr '\n' ' ' <<< "${listing:-}"); left: $(ls "$AR" | tr '\n' ' ')"; fi

# Crontab lines (the guide's and the scripts' headers): `cd /opt/burly-mcp/DIR && ./scripts/X.sh` exists in a checkout.
cron_paths=$( { grep -hoE 'cd /opt/burly-mcp/[^ ]+ && ([A-Z_]+=[^ ]* )*\./scripts/[a-z-]+\.sh' docs/operations.md samples/ops/*.sh; } | sed -E 's#^cd ([^ ]+) && .*(\./scripts/[a-z-]+\.sh)$#\1 \2#' | sort -u)
cron_bad=$(while read -r dir script; do [ -z "$dir" ] && continue; [ -f "$ROOT/${dir#/opt/burly-mcp/}/${script#./}" ] || echo "$dir/$script"; done <<< "$cron_paths")
[ -n "$cron_paths" ] && [ -z "$cron_bad" ] && ok "crontab paths exist in a checkout ($(wc -l <<< "$cron_paths") lines)" || bad "crontab paths" "${cron_bad:-none found}"
grep -rqE '/opt/burly-mcp/scripts/' docs/operations.md samples/ops/*.sh && bad "no crontab names /opt/burly-mcp/scripts/ (not in a checkout)" || ok "no crontab names /opt/burly-mcp/scripts/"

# daily-health-check.sh with Compose v1 (no `logs --since`, has -t) and a rotation in the last 24 h: the error in the
# logs is shown (not "none"), and the audit summary counts the rotated file's records.
FK=$T/fakev1; mkdir -p "$FK/log"
cat > "$FK/docker-compose" <<'FAKE'
#!/usr/bin/env bash
# Compose v1 stand-in: `logs --since` is unknown; `logs -t` prints timestamped lines.
[ "$1" = logs ] || exit 0
for a in "$@"; do [ "$a" = --since ] && { echo "No such option: --since" >&2; exit 1; }; done
now=$(date -u +%Y-%m-%dT%H:%M:%S.000000000Z); old=$(date -u -d '3 days ago' +%Y-%m-%dT%H:%M:%S.000000000Z)
echo "burly-mcp_1  | $old fail: Old.Category[1] stale failure from three days ago"
echo "burly-mcp_1  | $now fail: Burly.Audit[9] audit write failed: disk full"
echo "burly-mcp_1  | $now info: Burly.Host[1] listening"
FAKE
chmod +x "$FK/docker-compose"
ts=$(date -u +%Y-%m-%dT%H:%M:%S.000000+00:00)
echo '{"timestamp":"'"$ts"'","event_type":"tool_call","result":"failure"}' > "$FK/log/audit.jsonl.1"
echo '{"timestamp":"'"$ts"'","event_type":"tool_call","result":"success"}' > "$FK/log/audit.jsonl"
echo 'lock' > "$FK/log/audit.jsonl.lock"
COMPOSE="$FK/docker-compose" AUDIT_LOG_PATH=$FK/log/audit.jsonl BURLY=false BURLY_ENV_FILE= \
  "$OPS/daily-health-check.sh" > "$T/out/daily-v1.log" 2>&1
errs=$(awk '/^Recent Errors:/ { f = 1; next } /^$/ { f = 0 } f' "$T/out/daily-v1.log")
grep -q 'audit write failed: disk full' <<< "$errs" && ! grep -q 'none' <<< "$errs" && ! grep -q 'three days ago' <<< "$errs" \
  && ok "daily-health-check.sh on Compose v1: recent errors shown (last 24 h only), not \"none\"" || bad "daily-health-check.sh Recent Errors on Compose v1" "$(tr '\n' ' ' <<< "$errs")"
summary=$(awk '/^Audit Summary/ { f = 1; next } /^$/ { f = 0 } f' "$T/out/daily-v1.log")
grep -Eq '^ +1 failure$' <<< "$summary" && grep -Eq '^ +1 success$' <<< "$summary" \
  && ok "daily-health-check.sh audit summary includes rotated files" || bad "daily-health-check.sh audit summary with rotated files" "$(tr '\n' ' ' <<< "$summary")"

done_
