#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, the same way on a laptop and in CI. Installs nothing: it
# uses the PostgreSQL binaries already on the machine (PostgreSQL 15 preferred).
#
#   scripts/test-postgres.sh start   # initdb in a temp folder, start on a free port, print the connection string
#   scripts/test-postgres.sh env     # print `export LEDGER_TEST_POSTGRES='...'` for the running server
#   scripts/test-postgres.sh stop    # shut it down and delete its folder
#
# Faults, for the tests that provoke them on a server of their own (its own LEDGER_TEST_POSTGRES_DIR):
#   scripts/test-postgres.sh restart-immediate   # pg_ctl restart -m immediate: a crash and recovery, same port
#   scripts/test-postgres.sh down                # pg_ctl stop -m immediate, keeping the folder
#   scripts/test-postgres.sh up                  # start it again after `down`, on the same port
#
#   export LEDGER_TEST_POSTGRES="$(scripts/test-postgres.sh start)"    (or: eval "$(scripts/test-postgres.sh env)")
#
# The server listens on 127.0.0.1 only, runs with synchronous_commit=on (every acknowledged commit is
# flushed, as in production), and has one role `ledger` (password `ledger`, CREATEDB: each test class
# creates its own database) and one database `ledger`. Its folder is $LEDGER_TEST_POSTGRES_DIR
# (default: ledger-test-postgres in the temp folder); start reuses a server that is already running there.
set -euo pipefail

state_dir="${LEDGER_TEST_POSTGRES_DIR:-${TMPDIR:-/tmp}/ledger-test-postgres}"
data_dir="$state_dir/data"
conn_file="$state_dir/connection-string"
log_file="$state_dir/postgres.log"
port_file="$state_dir/port"
role=ledger
password=ledger
database=ledger

say() { echo "test-postgres: $*" >&2; }

find_bin() {
  local candidate
  for candidate in "${LEDGER_POSTGRES_BIN:-}" /usr/lib/postgresql/15/bin; do
    if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
      echo "$candidate"
      return
    fi
  done
  # Any other installed major version, newest first.
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [[ -x "$candidate/initdb" ]]; then
      echo "$candidate"
      return
    fi
  done
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir
    return
  fi
  say "no PostgreSQL binaries found (looked in /usr/lib/postgresql/15/bin, /usr/lib/postgresql/*/bin, pg_config)."
  say "install them (Debian: apt-get install postgresql) or set LEDGER_POSTGRES_BIN to the folder holding initdb."
  exit 1
}

# PostgreSQL refuses to run as root: as root, run its programs as the postgres system user.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port attempt
  for attempt in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 40000 ))
    if port_is_free "$port"; then
      echo "$port"
      return
    fi
  done
  say "found no free TCP port on 127.0.0.1"
  exit 1
}

is_running() {
  [[ -f "$data_dir/postmaster.pid" && -f "$conn_file" ]] && as_server_user "$bin/pg_ctl" status -D "$data_dir" >/dev/null 2>&1
}

# Starts the server in $data_dir on port $1 (its log in $log_file) and waits until it accepts connections.
launch() {
  as_server_user "$bin/pg_ctl" start -w -t 60 -D "$data_dir" -l "$log_file" -o \
    "-c listen_addresses=127.0.0.1 -c port=$1 -c unix_socket_directories='$state_dir' -c synchronous_commit=on -c fsync=on -c max_connections=300" \
    >/dev/null
}

start() {
  if is_running; then
    say "already running ($data_dir)"
    cat "$conn_file"
    return
  fi

  rm -rf "$state_dir"
  mkdir -p "$state_dir"
  chmod 700 "$state_dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$state_dir"
  fi

  local pwfile="$state_dir/superuser-password"
  as_server_user bash -c "umask 077; printf '%s\n' postgres > '$pwfile'"
  as_server_user "$bin/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$state_dir/initdb.log" 2>&1 || { cat "$state_dir/initdb.log" >&2; exit 1; }

  local port attempt
  for attempt in 1 2 3; do
    port=$(free_port)
    if launch "$port"; then
      echo "$port" > "$port_file"
      break
    fi
    # Someone took the port between the check and the start: try another.
    port=""
  done
  if [[ -z "$port" ]]; then
    tail -n 20 "$log_file" >&2 || true
    say "PostgreSQL did not start"
    exit 1
  fi

  local psql=("$bin/psql" -h "$state_dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q)
  as_server_user "${psql[@]}" -c "CREATE ROLE $role LOGIN PASSWORD '$password' CREATEDB"
  as_server_user "${psql[@]}" -c "CREATE DATABASE $database OWNER $role"

  echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database" > "$conn_file"
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (folder $state_dir)"
  cat "$conn_file"
}

stop() {
  if [[ -f "$data_dir/postmaster.pid" ]]; then
    as_server_user "$bin/pg_ctl" stop -w -D "$data_dir" -m fast >/dev/null || true
    say "stopped"
  else
    say "not running"
  fi
  rm -rf "$state_dir"
}

require_running() {
  if ! is_running; then
    say "not running ($data_dir): scripts/test-postgres.sh start"
    exit 1
  fi
}

restart_immediate() {
  require_running
  # -l: the restarted server must not write to this script's output (a caller reading it would wait forever).
  as_server_user "$bin/pg_ctl" restart -w -t 60 -D "$data_dir" -m immediate -l "$log_file" >/dev/null
  say "restarted after an immediate shutdown (crash recovery), same port"
}

down() {
  require_running
  as_server_user "$bin/pg_ctl" stop -w -D "$data_dir" -m immediate >/dev/null
  say "down (immediate shutdown); 'up' starts it again"
}

up() {
  if is_running; then
    say "already running"
    return
  fi
  if [[ ! -f "$port_file" || ! -f "$conn_file" ]]; then
    say "nothing to bring up in $state_dir: scripts/test-postgres.sh start"
    exit 1
  fi
  launch "$(cat "$port_file")" || { tail -n 20 "$log_file" >&2 || true; say "PostgreSQL did not start"; exit 1; }
  say "up again on port $(cat "$port_file")"
}

env_line() {
  if ! is_running; then
    say "not running: scripts/test-postgres.sh start"
    exit 1
  fi
  echo "export LEDGER_TEST_POSTGRES='$(cat "$conn_file")'"
}

bin=$(find_bin)
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) env_line ;;
  restart-immediate) restart_immediate ;;
  down) down ;;
  up) up ;;
  *)
    echo "usage: $0 start|stop|env|restart-immediate|down|up" >&2
    exit 2
    ;;
esac
