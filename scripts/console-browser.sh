#!/usr/bin/env bash
# What the console's browser specs need besides .NET: Debian's chromium (driven by Playwright, never downloaded by it)
# and npm's oidc-provider for the OpenID Connect sign-in spec (installed from its lock file).
#   source scripts/console-browser.sh && console_browser_prepare

console_browser_prepare() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "chromium not found: installing Debian's chromium with apt-get" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "need root (or an installed /usr/bin/chromium) to continue" >&2; return 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
  fi
  local oidc=tests/FleetKeys.Console.Tests/oidc
  if [ ! -d "$oidc/node_modules/oidc-provider" ]; then
    command -v npm >/dev/null || { echo "npm is needed for the OpenID Connect spec's provider" >&2; return 1; }
    (cd "$oidc" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || return 1
  fi
}
