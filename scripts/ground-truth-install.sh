#!/usr/bin/env bash
# Installs what scripts/ground-truth.sh renders with, into target/ground-truth/
# (nothing outside the checkout but Debian packages):
# - the JSON Resume themes and playwright-core (npm, pinned by
#   scripts/ground-truth/package-lock.json) in target/ground-truth/node/;
# - RenderCV 2.8 (PyPI) in a venv target/ground-truth/venv/, on a Python of
#   at least 3.12 (RenderCV 2.8 needs it): $GT_PYTHON, python3.13/3.12 on the
#   PATH, or one under ~/.pyenv/versions;
# - Debian's chromium (headless printing) and poppler-utils (pdftotext).
# Each step is skipped when its result is already there.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GT=$ROOT/target/ground-truth
mkdir -p "$GT"

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "ground-truth-install: apt-get install ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ ! -f "$GT/node/.installed" ] || ! cmp -s "$ROOT/scripts/ground-truth/package-lock.json" "$GT/node/package-lock.json"; then
  echo "ground-truth-install: npm ci (themes, playwright-core)" >&2
  mkdir -p "$GT/node"
  cp "$ROOT/scripts/ground-truth/package.json" "$ROOT/scripts/ground-truth/package-lock.json" "$GT/node/"
  (cd "$GT/node" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$GT/node/.installed"
fi

if [ ! -x "$GT/venv/bin/rendercv" ]; then
  PY=${GT_PYTHON:-}
  if [ -z "$PY" ]; then
    for c in python3.13 python3.12 "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3; do
      # Run it: a pyenv shim answers `command -v` for a version it won't run.
      if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then PY=$c; break; fi
    done
  fi
  [ -n "$PY" ] || { echo "ground-truth-install: RenderCV 2.8 needs Python >= 3.12; none found (set GT_PYTHON)" >&2; exit 2; }
  echo "ground-truth-install: RenderCV 2.8 into a venv ($("$PY" --version))" >&2
  "$PY" -m venv "$GT/venv"
  "$GT/venv/bin/pip" install -q --disable-pip-version-check "rendercv[full]==2.8"
fi
echo "ground-truth-install: ready in $GT" >&2
