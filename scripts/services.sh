#!/usr/bin/env bash
# Starts the database services the test suites use (PostgreSQL, MariaDB, Redis) when they are installed but
# down. With --install on Debian/Ubuntu (as root) it first installs them from apt and creates a `tessera`
# login on both servers, then prints the URLs to export.
#
# Under CI=true a service that cannot be started fails the script. Elsewhere it only warns: the jest global
# setup then starts containers when a Docker engine runs, or fails with instructions.
set -uo pipefail

ci=${CI:-false}
failed=0

up() { # name, probe command...
  local name=$1; shift
  for _ in $(seq 1 30); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "services: $name did not come up" >&2
  return 1
}

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q >/dev/null 2>&1; }
maria_up() { mysqladmin -h 127.0.0.1 -P 3306 -u root --connect-timeout=2 status >/dev/null 2>&1 || mysqladmin --protocol=socket -u root status >/dev/null 2>&1; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if [ "${1:-}" = "--install" ]; then
  if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    echo "services: --install needs apt-get and root (sudo bash scripts/services.sh --install)" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql mariadb-server redis-server
fi

if command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_up || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  up PostgreSQL pg_up || failed=1
else
  echo "services: PostgreSQL is not installed (bash scripts/services.sh --install, or run Docker)" >&2
  failed=1
fi

if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
  maria_up || start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  up MariaDB maria_up || failed=1
else
  echo "services: MariaDB is not installed (bash scripts/services.sh --install, or run Docker)" >&2
  failed=1
fi

if command -v redis-server >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null
  redis_up || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  up Redis redis_up || failed=1
else
  echo "services: Redis is not installed (bash scripts/services.sh --install)" >&2
  failed=1
fi

if [ "${1:-}" = "--install" ] && [ $failed = 0 ]; then
  # A password login over TCP, since fresh Debian servers use peer/socket authentication for their admins.
  su postgres -c "psql -qc \"do \\\$\\\$ begin create role tessera login superuser password 'tessera'; exception when duplicate_object then null; end \\\$\\\$\"" || failed=1
  mysql -u root -e "create user if not exists 'tessera'@'%' identified by 'tessera'; grant all on *.* to 'tessera'@'%' with grant option;" || failed=1
  echo "export TESSERA_PG_URL=postgres://tessera:tessera@127.0.0.1:5432/postgres"
  echo "export TESSERA_MYSQL_URL=mysql://tessera:tessera@127.0.0.1:3306/mysql"
fi

if [ $failed != 0 ] && [ "$ci" = true ]; then
  echo "services: a database service is unavailable under CI=true: failing" >&2
  exit 1
fi
exit 0
