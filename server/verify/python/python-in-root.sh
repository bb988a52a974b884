#!/bin/sh
# Runs python3 from the Debian root that root.ts builds (LAUNCHPAD_PYTHON_ROOT), or this machine's
# /usr/bin/python3 when no root is set. The root sees the temporary folder (where verify:stacks keeps
# the apps and their SQLite files) and the working folder at their own paths, so paths in the app's
# environment mean the same inside. The binds live in a private mount namespace and vanish with the
# process. Every step execs, so the caller's signals reach Python itself.
set -eu
root=${LAUNCHPAD_PYTHON_ROOT:-}
if [ -z "$root" ]; then
  exec /usr/bin/python3 "$@"
fi
# shellcheck disable=SC2016 # expanded by the inner shell
exec /usr/bin/unshare --mount --propagation private sh -c '
  set -eu
  root=$1 cwd=$2 tmp=$3
  shift 3
  mkdir -p "$root$tmp" "$root$cwd"
  mount --rbind "$tmp" "$root$tmp"
  case "$cwd" in / | "$tmp" | "$tmp"/*) ;; *) mount --rbind "$cwd" "$root$cwd" ;; esac
  mount --rbind /dev "$root/dev"
  mount -t proc proc "$root/proc"
  PATH=/usr/local/bin:/usr/bin:/bin exec /usr/sbin/chroot "$root" /bin/sh -c "cd \"\$0\" && exec /usr/bin/python3 \"\$@\"" "$cwd" "$@"
' sh "$root" "$PWD" "${TMPDIR:-/tmp}" "$@"
