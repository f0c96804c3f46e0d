#!/usr/bin/env bash
# compliance-report.sh — the compliance report of the audit log (`burly audit report`): calls by result, tool and
# user, failures, confirmations, mutations, security events, policy reloads, and whether the hash chain verifies.
#   ./compliance-report.sh > compliance-$(date +%Y%m%d).txt
#
# Usage: compliance-report.sh [--since 24h|7d|30d|ISO-8601|all] [--json]     (default --since 24h)
# Env: BURLY (lib/common.sh). The CLI reads the audit log configured for it (AUDIT_LOG_PATH), rotated files included.
# Exit: 0 report written and the audit chain verifies · 1 chain broken or report failed · 2 usage · 3 missing tool
set -euo pipefail
. "$(dirname "$0")/lib/common.sh"
since=24h json=()
while [ $# -gt 0 ]; do
  case "$1" in
    --since) [ $# -ge 2 ] || { print_usage >&2; exit "$EXIT_USAGE"; }; since=$2; shift ;;
    --json) json=(--json) ;;
    -h|--help) print_usage; exit "$EXIT_OK" ;;
    *) print_usage >&2; exit "$EXIT_USAGE" ;;
  esac
  shift
done
require_burly
burly_cli audit report --since "$since" "${json[@]}" || die "$EXIT_FAIL" "burly audit report failed"
if ! burly_cli audit verify > "$OPS_TMP/verify" 2>&1; then
  warn "the audit hash chain does not verify: $(head -1 "$OPS_TMP/verify")"
  exit "$EXIT_FAIL"
fi
