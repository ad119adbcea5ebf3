#!/usr/bin/env bash
# Builds the browser page's WASM modules into web/pkg (and the Node flavour of the
# core module into target/npm/tsunagu-core, packed as an npm tarball), and copies
# the fonts beside the page. Installs what it needs: the wasm32 target and
# wasm-bindgen-cli at exactly the version in Cargo.lock.
#   bash web/build.sh            then   node web/serve.mjs   (http://localhost:8080)
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  cargo install --quiet wasm-bindgen-cli --version "$version"
fi

# One size-optimised build of both modules (profile.wasm in Cargo.toml).
cargo build --target wasm32-unknown-unknown --profile wasm -p tsunagu-wasm -p tsunagu-wasm-render
out=target/wasm32-unknown-unknown/wasm
rm -rf web/pkg target/npm/tsunagu-core
wasm-bindgen --target web --no-typescript --out-dir web/pkg "$out/tsunagu_wasm.wasm"
wasm-bindgen --target web --no-typescript --out-dir web/pkg "$out/tsunagu_wasm_render.wasm"
wasm-bindgen --target nodejs --out-dir target/npm/tsunagu-core "$out/tsunagu_wasm.wasm"
wasm-bindgen --target nodejs --out-dir target/npm/tsunagu-render "$out/tsunagu_wasm_render.wasm"

rm -rf web/fonts && mkdir -p web/fonts/gothic web/fonts/fallback
cp crates/render/fonts/{TsunaguGothic-Regular,TsunaguGothic-Bold,TsunaguTitleMincho-Regular}.ttf crates/render/fonts/OFL.txt web/fonts/
cp crates/render/fonts/gothic/*.ttf web/fonts/gothic/
cp crates/render/fonts/fallback/*.ttf crates/render/fonts/fallback/IPA_Font_License.txt web/fonts/fallback/
# The pieces the service worker warms in the background: BIZ UDGothic's first, then the fallback.
(cd web/fonts && ls gothic/*.ttf && ls fallback/*.ttf) | node -e '
  const names = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
  process.stdout.write(JSON.stringify(names) + "\n");' > web/fonts/pieces.json

# The service worker, with a new cache name whenever the page or modules change,
# so an installed page updates.
stamp=$(cat web/pkg/*.wasm web/pkg/*.js web/app.js web/form.js web/sw.src.js web/index.html web/style.css | sha256sum | cut -c1-12)
sed "s/const CACHE = \"tsunagu-dev\"/const CACHE = \"tsunagu-$stamp\"/" web/sw.src.js > web/sw.js

# Precompressed copies beside each file (brotli and gzip, at their best settings) for
# serve.mjs and for any static host that serves file.br / file.gz with Content-Encoding.
node web/compress.mjs web

# The core module as an npm package for partner systems (validate, score, schema, sample).
node -e '
  const fs = require("fs");
  const cargo = fs.readFileSync("Cargo.toml", "utf8");
  const version = /^version = "([^"]+)"/m.exec(cargo)[1];
  fs.writeFileSync("target/npm/tsunagu-core/package.json", JSON.stringify({
    name: "@tsunagu/core", version, description: "tsunagu: validate, score and sample the shared documents for children who need daily medical care (WASM, same diagnostics as the CLI)",
    license: "Apache-2.0 OR MIT", repository: "https://github.com/tsunagu-jp/tsunagu",
    main: "tsunagu_wasm.js", types: "tsunagu_wasm.d.ts",
    files: ["tsunagu_wasm.js", "tsunagu_wasm_bg.wasm", "tsunagu_wasm.d.ts", "tsunagu_wasm_bg.wasm.d.ts"],
  }, null, 2) + "\n");
'
(cd target/npm/tsunagu-core && npm pack --silent --pack-destination ..) >/dev/null
ls -l web/pkg/*.wasm target/npm/*.tgz
for f in web/pkg/*.wasm; do printf '%s gzip: %s bytes\n' "$f" "$(gzip -9 -c "$f" | wc -c)"; done
