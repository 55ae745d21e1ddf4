// The files of a drop, folders walked (webkitGetAsEntry), as [path, File] pairs sorted by path.
// The entries are taken synchronously: the DataTransfer is emptied once the event is over.
// A classic script: it defines the global function the page's wasm calls
// (src/components/app.rs); scripts/single_file.py puts it in the single file's module script.
function imrFilesFromDrop(dt) {
  const entries = [];
  for (const item of dt.items ?? []) {
    const e = item.kind === "file" && item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
    if (e) entries.push(e);
  }
  const plain = Array.from(dt.files ?? []).map((f) => [f.name, f]);
  if (!entries.some((e) => e.isDirectory)) return Promise.resolve(plain);
  const out = [];
  const walk = async (e, dir) => {
    if (e.isFile) {
      out.push([dir + e.name, await new Promise((ok, ko) => e.file(ok, ko))]);
    } else if (e.isDirectory) {
      const reader = e.createReader();
      for (;;) {
        const batch = await new Promise((ok, ko) => reader.readEntries(ok, ko));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child, dir + e.name + "/");
      }
    }
  };
  return Promise.all(entries.map((e) => walk(e, "")))
    .then(() => out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
