#!/usr/bin/env bash
# Checks a generated shell script: bash must parse it, and shellcheck (when installed) must find
# nothing. Usage: check-shell-script.sh [--syntax-only] <file>. --syntax-only skips shellcheck (the
# engine passes it for content that already passed shellcheck). Exits non-zero on a finding.
# SHELLCHECK names the shellcheck program to use (default: shellcheck on PATH).
set -euo pipefail

shellcheck_bin=${SHELLCHECK:-shellcheck}

syntax_only=false
if [ "${1:-}" = "--syntax-only" ]; then
  syntax_only=true
  shift
fi
file=${1:?usage: check-shell-script.sh [--syntax-only] <file>}
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }

bash -n "$file"
echo "bash -n: ok"

if [ "$syntax_only" = true ]; then
  echo "shellcheck: this content already passed"
elif command -v "$shellcheck_bin" >/dev/null 2>&1; then
  "$shellcheck_bin" --shell=bash --severity=style "$file"
  echo "shellcheck: ok"
else
  echo "shellcheck: not installed, skipped"
fi
