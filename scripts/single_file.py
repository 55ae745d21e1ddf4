#!/usr/bin/env python3
"""Writes the single-file edition, dist/imr-reader.html, from the release build in dist/.

One self-contained HTML file that opens from disk (file://) with no server and no network:
- the page's wasm and the worker's wasm, gzipped and base64-encoded in data blocks
  (<script type="application/octet-stream">, never run), unpacked with DecompressionStream;
- the page's wasm-bindgen glue (its snippets inlined) and a short boot script, in one inline
  module script allowed by its hash;
- the worker's glue in a data block, started as a blob: worker; the page compiles the worker's
  wasm once and posts the module to each worker it starts (imrSpawnWorker, read by
  src/runner.rs, which also skips the service worker when it is defined);
- the styles in one inline <style> allowed by its hash.
Its Content-Security-Policy allows no connection at all (connect-src 'none').

Usage: scripts/single_file.py [dist]   (run by scripts/build-web.sh after Trunk)
"""
import base64, glob, gzip, hashlib, os, re, sys

LIMIT = 800_000  # bytes on disk
dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
OUT = os.path.join(dist, "imr-reader.html")


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


def one(pattern):
    found = sorted(glob.glob(os.path.join(dist, pattern)))
    if len(found) != 1:
        sys.exit(f"single_file: expected one {pattern} in {dist}, found {found}")
    return found[0]


def sha256(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def packed(path):
    """gzip (level 9, no name or time: reproducible) then base64."""
    return base64.b64encode(gzip.compress(read(path, "rb"), compresslevel=9, mtime=0)).decode()


def inline_snippets(glue):
    """Replaces the glue's `import * as NAME from "./snippets/…"` by the snippet's code, its
    exports gathered in an object NAME."""

    def inline(m):
        name, path = m.group(1), m.group(2)
        code = read(os.path.join(dist, path))
        exported = re.findall(r"^export\s+(?:async\s+)?function\s+(\w+)", code, flags=re.M)
        code = re.sub(r"^export\s+(?=(async\s+)?function)", "", code, flags=re.M)
        if re.search(r"^\s*(export|import)\b", code, flags=re.M):
            sys.exit(f"single_file: {path} has an import or export that cannot be inlined")
        return "const %s = (() => {\n%s\nreturn { %s };\n})();" % (name, code, ", ".join(exported))

    glue = re.sub(r"^import \* as (\w+) from ['\"]\./(snippets/[^'\"]+)['\"];?[ \t]*$", inline, glue, flags=re.M)
    if re.search(r"^import\b", glue, flags=re.M):
        sys.exit("single_file: the page's glue has an import that cannot be inlined")
    return glue


def safe_in_script(text, what):
    if re.search(r"</script|<!--", text, flags=re.I):
        sys.exit(f"single_file: {what} contains '</script' or '<!--'")
    return text


page_js = inline_snippets(read(one("imr-web-*.js")))
if not re.search(r"__wbg_init as default|export default __wbg_init", page_js):
    sys.exit("single_file: the page's glue does not export __wbg_init")
page_wasm = packed(one("imr-web-*_bg.wasm"))
worker_js = read(os.path.join(dist, "imr-worker.js"))
worker_wasm = packed(os.path.join(dist, "imr-worker_bg.wasm"))
css = read(one("app-*.css"))
if re.search(r"</style", css, flags=re.I):
    sys.exit("single_file: the styles contain '</style'")

# The worker: its glue, then it waits for the compiled module (the first message) to start.
worker_js += """
self.onmessage = (e) => { self.onmessage = null; wasm_bindgen({ module_or_path: e.data }); };
"""

BOOT = """
// Single-file edition: unpack the two wasm binaries from this page's data blocks.
const unpack = (id) => {
  const b64 = document.getElementById(id).textContent;
  const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
};
const workerModule = unpack("imr-worker-wasm").then((bytes) => WebAssembly.compile(bytes));
const workerUrl = URL.createObjectURL(
  new Blob([document.getElementById("imr-worker-js").textContent], { type: "text/javascript" }));
// Read by the page's runner: starts a parsing worker (and means: no service worker here).
globalThis.imrSpawnWorker = () => {
  const worker = new Worker(workerUrl);
  workerModule.then((module) => worker.postMessage(module));
  return worker;
};
await __wbg_init({ module_or_path: await unpack("imr-page-wasm") });
"""
module = safe_in_script(page_js + BOOT, "the page's script")
safe_in_script(worker_js, "the worker's script")

csp = "; ".join([
    "default-src 'none'",
    f"script-src {sha256(module)} 'wasm-unsafe-eval'",
    f"style-src {sha256(css)}",
    "connect-src 'none'",
    "worker-src blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
])

html = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="{csp}" />
<meta name="referrer" content="no-referrer" />
<title>IMR letter reader</title>
<style>{css}</style>
</head>
<body>
<noscript>This reader runs in your browser with WebAssembly; please enable JavaScript.</noscript>
<script type="application/octet-stream" id="imr-page-wasm">{page_wasm}</script>
<script type="application/octet-stream" id="imr-worker-wasm">{worker_wasm}</script>
<script type="text/plain" id="imr-worker-js">{worker_js}</script>
<script type="module">{module}</script>
</body>
</html>
"""
with open(OUT, "w", encoding="utf-8") as f:
    f.write(html)
size = len(html.encode("utf-8"))
parts = [
    ("page wasm (gzip, base64)", len(page_wasm)),
    ("worker wasm (gzip, base64)", len(worker_wasm)),
    ("page script (glue + boot)", len(module.encode())),
    ("worker script (glue)", len(worker_js.encode())),
    ("styles", len(css.encode())),
]
parts.append(("HTML, CSP", size - sum(n for _, n in parts)))
for name, n in parts:
    print(f"single_file: {n:>9,} bytes  {name}")
verdict = "within" if size <= LIMIT else "OVER"
print(f"single_file: {OUT}: {size:,} bytes, {verdict} the limit of {LIMIT:,}")
sys.exit(0 if size <= LIMIT else 1)
