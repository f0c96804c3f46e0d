#!/usr/bin/env bash
# Restores only the config component from a backup. Usage: restore-config.sh /backups/latest [--force]
. "$(dirname "$0")/lib.sh"; need_dir "${1:-}"
dir=$1; shift
burly backup restore "$dir" --only config "$@"
