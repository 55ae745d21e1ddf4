//! Recognised words back into the letter's text and the `ocr` block; Tesseract's TSV read in.

use imr_scan::{assemble, parse_tsv, Assembled, BBox, Layout, LineKey, PageInput, PageWords, Word};

fn word(text: &str, conf: f32, (x, y, w, h): (u32, u32, u32, u32), (p, l): (u32, u32)) -> Word {
    Word {
        text: text.into(),
        confidence: conf,
        bbox: BBox { x, y, w, h },
        key: LineKey {
            block: 1,
            paragraph: p,
            line: l,
        },
    }
}

fn page(words: Vec<Word>) -> PageWords {
    PageWords {
        width: 2550,
        height: 3300,
        dpi: 300,
        words,
    }
}

#[test]
fn lines_paragraphs_and_pages_like_the_pdf_reader() {
    let p1 = page(vec![
        word("Case", 96.0, (100, 100, 80, 30), (1, 1)),
        word("Number:", 94.0, (190, 100, 150, 30), (1, 1)),
        word("CM16-0237844", 90.0, (350, 100, 260, 30), (1, 1)),
        word("Priority:", 95.0, (100, 140, 150, 30), (1, 2)),
        word("Standard", 93.0, (260, 140, 160, 30), (1, 2)),
        word("Upheld", 97.0, (100, 300, 120, 30), (2, 1)),
    ]);
    let p2 = page(vec![word("Sincerely,", 80.0, (100, 100, 170, 30), (1, 1))]);
    let out = assemble(
        &[PageInput::Words(&p1), PageInput::Words(&p2)],
        "tesseract 5.3.0 (eng)",
        &Layout::default(),
    );
    assert_eq!(
        out.text,
        "Case Number: CM16-0237844\nPriority: Standard\n\nUpheld\n\nSincerely,"
    );
    // A page break is a paragraph break.
    assert_eq!(out.page_starts, [0, 54]);
    let ocr = &out.ocr;
    assert_eq!(ocr.engine, "tesseract 5.3.0 (eng)");
    assert_eq!((ocr.pages, ocr.dpi), (2, 300));
    assert_eq!(ocr.page_sizes, vec![[2550, 3300], [2550, 3300]]);
    assert_eq!(ocr.mean_confidence, Some(92.1));
    assert_eq!(ocr.words[0][2], [13, 25, 350, 100, 260, 30]);
    // Every word's range holds that word.
    for (page, words) in [&p1, &p2].iter().zip(&ocr.words) {
        for (w, r) in page.words.iter().zip(words) {
            assert_eq!(&out.text[r[0] as usize..r[1] as usize], w.text);
        }
    }
    assert!(out.low_confidence_pages.is_empty());
}

#[test]
fn text_layer_pages_keep_their_text_and_boxes_scale_to_one_resolution() {
    let scan = PageWords {
        width: 1734,
        height: 2156,
        dpi: 204,
        words: vec![word("Overturned", 40.0, (204, 408, 102, 51), (1, 1))],
    };
    let out: Assembled = assemble(
        &[
            PageInput::Text("Case Number: CM17-0010365"),
            PageInput::Words(&scan),
        ],
        "tesseract",
        &Layout::default(),
    );
    assert_eq!(out.text, "Case Number: CM17-0010365\n\nOverturned");
    assert_eq!(out.ocr.pages, 1);
    assert_eq!(out.ocr.dpi, 204);
    assert_eq!(out.ocr.page_sizes, vec![[0, 0], [1734, 2156]]);
    assert_eq!(
        out.ocr.words,
        vec![vec![], vec![[27, 37, 204, 408, 102, 51]]]
    );
    assert_eq!(out.low_confidence_pages, vec![2]);
    assert_eq!(out.ocr.mean_confidence, Some(40.0));
}

#[test]
fn blank_lines_from_vertical_gaps_when_the_engine_has_no_paragraphs() {
    let flat = |l| (0, l);
    let p = page(vec![
        word("one", 90.0, (100, 100, 60, 30), flat(1)),
        word("two", 90.0, (100, 140, 60, 30), flat(2)),
        word("three", 90.0, (100, 260, 60, 30), flat(3)),
    ]);
    let layout = Layout {
        engine_paragraphs: false,
        gap_paragraphs: 1.5,
        ..Layout::default()
    };
    let out = assemble(&[PageInput::Words(&p)], "e", &layout);
    assert_eq!(out.text, "one\ntwo\n\nthree");
    let out = assemble(&[PageInput::Words(&p)], "e", &Layout::default());
    assert_eq!(out.text, "one\ntwo\nthree");
}

#[test]
fn an_empty_page_and_no_words() {
    let empty = page(vec![]);
    let out = assemble(&[PageInput::Words(&empty)], "e", &Layout::default());
    assert_eq!(out.text, "");
    assert_eq!(out.ocr.mean_confidence, None);
    assert_eq!(out.ocr.words, vec![Vec::<[u32; 6]>::new()]);
}

#[test]
fn tesseract_tsv_words() {
    let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
        1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n\
        4\t1\t2\t1\t1\t0\t220\t380\t1000\t45\t-1\t\n\
        5\t1\t2\t1\t1\t1\t220\t380\t140\t45\t96.512\tCase\n\
        5\t1\t2\t1\t1\t2\t380\t381\t250\t44\t91\tNumber:\n\
        5\t1\t2\t1\t1\t3\t650\t380\t40\t45\t12\t \n\
        5\t1\t2\t1\t2\t1\t220\t440\t300\t45\t-1\tbroken\trow\n\
        5\tx\n";
    let words = parse_tsv(tsv);
    assert_eq!(words.len(), 3);
    assert_eq!(words[0].text, "Case");
    assert_eq!(words[0].confidence, 96.512);
    assert_eq!(
        words[0].bbox,
        BBox {
            x: 220,
            y: 380,
            w: 140,
            h: 45
        }
    );
    assert_eq!(
        words[1].key,
        LineKey {
            block: 2,
            paragraph: 1,
            line: 1
        }
    );
    // A tab inside a word's text is kept; a confidence of -1 reads as 0.
    assert_eq!(words[2].text, "broken\trow");
    assert_eq!(words[2].confidence, 0.0);
}

#[test]
fn a_word_split_at_a_kerned_capital_is_joined_by_its_boxes() {
    // Word gaps of 14 pixels; "M" stands 8 pixels from "edicine", "A" a whole gap from "review";
    // "recommend" and "3" are 3 pixels apart, but "recommend" is no capital.
    let line = |words: &[(&str, u32, u32)], l| -> Vec<Word> {
        words
            .iter()
            .map(|&(t, x, w)| word(t, 95.0, (x, 100 + 50 * l, w, 30), (1, l)))
            .collect()
    };
    let mut words = line(
        &[
            ("Occupational", 100, 200),
            ("M", 314, 30),
            ("edicine", 352, 110),
        ],
        1,
    );
    words.extend(line(
        &[
            ("A", 100, 20),
            ("review", 134, 90),
            ("of", 238, 30),
            ("the", 282, 50),
        ],
        2,
    ));
    words.extend(line(
        &[
            ("recommend", 100, 160),
            ("3", 263, 15),
            ("to", 292, 30),
            ("6", 336, 15),
        ],
        3,
    ));
    let p = page(words);
    let out = assemble(&[PageInput::Words(&p)], "e", &Layout::default());
    assert_eq!(
        out.text,
        "Occupational Medicine\nA review of the\nrecommend 3 to 6"
    );
    // One word, one box around both pieces.
    assert_eq!(out.ocr.words[0][1], [13, 21, 314, 150, 148, 30]);
    assert_eq!(out.ocr.words[0].len(), 10);

    let never = Layout {
        kern_join: 0.0,
        ..Layout::default()
    };
    let out = assemble(&[PageInput::Words(&p)], "e", &never);
    assert!(out.text.starts_with("Occupational M edicine\n"));
}

#[test]
fn specks_the_engine_read_as_punctuation_are_left_out() {
    // Words 30 pixels high; a 3 x 3 "-" after the full stop and a 3 x 1 "-" inside the
    // sentence are specks; a 14 x 5 dash is a real one.
    let p = page(vec![
        word("not", 95.0, (100, 100, 50, 30), (1, 1)),
        word("medically", 95.0, (164, 100, 140, 30), (1, 1)),
        word("-", 56.0, (320, 112, 3, 1), (1, 1)),
        word("necessary.", 95.0, (340, 100, 150, 30), (1, 1)),
        word("-", 0.0, (510, 120, 3, 3), (1, 1)),
        word("week", 95.0, (100, 150, 70, 30), (1, 2)),
        word("-", 90.0, (184, 162, 14, 5), (1, 2)),
        word("six", 95.0, (212, 150, 40, 30), (1, 2)),
    ]);
    let out = assemble(&[PageInput::Words(&p)], "e", &Layout::default());
    assert_eq!(out.text, "not medically necessary.\nweek - six");
    assert_eq!(out.ocr.words[0].len(), 6);
    // Left out of the mean confidence too.
    assert_eq!(out.ocr.mean_confidence, Some(94.2));
    let keep = Layout {
        speck_size: 0.0,
        ..Layout::default()
    };
    let out = assemble(&[PageInput::Words(&p)], "e", &keep);
    assert_eq!(out.text, "not medically - necessary. -\nweek - six");
}
