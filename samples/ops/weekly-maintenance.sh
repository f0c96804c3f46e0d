#!/usr/bin/env bash
# The guide's weekly maintenance, for Burly. Docker steps run only where a compose project is present.
. "$(dirname "$0")/lib.sh"
echo "=== Weekly Maintenance - $(date) ==="
if command -v docker >/dev/null 2>&1 && docker compose ps >/dev/null 2>&1; then
  echo "Updating Docker images..."; docker compose pull
  echo "Cleaning up Docker..."; docker system prune -f
  if command -v trivy >/dev/null 2>&1; then echo "Running security scan..."; trivy image burly-mcp:latest; fi
fi
# Burly rotates its audit log itself (size/age/retention); logrotate is only for deployments that use it.
if [ -f /etc/logrotate.d/burly-mcp ] && command -v logrotate >/dev/null 2>&1; then echo "Rotating logs..."; logrotate -f /etc/logrotate.d/burly-mcp; fi
echo "Verifying audit chain..."; burly audit verify
echo "Creating backup..."; "$(dirname "$0")/backup.sh"
echo "=== Weekly Maintenance Complete ==="
