#!/usr/bin/env bash
# Compliance report: audit chain verification and the report (calls by result, tool and user; failures;
# confirmations; mutations; security events). Usage: compliance-report.sh [SINCE=24h] > compliance-$(date +%Y%m%d).txt
. "$(dirname "$0")/lib.sh"
since=${1:-24h}
burly audit verify
burly audit report --since "$since"
