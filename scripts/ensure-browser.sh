#!/usr/bin/env bash
# pretest: the browser tests need Debian's chromium and a CJK font, the certificate test poppler's pdftotext;
# install them when missing (never download a browser).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy' || need+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
echo "pretest: installing ${need[*]} (browser and certificate tests)"
if [ "$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else
  echo "pretest: need root (or sudo) to install ${need[*]}: apt-get install -y ${need[*]}" >&2; exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
