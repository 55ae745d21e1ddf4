#!/usr/bin/env python3
"""Regenerates tests/corpus/forms/ from the 12 real letter PDFs (tests/corpus/real/pdf/): the
other ways a letter's text reaches the reader.

Texts, as other tools give them (tests/corpus/forms/<tool>/<name>.txt):
  pdftotext         poppler's `pdftotext -enc UTF-8` (pages end with a form feed)
  pdftotext-layout  the same with `-layout` (columns kept with spaces)
  pdfium            PDFium's text (pypdfium2 `get_text_range()`), pages joined as Chromium's
                    viewer joins a select-all copy: U+200B and U+FFFE (PDFium's markers)
                    dropped, pages joined with a line break, " \\r\\n" made "\\r\\n", then "\\r\\n"
                    made "\\n" (Chromium's GetSelectedText on Linux); the same, byte for byte, as
                    Chromium 156's viewer gives for a select-all (tools/check-chromium-copy.mjs)
PDFs, re-saved or printed to PDF (tests/corpus/forms/pdf/<tool>/<name>.pdf):
  qpdf              `qpdf IN OUT` (re-saved, still encrypted)
  qpdf-qdf          `qpdf --qdf --object-streams=disable --decrypt IN OUT` (decrypted, plain)
  gs                Ghostscript `-sDEVICE=pdfwrite` (fonts re-encoded and subset)
  pdftocairo        poppler's `pdftocairo -pdf` (cairo's own fonts)

Needs Debian's poppler-utils, qpdf and ghostscript, and `pip install pypdfium2`.
Usage: tools/make-forms.py   (from anywhere; writes into the repository)
"""
import pathlib
import subprocess
import sys

import pypdfium2 as pdfium

ROOT = pathlib.Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests/corpus/real/pdf"
OUT = ROOT / "tests/corpus/forms"


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout


def pdfium_copy(pdf):
    """The text of every page as Chromium's PDF viewer copies a select-all."""
    doc = pdfium.PdfDocument(str(pdf))
    pages = []
    for page in doc:
        text = page.get_textpage().get_text_range()
        pages.append(text.replace("\u200b", "").replace("\ufffe", ""))
    doc.close()
    text = "\n".join(pages).replace(" \r\n", "\r\n")
    return text.replace("\r\n", "\n")


TEXTS = {
    "pdftotext": lambda pdf: run("pdftotext", "-enc", "UTF-8", str(pdf), "-").decode(),
    "pdftotext-layout": lambda pdf: run(
        "pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"
    ).decode(),
    "pdfium": pdfium_copy,
}

PDF_TOOLS = {
    "qpdf": lambda i, o: run("qpdf", str(i), str(o)),
    "qpdf-qdf": lambda i, o: run(
        "qpdf", "--qdf", "--object-streams=disable", "--decrypt", str(i), str(o)
    ),
    "gs": lambda i, o: run(
        "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
        "-o", str(o), str(i),
    ),
    "pdftocairo": lambda i, o: run("pdftocairo", "-pdf", str(i), str(o)),
}


def main():
    pdfs = sorted(PDFS.glob("*.pdf"))
    if len(pdfs) != 12:
        sys.exit(f"expected the 12 real PDFs in {PDFS}, found {len(pdfs)}")
    for tool, extract in TEXTS.items():
        (OUT / tool).mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:
            (OUT / tool / f"{pdf.stem}.txt").write_text(extract(pdf), encoding="utf-8")
    for tool, convert in PDF_TOOLS.items():
        (OUT / "pdf" / tool).mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:
            convert(pdf, OUT / "pdf" / tool / f"{pdf.stem}.pdf")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(TEXTS)} text forms and {len(PDF_TOOLS)} PDF forms"
          f" of {len(pdfs)} letters")


if __name__ == "__main__":
    main()
