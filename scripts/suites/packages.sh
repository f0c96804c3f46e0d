#!/usr/bin/env bash
# Shell suite: Burly as a consumer gets it — from the packages scripts/pack.sh writes to artifacts/packages (the local
# feed; packed first when missing). Restores into a packages folder of this run only, so a stale cached build of the
# same version cannot be used; third-party packages come from the machine's configured source.
#  - builds samples/CustomToolPack, samples/EmbeddedAspNet and samples/AgentInProcess against the packages
#    (samples/BurlyFeed.props) and checks each restored Burly as a package, not a project;
#  - installs the `burly` tool from the feed into a temporary --tool-path: `burly --version`, `burly tools list`, the
#    README's stdio one-liner;
#  - runs EmbeddedAspNet on a free port: its own /hello and its own auth still work, Burly's /mcp wants an API key,
#    its custom `greet` tool answers over MCP (curl JSON-RPC) and is audited;
#  - runs CustomToolPack's custom `uptime` tool through the pipeline over stdio, audited.
# Reports package sizes and the installed tool's start times (never asserted). Ends with "N passed, N failed, N skipped".
# `packages.sh --build-sample NAME` only builds samples/NAME from the feed (used by agents.sh).
source "$(dirname "$0")/../lib/suite-common.sh"
command -v jq >/dev/null || abort "jq is not installed (scripts/lib/ensure-node-e2e.sh installs it)"
FEED="$ROOT/artifacts/packages"
RESTORE="$SUITE_TMP/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(now_ms)

# ensure_feed: packs when the feed is missing or older than the Release build (never tests stale packages).
ensure_feed() {
  local core="$ROOT/src/Burly.Core/bin/Release/net10.0/Burly.Core.dll" pkg
  pkg=$(compgen -G "$FEED/Burly.Core.*.nupkg" | head -1)
  [ -n "$pkg" ] && { [ ! -f "$core" ] || [ "$pkg" -nt "$core" ]; } && return 0
  bash "$ROOT/scripts/pack.sh" >"$SUITE_LOG_DIR/packages-pack.log" 2>&1
}
version() { local p; p=$(compgen -G "$FEED/Burly.Core.*.nupkg" | head -1); p=${p##*/Burly.Core.}; echo "${p%.nupkg}"; }

# build_sample NAME: dotnet build samples/NAME from the packages (log in $SUITE_LOG_DIR/packages-build-NAME.log).
build_sample() {
  dotnet build "$ROOT/samples/$1" -c "$CONFIG" -nologo -v q --packages "$RESTORE" -p:BurlyFromPackages=true \
    -p:BurlyPackageVersion="$(version)" >"$SUITE_LOG_DIR/packages-build-$1.log" 2>&1 \
    || { grep -E ": (error|warning) " "$SUITE_LOG_DIR/packages-build-$1.log" | sort -u | head -5; return 1; }
}
# from_packages NAME ID: the sample's restore resolved ID as a package from this run's packages folder.
from_packages() {
  local assets="$ROOT/samples/$1/obj/project.assets.json"
  [ -s "$assets" ] || { echo "no $assets"; return 1; }
  [ "$(jq -r --arg id "$2/$(version)" '.libraries[$id].type // "missing"' "$assets")" = package ] || { echo "$2 is not a package in $1's restore"; return 1; }
  test -s "$assets" && jq -e --arg d "$RESTORE" '.packageFolders | keys | any(rtrimstr("/") == $d)' "$assets" >/dev/null || { echo "restored elsewhere: $(jq -c .packageFolders "$assets")"; return 1; }
}

if [ "${1:-}" = --build-sample ]; then
  ensure_feed || { echo "pack failed (see packages-pack.log)"; exit 1; }
  build_sample "$2"; exit
fi

ensure_feed || abort "no packages in artifacts/packages and scripts/pack.sh failed (see $SUITE_LOG_DIR/packages-pack.log)"
VERSION=$(version)
echo "  feed: artifacts/packages, version $VERSION"
for p in "$FEED"/*.nupkg; do printf '    %-45s %8d bytes\n' "${p##*/}" "$(stat -c %s "$p")"; done

# docs/extending.md "Packaging a tool pack" shows samples/CustomToolPack/UptimeToolPack.cs verbatim, under 50 lines.
doc_pack() { awk '/^## Packaging a tool pack/ {s=1} s && /^```csharp/ {c=1; next} c && /^```/ {exit} c' "$ROOT/docs/extending.md"; }
check "docs/extending.md pack = samples/CustomToolPack/UptimeToolPack.cs" diff <(doc_pack) "$ROOT/samples/CustomToolPack/UptimeToolPack.cs"
check "the one-file pack is under 50 lines" test "$(doc_pack | wc -l)" -lt 50
check "CustomToolPack builds from the packages" build_sample CustomToolPack
check "CustomToolPack restored Burly.Tools as a package" from_packages CustomToolPack Burly.Tools
check "EmbeddedAspNet builds from the packages" build_sample EmbeddedAspNet
check "EmbeddedAspNet restored Burly.AspNetCore as a package" from_packages EmbeddedAspNet Burly.AspNetCore
check "AgentInProcess builds from the packages" build_sample AgentInProcess
check "AgentInProcess restored Burly.Extensions.AI as a package" from_packages AgentInProcess Burly.Extensions.AI

# --- the burly tool, installed from the feed -----------------------------------------------------------------------
TOOLS="$SUITE_TMP/tools"
export BURLY_DATA_DIR="$SUITE_TMP/tool-data" NOTIFICATIONS_ENABLED=false
unset POLICY_FILE POLICY_DIR AUDIT_LOG_PATH
install_tool() {
  NUGET_PACKAGES="$RESTORE" dotnet tool install burly --tool-path "$TOOLS" --add-source "$FEED" --version "$VERSION" \
    >"$SUITE_LOG_DIR/packages-tool-install.log" 2>&1 || { tail -5 "$SUITE_LOG_DIR/packages-tool-install.log"; return 1; }
}
check "dotnet tool install burly from the feed (--tool-path)" install_tool
BIN="$TOOLS/burly"
t0=$(now_ms); "$BIN" --version >"$SUITE_TMP/version.out" 2>&1; rc=$?; t_version=$(( $(now_ms) - t0 ))
check "burly --version prints $VERSION" grep -q "^$VERSION" "$SUITE_TMP/version.out"
check "burly --version exits 0" test "$rc" = 0
t0=$(now_ms); "$BIN" tools list >"$SUITE_TMP/list.out" 2>"$SUITE_LOG_DIR/packages-tools-list.err"; rc=$?; t_list=$(( $(now_ms) - t0 ))
check "burly tools list exits 0 and lists disk_space" bash -c "test $rc = 0 && grep -q disk_space '$SUITE_TMP/list.out'"
echo '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' | "$BIN" >"$SUITE_TMP/oneliner.out" 2>"$SUITE_LOG_DIR/packages-oneliner.err"
check "README stdio one-liner (tools/list, no initialize) answers" \
  test "$(jq -r 'select(.id == 1) | .result.tools | map(.name) | index("disk_space") != null' "$SUITE_TMP/oneliner.out" 2>/dev/null)" = true

# audited DATA TOOL : the audit log has a successful tool_call record of TOOL (non-empty output, so an empty file cannot pass)
audited() { [ -s "$1/audit.jsonl" ] && [ -n "$(jq -c --arg t "$2" 'select(.event_type == "tool_call" and .tool_name == $t and .result == "success")' "$1/audit.jsonl")" ]; }

# --- EmbeddedAspNet: an app with its own endpoints and auth, Burly at /mcp --------------------------------------------
EMB_DATA="$SUITE_TMP/embedded"; mkdir -p "$EMB_DATA"
KEY="pk-$RANDOM$RANDOM$RANDOM"
port=$(free_port)
start_bg "$SUITE_LOG_DIR/packages-embedded.log" env BURLY_DATA_DIR="$EMB_DATA" AUDIT_LOG_PATH="$EMB_DATA/audit.jsonl" \
  ASPNETCORE_URLS="http://127.0.0.1:$port" BURLY_API_KEYS="suite:$KEY" NOTIFICATIONS_ENABLED=false \
  Logging__LogLevel__Default=Warning "$ROOT/samples/EmbeddedAspNet/bin/$CONFIG/net10.0/Burly.Samples.EmbeddedAspNet"
up=0
for _ in $(seq 1 300); do
  kill -0 "$BG_PID" 2>/dev/null || break
  if curl -s -o /dev/null "http://127.0.0.1:$port/hello"; then up=1; break; fi
  sleep 0.1
done
if [ "$up" = 1 ]; then
  URL="http://127.0.0.1:$port"
  check "EmbeddedAspNet: the app's own /hello" test "$(curl -s "$URL/hello")" = "hello from the app"
  check "EmbeddedAspNet: the app's own auth on /me (no user → 401)" test "$(curl -s -o /dev/null -w '%{http_code}' "$URL/me")" = 401
  check "EmbeddedAspNet: the app's own auth on /me (X-Demo-User)" test "$(curl -s -H 'X-Demo-User: ada' "$URL/me")" = "app user ada"
  rpc() { curl -s -o "$SUITE_TMP/rpc.out" -w '%{http_code}' -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' "$@" "$URL/mcp"; }
  call='{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"name":"Ada"}}}'
  check "EmbeddedAspNet: /mcp without an API key → 401" test "$(rpc -d "$call")" = 401
  code=$(rpc -H "X-Api-Key: $KEY" -d "$call")
  check "EmbeddedAspNet: custom greet tool over MCP answers" bash -c "test '$code' = 200 && \
    test \"\$(jq -r 'select(.id == 2) | .result.structuredContent.data.greeting' '$SUITE_TMP/rpc.out')\" = 'Hello, Ada!' || { echo \"$code: \$(head -c 400 '$SUITE_TMP/rpc.out')\"; exit 1; }"
  check "EmbeddedAspNet: greet call audited" audited "$EMB_DATA" greet
else
  fail "EmbeddedAspNet starts" "$(tail -10 "$SUITE_LOG_DIR/packages-embedded.log")"
fi

# --- CustomToolPack: its custom tool through the pipeline over stdio ---------------------------------------------------
CTP_DATA="$SUITE_TMP/custom"; mkdir -p "$CTP_DATA"
{
  echo '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"packages-suite","version":"1"}}}'
  echo '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  echo '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"uptime","arguments":{}}}'
  for _ in $(seq 1 300); do grep -q '"id":2' "$SUITE_TMP/custom.out" 2>/dev/null && break; sleep 0.1; done
} | env BURLY_DATA_DIR="$CTP_DATA" AUDIT_LOG_PATH="$CTP_DATA/audit.jsonl" NOTIFICATIONS_ENABLED=false Logging__LogLevel__Default=Warning \
  timeout 60 "$ROOT/samples/CustomToolPack/bin/$CONFIG/net10.0/Burly.Samples.CustomToolPack" >"$SUITE_TMP/custom.out" 2>"$SUITE_LOG_DIR/packages-custom.err"
check "CustomToolPack: custom uptime tool answers through the pipeline" \
  test "$(jq -r 'select(.id == 2) | (.result.isError != true and (.result.structuredContent.data.seconds | type) == "number")' "$SUITE_TMP/custom.out" 2>/dev/null)" = true
check "CustomToolPack: uptime call audited" audited "$CTP_DATA" uptime

echo "  installed burly: --version ${t_version} ms, tools list ${t_list} ms (start-up included)"
echo "  packages suite time: $(( ($(now_ms) - started) / 1000 )) s"
finish
