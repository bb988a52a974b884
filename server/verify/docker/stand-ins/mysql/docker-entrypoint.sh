#!/usr/bin/env bash
# Entrypoint of Launchpad's MySQL stand-in (MariaDB 10.11), written from the official mysql image's
# documented contract: one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD;
# MYSQL_DATABASE, MYSQL_USER and MYSQL_PASSWORD (the user gets every right on that database);
# MYSQL_ROOT_HOST (default %); each also as <NAME>_FILE; and the files in /docker-entrypoint-initdb.d,
# run once when the data folder is new.
set -Eeuo pipefail

file_env() {
  local name=$1 default=${2:-} file_name="${1}_FILE" value
  if [ -n "${!name:-}" ] && [ -n "${!file_name:-}" ]; then
    echo "error: both $name and $file_name are set (but are exclusive)" >&2
    exit 1
  fi
  value=$default
  if [ -n "${!name:-}" ]; then
    value=${!name}
  elif [ -n "${!file_name:-}" ]; then
    value=$(<"${!file_name}")
  fi
  export "$name"="$value"
  unset "$file_name"
}

if [ "${1:0:1}" = '-' ]; then
  set -- mysqld "$@"
fi
# The official image's server is mysqld; here it is MariaDB's.
if [ "$1" = mysqld ]; then
  shift
  set -- mariadbd --user=mysql "$@"
fi

socket=/run/mysqld/mysqld.sock

# Quotes a value as an SQL string literal.
sql_string() {
  local value=${1//\\/\\\\}
  printf "'%s'" "${value//\'/\'\'}"
}

run_init_files() {
  local file
  shopt -s nullglob
  for file in /docker-entrypoint-initdb.d/*; do
    case "$file" in
      *.sh)
        # shellcheck source=/dev/null # an init script of the user's, sourced as the official image does
        if [ -x "$file" ]; then "$file"; else . "$file"; fi
        ;;
      *.sql) mariadb_init "${MYSQL_DATABASE:-}" <"$file" ;;
      *.sql.gz) gunzip -c "$file" | mariadb_init "${MYSQL_DATABASE:-}" ;;
      *) echo "$0: ignoring $file" ;;
    esac
  done
}

mariadb_init() {
  mariadb --protocol=socket --socket="$socket" -uroot ${1:+"--database=$1"}
}

if [ "$1" = mariadbd ] && [ ! -d /var/lib/mysql/mysql ]; then
  file_env MYSQL_ROOT_PASSWORD
  file_env MYSQL_ROOT_HOST %
  file_env MYSQL_DATABASE
  file_env MYSQL_USER
  file_env MYSQL_PASSWORD
  if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    echo "error: the database is uninitialized and no password option is specified" >&2
    echo "       (set one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD)" >&2
    exit 1
  fi
  if [ "$MYSQL_USER" = root ]; then
    echo "error: MYSQL_USER=root: use MYSQL_ROOT_PASSWORD for the root user" >&2
    exit 1
  fi
  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64)
    echo "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi

  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db \
    --auth-root-authentication-method=normal >/dev/null
  # A server on the socket only while the users are made and the init files run.
  mariadbd --user=mysql --skip-networking --socket="$socket" &
  server=$!
  for _ in $(seq 1 60); do
    mariadb-admin --socket="$socket" -uroot ping --silent >/dev/null 2>&1 && break
    sleep 1
  done
  mariadb-admin --socket="$socket" -uroot ping --silent >/dev/null

  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    echo "DELETE FROM mysql.global_priv WHERE User='' OR (User='root' AND Host NOT IN ('localhost'));"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $(sql_string "$MYSQL_ROOT_PASSWORD");"
    if [ "$MYSQL_ROOT_HOST" != localhost ]; then
      echo "CREATE USER 'root'@$(sql_string "$MYSQL_ROOT_HOST") IDENTIFIED BY $(sql_string "$MYSQL_ROOT_PASSWORD");"
      echo "GRANT ALL ON *.* TO 'root'@$(sql_string "$MYSQL_ROOT_HOST") WITH GRANT OPTION;"
    fi
    if [ -n "$MYSQL_DATABASE" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE//\`/\`\`}\`;"
    fi
    if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
      echo "CREATE USER $(sql_string "$MYSQL_USER")@'%' IDENTIFIED BY $(sql_string "$MYSQL_PASSWORD");"
      if [ -n "$MYSQL_DATABASE" ]; then
        echo "GRANT ALL ON \`${MYSQL_DATABASE//\`/\`\`}\`.* TO $(sql_string "$MYSQL_USER")@'%';"
      fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | mariadb_init ""

  # From here on root has its password: the init files run as root over the socket with it.
  printf '[client]\npassword=%s\n' "$MYSQL_ROOT_PASSWORD" >/tmp/root.cnf
  mariadb_init() {
    mariadb --defaults-extra-file=/tmp/root.cnf --protocol=socket --socket="$socket" -uroot ${1:+"--database=$1"}
  }
  run_init_files
  mariadb-admin --defaults-extra-file=/tmp/root.cnf --socket="$socket" -uroot shutdown
  rm -f /tmp/root.cnf
  wait "$server" || true
  echo "MySQL stand-in (MariaDB) init process complete; ready for start up."
fi

exec "$@"
