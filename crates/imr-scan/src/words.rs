//! What an OCR engine gives back: words with their confidence and box, and Tesseract's TSV
//! output read into them (the native `tesseract` command and the wasm builds both write it).

/// A rectangle in page pixels: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BBox {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl BBox {
    /// Bottom edge (exclusive).
    pub fn bottom(&self) -> u32 {
        self.y + self.h
    }
}

/// Where a word sits in the engine's layout: its block, paragraph and line (numbers that
/// only need to change where the engine's block, paragraph or line changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LineKey {
    /// Block (a column or a text region).
    pub block: u32,
    /// Paragraph within the block; 0 when the engine does not tell paragraphs.
    pub paragraph: u32,
    /// Line within the paragraph.
    pub line: u32,
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word's text (no white space).
    pub text: String,
    /// The engine's confidence, 0-100.
    pub confidence: f32,
    /// Its box in the image the engine read.
    pub bbox: BBox,
    /// Its block, paragraph and line.
    pub key: LineKey,
}

/// The words recognised on one page image, in the engine's reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageWords {
    /// Width of the image the engine read, in pixels.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// Its resolution (the boxes are at this resolution).
    pub dpi: u32,
    /// The words.
    pub words: Vec<Word>,
}

/// The words of Tesseract's TSV output (`tesseract IMAGE - tsv`, `TessBaseAPI::GetTSVText`):
/// the rows of level 5 with text, in order. Rows that are not words are skipped; a malformed
/// row is skipped too.
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<i64>().ok();
        let (Some(block), Some(par), Some(line), Some(x), Some(y), Some(w), Some(h)) =
            (num(2), num(3), num(4), num(6), num(7), num(8), num(9))
        else {
            continue;
        };
        let text = cols[11..].join("\t");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let confidence = cols[10]
            .trim()
            .parse::<f32>()
            .unwrap_or(0.0)
            .clamp(0.0, 100.0);
        let u = |v: i64| u32::try_from(v.max(0)).unwrap_or(u32::MAX);
        words.push(Word {
            text: text.to_owned(),
            confidence,
            bbox: BBox {
                x: u(x),
                y: u(y),
                w: u(w),
                h: u(h),
            },
            key: LineKey {
                block: u(block),
                paragraph: u(par),
                line: u(line),
            },
        });
    }
    words
}
