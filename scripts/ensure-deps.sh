#!/usr/bin/env bash
# Installs what sfdbg needs from Debian when it is missing: ncursesw headers (libncursesw5-dev),
# pkg-config and tmux (end-to-end tests). Swift itself must already be on PATH.
set -euo pipefail
missing=()
pkg-config --exists ncursesw 2>/dev/null || missing+=(libncursesw5-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# Local Lambda functions (issue 15) run Node.js handlers with node.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if ((${#missing[@]})); then
  echo "sfdbg: installing missing packages: ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [ -x "$d/swift" ] && export PATH="$d:$PATH"
  done
fi
command -v swift >/dev/null 2>&1 || { echo "sfdbg: Swift 6 toolchain not found on PATH" >&2; exit 1; }
# The real API clients of scripts/api-tests.sh (issue 14): the aws CLI and boto3, from PyPI.
python_missing=()
command -v aws >/dev/null 2>&1 || python_missing+=(awscli)
python3 -c 'import boto3' 2>/dev/null || python_missing+=(boto3)
if ((${#python_missing[@]})); then
  echo "sfdbg: installing missing Python packages: ${python_missing[*]}" >&2
  python3 -m pip install -q "${python_missing[@]}"
fi
