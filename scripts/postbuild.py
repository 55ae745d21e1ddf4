#!/usr/bin/env python3
"""Trunk post_build hook (Trunk.toml): runs in the staging dir before it becomes dist/.

1. Puts the sha256 of every inline <script> of index.html in the CSP meta tag, in place of
   INLINE_SCRIPT_HASHES (Trunk 0.21 emits one inline module script that loads the app).
2. Writes the service worker's precache list (every file of the build) and a version.
"""
import base64, hashlib, json, os, re, sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()

scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in scripts
)
if "INLINE_SCRIPT_HASHES" not in html:
    sys.exit("postbuild: no INLINE_SCRIPT_HASHES placeholder in index.html")
html = html.replace("INLINE_SCRIPT_HASHES", hashes)
open(index, "w", encoding="utf-8").write(html)

files = []
digest = hashlib.sha256()
for root, _, names in os.walk(staging):
    for n in sorted(names):
        path = os.path.join(root, n)
        rel = os.path.relpath(path, staging).replace(os.sep, "/")
        if rel == "sw.js":
            continue
        files.append(rel)
        digest.update(rel.encode())
        digest.update(open(path, "rb").read())
files.sort()
precache = ["./"] + ["./" + f for f in files]
sw = os.path.join(staging, "sw.js")
text = open(sw, encoding="utf-8").read()
text = text.replace("__VERSION__", digest.hexdigest()[:16]).replace("__PRECACHE__", json.dumps(precache))
open(sw, "w", encoding="utf-8").write(text)
print("postbuild: %d inline script(s) hashed into the CSP; %d files precached" % (len(scripts), len(files)))
