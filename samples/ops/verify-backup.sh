#!/usr/bin/env bash
# Checks a backup's SHA-256 manifest and audit chain. Usage: verify-backup.sh /backups/latest
. "$(dirname "$0")/lib.sh"; need_dir "${1:-}"
burly backup verify "$1"
