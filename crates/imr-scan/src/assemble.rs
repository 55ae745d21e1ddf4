//! Recognised words back into the text the letter parser reads, and the `ocr` block of the
//! Letter JSON: each word's byte range in that text and its box on the page.
//!
//! The text is laid out as the PDF reader lays out a text layer: words of a line joined by one
//! space, lines by `\n`, a blank line between paragraphs; a page break is a paragraph break
//! too (a blank line), since a page's last line never runs on into the next page's first.

use crate::words::{BBox, LineKey, PageWords, Word};

/// One page to assemble: text from a PDF's text layer, or the words an engine recognised.
#[derive(Debug, Clone, Copy)]
pub enum PageInput<'a> {
    /// A text-layer page, as the PDF reader gave it.
    Text(&'a str),
    /// A page read by OCR.
    Words(&'a PageWords),
}

/// The `ocr` block of a letter read (at least partly) by OCR. Sizes and boxes are those of the
/// page images the engine read (as [`crate::prepare`] made them: resampled and straightened), so
/// a shell that shows a value on its page shows that image.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OcrData {
    /// The engine, name and version (`"tesseract 5.3.0"`).
    pub engine: String,
    /// Number of pages read by OCR.
    pub pages: u32,
    /// Mean word confidence over those pages, 0-100 (null when no word was read).
    pub mean_confidence: Option<f32>,
    /// Resolution of the page sizes and boxes, in pixels per inch.
    pub dpi: u32,
    /// Width and height of each page of the document, in pixels at `dpi`; `[0, 0]` for a page
    /// read from its text layer.
    pub page_sizes: Vec<[u32; 2]>,
    /// Words of each page of the document: `[start, end, x, y, w, h]`, a byte range of the
    /// text and the word's box in pixels at `dpi` (empty for a text-layer page).
    pub words: Vec<Vec<[u32; 6]>>,
    /// Each word's confidence, 0-100, in the order of `words` (a word joined from two has the
    /// lower of theirs).
    #[cfg_attr(feature = "serde", serde(default))]
    pub confidences: Vec<Vec<u8>>,
}

/// The text and its `ocr` block.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled {
    /// The letter's text, for the parser.
    pub text: String,
    /// Where each recognised word is.
    pub ocr: OcrData,
    /// Pages (1-based) whose mean word confidence is below [`LOW_CONFIDENCE`].
    pub low_confidence_pages: Vec<usize>,
    /// Where each page starts in `text` (byte offsets, one per page).
    pub page_starts: Vec<usize>,
}

/// A page whose words have a mean confidence below this is reported.
pub const LOW_CONFIDENCE: f32 = 70.0;

/// How lines are grouped into paragraphs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// A blank line where the engine starts a new block or paragraph.
    pub engine_paragraphs: bool,
    /// A blank line where the gap above a line is more than this many times the page's
    /// median line height (0: never).
    pub gap_paragraphs: f32,
    /// A blank line between pages (else one line break, as the PDF reader joins text pages).
    pub page_paragraphs: bool,
    /// Joins a word of one capital letter to the next word when the next starts with a small
    /// letter and the gap between their boxes is under this many times the page's median gap
    /// between words (0: never). The engine splits words at a kerned capital ("M edicine",
    /// "A dditionally"); a real one-letter word ("A review") stands a whole word gap away.
    pub kern_join: f32,
    /// Leaves out a "word" whose box is at most this fraction of the page's median word height
    /// both ways (0: never): a speck of dust or toner the engine read as `-`, `.` or `|`. At
    /// the default no glyph of the letter's own type is that small, and it keeps specks from
    /// standing between a sentence and its full stop.
    pub speck_size: f32,
}

/// The measured default of [`Layout::kern_join`]: on the scan corpus, split capitals stood at
/// 0.47-0.64 of the page's median word gap (those that OCR split at all were not always
/// narrower: "A dditional" at 1.5 cannot be told from "A review" by its boxes, and stays
/// split), real one-letter words at 1.0 or more.
pub const KERN_JOIN: f32 = 0.75;

impl Default for Layout {
    fn default() -> Self {
        Layout {
            engine_paragraphs: true,
            gap_paragraphs: 0.0,
            page_paragraphs: true,
            kern_join: KERN_JOIN,
            speck_size: 0.25,
        }
    }
}

/// Assembles pages into the letter's text and the `ocr` block. `engine` names the engine.
pub fn assemble(pages: &[PageInput<'_>], engine: &str, layout: &Layout) -> Assembled {
    let dpi = pages
        .iter()
        .find_map(|p| match p {
            PageInput::Words(w) if w.dpi > 0 => Some(w.dpi),
            _ => None,
        })
        .unwrap_or(300);
    let mut text = String::new();
    let mut page_sizes = Vec::with_capacity(pages.len());
    let mut all_words = Vec::with_capacity(pages.len());
    let mut all_confidences = Vec::with_capacity(pages.len());
    let (mut sum, mut count, mut ocr_pages) = (0.0f64, 0usize, 0u32);
    let mut low = Vec::new();
    let mut page_starts = Vec::with_capacity(pages.len());
    for (n, page) in pages.iter().enumerate() {
        if n > 0 {
            text.push_str(if layout.page_paragraphs { "\n\n" } else { "\n" });
        }
        page_starts.push(text.len());
        match page {
            PageInput::Text(t) => {
                text.push_str(t);
                page_sizes.push([0, 0]);
                all_words.push(Vec::new());
                all_confidences.push(Vec::new());
            }
            PageInput::Words(p) => {
                ocr_pages += 1;
                let scale = if p.dpi > 0 {
                    dpi as f32 / p.dpi as f32
                } else {
                    1.0
                };
                let s = |v: u32| (v as f32 * scale).round() as u32;
                page_sizes.push([s(p.width), s(p.height)]);
                let words = without_specks(&p.words, layout.speck_size);
                let mut boxes = Vec::with_capacity(words.len());
                let mut confidences = Vec::with_capacity(words.len());
                write_page(&mut text, &words, layout, |start, end, b, c| {
                    boxes.push([start, end, s(b.x), s(b.y), s(b.w), s(b.h)]);
                    confidences.push(c.round().clamp(0.0, 100.0) as u8);
                });
                all_words.push(boxes);
                all_confidences.push(confidences);
                let page_sum: f64 = words.iter().map(|w| f64::from(w.confidence)).sum();
                if !words.is_empty() && (page_sum / words.len() as f64) < f64::from(LOW_CONFIDENCE)
                {
                    low.push(n + 1);
                }
                sum += page_sum;
                count += words.len();
            }
        }
    }
    Assembled {
        text,
        ocr: OcrData {
            engine: engine.to_owned(),
            pages: ocr_pages,
            mean_confidence: (count > 0)
                .then(|| ((sum / count as f64) * 10.0).round() as f32 / 10.0),
            dpi,
            page_sizes,
            words: all_words,
            confidences: all_confidences,
        },
        low_confidence_pages: low,
        page_starts,
    }
}

/// Writes one page's words: lines by `\n`, paragraphs by a blank line, words split at a
/// kerned capital joined again. `placed` gets each word's byte range in `text` and its box.
fn write_page(
    text: &mut String,
    words: &[Word],
    layout: &Layout,
    mut placed: impl FnMut(u32, u32, BBox, f32),
) {
    let lines = lines(words);
    let median_height = median_line_height(&lines);
    let join_below = layout.kern_join * median_word_gap(&lines) as f32;
    let mut prev: Option<(&LineKey, u32)> = None;
    for line in &lines {
        let first = &line[0];
        let top = line.iter().map(|w| w.bbox.y).min().unwrap_or(0);
        let bottom = line.iter().map(|w| w.bbox.bottom()).max().unwrap_or(0);
        if let Some((key, prev_bottom)) = prev {
            let new_paragraph = (layout.engine_paragraphs
                && (key.block != first.key.block || key.paragraph != first.key.paragraph))
                || (layout.gap_paragraphs > 0.0
                    && median_height > 0
                    && top.saturating_sub(prev_bottom) as f32
                        > layout.gap_paragraphs * median_height as f32);
            text.push_str(if new_paragraph { "\n\n" } else { "\n" });
        }
        let mut i = 0;
        while i < line.len() {
            if i > 0 {
                text.push(' ');
            }
            let start = text.len() as u32;
            let mut bbox = line[i].bbox;
            let mut confidence = line[i].confidence;
            text.push_str(&line[i].text);
            if i + 1 < line.len() && split_at_kerned_capital(&line[i], &line[i + 1], join_below) {
                i += 1;
                text.push_str(&line[i].text);
                bbox = union(bbox, line[i].bbox);
                confidence = confidence.min(line[i].confidence);
            }
            placed(start, text.len() as u32, bbox, confidence);
            i += 1;
        }
        prev = Some((&first.key, bottom));
    }
}

/// The page's words without specks: boxes at most `size` times the median word height both
/// ways.
fn without_specks(words: &[Word], size: f32) -> Vec<Word> {
    let mut heights: Vec<u32> = words.iter().map(|w| w.bbox.h).collect();
    heights.sort_unstable();
    let limit = heights
        .get(heights.len() / 2)
        .map_or(0.0, |&h| h as f32 * size);
    words
        .iter()
        .filter(|w| !(w.bbox.w as f32 <= limit && w.bbox.h as f32 <= limit))
        .cloned()
        .collect()
}

/// Whether `word` is a capital the engine split off the start of `next`: one capital letter,
/// `next` starting with a small letter, and a gap between their boxes under `join_below`.
fn split_at_kerned_capital(word: &Word, next: &Word, join_below: f32) -> bool {
    let mut chars = word.text.chars();
    let one_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    let gap = i64::from(next.bbox.x) - i64::from(word.bbox.x + word.bbox.w);
    one_capital
        && next.text.starts_with(char::is_lowercase)
        && gap >= 0
        && (gap as f32) < join_below
}

/// The box around two boxes.
fn union(a: BBox, b: BBox) -> BBox {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    let right = (a.x + a.w).max(b.x + b.w);
    BBox {
        x,
        y,
        w: right - x,
        h: a.bottom().max(b.bottom()) - y,
    }
}

/// The median gap between neighbouring words of a line, over the page (0 when no line has two
/// words).
fn median_word_gap(lines: &[&[Word]]) -> u32 {
    let mut gaps: Vec<u32> = lines
        .iter()
        .flat_map(|l| l.windows(2))
        .filter_map(|w| w[1].bbox.x.checked_sub(w[0].bbox.x + w[0].bbox.w))
        .filter(|&g| g > 0)
        .collect();
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied().unwrap_or(0)
}

/// The words grouped into lines, in order: a new line wherever the engine's line changes.
fn lines(words: &[Word]) -> Vec<&[Word]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        if i == words.len() || words[i].key != words[start].key {
            if i > start {
                out.push(&words[start..i]);
            }
            start = i;
        }
    }
    out
}

fn median_line_height(lines: &[&[Word]]) -> u32 {
    let mut heights: Vec<u32> = lines
        .iter()
        .map(|l| {
            let top = l.iter().map(|w| w.bbox.y).min().unwrap_or(0);
            let bottom = l.iter().map(|w| w.bbox.bottom()).max().unwrap_or(0);
            bottom.saturating_sub(top)
        })
        .collect();
    heights.sort_unstable();
    heights.get(heights.len() / 2).copied().unwrap_or(0)
}
