#!/usr/bin/env bash
# Proves the self-contained single-file build runs without the .NET SDK: publishes linux-x64 (as the README
# shows), starts it once on a temporary database with no dotnet on PATH, waits for /health and for MudBlazor's
# stylesheet (static web assets beside the single file), then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish src/Ledger.Web -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true \
  -p:DebugType=none -o "$work/app" -nologo -v quiet

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
# No SDK, no runtime: a PATH without dotnet, a DOTNET_ROOT that does not exist, started from another folder.
(cd "$work" && exec env -i PATH=/usr/bin:/bin HOME="$work" DOTNET_ROOT=/nonexistent \
  "$work/app/Ledger.Web" --db "$work/ledger.db" --urls "$url") > "$work/out.log" 2>&1 &
pid=$!

for _ in $(seq 1 120); do
  if curl -sf "$url/health" > /dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$work/out.log"; echo "publish smoke: the published app exited"; exit 1; fi
  sleep 0.5
done
curl -sf "$url/health" > /dev/null || { cat "$work/out.log"; echo "publish smoke: no answer on /health"; exit 1; }

css="$(curl -sf "$url/" | grep -o '_content/MudBlazor/MudBlazor[^"]*\.css' | head -1)"
[[ -n "$css" ]] || { echo "publish smoke: the page names no MudBlazor stylesheet"; exit 1; }
curl -sf -o /dev/null "$url/$css" || { echo "publish smoke: $css is not served"; exit 1; }
echo "publish smoke: the single-file linux-x64 build answered /health and served $css without the SDK"
