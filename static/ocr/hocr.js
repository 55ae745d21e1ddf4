// Tesseract's hOCR (tesseract-wasm's richest output) read into the rows of its TSV output, the
// words the scan module reads (imr_scan::parse_tsv). Imported by the recogniser worker
// (imr-ocr-engine.js) and by the engine benchmark (tools/bench-ocr).

/** hOCR (tesseract-wasm's richest output) to Tesseract's TSV word rows. */
export function hocrToTsv(hocr) {
  const rows = [];
  let block = 0, par = 0, line = 0, word = 0;
  const re = /<(div|p|span)\s+class=['"](ocr_carea|ocr_par|ocr_line|ocr_header|ocr_textfloat|ocr_caption|ocrx_word)['"][^>]*title=['"]([^'"]*)['"][^>]*>/g;
  let m;
  while ((m = re.exec(hocr))) {
    const [, , cls, title] = m;
    if (cls === "ocr_carea") { block++; par = 0; }
    else if (cls === "ocr_par") { par++; line = 0; }
    else if (cls !== "ocrx_word") { line++; word = 0; }
    else {
      word++;
      const end = hocr.indexOf("</span>", re.lastIndex);
      let inner = hocr.slice(re.lastIndex, end).replace(/<[^>]+>/g, "");
      inner = inner.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&amp;/g, "&");
      const b = /bbox (\d+) (\d+) (\d+) (\d+)/.exec(title);
      const c = /x_wconf (\d+)/.exec(title);
      if (!b) continue;
      const [x0, y0, x1, y1] = b.slice(1).map(Number);
      rows.push([5, 1, block, par, line, word, x0, y0, x1 - x0, y1 - y0, c ? c[1] : 0, inner].join("\t"));
    }
  }
  return "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" + rows.join("\n") + "\n";
}
