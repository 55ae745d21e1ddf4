//! Cutting a prepared page into horizontal bands at blank rows, so that several engines can read
//! one page at once, and putting the bands' words back together as the page's.
//!
//! A cut only ever falls in a run of blank rows (no ink across the whole width, but for specks),
//! near the row that shares the page's ink evenly ([`cut`]): a band holds whole lines of text,
//! and the words of the bands, moved down by their band's top, are the page's words ([`stack`]).

use std::ops::Range;

use crate::raster::GrayImage;
use crate::words::{LineKey, PageWords, Word};

/// Samples darker than this are ink.
const INK: u8 = 128;
/// A row with at most this many ink samples per 1,000 of its width is blank (a fax's specks).
const SPECKS_PER_MILLE: usize = 2;
/// A cut needs a blank run at least this tall, in inches: more than the gap between two lines
/// of one paragraph is not required, only that no line is touched.
const MIN_GAP_INCHES: f32 = 0.03;
/// A blank run counts this much at most, in inches, when cuts are weighed: a gap between
/// paragraphs is preferred to one between lines a few lines nearer, not to a balanced cut.
const GAP_WEIGHT_CAP_INCHES: f32 = 0.25;
/// A band is never shorter than this, in inches (smaller pieces cost the engine more than
/// they save).
const MIN_BAND_INCHES: f32 = 1.5;

/// The rows of each band when `img` is cut into at most `parts` bands (fewer where no blank run
/// lies near an even cut, or the page is short). The bands cover every row, in order.
///
/// The engine's time goes with the text it reads, so the even cuts share the page's ink, not its
/// rows; each cut then goes through the blank run nearest its even cut, a taller one (a gap
/// between paragraphs rather than between two lines) preferred when only a few lines farther.
pub fn cut(img: &GrayImage, parts: usize) -> Vec<Range<u32>> {
    let height = img.height;
    let dpi = img.dpi.y.max(1.0);
    let parts = parts
        .max(1)
        .min((height as f32 / (MIN_BAND_INCHES * dpi)).floor().max(1.0) as usize);
    let whole = || std::iter::once(0..height).collect();
    if parts == 1 {
        return whole();
    }
    let ink = ink_rows(img);
    let allowed = img.width as usize * SPECKS_PER_MILLE / 1000;
    let total: u64 = ink.iter().map(|&n| n as u64).sum();
    if total == 0 {
        return whole();
    }
    let min_gap = (MIN_GAP_INCHES * dpi).ceil() as u32;
    let runs = blank_runs(&ink, allowed, min_gap);
    let reach = height / parts as u32 / 3;
    let cap = (GAP_WEIGHT_CAP_INCHES * dpi) as u32;
    let mut cuts: Vec<u32> = Vec::with_capacity(parts - 1);
    let mut sum = 0u64;
    let mut row = 0usize;
    for k in 1..parts as u64 {
        // The row by which k/parts of the ink lies above.
        while row < ink.len() && sum * (parts as u64) < total * k {
            sum += ink[row] as u64;
            row += 1;
        }
        let target = row as u32;
        let last = cuts.last().copied().unwrap_or(0);
        let best = runs
            .iter()
            .map(|r| {
                let at = target.clamp(r.start + min_gap / 2, r.end - min_gap.div_ceil(2));
                (r, at)
            })
            .filter(|&(_, at)| at > last && at < height && at.abs_diff(target) <= reach)
            .max_by_key(|&(r, at)| {
                2 * i64::from((r.end - r.start).min(cap)) - i64::from(at.abs_diff(target))
            });
        if let Some((_, at)) = best {
            cuts.push(at);
        }
    }
    let mut bands = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for c in cuts {
        bands.push(start..c);
        start = c;
    }
    bands.push(start..height);
    bands
}

/// Bands each page after the first is cut into.
pub const LATER_PAGE_BANDS: usize = 2;

/// How many bands to cut each of `pages` pages into: the first page (a letter's header, whose
/// layout the engine reads best whole) is read whole, every later page in
/// [`LATER_PAGE_BANDS`]. Two engines then finish a file together whatever its length (the
/// first page against the halves of the second), and the words never depend on how many
/// engines a machine runs.
pub fn plan(pages: usize) -> Vec<usize> {
    (0..pages)
        .map(|p| if p == 0 { 1 } else { LATER_PAGE_BANDS })
        .collect()
}

/// The ink samples of each row of `img`.
fn ink_rows(img: &GrayImage) -> Vec<u32> {
    (0..img.height)
        .map(|y| img.row(y).iter().filter(|&&p| p < INK).count() as u32)
        .collect()
}

/// The runs of blank rows (at most `allowed` ink samples) at least `min` tall, top to bottom.
fn blank_runs(ink: &[u32], allowed: usize, min: u32) -> Vec<Range<u32>> {
    let mut runs = Vec::new();
    let mut start = None;
    for (y, &n) in ink.iter().chain(std::iter::once(&u32::MAX)).enumerate() {
        let blank = n as usize <= allowed;
        match (blank, start) {
            (true, None) => start = Some(y as u32),
            (false, Some(s)) => {
                if y as u32 - s >= min {
                    runs.push(s..y as u32);
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// A page image prepared for the engine, and the rows of each band it is read in.
#[derive(Debug, Clone)]
pub struct CutPage {
    /// The whole page.
    pub image: GrayImage,
    /// Each band's rows, top to bottom, covering the page.
    pub rows: Vec<Range<u32>>,
}

impl CutPage {
    /// `image` cut into at most `parts` bands ([`cut`]).
    pub fn new(image: GrayImage, parts: usize) -> Self {
        let rows = cut(&image, parts);
        CutPage { image, rows }
    }

    /// Band `i` as an image of its own (the engine's boxes for it are in its pixels).
    pub fn band(&self, i: usize) -> GrayImage {
        band(&self.image, &self.rows[i])
    }

    /// The page's words from each band's words, in band order ([`stack`]).
    pub fn stack(&self, words: Vec<Vec<Word>>) -> PageWords {
        let dpi = self.image.dpi.x.min(self.image.dpi.y).round().max(1.0) as u32;
        let tops = self.rows.iter().map(|r| r.start);
        stack(
            self.image.width,
            self.image.height,
            dpi,
            tops.zip(words).collect(),
        )
    }
}

/// The rows `rows` of `img`, as an image of their own.
pub fn band(img: &GrayImage, rows: &Range<u32>) -> GrayImage {
    img.crop(0, rows.start, img.width, rows.end - rows.start)
}

/// The page's words from its bands' words (each band's words in the band's pixels, with its top
/// row): each band's boxes moved down by its top, its blocks numbered after the bands above it.
/// Where a band's first line stands less than a line's height below the last line above the cut,
/// the cut fell inside a paragraph: that first paragraph goes on as the one above it (so the text
/// gets no paragraph break the page does not have). `width`, `height` and `dpi` are the page's.
pub fn stack(width: u32, height: u32, dpi: u32, bands: Vec<(u32, Vec<Word>)>) -> PageWords {
    let mut words: Vec<Word> = Vec::with_capacity(bands.iter().map(|(_, b)| b.len()).sum());
    let mut blocks = 0;
    for (top, band) in bands {
        let Some(first) = band.first().map(|w| w.key) else {
            continue;
        };
        let first_top = band
            .iter()
            .take_while(|w| w.key == first)
            .map(|w| w.bbox.y + top)
            .min()
            .unwrap_or(top);
        // The last line above the cut: its key, its bottom and its height.
        let above = words.last().map(|last| {
            let line = words.iter().rev().take_while(|w| w.key == last.key);
            let (t, b) = line.fold((u32::MAX, 0), |(t, b), w| {
                (t.min(w.bbox.y), b.max(w.bbox.bottom()))
            });
            (last.key, b, b.saturating_sub(t))
        });
        let continues = above.and_then(|(key, bottom, line_height)| {
            (first_top.saturating_sub(bottom) < line_height).then_some(key)
        });
        let mut highest = blocks;
        for mut w in band {
            w.bbox.y += top;
            match continues {
                Some(prev) if w.key.block == first.block && w.key.paragraph == first.paragraph => {
                    w.key = LineKey {
                        block: prev.block,
                        paragraph: prev.paragraph,
                        line: prev.line + w.key.line,
                    };
                }
                _ => {
                    w.key.block += blocks;
                    highest = highest.max(w.key.block);
                }
            }
            words.push(w);
        }
        blocks = highest.max(words.last().map_or(0, |w| w.key.block));
    }
    PageWords {
        width,
        height,
        dpi,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::Dpi;
    use crate::words::BBox;

    /// A 300 dpi page 11 in tall with a line of "text" (a black bar) every `pitch` rows.
    fn page(pitch: u32, line: u32) -> GrayImage {
        let mut img = GrayImage::white(600, 3300, Dpi::square(300.0));
        for y in 0..img.height {
            if y % pitch < line {
                let w = img.width as usize;
                img.pixels[y as usize * w..(y as usize + 1) * w].fill(0);
            }
        }
        img
    }

    #[test]
    fn cuts_only_through_blank_rows_and_covers_the_page() {
        let img = page(50, 35);
        let bands = cut(&img, 2);
        assert_eq!(bands.len(), 2);
        assert_eq!(bands[0].start, 0);
        assert_eq!(bands[1].end, 3300);
        assert_eq!(bands[0].end, bands[1].start);
        let c = bands[0].end;
        assert!(c % 50 >= 35, "the cut at row {c} is in a blank run");
        assert!(c.abs_diff(1650) <= 50, "near the middle: {c}");
    }

    #[test]
    fn prefers_the_widest_gap_near_the_even_cut() {
        let mut img = page(50, 35);
        // A paragraph gap: rows 1500..1600 blank.
        let w = img.width as usize;
        img.pixels[1500 * w..1600 * w].fill(255);
        let bands = cut(&img, 2);
        assert!((1500..1600).contains(&bands[0].end), "{:?}", bands);
    }

    #[test]
    fn the_cut_shares_the_ink_not_the_rows() {
        // Text on the top two thirds only: the cut falls near a third of the page.
        let mut img = page(50, 35);
        let w = img.width as usize;
        img.pixels[2200 * w..].fill(255);
        let bands = cut(&img, 2);
        let c = bands[0].end;
        assert!(c % 50 >= 35 && c.abs_diff(1100) <= 60, "{c}");
    }

    #[test]
    fn a_blank_page_stays_whole() {
        let img = GrayImage::white(600, 3300, Dpi::square(300.0));
        assert_eq!(cut(&img, 2).len(), 1);
    }

    #[test]
    fn no_cut_through_ink() {
        let img = GrayImage {
            pixels: vec![0; 600 * 3300],
            ..GrayImage::white(600, 3300, Dpi::square(300.0))
        };
        assert_eq!(cut(&img, 4), std::iter::once(0..3300).collect::<Vec<_>>());
    }

    #[test]
    fn the_first_page_is_read_whole_the_others_in_halves() {
        assert_eq!(plan(3), vec![1, 2, 2]);
        assert_eq!(plan(1), vec![1]);
        assert_eq!(plan(0), Vec::<usize>::new());
    }

    #[test]
    fn short_pages_stay_whole() {
        let img = GrayImage::white(600, 400, Dpi::square(300.0));
        assert_eq!(cut(&img, 3), std::iter::once(0..400).collect::<Vec<_>>());
    }

    fn word(y: u32, block: u32, paragraph: u32, line: u32) -> Word {
        Word {
            text: "w".into(),
            confidence: 90.0,
            bbox: BBox {
                x: 1,
                y,
                w: 2,
                h: 30,
            },
            key: LineKey {
                block,
                paragraph,
                line,
            },
        }
    }

    #[test]
    fn stacked_words_keep_their_page_places_and_distinct_blocks() {
        // A paragraph's gap (70 rows, over two lines' height) at the cut: a new block.
        let page = stack(
            10,
            300,
            300,
            vec![
                (0, vec![word(5, 1, 1, 1), word(50, 2, 1, 1)]),
                (100, vec![word(50, 1, 1, 1)]),
            ],
        );
        assert_eq!((page.width, page.height, page.dpi), (10, 300, 300));
        let at: Vec<_> = page.words.iter().map(|w| (w.bbox.y, w.key.block)).collect();
        assert_eq!(at, vec![(5, 1), (50, 2), (150, 3)]);
    }

    #[test]
    fn a_cut_between_two_lines_of_a_paragraph_keeps_the_paragraph() {
        // Lines 30 tall, 10 rows apart; the cut at row 100 falls between two of them.
        let page = stack(
            10,
            300,
            300,
            vec![
                (0, vec![word(20, 1, 1, 1), word(60, 1, 1, 2)]),
                (
                    100,
                    vec![word(0, 1, 1, 1), word(40, 1, 1, 2), word(150, 2, 1, 1)],
                ),
            ],
        );
        let keys: Vec<_> = page
            .words
            .iter()
            .map(|w| (w.key.block, w.key.paragraph, w.key.line))
            .collect();
        assert_eq!(
            keys,
            vec![(1, 1, 1), (1, 1, 2), (1, 1, 3), (1, 1, 4), (3, 1, 1)]
        );
    }
}
