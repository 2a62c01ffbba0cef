#!/usr/bin/env bash
# System packages the test suite needs, installed only when missing (CI runs as root on Debian).
# - chromium: the review UI's end-to-end test drives it through playwright-core.
# - postgresql: the PostgreSQL store and worker tests start a throw-away cluster (testkit/pg.ts).
# - tesseract-ocr: the native OCR engine's tests (test/ocr/native-tesseract.e2e.test.ts); tonghop
#   brings its own Vietnamese model, so no language package is needed.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${need[*]}" >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
      || echo "warning: could not install ${need[*]}; tests that need them will fail" >&2
  else
    echo "warning: missing ${need[*]} and cannot apt-get install them" >&2
  fi
fi
exit 0
