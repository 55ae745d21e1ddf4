#!/usr/bin/env python3
"""Writes the single-file edition, dist/imr-reader.html, from the release build in dist/.

One self-contained HTML file that opens from disk (file://) with no server and no network:
- the page's wasm and the worker's wasm, gzipped and written as text 7 bits a character in data
  blocks (<script type="application/octet-stream">, never run), unpacked by the boot script and
  DecompressionStream;
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


# Bytes as text in a data block, 7 bits a character: a character below 128 is one 7-bit group
# (one byte of UTF-8); a group the HTML parser would change or that could close the block (NUL,
# CR, '<') is written with the group after it as one character U+0100..U+027F (two bytes of
# UTF-8). About 8/7 of the bytes on disk, where base64 takes 4/3.
ESCAPED = (0x00, 0x0D, 0x3C)


def to_text7(data):
    padded = data + bytes(-len(data) % 7)
    groups = []
    for i in range(0, len(padded), 7):
        n = int.from_bytes(padded[i:i + 7], "big")
        groups.extend((n >> (7 * k)) & 0x7F for k in range(7, -1, -1))
    out, i = [], 0
    while i < len(groups):
        g = groups[i]
        if g in ESCAPED:
            nxt = groups[i + 1] if i + 1 < len(groups) else 0
            out.append(chr(0x100 + (ESCAPED.index(g) << 7) + nxt))
            i += 2
        else:
            out.append(chr(g))
            i += 1
    return "".join(out)


def from_text7(text, length):
    """The decoder of the boot script, in Python: checks every build's encoding."""
    out, acc, bits = bytearray(), 0, 0
    for c in map(ord, text):
        for g in ((c,) if c < 128 else (ESCAPED[(c - 0x100) >> 7], (c - 0x100) & 0x7F)):
            acc, bits = (acc << 7) | g, bits + 7
            if bits >= 8:
                bits -= 8
                out.append((acc >> bits) & 0xFF)
                acc &= (1 << bits) - 1
    return bytes(out[:length])


def packed(path):
    """gzip (level 9, no name or time: reproducible), as 7-bit text; and its length in bytes."""
    gz = gzip.compress(read(path, "rb"), compresslevel=9, mtime=0)
    text = to_text7(gz)
    if from_text7(text, len(gz)) != gz:
        sys.exit("single_file: the 7-bit text does not decode to its bytes")
    return text, len(gz)


def safe_in_script(text, what):
    if re.search(r"</script|<!--", text, flags=re.I):
        sys.exit(f"single_file: {what} contains '</script' or '<!--'")
    return text


page_js = read(one("imr-web-*.js"))
if re.search(r"^\s*import\b", page_js, flags=re.M):
    sys.exit("single_file: the page's glue imports a file (an inline_js snippet?): it cannot be inlined")
# The page's plain scripts (static/imr-drop.js: a global function the wasm calls), first.
page_js = read(one("imr-drop-*.js")) + "\n" + page_js
if not re.search(r"__wbg_init as default|export default __wbg_init", page_js):
    sys.exit("single_file: the page's glue does not export __wbg_init")
page_wasm, page_wasm_len = packed(one("imr-web-*_bg.wasm"))
worker_js = read(os.path.join(dist, "imr-worker.js"))
worker_wasm, worker_wasm_len = packed(os.path.join(dist, "imr-worker_bg.wasm"))
css = read(one("app-*.css"))
if re.search(r"</style", css, flags=re.I):
    sys.exit("single_file: the styles contain '</style'")

# The worker: its glue, then it waits for the compiled module (the first message) to start.
worker_js += """
self.onmessage = (e) => { self.onmessage = null; wasm_bindgen({ module_or_path: e.data }); };
"""

BOOT = """
// Single-file edition: unpack the two wasm binaries from this page's data blocks (gzip, written
// 7 bits a character: see scripts/single_file.py).
const unpack = (id) => {
  const block = document.getElementById(id), text = block.textContent;
  const out = new Uint8Array(Number(block.dataset.length)), escaped = [0x00, 0x0d, 0x3c];
  let acc = 0, bits = 0, n = 0;
  const put = (g) => {
    acc = (acc << 7) | g;
    bits += 7;
    if (bits >= 8) {
      bits -= 8;
      if (n < out.length) out[n++] = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) put(c);
    else { put(escaped[(c - 0x100) >> 7]); put((c - 0x100) & 0x7f); }
  }
  return new Response(new Blob([out]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
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
<script type="application/octet-stream" id="imr-page-wasm" data-length="{page_wasm_len}">{page_wasm}</script>
<script type="application/octet-stream" id="imr-worker-wasm" data-length="{worker_wasm_len}">{worker_wasm}</script>
<script type="text/plain" id="imr-worker-js">{worker_js}</script>
<script type="module">{module}</script>
</body>
</html>
"""
with open(OUT, "w", encoding="utf-8") as f:
    f.write(html)
size = len(html.encode("utf-8"))
parts = [
    (f"page wasm ({page_wasm_len:,} gzipped, as 7-bit text)", len(page_wasm.encode())),
    (f"worker wasm ({worker_wasm_len:,} gzipped, as 7-bit text)", len(worker_wasm.encode())),
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
