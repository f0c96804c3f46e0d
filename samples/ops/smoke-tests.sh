#!/usr/bin/env bash
# smoke-tests.sh — the same as smoke-test.sh (the operations guide uses both names).
set -euo pipefail
exec "$(dirname "$0")/smoke-test.sh" "$@"
