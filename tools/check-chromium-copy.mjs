// Checks that tests/corpus/forms/pdfium/ holds what Chromium's own PDF viewer gives for a
// select-all: each real PDF is opened in Debian's Chromium (headless), the viewer selects all
// and returns the selected text (the text a copy puts on the clipboard), which is compared with
// the committed file. Uses the viewer's internal plugin controller (`pluginController_`, seen in
// Chromium 156): a later viewer may need another way in.
// Usage: node tools/check-chromium-copy.mjs   (after `cd tools && npm ci`)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pdfs = path.join(root, "tests/corpus/real/pdf");
const forms = path.join(root, "tests/corpus/forms/pdfium");

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "imr-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let differ = 0;
for (const name of fs.readdirSync(pdfs).filter((n) => n.endsWith(".pdf")).sort()) {
  const page = await context.newPage();
  await page.goto("file://" + path.join(pdfs, name));
  let viewer;
  for (let i = 0; i < 100 && !viewer; i++) {
    viewer = page.frames().find((f) => f.url().startsWith("chrome-extension://"));
    if (!viewer) await page.waitForTimeout(100);
  }
  await viewer.waitForFunction(() => document.querySelector("pdf-viewer")?.pluginController_);
  await page.waitForTimeout(2000); // the document loads after the viewer
  const reply = await viewer.evaluate(async () => {
    const plugin = document.querySelector("pdf-viewer").pluginController_;
    plugin.selectAll();
    await new Promise((r) => setTimeout(r, 500));
    return plugin.getSelectedText();
  });
  const copied = typeof reply === "string" ? reply : reply.selectedText;
  const committed = fs.readFileSync(path.join(forms, name.replace(/\.pdf$/, ".txt")), "utf8");
  const same = copied === committed;
  differ += same ? 0 : 1;
  console.log(`${same ? "same" : "DIFFERS"}  ${name}`);
  await page.close();
}
await context.close();
fs.rmSync(profile, { recursive: true, force: true });
process.exit(differ ? 1 : 0);
