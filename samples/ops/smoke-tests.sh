#!/usr/bin/env bash
# The guide also calls it smoke-tests.sh.
exec "$(dirname "$0")/smoke-test.sh" "$@"
