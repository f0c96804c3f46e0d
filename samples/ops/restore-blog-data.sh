#!/usr/bin/env bash
# Restores only the blog component from a backup. Usage: restore-blog-data.sh /backups/latest [--force]
. "$(dirname "$0")/lib.sh"; need_dir "${1:-}"
dir=$1; shift
burly backup restore "$dir" --only blog "$@"
