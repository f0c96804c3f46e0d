#!/usr/bin/env bash
# Installs dotnet-counters, dotnet-trace and dotnet-gcdump (NuGet dotnet tools) into .tools/diag of the repository,
# for the container suite's profiling checks (docs/operations.md, "Performance testing"). Idempotent.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=$ROOT/.tools/diag
VERSION=${BURLY_DIAG_TOOLS_VERSION:-10.0.750501}
LOG_DIR=${BURLY_TEST_LOG_DIR:-${TMPDIR:-/tmp}/burly-test-logs}
mkdir -p "$LOG_DIR" "$DIR"
for tool in dotnet-counters dotnet-trace dotnet-gcdump; do
  [ -x "$DIR/$tool" ] && continue
  dotnet tool install "$tool" --version "$VERSION" --tool-path "$DIR" >>"$LOG_DIR/diag-tools.log" 2>&1 \
    || { echo "[ensure-dotnet-diag-tools] could not install $tool, see $LOG_DIR/diag-tools.log" >&2; exit 1; }
done
