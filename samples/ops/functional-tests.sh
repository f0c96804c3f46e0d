#!/usr/bin/env bash
# Calls every read-only tool the policy enables (with no arguments) and checks that every mutating tool
# asks for confirmation instead of running.
. "$(dirname "$0")/lib.sh"
tools=$(burly tools list --json) || { fail "tools list"; summary; exit 1; }
while IFS=$'\t' read -r name readonly; do
  [ -n "$name" ] || continue
  if [ "$readonly" = true ]; then
    # A tool whose dependency is down (e.g. no Docker engine) fails with DEPENDENCY_UNAVAILABLE: report it.
    if out=$(burly tools call "$name" --args '{}' 2>&1); then pass "$name"
    elif [[ "$out" == *INVALID_ARGUMENTS* ]]; then skip "$name (needs arguments)"
    else fail "$name: $(echo "$out" | grep -m1 '"code"' | tr -s ' ')"; fi
  else
    burly tools call "$name" --args '{}' >/dev/null 2>&1; rc=$?
    case $rc in 3) pass "$name asks for confirmation";; 1) skip "$name (arguments required first)";; *) fail "$name ran without confirmation (exit $rc)";; esac
  fi
done < <(echo "$tools" | jq -r '.tools[] | [.name, (.annotations.readOnlyHint|tostring)] | @tsv')
summary
