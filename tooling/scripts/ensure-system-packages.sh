#!/usr/bin/env bash
# Installs the system packages Switchboard needs when they are missing, with apt-get (as root, or
# through passwordless sudo). Usage: ensure-system-packages.sh nats-server [chromium] [dovecot-imapd]
# Elsewhere it prints the install command and fails, so nobody is left guessing.
set -euo pipefail

missing=()
for pkg in "$@"; do
  case "$pkg" in
    nats-server) command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || missing+=(nats-server) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    dovecot-imapd) [ -x /usr/sbin/dovecot ] && [ -e /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd) ;;
    *) echo "ensure-system-packages: unknown package $pkg" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo"; else
      echo "Switchboard needs: ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "Switchboard needs: ${missing[*]}. Install them with your package manager (macOS: brew install nats-server; chromium only for the browser tests; dovecot only for the email channel's IMAP tests)." >&2
exit 1
