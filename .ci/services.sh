# PostgreSQL and Redis for tests, on loopback only, in a temporary folder. Meant to be sourced:
#
#   source .ci/services.sh
#   services_install            # Debian's postgresql and redis-server, if missing (needs root)
#   trap services_stop EXIT     # stop them even when the tests fail
#   services_start              # start both; exports TEST_DATABASE_URL and TEST_REDIS_URL
#
# As root, both servers run as an unprivileged user (postgres; redis); otherwise as the caller.
# Nothing listens beyond 127.0.0.1, nothing is written outside $SERVICES_DIR, and
# services_stop removes it. Other scripts can reuse the pieces (services_free_port,
# services_as_user, SERVICES_DIR) to run more servers beside these.

SERVICES_DIR=""
SERVICES_PG_BIN=""

services_install() {
  local wanted=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || wanted+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || wanted+=(redis-server)
  if ((${#wanted[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
}

# A TCP port on 127.0.0.1 that nothing is listening on now.
services_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a command as user $1 when root (if that user exists), else as the caller.
services_as_user() {
  local user=$1
  shift
  if [[ $(id -u) == 0 ]] && id "$user" >/dev/null 2>&1; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

services_start() {
  SERVICES_DIR=$(mktemp -d /tmp/test-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  SERVICES_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  local pg_port redis_port
  pg_port=$(services_free_port)
  redis_port=$(services_free_port)

  mkdir -p "$SERVICES_DIR/pg" "$SERVICES_DIR/redis"
  if [[ $(id -u) == 0 ]]; then
    chown postgres "$SERVICES_DIR/pg"
    if id redis >/dev/null 2>&1; then chown redis "$SERVICES_DIR/redis"; fi
  fi

  services_as_user postgres "$SERVICES_PG_BIN/initdb" --pgdata="$SERVICES_DIR/pg/data" \
    --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  services_as_user postgres "$SERVICES_PG_BIN/pg_ctl" start --wait --silent \
    --pgdata="$SERVICES_DIR/pg/data" --log="$SERVICES_DIR/pg/server.log" \
    --options="-c listen_addresses=127.0.0.1 -p $pg_port -k $SERVICES_DIR/pg -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  services_as_user postgres "$SERVICES_PG_BIN/createdb" --host=127.0.0.1 --port="$pg_port" \
    --username=postgres vawg_test

  services_as_user redis redis-server --bind 127.0.0.1 --port "$redis_port" \
    --dir "$SERVICES_DIR/redis" --save "" --appendonly no --daemonize yes \
    --pidfile "$SERVICES_DIR/redis/redis.pid" --logfile "$SERVICES_DIR/redis/redis.log"
  local tries=0
  until redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; do
    ((++tries > 50)) && { echo "redis did not start" >&2; return 1; }
    sleep 0.1
  done

  export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$pg_port/vawg_test"
  export TEST_REDIS_URL="redis://127.0.0.1:$redis_port/0"
  echo "services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

services_stop() {
  [[ -n $SERVICES_DIR && -d $SERVICES_DIR ]] || return 0
  if [[ -f $SERVICES_DIR/pg/data/postmaster.pid ]]; then
    services_as_user postgres "$SERVICES_PG_BIN/pg_ctl" stop --wait --silent \
      --pgdata="$SERVICES_DIR/pg/data" --mode=fast || true
  fi
  if [[ -f $SERVICES_DIR/redis/redis.pid ]]; then
    kill "$(cat "$SERVICES_DIR/redis/redis.pid")" 2>/dev/null || true
    local tries=0
    while [[ -f $SERVICES_DIR/redis/redis.pid ]] && ((tries++ < 50)); do sleep 0.1; done
  fi
  rm -rf "$SERVICES_DIR"
  SERVICES_DIR=""
}
