#!/usr/bin/env bash
# Restores a backup into a scratch directory and verifies it; live data is not touched.
. "$(dirname "$0")/lib.sh"; need_dir "${1:-}"
burly backup test-restore "$1"
