#!/usr/bin/env bash
# Shared settings for the ops scripts. Every script is a thin wrapper over the `burly` CLI.
#   BURLY_CMD   how to run burly (default: `burly`; in a compose deployment:
#               BURLY_CMD="docker compose exec -T burly-mcp burly")
#   BURLY_URL   base URL of the HTTP host (e.g. http://127.0.0.1:9400), for the HTTP checks (optional)
#   BURLY_API_KEY  API key sent to the HTTP host's MCP endpoint (optional; /health and /metrics are public)
#   BACKUP_ROOT backup directory (default /backups)
set -uo pipefail
BURLY_CMD=${BURLY_CMD:-burly}
BURLY_URL=${BURLY_URL:-}
BACKUP_ROOT=${BACKUP_ROOT:-/backups}

burly() { $BURLY_CMD "$@"; }

PASS=0; FAIL=0; SKIP=0
pass() { echo "PASS $*"; PASS=$((PASS+1)); }
fail() { echo "FAIL $*"; FAIL=$((FAIL+1)); }
skip() { echo "SKIP $*"; SKIP=$((SKIP+1)); }
summary() { echo "$PASS passed, $FAIL failed, $SKIP skipped"; [ "$FAIL" = 0 ]; }

# A JSON-RPC call over stdio (no initialize needed), printing the response line.
mcp_stdio() { printf '%s\n' "$1" | $BURLY_CMD serve 2>/dev/null | head -1; }

# Opens an MCP session on the HTTP host and prints its Mcp-Session-Id (empty when the host is stateless).
mcp_http_session() {
  local headers; headers=$(mktemp)
  curl -sS -o /dev/null -D "$headers" -X POST "$BURLY_URL/mcp" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' ${BURLY_API_KEY:+-H "X-Api-Key: $BURLY_API_KEY"} \
    -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"burly-ops","version":"1"}}}'
  local sid; sid=$(tr -d '\r' < "$headers" | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}'); rm -f "$headers"
  if [ -n "$sid" ]; then
    curl -sS -o /dev/null -X POST "$BURLY_URL/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
      -H "Mcp-Session-Id: $sid" -H 'MCP-Protocol-Version: 2025-06-18' ${BURLY_API_KEY:+-H "X-Api-Key: $BURLY_API_KEY"} \
      -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  fi
  echo "$sid"
}

# A JSON-RPC call to the HTTP host's /mcp (in a session when $2 is a session id). Prints the response body.
mcp_http() {
  curl -sS -X POST "$BURLY_URL/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    ${2:+-H "Mcp-Session-Id: $2" -H 'MCP-Protocol-Version: 2025-06-18'} ${BURLY_API_KEY:+-H "X-Api-Key: $BURLY_API_KEY"} -d "$1"
}

need_dir() { [ -n "${1:-}" ] || { echo "usage: $(basename "$0") BACKUP_DIR" >&2; exit 2; }; }
