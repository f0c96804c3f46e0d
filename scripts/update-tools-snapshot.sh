#!/usr/bin/env bash
# Regenerates the committed tools/list snapshot of the built-in default policy (one command, run it when a tool's
# name, description, schema or annotations change on purpose):
#   scripts/update-tools-snapshot.sh
# Builds the stdio host, pipes the guide's tools/list one-liner into it (no initialize, no POLICY_FILE) and writes
# the result, tools sorted by name and keys sorted, to tests/Burly.Host.Stdio.Tests/TestData/tools-list.snapshot.json.
# The test ToolListSnapshotTests fails when the served list differs from that file.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
OUT=tests/Burly.Host.Stdio.Tests/TestData/tools-list.snapshot.json
dotnet build src/Burly.Host.Stdio/Burly.Host.Stdio.csproj -c "$CONFIG" -nologo -v q >/dev/null
data=$(mktemp -d); trap 'rm -rf "$data"' EXIT
echo '{"jsonrpc": "2.0", "id": 1, "method": "tools/list"}' \
  | env -u POLICY_FILE -u POLICY_DIR -u AUDIT_LOG_PATH BURLY_DATA_DIR="$data" NOTIFICATIONS_ENABLED=false \
    "src/Burly.Host.Stdio/bin/$CONFIG/net10.0/burly" 2>/dev/null \
  | jq -S '.result | .tools |= sort_by(.name)' > "$OUT.tmp"
[ "$(jq '.tools | length' "$OUT.tmp")" -gt 0 ] || { echo "tools/list returned no tools" >&2; rm -f "$OUT.tmp"; exit 1; }
mv "$OUT.tmp" "$OUT"
echo "wrote $OUT: $(jq -r '[.tools[].name] | join(", ")' "$OUT")"
