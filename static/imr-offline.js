// "Make scans readable offline": the first screen's button (drawn by the page, never in the
// single-file edition) fetches the text recogniser's files through the OCR worker
// (ocr/imr-ocr-worker.js, {prefetch: true}); the service worker keeps them. Its progress and
// its end are written into #offline-status (data-state: fetching, done, failed). A plain script,
// so that the page's first-visit wasm does not carry it.
document.addEventListener("click", (event) => {
  const button = event.target.closest?.("#make-offline");
  const status = document.getElementById("offline-status");
  if (!button || !status || button.dataset.busy) return;
  const say = (state, text) => { status.dataset.state = state; status.textContent = text; };
  const mb = (bytes) => `${(Math.round(bytes / 100000) / 10).toFixed(1)} MB`;
  const failed = () => {
    delete button.dataset.busy;
    say("failed", "The text recogniser could not be fetched; try again when the page's server can be reached.");
  };
  let worker;
  try {
    worker = new Worker("./ocr/imr-ocr-worker.js", { type: "module" });
  } catch {
    return failed();
  }
  button.dataset.busy = "1";
  say("fetching", "Fetching the text recogniser for offline use…");
  worker.onmessage = ({ data }) => {
    if (data.stage === "loading") {
      const of = data.total ? ` of ${mb(data.total)}` : "";
      say("fetching", `Fetching the text recogniser for offline use: ${mb(data.loaded)}${of}…`);
    } else if (typeof data.reply === "string") {
      worker.terminate();
      if (!data.reply.includes('"prefetched":true')) return failed();
      delete button.dataset.busy;
      say("done", "Done: the text recogniser is kept in this browser, so scans are read offline too.");
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    worker.terminate();
    failed();
  };
  worker.postMessage({ id: 0, prefetch: true });
});
