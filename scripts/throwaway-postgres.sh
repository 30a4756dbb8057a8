#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on a free loopback port for the test suite, and stops it again.
#   source scripts/throwaway-postgres.sh && pg_throwaway_start   # exports FLEETKEYS_TEST_POSTGRES
#   pg_throwaway_stop
# Installs Debian's postgresql when no server is found. The server refuses to run as root,
# so as root it runs as the unprivileged 'postgres' user (created if missing).

pg_throwaway_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  return 1
}

pg_throwaway_install() {
  echo "PostgreSQL not found: installing Debian's postgresql with apt-get" >&2
  if [ "$(id -u)" -ne 0 ]; then echo "need root (or an installed PostgreSQL) to continue" >&2; return 1; fi
  # Keep the package's own cluster from starting: we only want the binaries.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  rm -f /usr/sbin/policy-rc.d
}

pg_throwaway_free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

pg_throwaway_start() {
  local bindir port run
  bindir=$(pg_throwaway_bindir) || { pg_throwaway_install && bindir=$(pg_throwaway_bindir); } || return 1
  port=$(pg_throwaway_free_port) || { echo "no free loopback port for PostgreSQL" >&2; return 1; }
  PG_THROWAWAY_DIR=$(mktemp -d /tmp/fleetkeys-pg.XXXXXX)
  run=()
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_THROWAWAY_DIR"
    run=(runuser -u postgres --)
  fi
  PG_THROWAWAY_RUN=("${run[@]}")
  PG_THROWAWAY_BIN=$bindir
  "${run[@]}" "$bindir/initdb" -D "$PG_THROWAWAY_DIR/data" -U fleetkeys --auth=trust -E UTF8 >"$PG_THROWAWAY_DIR/initdb.log" 2>&1 \
    || { cat "$PG_THROWAWAY_DIR/initdb.log" >&2; return 1; }
  # Durability is irrelevant for a database that is deleted after the run; fsync off keeps the suite fast.
  "${run[@]}" "$bindir/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -l "$PG_THROWAWAY_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null || { cat "$PG_THROWAWAY_DIR/server.log" >&2; return 1; }
  export FLEETKEYS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=fleetkeys;Database=postgres"
  echo "throwaway PostgreSQL on 127.0.0.1:$port" >&2
}

pg_throwaway_stop() {
  [ -n "${PG_THROWAWAY_DIR:-}" ] || return 0
  if ! "${PG_THROWAWAY_RUN[@]}" "$PG_THROWAWAY_BIN/pg_ctl" -D "$PG_THROWAWAY_DIR/data" -m immediate -w stop >/dev/null 2>&1; then
    # A server pg_ctl could not stop must not outlive its folder: SIGQUIT is its own immediate shutdown, children included.
    local pid
    pid=$(head -n 1 "$PG_THROWAWAY_DIR/data/postmaster.pid" 2>/dev/null)
    [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null
  fi
  rm -rf "$PG_THROWAWAY_DIR"
  PG_THROWAWAY_DIR=
}
