#!/usr/bin/env bash
# Checks samples/monitoring with the real Prometheus tools, then scrapes a running Burly with a real
# prometheus process. Last line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MON=samples/monitoring
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
pass=0; fail=0; skip=0
ok()   { echo "PASS $1"; pass=$((pass+1)); }
bad()  { echo "FAIL $1"; fail=$((fail+1)); }
skp()  { echo "SKIP $1"; skip=$((skip+1)); }
check() { local name=$1; shift; if "$@" >"$TMP/out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/    /' "$TMP/out"; fi; }
TMP=$(mktemp -d); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT

if ! command -v promtool >/dev/null 2>&1; then bash scripts/lib/ensure-prometheus.sh || true; fi
if ! command -v promtool >/dev/null 2>&1; then
  bad "promtool available (scripts/lib/ensure-prometheus.sh)"; echo "$pass passed, $fail failed, $skip skipped"; exit 1
fi

check "promtool check config prometheus.yml" promtool check config "$MON/prometheus.yml"
check "promtool check rules alerts" promtool check rules "$MON/alerts/burly-mcp-alerts.yml"
check "promtool test rules (guide thresholds)" bash -c "cd $MON/alerts && promtool test rules burly-mcp-alerts.test.yml"
check "promtool check rules host-alerts (disk, memory)" promtool check rules "$MON/alerts/host-alerts.yml"
check "promtool test rules host-alerts (disk 95/85 %, memory 90/80 %)" bash -c "cd $MON/alerts && promtool test rules host-alerts.test.yml"

# Every threshold of the guide has a rule.
check "alert rules cover the guide's thresholds" python3 - "$MON/alerts/burly-mcp-alerts.yml" <<'PY'
import sys, yaml
rules = {r["alert"]: r for g in yaml.safe_load(open(sys.argv[1]))["groups"] for r in g["rules"] if "alert" in r}
need = {
  "BurlyMcpDown": ("up{", "1m", "critical"),
  "BurlyMcpErrorRateCritical": ("> 0.5", "2m", "critical"),
  "BurlyMcpErrorRateHigh": ("> 0.1", "5m", "warning"),
  "BurlyMcpSlowToolCalls": ("histogram_quantile(0.95", "5m", "warning"),
  "BurlyMcpSecurityPolicyViolation": ("burly_mcp_security_violations_total", None, "critical"),
  "BurlyMcpHighAuditLogGrowth": ("burly_mcp_audit_log_size_bytes", None, "info"),
  "BurlyMcpConfigurationChanged": ("burly_mcp_policy_reloads_total", None, "info"),
}
bad = []
for name, (expr, dur, sev) in need.items():
    r = rules.get(name)
    if r is None: bad.append(f"missing {name}"); continue
    if expr not in r["expr"]: bad.append(f"{name}: expr lacks {expr!r}")
    if dur and r.get("for") != dur: bad.append(f"{name}: for {r.get('for')} != {dur}")
    if r["labels"]["severity"] != sev: bad.append(f"{name}: severity {r['labels']['severity']} != {sev}")
if "> 30" not in rules["BurlyMcpSlowToolCalls"]["expr"]: bad.append("p95 threshold is not 30 s")
print("\n".join(bad)); sys.exit(1 if bad else 0)
PY

# Rules and dashboard use only Burly's metric names (CONTRACT §9) and `up`.
check "rules and dashboard use only Burly metric names" python3 - "$MON/alerts/burly-mcp-alerts.yml" "$MON/grafana/burly-mcp-dashboard.json" <<'PY'
import sys, re, json, yaml
allowed = {"up"} | {f"burly_mcp_{n}" for n in """tool_executions_total tool_execution_seconds_bucket tool_execution_seconds_sum
 tool_execution_seconds_count active_connections tools_in_flight audit_log_size_bytes auth_failures_total rate_limited_total
 confirmations_total policy_reloads_total notifications_total security_violations_total denials_total docker_engine_up
 build_info audit_write_failures_total""".split()}
funcs = {"sum","by","rate","increase","histogram_quantile","deriv","min","max","le","avg","without","on","and","or","unless","count","bool","offset","ignoring","group_left","count_over_time","avg_over_time","burly_mcp:tool_execution_seconds:p95_5m"}
exprs = [r["expr"] for g in yaml.safe_load(open(sys.argv[1]))["groups"] for r in g["rules"]]
exprs += [t["expr"] for p in json.load(open(sys.argv[2]))["dashboard"]["panels"] for t in p["targets"]]
unknown = set()
for e in exprs:
    e = re.sub(r'\b(by|without|on|ignoring)\s*\([^)]*\)', '', e)
    e = re.sub(r'\{[^}]*\}', '', e); e = re.sub(r'\[[^\]]*\]', '', e); e = re.sub(r'"[^"]*"', '', e); e = re.sub(r'\boffset\s+\w+', '', e)
    for name in re.findall(r'[a-zA-Z_:][a-zA-Z0-9_:]*', e):
        if name not in funcs and name not in allowed and not name.startswith("by"):
            unknown.add(name)
print("unknown names:", sorted(unknown) if unknown else "none"); sys.exit(1 if unknown else 0)
PY

check "grafana dashboard is importable JSON (dashboard + overwrite)" python3 -c "
import json,sys; d=json.load(open('$MON/grafana/burly-mcp-dashboard.json'))
assert d['overwrite'] is True and d['dashboard']['uid']=='burly-mcp' and len(d['dashboard']['panels'])>=10"

if command -v amtool >/dev/null 2>&1; then
  check "amtool check-config alertmanager.yml" amtool check-config "$MON/alertmanager.yml"
else
  check "alertmanager.yml parses and routes to burly-mcp-alerts" python3 -c "
import yaml; c=yaml.safe_load(open('$MON/alertmanager.yml')); names={r['name'] for r in c['receivers']}
assert c['route']['receiver'] in names and all(r['receiver'] in names for r in c['route']['routes'])"
fi

# A real prometheus scraping a running Burly (stdio host with METRICS_PORT), then querying a Burly metric.
BURLY="$ROOT/src/Burly.Host.Stdio/bin/$CONFIG/net10.0/burly.dll"
if [ ! -f "$BURLY" ] || ! command -v prometheus >/dev/null 2>&1; then
  skp "prometheus scrapes a running burly (build burly and install prometheus first)"
else
  port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
  MPORT=$(port); PPORT=$(port)
  mkdir -p "$TMP/data" "$TMP/prom"
  mkfifo "$TMP/stdin"
  (exec 3<>"$TMP/stdin"; BURLY_DATA_DIR="$TMP/data" METRICS_PORT=$MPORT DOCKER_SOCKET="$TMP/none.sock" \
     exec dotnet "$BURLY" serve <"$TMP/stdin" >"$TMP/burly.out" 2>"$TMP/burly.err") & PIDS+=($!)
  exec 4>"$TMP/stdin"
  echo '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"disk_space","arguments":{}}}' >&4
  cat >"$TMP/prom.yml" <<YML
global: { scrape_interval: 1s, evaluation_interval: 1s }
scrape_configs:
  - job_name: burly-mcp
    metrics_path: /metrics
    static_configs: [ { targets: ['127.0.0.1:$MPORT'] } ]
YML
  prometheus --config.file="$TMP/prom.yml" --storage.tsdb.path="$TMP/prom" --web.listen-address="127.0.0.1:$PPORT" >"$TMP/prom.log" 2>&1 & PIDS+=($!)
  got=""
  for _ in $(seq 1 60); do
    got=$(curl -s "http://127.0.0.1:$PPORT/api/v1/query" --data-urlencode 'query=burly_mcp_tool_executions_total{job="burly-mcp",tool_name="disk_space",status="success"}' 2>/dev/null \
      | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' 2>/dev/null)
    [ "$got" = "1" ] && break
    sleep 1
  done
  exec 4>&-
  if [ "$got" = "1" ]; then ok "prometheus scraped burly: burly_mcp_tool_executions_total{disk_space,success} = 1"
  else bad "prometheus scraped burly (got '$got')"; tail -5 "$TMP/prom.log" "$TMP/burly.err" | sed 's/^/    /'; fi
  # First-event alerts: the known counter series exist at 0 before any event (increase() > 0 then fires on the first).
  zero=$(curl -s "http://127.0.0.1:$PPORT/api/v1/query" --data-urlencode 'query=burly_mcp_security_violations_total{job="burly-mcp",type="path_escape"} == 0 and on() burly_mcp_audit_write_failures_total{job="burly-mcp"} == 0' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(len(r))' 2>/dev/null)
  if [ "$zero" = "1" ]; then ok "prometheus sees security_violations{type=path_escape} and audit_write_failures at 0 before any event"
  else bad "known counter series at 0 in prometheus (got '$zero' series)"; fi
  up=$(curl -s "http://127.0.0.1:$PPORT/api/v1/query" --data-urlencode 'query=up{job="burly-mcp"}' | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")' 2>/dev/null)
  if [ "$up" = "1" ]; then ok "prometheus up{job=burly-mcp} = 1"; else bad "prometheus up{job=burly-mcp} (got '$up')"; fi
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
