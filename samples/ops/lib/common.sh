# shellcheck shell=bash disable=SC2034
# Shared helpers for the Burly operations scripts (sourced, not run). Bash 4+.
#
# Environment (all optional):
#   BURLY           how to run the `burly` CLI (BURLY_CMD is accepted too). Several words are fine, e.g. BURLY="docker exec -i burly-mcp burly"
#                   or BURLY="docker compose exec -T burly-mcp burly". Default: `burly` when it is on PATH, else
#                   `docker exec -i $BURLY_CONTAINER burly` when that container runs, else `$COMPOSE run --rm --no-deps -T
#                   burly-mcp burly` when a compose project is here (the service is stopped), else `burly`.
#   CLI_BACKUP_ROOT BACKUP_ROOT as the CLI sees it: /backups when the CLI runs in the container, else BACKUP_ROOT.
#   BURLY_URL       base URL of the HTTP host. Default http://127.0.0.1:${BURLY_HTTP_PORT:-9400}
#   BURLY_API_KEY   API key for /mcp (default: $BURLYMCP_API_KEY). Sent as X-Api-Key.
#   BURLY_ENV_FILE  a KEY=VALUE file loaded first: the compose sample's .env (then the API key, port, container
#                   name and log directory come from it), or the environment of a server run without a container.
#   BACKUP_ROOT     where backups live. Default /backups
#   COMPOSE         compose command, with its options (-f FILE, --env-file, -p). Default: `docker compose` if available,
#                   else `docker-compose`.
#   BURLY_SERVICE   compose service name. Default burly-mcp
#   BURLY_CONTAINER container name. Default ${BURLY_CONTAINER_NAME:-burly-mcp}
#   AUDIT_LOG_PATH  the audit log as seen from this machine. Default ${BURLY_LOG_DIR:-/var/log/agentops}/audit.jsonl
#   CURL_TIMEOUT    seconds per HTTP request. Default 30
#
# Exit codes used by every script:
#   0 success · 1 a check, test or operation failed · 2 usage error · 3 missing prerequisite (command not found)

readonly EXIT_OK=0 EXIT_FAIL=1 EXIT_USAGE=2 EXIT_PREREQ=3

if [ -n "${BURLY_ENV_FILE:-}" ]; then
  if [ ! -r "$BURLY_ENV_FILE" ]; then echo "error: BURLY_ENV_FILE=$BURLY_ENV_FILE is not readable" >&2; exit "$EXIT_USAGE"; fi
  # Read like Compose reads an env file (KEY=VALUE, literal values, optional quotes; not shell code), and like
  # Compose let variables already in the environment win.
  while IFS= read -r _line || [ -n "$_line" ]; do
    _line=${_line%$'\r'}
    case "$_line" in ''|'#'*) continue ;; esac
    _line=${_line#export }
    _key=${_line%%=*} _val=${_line#*=}
    [[ "$_line" == *=* && "$_key" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
    if [[ "$_val" =~ ^\"(.*)\"$ || "$_val" =~ ^\'(.*)\'$ ]]; then _val=${BASH_REMATCH[1]}; fi
    [ -n "${!_key+set}" ] || export "$_key=$_val"
  done < "$BURLY_ENV_FILE"
  unset _line _key _val
fi

# compose_cmd — sets COMPOSE_CMD: $COMPOSE (e.g. "docker-compose --compatibility -f /opt/burly/docker-compose.yml"),
# else `docker compose` (v2) or `docker-compose` (v1). compose ARGS... runs it.
COMPOSE_CMD=()
compose_cmd() {
  if [ -n "${COMPOSE:-}" ]; then read -r -a COMPOSE_CMD <<< "$COMPOSE"; return 0; fi
  if docker compose version >/dev/null 2>&1; then COMPOSE_CMD=(docker compose); return 0; fi
  if command -v docker-compose >/dev/null 2>&1; then COMPOSE_CMD=(docker-compose); return 0; fi
  return 1
}
compose() { "${COMPOSE_CMD[@]}" "$@"; }
have_compose_project() {
  # True when compose is available and a project is in reach: COMPOSE or COMPOSE_FILE set, or a compose file here.
  compose_cmd || return 1
  [ -n "${COMPOSE:-}" ] || [ -n "${COMPOSE_FILE:-}" ] || [ -f docker-compose.yml ] || [ -f docker-compose.yaml ] || [ -f compose.yaml ] || [ -f compose.yml ]
}

# Defaults follow the compose sample's .env when it was loaded (BURLY_ENV_FILE=.env).
BURLY_CONTAINER=${BURLY_CONTAINER:-${BURLY_CONTAINER_NAME:-burly-mcp}}
BURLY=${BURLY:-${BURLY_CMD:-}}   # BURLY_CMD is accepted as another name
if [ -z "${BURLY:-}" ]; then
  # `burly` on PATH, else the CLI inside the running container, else plain `burly` (and a clear error when used).
  if type -P burly >/dev/null 2>&1; then
    BURLY=burly
  elif command -v docker >/dev/null 2>&1 && [ "$(docker inspect -f '{{.State.Running}}' "$BURLY_CONTAINER" 2>/dev/null)" = true ]; then
    BURLY="docker exec -i $BURLY_CONTAINER burly"
  elif command -v docker >/dev/null 2>&1 && have_compose_project; then
    # The service is stopped: a one-off container of it (same image, environment and volumes).
    BURLY="${COMPOSE_CMD[*]} run --rm --no-deps -T ${BURLY_SERVICE:-burly-mcp} burly"
    BURLY_VIA=compose-run
  else
    BURLY=burly
  fi
fi
BURLY_URL=${BURLY_URL:-http://127.0.0.1:${BURLY_HTTP_PORT:-9400}}
BURLY_URL=${BURLY_URL%/}
BURLY_API_KEY=${BURLY_API_KEY:-${BURLYMCP_API_KEY:-}}
BACKUP_ROOT=${BACKUP_ROOT:-/backups}
BURLY_SERVICE=${BURLY_SERVICE:-burly-mcp}
AUDIT_LOG_PATH=${AUDIT_LOG_PATH:-${BURLY_LOG_DIR:-/var/log/agentops}/audit.jsonl}
CURL_TIMEOUT=${CURL_TIMEOUT:-30}
MCP_PROTOCOL_VERSION=${MCP_PROTOCOL_VERSION:-2025-06-18}
export BURLY
read -r -a BURLY_ARGV <<< "$BURLY"
# A CLI inside the container sees backups at /backups (the compose volume); BACKUP_ROOT stays the host path.
case "${BURLY_ARGV[0]}" in docker|docker-compose|podman) CLI_BACKUP_ROOT=${CLI_BACKUP_ROOT:-/backups} ;; esac
CLI_BACKUP_ROOT=${CLI_BACKUP_ROOT:-$BACKUP_ROOT}

SCRIPT_NAME=$(basename "$0" .sh)
OPS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/burly-ops.XXXXXX")
_ops_cleanup() {
  if [ -n "${MCP_SESSION:-}" ]; then mcp_close >/dev/null 2>&1 || true; fi
  rm -rf "$OPS_TMP"
}
trap _ops_cleanup EXIT

# print_usage — the script's header comment (after the shebang), without the leading "# ".
print_usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }
log()  { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { local code=$1; shift; printf 'error: %s\n' "$*" >&2; exit "$code"; }

# require CMD... — exit 3 unless every command exists.
require() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "$EXIT_PREREQ" "'$c' is required but not installed"
  done
}
require_burly() { type -P "${BURLY_ARGV[0]}" >/dev/null 2>&1 || die "$EXIT_PREREQ" "'${BURLY_ARGV[0]}' not found (set BURLY, e.g. BURLY=\"docker exec burly-mcp burly\")"; }

# burly_cli ARGS... — runs the CLI as configured by BURLY.
burly_cli() { command "${BURLY_ARGV[@]}" "$@"; }

# burly_stdio ARGS... — runs the stdio server for a probe (the one-liners). It audits like the server, into the same
# log (writers share it through a lock file). STDIO_AUDIT_LOG=FILE sends the probe's records elsewhere instead.
burly_stdio() {
  local log=${STDIO_AUDIT_LOG:-} i cmd=("${BURLY_ARGV[@]}")
  if [ -z "$log" ]; then command "${cmd[@]}" "$@"; return; fi
  for i in 1 2; do
    if [ "${cmd[$i]:-}" = exec ]; then
      # docker exec / docker compose exec / docker-compose exec: pass the variable into the container.
      cmd=("${cmd[@]:0:$((i + 1))}" -e "AUDIT_LOG_PATH=$log" "${cmd[@]:$((i + 1))}")
      command "${cmd[@]}" "$@"
      return
    fi
  done
  command env AUDIT_LOG_PATH="$log" "${cmd[@]}" "$@"
}

have_container() { command -v docker >/dev/null 2>&1 && docker inspect "$BURLY_CONTAINER" >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------------------------
AUTH_ARGS=()
if [ -n "$BURLY_API_KEY" ]; then AUTH_ARGS=(-H "X-Api-Key: $BURLY_API_KEY"); fi

# http_get PATH — GET; body in $HTTP_BODY (file), status in $HTTP_STATUS ("000" when unreachable).
http_get() {
  HTTP_BODY="$OPS_TMP/body"
  HTTP_STATUS=$(curl -sS -o "$HTTP_BODY" -w '%{http_code}' --max-time "$CURL_TIMEOUT" "${AUTH_ARGS[@]}" "$BURLY_URL$1" 2>"$OPS_TMP/curl.err") || true
  HTTP_STATUS=${HTTP_STATUS:-000}
}

# http_post PATH BODY [curl args...] — POST JSON; body in $HTTP_BODY, status in $HTTP_STATUS, headers in $HTTP_HEADERS.
http_post() {
  local path=$1 body=$2; shift 2
  HTTP_BODY="$OPS_TMP/body"; HTTP_HEADERS="$OPS_TMP/headers"
  printf '%s' "$body" > "$OPS_TMP/request"
  HTTP_STATUS=$(curl -sS -o "$HTTP_BODY" -D "$HTTP_HEADERS" -w '%{http_code}' --max-time "$CURL_TIMEOUT" \
    -H 'Content-Type: application/json' "$@" --data-binary @"$OPS_TMP/request" "$BURLY_URL$path" 2>"$OPS_TMP/curl.err") || true
  HTTP_STATUS=${HTTP_STATUS:-000}
}

# ---------------------------------------------------------------------------------------------------------------
# MCP over streamable HTTP (POST /mcp): initialize once, then requests on the session.
# ---------------------------------------------------------------------------------------------------------------
MCP_SESSION=
MCP_NEXT_ID=1

_mcp_post() {
  local body=$1; shift
  local session=()
  if [ -n "$MCP_SESSION" ]; then session=(-H "Mcp-Session-Id: $MCP_SESSION"); fi
  http_post /mcp "$body" -H 'Accept: application/json, text/event-stream' -H "MCP-Protocol-Version: $MCP_PROTOCOL_VERSION" \
    "${session[@]}" "${AUTH_ARGS[@]}" "$@"
}

# _mcp_result ID — the JSON-RPC message with this id from $HTTP_BODY (plain JSON or server-sent events).
_mcp_result() {
  local id=$1
  if grep -q '^data:' "$HTTP_BODY" 2>/dev/null; then
    sed -n 's/^data: \{0,1\}//p' "$HTTP_BODY" | jq -c --argjson id "$id" 'select(.id == $id)' 2>/dev/null | tail -1
  else
    jq -c --argjson id "$id" 'select(.id == $id)' "$HTTP_BODY" 2>/dev/null | tail -1
  fi
}

# mcp_open — initialize a session. Returns 1 (and sets MCP_ERROR) when it fails.
mcp_open() {
  local id=$MCP_NEXT_ID; MCP_NEXT_ID=$((MCP_NEXT_ID + 1))
  _mcp_post "{\"jsonrpc\":\"2.0\",\"id\":$id,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"$MCP_PROTOCOL_VERSION\",\"capabilities\":{},\"clientInfo\":{\"name\":\"burly-ops-$SCRIPT_NAME\",\"version\":\"1.0\"}}}"
  if [ "$HTTP_STATUS" != 200 ]; then MCP_ERROR="initialize: HTTP $HTTP_STATUS $(head -c 300 "$HTTP_BODY" 2>/dev/null)"; return 1; fi
  MCP_SESSION=$(tr -d '\r' < "$HTTP_HEADERS" | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}' | tail -1)
  MCP_LAST=$(_mcp_result "$id")
  if [ -z "$MCP_LAST" ] || ! jq -n -e 'input | (.result.protocolVersion)' <<< "$MCP_LAST" >/dev/null 2>&1; then
    MCP_ERROR="initialize: unexpected answer $(head -c 300 "$HTTP_BODY")"; return 1
  fi
  _mcp_post '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  return 0
}

# mcp_request METHOD PARAMS_JSON — sends a request; the JSON-RPC response is in $MCP_LAST. Returns 1 on transport errors.
mcp_request() {
  local method=$1 params=${2:-'{}'} id=$MCP_NEXT_ID
  MCP_NEXT_ID=$((MCP_NEXT_ID + 1))
  _mcp_post "{\"jsonrpc\":\"2.0\",\"id\":$id,\"method\":\"$method\",\"params\":$params}"
  if [ "$HTTP_STATUS" != 200 ]; then MCP_ERROR="$method: HTTP $HTTP_STATUS $(head -c 300 "$HTTP_BODY" 2>/dev/null)"; MCP_LAST=; return 1; fi
  MCP_LAST=$(_mcp_result "$id")
  if [ -z "$MCP_LAST" ]; then MCP_ERROR="$method: no response with id $id"; return 1; fi
  return 0
}

# mcp_call TOOL ARGS_JSON — tools/call; $MCP_LAST holds the response, $MCP_TEXT the text content.
mcp_call() {
  local args=${2:-'{}'}
  MCP_TEXT=
  mcp_request tools/call "{\"name\":\"$1\",\"arguments\":$args}" || { MCP_TEXT=$MCP_ERROR; return 1; }
  MCP_TEXT=$(jq -r 'if .error then "JSON-RPC \(.error.code): \(.error.message)" else [.result.content[]? | select(.type=="text") | .text] | join("\n") end' <<< "$MCP_LAST" 2>/dev/null)
  return 0
}
# Not an error only when the answer really is a JSON-RPC result without isError (empty or garbage counts as an error).
mcp_is_error() { [ -z "${MCP_LAST:-}" ] || ! jq -n -e 'input | (.error == null and .result != null and .result.isError != true)' <<< "$MCP_LAST" >/dev/null 2>&1; }

mcp_close() {
  [ -n "$MCP_SESSION" ] || return 0
  curl -sS -o /dev/null --max-time 5 -X DELETE -H "Mcp-Session-Id: $MCP_SESSION" "${AUTH_ARGS[@]}" "$BURLY_URL/mcp" || true
  MCP_SESSION=
}

# mcp_tool_names — names from tools/list, one per line.
mcp_tool_names() { mcp_request tools/list '{}' && jq -r '.result.tools[].name' <<< "$MCP_LAST"; }

# ---------------------------------------------------------------------------------------------------------------
# Checks: PASS/FAIL/SKIP lines and a closing "name: N passed, N failed, N skipped".
# ---------------------------------------------------------------------------------------------------------------
PASSED=0 FAILED=0 SKIPPED=0
pass() { PASSED=$((PASSED + 1)); [ "${OPS_QUIET:-false}" = true ] || printf 'PASS %s\n' "$1"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL %s%s\n' "$1" "${2:+: $2}"; }
skip() { SKIPPED=$((SKIPPED + 1)); printf 'SKIP %s%s\n' "$1" "${2:+: $2}"; }
# check NAME COMMAND... — PASS when the command succeeds.
check() { local name=$1; shift; if "$@" >"$OPS_TMP/check.out" 2>&1; then pass "$name"; else fail "$name" "$(tail -c 300 "$OPS_TMP/check.out" | tr '\n' ' ')"; fi; }
# finish — prints the summary line and exits 0 when nothing failed.
finish() {
  printf '%s: %d passed, %d failed, %d skipped\n' "$SCRIPT_NAME" "$PASSED" "$FAILED" "$SKIPPED"
  [ "$FAILED" = 0 ] && exit "$EXIT_OK"
  exit "$EXIT_FAIL"
}

# contains HAYSTACK NEEDLE
contains() { case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac; }
utc_now() { date -u +%Y-%m-%dT%H:%M:%S+00:00; }
