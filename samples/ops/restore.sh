#!/usr/bin/env bash
# Restores everything from a backup (verified first, all files or none). Stop the server first.
# Files changed after the backup are not overwritten unless --force is given.
# Usage: restore.sh /backups/latest [--force]
. "$(dirname "$0")/lib.sh"; need_dir "${1:-}"
dir=$1; shift
burly backup restore "$dir" "$@"
