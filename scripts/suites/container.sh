#!/usr/bin/env bash
# Shell suite: the container samples (samples/compose). Validates docker-compose.yml with both env files, builds
# the image offline — both hosts published self-contained for linux-x64 outside Docker, then the Dockerfile's
# `prebuilt` target on the local base image burly-test/runtime-deps:local (scripts/lib/ensure-runtime-deps-image.sh)
# — and runs it with docker-compose.yml itself: read-only root, uid 1000, the guide's limits, the Docker socket.
# Checks the healthcheck (`burly health`), /health, `id`, API-key auth on POST /mcp, tools/list and docker_ps from
# inside the container, /metrics on METRICS_PORT, the audit volume, backups, the stdio one-liner, `compose run`
# of the CLI, and a clean stop. Cleans up everything it made (trap; containers and image carry a label).
# Ends with "N passed, N failed, N skipped". Needs the engine (scripts/lib/ensure-docker.sh).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
CONFIG=${BURLY_TEST_CONFIGURATION:-Release}
BURLY_BIN=$ROOT/src/Burly.Host.Stdio/bin/$CONFIG/net10.0/burly
COMPOSE_DIR=$ROOT/samples/compose
LABEL_KEY=burly-test LABEL_VALUE=container-suite
IMAGE=burly-test/burly-mcp:suite-$$
NAME=burly-suite-$$
PROJECT=burlysuite$$
RUNTIME_IMAGE=${BURLY_RUNTIME_DEPS_IMAGE:-burly-test/runtime-deps:local}
started_at=$(date +%s)

P=0 F=0 S=0
ok()   { P=$((P + 1)); echo "PASS $1"; }
bad()  { F=$((F + 1)); echo "FAIL $1${2:+: $2}"; }
skp()  { S=$((S + 1)); echo "SKIP $1${2:+: $2}"; }
note() { echo "    $*"; }
done_() { echo "suite time: $(( $(date +%s) - started_at )) s"; echo "$P passed, $F failed, $S skipped"; exit 0; }
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

T=$(mktemp -d "${TMPDIR:-/tmp}/burly-container-suite.XXXXXX")
COMPOSE_CMD=()
COMPAT=()
compose() { "${COMPOSE_CMD[@]}" "${COMPAT[@]}" -p "$PROJECT" -f "$COMPOSE_DIR/docker-compose.yml" -f "$T/override.yml" --env-file "$T/suite.env" "$@"; }
cleanup() {
  if [ ${#COMPOSE_CMD[@]} -gt 0 ] && [ -f "$T/suite.env" ]; then compose down -v --remove-orphans >/dev/null 2>&1; fi
  docker ps -aq --filter "label=$LABEL_KEY=$LABEL_VALUE" 2>/dev/null | xargs -r docker rm -f >/dev/null 2>&1
  docker image rm -f "$IMAGE" >/dev/null 2>&1
  rm -rf "$T"
}
trap cleanup EXIT

# --- 1. the compose file and env files (no engine needed) -----------------------------------------------------------
if docker compose version >/dev/null 2>&1; then COMPOSE_CMD=(docker compose); COMPAT=()
elif command -v docker-compose >/dev/null 2>&1; then COMPOSE_CMD=(docker-compose); COMPAT=(--compatibility)
fi
if [ ${#COMPOSE_CMD[@]} -gt 0 ]; then
  for envf in .env.example .env.development; do
    if out=$(cd "$COMPOSE_DIR" && BURLY_ENV_FILE=$envf "${COMPOSE_CMD[@]}" --env-file "$envf" config 2>&1); then
      missing=""
      for want in 'read_only: true' '- ALL' 'user: 1000:1000' 'memory: 512M' "cpus: '0.5'|cpus: 0.5" 'memory: 128M' "cpus: '0.1'|cpus: 0.1" \
                  'soft: 65536' 'hard: 65536' '- burly' '- health' 'target: 9400|:9400/tcp|9400:9400' 'target: 8080|:8080/tcp|8080:8080' \
                  '/var/run/docker.sock:ro|target: /var/run/docker.sock' 'no-new-privileges:true' '/tmp' 'group_add'; do
        grep -Eq -- "$want" <<< "$out" || missing="$missing [$want]"
      done
      [ -z "$missing" ] && ok "compose config with $envf: valid, guide's limits and hardening present" || bad "compose config with $envf" "missing:$missing"
    else
      bad "compose config with $envf" "$(tail -3 <<< "$out" | tr '\n' ' ')"
    fi
  done
  out=$(cd "$COMPOSE_DIR" && LOG_LEVEL=DEBUG BURLY_ENV_FILE=.env.example "${COMPOSE_CMD[@]}" --env-file .env.example config 2>&1)
  grep -q 'LOG_LEVEL: DEBUG' <<< "$out" && ok "LOG_LEVEL=DEBUG docker compose up -d reaches the container (shell wins over the env file)" \
    || bad "LOG_LEVEL from the shell" "$(grep LOG_LEVEL <<< "$out")"
else
  skp "compose config" "neither 'docker compose' nor docker-compose installed (scripts/lib/ensure-docker-compose.sh)"
fi
missing=""
for v in POLICY_FILE POLICY_DIR AUDIT_LOG_PATH AUDIT_ENABLED AUDIT_SENSITIVE_ENV_VARS LOG_LEVEL BLOG_STAGE_ROOT BLOG_PUBLISH_ROOT DOCKER_HOST \
         DOCKER_SOCKET DOCKER_TIMEOUT GOTIFY_URL GOTIFY_TOKEN GOTIFY_TOKEN_FILE NOTIFICATIONS_ENABLED NOTIFICATION_PROVIDERS WEBHOOK_NOTIFICATION_URL \
         BURLYMCP_API_KEY RATE_LIMIT_DISABLED MAX_REQUEST_SIZE MAX_CONCURRENT_TOOLS MAX_OUTPUT_SIZE STRICT_SECURITY_MODE SERVER_NAME SERVER_VERSION \
         HOST PORT METRICS_PORT; do
  grep -Eq "^(# )?$v=" "$COMPOSE_DIR/.env.example" || missing="$missing $v"
done
[ -z "$missing" ] && ok ".env.example lists every CONTRACT §2 variable" || bad ".env.example lists every CONTRACT §2 variable" "missing:$missing"
if [ -x "$BURLY_BIN" ]; then
  # The example's values, with the container's paths, pass `burly config validate` (which also loads the sample policy).
  out=$(cd "$COMPOSE_DIR" && env -i PATH="$PATH" HOME="$T" bash -c 'set -a; . ./.env.example; set +a
        export POLICY_FILE=config/policy/tools.yaml POLICY_DIR=config/tools.d AUDIT_LOG_PATH='"$T"'/cv/audit.jsonl BURLY_DATA_DIR='"$T"'/cv
        export BLOG_STAGE_ROOT='"$T"'/cv/stage BLOG_PUBLISH_ROOT='"$T"'/cv/publish HOST=0.0.0.0 PORT=9400 METRICS_PORT=8080
        "$0" config validate' "$BURLY_BIN" 2>&1) && grep -q "configuration valid" <<< "$out" \
    && ok "burly config validate accepts .env.example and the sample policy" || bad "burly config validate with .env.example" "$(tail -4 <<< "$out" | tr '\n' ' ')"
  out=$("$BURLY_BIN" policy validate "$COMPOSE_DIR/config/policy/tools.yaml" --dir "$COMPOSE_DIR/config/tools.d" 2>&1) \
    && ok "sample policy + tools.d valid: $(head -1 <<< "$out" | cut -c1-60)" || bad "sample policy + tools.d valid" "$(tail -3 <<< "$out" | tr '\n' ' ')"
else
  bad "burly CLI built" "$BURLY_BIN missing (scripts/test.sh builds $CONFIG)"
fi

# --- 2. the engine and the base image ------------------------------------------------------------------------------
if ! docker version >/dev/null 2>&1; then
  if [ "${BURLY_REQUIRE_DOCKER:-}" = 1 ]; then bad "Docker engine" "not available (BURLY_REQUIRE_DOCKER=1)"; else skp "image build and container checks" "no Docker engine"; fi
  done_
fi
if ! docker image inspect "$RUNTIME_IMAGE" >/dev/null 2>&1; then
  bash scripts/lib/ensure-runtime-deps-image.sh >/dev/null 2>&1
fi
docker image inspect "$RUNTIME_IMAGE" >/dev/null 2>&1 || { bad "base image $RUNTIME_IMAGE" "could not be made (scripts/lib/ensure-runtime-deps-image.sh)"; done_; }

# --- 3. publish outside Docker, build the prebuilt target -------------------------------------------------------------
ctx=$T/ctx
mkdir -p "$ctx/samples/compose"
cp -r "$COMPOSE_DIR/config" "$ctx/samples/compose/"
t0=$(date +%s.%N)
if dotnet publish src/Burly.Host.Http/Burly.Host.Http.csproj -c Release -r linux-x64 --self-contained -o "$ctx/artifacts/publish" -nologo -v q > "$T/publish.log" 2>&1 \
   && dotnet publish src/Burly.Host.Stdio/Burly.Host.Stdio.csproj -c Release -r linux-x64 --self-contained -o "$ctx/artifacts/publish" -nologo -v q >> "$T/publish.log" 2>&1; then
  ok "dotnet publish (self-contained linux-x64) of both hosts in $(elapsed "$t0") s"
else
  bad "dotnet publish" "$(grep -E 'error' "$T/publish.log" | head -3 | tr '\n' ' ')"; done_
fi
builder=(env DOCKER_BUILDKIT=0)
docker buildx version >/dev/null 2>&1 && builder=(env DOCKER_BUILDKIT=1)
t0=$(date +%s.%N)
if "${builder[@]}" docker build -q -f "$COMPOSE_DIR/Dockerfile" --target prebuilt --build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE" \
     --label "$LABEL_KEY=$LABEL_VALUE" -t "$IMAGE" "$ctx" > "$T/build.log" 2>&1; then
  size=$(docker image inspect -f '{{.Size}}' "$IMAGE"); base=$(docker image inspect -f '{{.Size}}' "$RUNTIME_IMAGE")
  ok "docker build --target prebuilt in $(elapsed "$t0") s: image $((size / 1000000)) MB (base $((base / 1000000)) MB)"
else
  bad "docker build" "$(grep -v DEPRECATED "$T/build.log" | tail -4 | tr '\n' ' ')"; done_
fi
[ "$(docker image inspect -f '{{.Config.User}}' "$IMAGE")" = 1000:1000 ] && ok "image runs as 1000:1000" || bad "image user" "$(docker image inspect -f '{{.Config.User}}' "$IMAGE")"
hc=$(docker image inspect -f '{{json .Config.Healthcheck.Test}}' "$IMAGE")
[ "$hc" = '["CMD","burly","health"]' ] && ok "image HEALTHCHECK is burly health" || bad "image HEALTHCHECK" "$hc"
ports=$(docker image inspect -f '{{json .Config.ExposedPorts}}' "$IMAGE")
grep -q '9400/tcp' <<< "$ports" && grep -q '8080/tcp' <<< "$ports" && ok "image exposes 9400 and 8080" || bad "image exposes 9400 and 8080" "$ports"

# --- 4. run it with docker-compose.yml ---------------------------------------------------------------------------------
[ ${#COMPOSE_CMD[@]} -gt 0 ] || { bad "compose" "no compose command to run the sample"; done_; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
HPORT=$(free_port); MPORT=$(free_port); KEY=container-suite-$RANDOM$RANDOM
mkdir -p "$T"/{log,data/blog/stage,data/blog/publish,backups}
cp -r "$COMPOSE_DIR/config" "$T/config"   # a copy: the restore test below writes to it
printf -- '---\ntitle: Container suite\ndate: 2026-11-25\ntags: [test]\n---\nHello\n' > "$T/data/blog/stage/hello.md"
chown -R 1000:1000 "$T/log" "$T/data" "$T/backups" "$T/config"
DOCKER_GID=$(stat -c %g /var/run/docker.sock 2>/dev/null || echo 999)
cat > "$T/suite.env" <<EOF
BURLY_IMAGE=$IMAGE
BURLY_CONTAINER_NAME=$NAME
BURLY_ENV_FILE=$T/suite.env
BURLY_HTTP_PORT=$HPORT
BURLY_METRICS_HOST_PORT=$MPORT
BURLY_CONFIG_DIR=$T/config
BURLY_LOG_DIR=$T/log
BURLY_DATA_DIR_HOST=$T/data
BLOG_STAGE_ROOT=$T/data/blog/stage
BLOG_PUBLISH_ROOT=$T/data/blog/publish
BACKUP_ROOT=$T/backups
DOCKER_GID=$DOCKER_GID
BURLY_HEALTHCHECK_INTERVAL=1s
BURLYMCP_API_KEY=$KEY
NOTIFICATIONS_ENABLED=false
AllowedHosts=localhost;127.0.0.1;[::1];burly-mcp
EOF
# The engine here may cap open files below the guide's 65536 (the daemon's own hard limit); clamp only then.
hard=$(awk '/Max open files/ { print $5 }' "/proc/$(pgrep -xo dockerd 2>/dev/null || echo self)/limits" 2>/dev/null)
nofile=65536
if [[ "$hard" =~ ^[0-9]+$ ]] && [ "$hard" -lt 65536 ]; then nofile=$hard; fi
printf 'services:\n  burly-mcp:\n    labels:\n      %s: %s\n    ulimits:\n      nofile:\n        soft: %s\n        hard: %s\n' \
  "$LABEL_KEY" "$LABEL_VALUE" "$nofile" "$nofile" > "$T/override.yml"

t0=$(date +%s.%N)
if ! compose up -d --no-build > "$T/up.log" 2>&1; then bad "compose up" "$(tail -3 "$T/up.log" | tr '\n' ' ')"; done_; fi
health=
for _ in $(seq 1 180); do
  read -r health running restarts < <(docker inspect -f '{{.State.Health.Status}} {{.State.Running}} {{.RestartCount}}' "$NAME" 2>/dev/null)
  # Healthy, or the server exited (restart: unless-stopped brings it back, so a restart count means it crashed).
  if [ "$health" = healthy ] || [ "$running" = false ] || [ "${restarts:-0}" -gt 0 ]; then break; fi
  sleep 0.5
done
if [ "$health" = healthy ]; then
  ok "container healthy (HEALTHCHECK burly health) $(elapsed "$t0") s after compose up"
else
  bad "container healthy" "status '$health'; $(docker logs "$NAME" 2>&1 | grep -v '^   at ' | tail -4 | tr '\n' ' ')"
  docker exec "$NAME" burly health 2>&1 | head -c 600; echo; done_
fi

read -r ro mem res cpus capdrop user sec < <(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} {{.HostConfig.MemoryReservation}} {{.HostConfig.NanoCpus}} {{json .HostConfig.CapDrop}} {{.Config.User}} {{json .HostConfig.SecurityOpt}}' "$NAME")
[ "$ro" = true ] && ok "read-only root file system" || bad "read-only root file system" "$ro"
[ "$mem" = 536870912 ] && [ "$res" = 134217728 ] && ok "memory limit 512M, reservation 128M" || bad "memory limit 512M, reservation 128M" "$mem / $res"
[ "$cpus" = 500000000 ] && ok "cpu limit 0.5" || bad "cpu limit 0.5" "NanoCpus $cpus"
[ "$capdrop" = '["ALL"]' ] && [ "$user" = 1000:1000 ] && [ "$sec" = '["no-new-privileges:true"]' ] && ok "cap_drop ALL, user 1000:1000, no-new-privileges" || bad "hardening" "$capdrop $user $sec"
lim=$(docker exec "$NAME" sh -c 'ulimit -n' 2>&1)
if [ "$nofile" = 65536 ]; then [ "$lim" = 65536 ] && ok "nofile 65536" || bad "nofile 65536" "$lim"
else [ "$lim" = "$nofile" ] && skp "nofile 65536" "the engine's hard limit is $hard here; ran with $lim"; fi

id_out=$(docker exec "$NAME" id 2>&1)
[[ "$id_out" == "uid=1000(agentops) gid=1000(agentops) groups=1000(agentops),$DOCKER_GID"* ]] && ok "docker exec id: $id_out" || bad "docker exec id" "$id_out"
uids=$(docker top "$NAME" -eo pid,uid 2>/dev/null | awk 'NR > 1 { print $2 }' | sort -u | tr '\n' ' ')
[ "$uids" = "1000 " ] && ok "every process runs as uid 1000" || bad "every process runs as uid 1000" "$uids"
docker exec "$NAME" sh -c 'echo x > /app/x' >/dev/null 2>&1 && bad "/app is read-only" || ok "/app is read-only"
docker exec "$NAME" sh -c 'echo x > /tmp/x && rm /tmp/x' >/dev/null 2>&1 && ok "/tmp (tmpfs) is writable" || bad "/tmp (tmpfs) is writable"

out=$(docker exec "$NAME" burly health 2>&1); rc=$?
[ "$rc" = 0 ] && [ "$(jq -r .status <<< "$out" 2>/dev/null)" = healthy ] && ok "docker exec burly health: exit 0, healthy" || bad "docker exec burly health" "exit $rc $(head -c 300 <<< "$out")"
if grep -q "$T" <<< "$out"; then bad "health output has no host paths"; else ok "health output has no host paths"; fi

URL=http://127.0.0.1:$HPORT
code=$(curl -s -o "$T/h.json" -w '%{http_code}' "$URL/health"); st=$(jq -r .status "$T/h.json" 2>/dev/null)
[ "$code" = 200 ] && [ "$st" = healthy ] && ok "GET /health: 200 healthy" || bad "GET /health" "$code $st"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{"id":"1","method":"list_tools"}' "$URL/mcp")
[ "$code" = 401 ] && ok "POST /mcp without key: 401" || bad "POST /mcp without key: 401" "$code"

code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: burly-mcp:9400' "$URL/health/live")
code2=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: elsewhere.example:9400' "$URL/health/live")
[ "$code" = 200 ] && [ "$code2" = 400 ] && ok "AllowedHosts: Host burly-mcp accepted, other names refused (400)" || bad "AllowedHosts" "burly-mcp: $code, elsewhere: $code2"

# MCP over streamable HTTP with the key: initialize, tools/list, docker_ps (through the socket and group_add).
mcp() { curl -s -D "$T/mcp.h" -o "$T/mcp.b" -w '%{http_code}' -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' ${SID:+-H "Mcp-Session-Id: $SID"} -d "$1" "$URL/mcp"; }
mcp_json() { sed -n 's/^data: \{0,1\}//p' "$T/mcp.b" | grep -F "\"id\":$1" | tail -1; }
SID=
code=$(mcp '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"container-suite","version":"1"}}}')
SID=$(tr -d '\r' < "$T/mcp.h" | awk -F': ' 'tolower($1)=="mcp-session-id"{print $2}')
mcp '{"jsonrpc":"2.0","method":"notifications/initialized"}' >/dev/null
code=$(mcp '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}')
names=$(mcp_json 2 | jq -r '.result.tools[].name' 2>/dev/null | tr '\n' ' ')
[ "$code" = 200 ] && [[ " $names" == *" docker_ps "* ]] && [[ " $names" == *" disk_space "* ]] \
  && ok "POST /mcp tools/list with X-Api-Key: $(wc -w <<< "$names") tools" || bad "POST /mcp tools/list with key" "HTTP $code; $names"
code=$(mcp '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"docker_ps","arguments":{"all":true}}}')
text=$(mcp_json 3 | jq -r '[.result.content[]?.text] | join(" ")' 2>/dev/null)
[[ "$text" == *"$NAME"* ]] && ok "docker_ps from inside the container lists $NAME (socket + group_add)" || bad "docker_ps from inside the container" "HTTP $code; $(head -c 300 <<< "$text")"
code=$(curl -s -o "$T/metrics" -w '%{http_code}' "http://127.0.0.1:$MPORT/metrics")
[ "$code" = 200 ] && grep -q '^burly_mcp_tool_executions_total{.*tool_name="docker_ps"' "$T/metrics" \
  && ok "METRICS_PORT 8080: /metrics counts the docker_ps call" || bad "METRICS_PORT 8080 /metrics" "HTTP $code; $(grep -c '^burly_mcp' "$T/metrics" 2>/dev/null) burly series"

# The ops scripts against the container (smoke test and security checks incl. container hardening).
if BURLY_URL=$URL BURLYMCP_API_KEY=$KEY SMOKE_METRICS_URL=http://127.0.0.1:$MPORT/metrics BURLY="docker exec -i $NAME burly" \
   samples/ops/smoke-test.sh > "$T/smoke.log" 2>&1; then ok "samples/ops/smoke-test.sh against the container"
else bad "samples/ops/smoke-test.sh against the container" "$(grep FAIL "$T/smoke.log" | head -3 | tr '\n' ' ')"; fi
if BURLY_URL=$URL BURLYMCP_API_KEY=$KEY BURLY_CONTAINER=$NAME BURLY="docker exec -i $NAME burly" \
   samples/ops/security-test.sh > "$T/security.log" 2>&1 && grep -q 'PASS container user: uid=1000(agentops)' "$T/security.log"; then
  ok "samples/ops/security-test.sh against the container ($(grep -c '^PASS' "$T/security.log") checks)"
else bad "samples/ops/security-test.sh against the container" "$(grep -E 'FAIL|SKIP' "$T/security.log" | head -4 | tr '\n' ' ')"; fi

# The guide's Staging Validation block, run verbatim from docs/operations.md (only `docker compose` is pointed at this
# suite's project): two stdio one-liners and a test notification. The one-liners' process audits into the server's
# log (shared through the lock file); the chain check below covers it. METRICS_PORT=8080 is set in the container:
# the one-liners must not try to bind it. Each command's output must be non-empty and right (jq -n 'input | …').
block=$(awk '/^\*\*Staging Validation:\*\*/ { f = 1; next } f && /^```bash/ { b = 1; next } b && /^```/ { exit } b' docs/operations.md)
staging() {  # $1 = the block's Nth command (commands start after a comment line)
  awk -v n="$1" '/^#/ { c++; next } c == n' <<< "$block" > "$T/staging-$1.sh"
  (docker() { if [ "$1" = compose ]; then shift; compose "$@"; else command docker "$@"; fi; }
   set -o pipefail; source "$T/staging-$1.sh") 2>"$T/staging-$1.err"
}
[ "$(grep -c '^#' <<< "$block")" = 3 ] && grep -q 'docker compose exec -T burly-mcp burly$' <<< "$block" \
  && ok "docs/operations.md Staging Validation block found (3 commands)" || bad "Staging Validation block in docs/operations.md" "$(head -c 200 <<< "$block")"
out=$(staging 1 | head -1)
jq -n -e 'input | (.result.tools | length > 0)' <<< "$out" >/dev/null 2>&1 && ok "Staging Validation 1 (verbatim): echo tools/list | docker compose exec -T burly-mcp burly" \
  || bad "Staging Validation 1: stdio tools/list in the container" "$(head -c 200 <<< "$out") $(tail -2 "$T/staging-1.err" | tr '\n' ' ')"
out=$(staging 2 | head -1)
jq -n -e --arg name "$NAME" 'input | (.result.isError != true and ([.result.content[].text] | join(" ") | contains($name)))' <<< "$out" >/dev/null 2>&1 \
  && ok "Staging Validation 2 (verbatim): tools/call docker_ps in the container" || bad "Staging Validation 2: stdio tools/call docker_ps" "$(head -c 200 <<< "$out") $(tail -2 "$T/staging-2.err" | tr '\n' ' ')"
if out=$(staging 3 2>&1 < /dev/null); then ok "Staging Validation 3 (verbatim): burly notify test: $(tail -1 <<< "$out")"
else bad "Staging Validation 3: burly notify test" "$(tail -2 <<< "$out" | tr '\n' ' ') $(tail -2 "$T/staging-3.err" | tr '\n' ' ')"; fi

# Audit on the host volume, chain intact; a backup into the /backups volume.
[ "$(stat -c %u "$T/log/audit.jsonl" 2>/dev/null)" = 1000 ] && grep -q '"event_type":"server_start"' "$T/log/audit.jsonl" \
  && ok "audit log on the host volume, written by uid 1000" || bad "audit log on the host volume" "$(ls -ln "$T/log" 2>&1 | tail -2 | tr '\n' ' ')"
out=$(docker exec "$NAME" burly audit verify 2>&1) && ok "docker exec burly audit verify: $(head -1 <<< "$out")" || bad "burly audit verify in the container" "$out"
out=$(compose exec -T burly-mcp burly backup create /backups/suite 2>&1) && [ -f "$T/backups/suite/manifest.json" ] \
  && ok "compose exec burly backup create /backups/suite: $(tail -1 <<< "$out" | cut -c1-70)" || bad "backup into the /backups volume" "$(tail -2 <<< "$out" | tr '\n' ' ')"

# The guide's configuration check: a one-off container of the service running the CLI.
out=$(compose run --rm --no-deps -T burly-mcp burly config validate 2>&1) && grep -q 'configuration valid' <<< "$out" \
  && ok "compose run --rm burly-mcp burly config validate" || bad "compose run --rm burly-mcp burly config validate" "$(tail -3 <<< "$out" | tr '\n' ' ')"

# The read-only root leaves nothing for `docker diff` to find but the Docker socket's mount point (the guide's
# container integrity check).
changes=$(docker diff "$NAME" 2>&1 | grep -v -x -e 'C /run' -e 'A /run/docker.sock' -e 'C /var' -e 'C /var/run' -e 'A /var/run/docker.sock')
[ -z "$changes" ] && ok "docker diff: nothing changed but the socket's mount point" || bad "docker diff" "$(head -5 <<< "$changes" | tr '\n' ' ')"

# Policy reload on SIGHUP (docker kill -s HUP): the server keeps running and audits the reload.
docker kill -s HUP "$NAME" >/dev/null 2>&1
reloaded=
for _ in $(seq 1 40); do grep -q '"event_type":"policy_reload"' "$T/log/audit.jsonl" && { reloaded=1; break; }; sleep 0.25; done
[ -n "$reloaded" ] && [ "$(docker inspect -f '{{.State.Running}}' "$NAME")" = true ] \
  && ok "docker kill -s HUP: policy reloaded ($(grep '"event_type":"policy_reload"' "$T/log/audit.jsonl" | tail -1 | jq -r '.details.result // .result'))" \
  || bad "docker kill -s HUP reloads the policy" "no policy_reload record; running=$(docker inspect -f '{{.State.Running}}' "$NAME")"

# Profiling from the host (no SDK in the image): the diagnostics socket is in the container's /tmp, reached as
# /proc/<host pid>/root/tmp, and the server is PID 1 in its PID namespace.
DIAG=$ROOT/.tools/diag
[ -x "$DIAG/dotnet-counters" ] || bash scripts/lib/ensure-dotnet-diag-tools.sh >/dev/null 2>&1
if [ -x "$DIAG/dotnet-counters" ] && [ -x "$DIAG/dotnet-gcdump" ] && [ -x "$DIAG/dotnet-trace" ]; then
  hostpid=$(docker inspect -f '{{.State.Pid}}' "$NAME")
  ( for _ in $(seq 1 40); do curl -s -o /dev/null -H "X-Api-Key: $KEY" -H 'Content-Type: application/json' \
      -d '{"id":"p","method":"call_tool","name":"disk_space","args":{}}' "$URL/mcp"; sleep 0.1; done ) &
  load=$!
  TMPDIR=/proc/$hostpid/root/tmp timeout 30 "$DIAG/dotnet-counters" collect -p 1 --counters System.Runtime,Burly --duration 00:00:03 \
    --format json -o "$T/counters.json" > "$T/counters.log" 2>&1
  grep -q '"provider": *"Burly"' "$T/counters.json" 2>/dev/null && grep -q '"provider": *"System.Runtime"' "$T/counters.json" \
    && ok "dotnet-counters collect -p 1 (TMPDIR=/proc/<pid>/root/tmp): Burly and System.Runtime counters" || bad "dotnet-counters against the container" "$(tail -2 "$T/counters.log" | tr '\n' ' ')"
  TMPDIR=/proc/$hostpid/root/tmp timeout 60 "$DIAG/dotnet-trace" collect -p 1 --profile dotnet-sampled-thread-time --duration 00:00:02 \
    -o "$T/burly.nettrace" > "$T/trace.log" 2>&1
  [ -s "$T/burly.nettrace" ] && ok "dotnet-trace collect -p 1: $(( $(stat -c %s "$T/burly.nettrace") / 1024 )) KiB trace" || bad "dotnet-trace against the container" "$(tail -2 "$T/trace.log" | tr '\n' ' ')"
  TMPDIR=/proc/$hostpid/root/tmp timeout 60 "$DIAG/dotnet-gcdump" collect -p 1 -o "$T/burly.gcdump" > "$T/gcdump.log" 2>&1
  heap=$("$DIAG/dotnet-gcdump" report "$T/burly.gcdump" 2>/dev/null | awk '/GC Heap bytes/ { print $1; exit }')
  [ -n "$heap" ] && ok "dotnet-gcdump collect -p 1: GC heap $heap bytes" || bad "dotnet-gcdump against the container" "$(tail -2 "$T/gcdump.log" | tr '\n' ' ')"
  wait "$load" 2>/dev/null
  mem=$(docker stats "$NAME" --no-stream --format '{{.MemUsage}}' 2>/dev/null)
  note "memory after the checks: $mem"
else
  skp "profiling with dotnet-counters/dotnet-trace/dotnet-gcdump" "tools not installable (scripts/lib/ensure-dotnet-diag-tools.sh)"
fi

# The ops scripts the way an operator runs them next to the compose project: settings from its env file, the CLI
# through `docker exec` while the service runs and through a one-off `compose run` container once it is stopped.
ops_env=(env -u BURLY -u BURLY_URL -u BACKUP_ROOT BURLY_ENV_FILE="$T/suite.env" COMPOSE="${COMPOSE_CMD[*]} ${COMPAT[*]} -p $PROJECT -f $COMPOSE_DIR/docker-compose.yml -f $T/override.yml --env-file $T/suite.env")
if "${ops_env[@]}" samples/ops/backup.sh > "$T/ops-backup.log" 2>&1 && [ -f "$T/backups/latest/manifest.json" ]; then
  ok "samples/ops/backup.sh via docker exec: $(readlink "$T/backups/latest"), latest link on the host"
else bad "samples/ops/backup.sh via docker exec" "$(tail -3 "$T/ops-backup.log" | tr '\n' ' ')"; fi
for script in health-check.sh verify-backup.sh test-restore.sh compliance-report.sh; do
  "${ops_env[@]}" "samples/ops/$script" > "$T/$script.log" 2>&1 && ok "samples/ops/$script with BURLY_ENV_FILE (CLI in the container)" \
    || bad "samples/ops/$script with BURLY_ENV_FILE" "$(tail -3 "$T/$script.log" | tr '\n' ' ')"
done
"${ops_env[@]}" samples/ops/daily-health-check.sh > "$T/daily.log" 2>&1 \
  && grep -q "$NAME" "$T/daily.log" && grep -Eq '^ +[0-9]+ success$' "$T/daily.log" \
  && ok "samples/ops/daily-health-check.sh with the compose project (ps, stats, logs, 24 h audit summary)" \
  || bad "samples/ops/daily-health-check.sh with the compose project" "$(tail -6 "$T/daily.log" | tr '\n' ' ')"

# Graceful stop: SIGTERM, exit 0, server_stop audited.
t0=$(date +%s.%N)
compose stop -t 15 > /dev/null 2>&1
code=$(docker inspect -f '{{.State.ExitCode}}' "$NAME" 2>/dev/null)
[ "$code" = 0 ] && tail -1 "$T/log/audit.jsonl" | jq -n -e 'input | (.event_type == "server_stop")' >/dev/null 2>&1 \
  && ok "compose stop: exit 0 in $(elapsed "$t0") s, server_stop audited" || bad "compose stop" "exit code $code; last record: $(tail -1 "$T/log/audit.jsonl" | head -c 120)"

# Recovery with the service stopped: restore.sh runs the CLI in a one-off container with /config writable.
tools_d=$T/config/tools.d/50-docker-logs.yaml
echo "# changed after the backup" >> "$tools_d"
if "${ops_env[@]}" samples/ops/restore.sh /backups/latest --force > "$T/restore.log" 2>&1 \
   && cmp -s "$tools_d" "$(find "$(readlink -f "$T/backups/latest")" -name 50-docker-logs.yaml | head -1)" \
   && [ "$(stat -c %u "$tools_d")" = 1000 ]; then
  ok "samples/ops/restore.sh via compose run: $(grep -o 'restored [0-9]* file(s)[^.]*' "$T/restore.log" | head -1)"
else bad "samples/ops/restore.sh via compose run" "$(tail -4 "$T/restore.log" | tr '\n' ' ')"; fi

# Incident response: verify a preserved copy of the audit log in a one-off container, read-only.
mkdir -p "$T/evidence" && cp -a "$T"/log/audit.jsonl* "$T/evidence/"
out=$(compose run --rm --no-deps -T -v "$T/evidence:/evidence:ro" burly-mcp burly audit verify --file /evidence/audit.jsonl 2>&1) \
  && grep -q 'audit chain valid' <<< "$out" && ok "compose run … burly audit verify --file /evidence/audit.jsonl (read-only evidence)" \
  || bad "audit verify of preserved evidence" "$(tail -2 <<< "$out" | tr '\n' ' ')"

done_
