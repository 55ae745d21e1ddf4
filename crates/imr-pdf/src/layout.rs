//! Reading order: turns a page's text operators into lines the way pypdf 7 does
//! (`extract_text()`, default mode), so that letters read the same from the PDF as from
//! the corpus text: content-stream order; a new line when the baseline moves by more than
//! 0.8 of the font size; a space when the pen jumps right by more than half a space, or when
//! a `TJ` kerning gap is as wide as about half a space.

use std::rc::Rc;

use pdf::content::{Op, TextDrawAdjusted};

use crate::font::FontModel;

type Matrix = [f64; 6];

/// The fonts of a page or form, by resource name (a handful: a list is smaller than a map).
pub(crate) type Fonts = Vec<(String, Rc<FontModel>)>;
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n` (row-vector convention, as in the PDF spec).
fn mult(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// Text direction of a matrix: 0, 90, 180 or 270 degrees.
fn orient(m: &Matrix) -> u16 {
    if m[3] > 1e-6 {
        0
    } else if m[3] < -1e-6 {
        180
    } else if m[1] > 0.0 {
        90
    } else {
        270
    }
}

fn finite(v: f32, default: f64) -> f64 {
    if v.is_finite() {
        f64::from(v)
    } else {
        default
    }
}

fn matrix(m: &pdf::content::Matrix) -> Matrix {
    let v = [m.a, m.b, m.c, m.d, m.e, m.f];
    if v.iter().all(|x| x.is_finite()) {
        v.map(f64::from)
    } else {
        IDENTITY
    }
}

/// Graphics state saved by `q`.
struct Saved {
    cm: Matrix,
    font: Rc<FontModel>,
    font_size: f64,
    char_spacing: f64,
    leading: f64,
}

/// What a `Do` operator draws, as text: `None` for images and unknown names.
pub(crate) trait XObjects {
    /// The text of the form XObject `name`, if it is one.
    fn form_text(&mut self, name: &str) -> Option<String>;
}

/// The text state machine of one content stream.
pub(crate) struct Extractor<'a> {
    fonts: &'a Fonts,
    cm: Matrix,
    tm: Matrix,
    stack: Vec<Saved>,
    cm_prev: Matrix,
    tm_prev: Matrix,
    char_spacing: f64,
    /// Half the space width of the current font (thousandths of the font size).
    half_space: f64,
    previous_font_space: Option<f64>,
    str_widths: f64,
    str_height: f64,
    leading: f64,
    font_size: f64,
    font: Rc<FontModel>,
    line_span: Option<(usize, f64, f64)>,
    text: String,
    output: String,
    /// A `Tf` named a font the resources lack.
    missing_font: bool,
    /// A glyph whose width was damaged (and replaced) was drawn.
    widths_repaired: bool,
    /// Inside `BT` ... `ET`.
    in_text: bool,
}

/// The text of a content stream, and signs of damage.
pub(crate) struct Run {
    pub(crate) text: String,
    /// A `Tf` named a font the resources lack.
    pub(crate) missing_font: bool,
    /// A glyph whose width was damaged (and replaced) was drawn.
    pub(crate) widths_repaired: bool,
    /// The stream stops inside a text object (`BT` without `ET`): cut short.
    pub(crate) cut_short: bool,
}

/// Most `q` levels kept; deeper saves are ignored.
const MAX_STACK: usize = 256;

impl<'a> Extractor<'a> {
    /// A fresh state for a page or form whose fonts are `fonts` (by resource name).
    pub(crate) fn new(fonts: &'a Fonts) -> Self {
        Extractor {
            fonts,
            cm: IDENTITY,
            tm: IDENTITY,
            stack: Vec::new(),
            cm_prev: IDENTITY,
            tm_prev: IDENTITY,
            char_spacing: 0.0,
            half_space: 500.0,
            previous_font_space: None,
            str_widths: 0.0,
            str_height: 0.0,
            leading: 0.0,
            font_size: 12.0,
            font: Rc::new(FontModel::initial()),
            line_span: None,
            text: String::new(),
            output: String::new(),
            missing_font: false,
            widths_repaired: false,
            in_text: false,
        }
    }

    /// Runs `ops`.
    pub(crate) fn run(mut self, ops: &[Op], xobjects: &mut dyn XObjects) -> Run {
        for op in ops {
            match op {
                Op::BeginText => self.in_text = true,
                Op::EndText => self.in_text = false,
                _ => {}
            }
            self.op(op, xobjects);
        }
        self.output.push_str(&self.text);
        Run {
            text: self.output,
            missing_font: self.missing_font,
            widths_repaired: self.widths_repaired,
            cut_short: self.in_text,
        }
    }

    fn flush(&mut self) {
        self.output.push_str(&self.text);
        self.text.clear();
    }

    fn op(&mut self, op: &Op, xobjects: &mut dyn XObjects) {
        match op {
            Op::BeginText => {
                self.tm = IDENTITY;
                self.flush();
            }
            Op::EndText => self.flush(),
            Op::Save if self.stack.len() < MAX_STACK => {
                self.stack.push(Saved {
                    cm: self.cm,
                    font: self.font.clone(),
                    font_size: self.font_size,
                    char_spacing: self.char_spacing,
                    leading: self.leading,
                });
            }
            Op::Restore => match self.stack.pop() {
                Some(s) => {
                    self.cm = s.cm;
                    self.font = s.font;
                    self.font_size = s.font_size;
                    self.char_spacing = s.char_spacing;
                    self.leading = s.leading;
                }
                None => self.cm = IDENTITY,
            },
            Op::Transform { matrix: m } => {
                self.flush();
                self.cm = mult(&matrix(m), &self.cm);
            }
            Op::CharSpacing { char_space } => self.char_spacing = finite(*char_space, 0.0),
            Op::Leading { leading } => self.leading = finite(*leading, 0.0),
            Op::TextFont { name, size } => self.set_font(name.as_str(), *size),
            Op::MoveTextPosition { translation } => {
                let (tx, ty) = (finite(translation.x, 0.0), finite(translation.y, 0.0));
                self.tm[4] += tx * self.tm[0] + ty * self.tm[2];
                self.tm[5] += tx * self.tm[1] + ty * self.tm[3];
                self.moved();
            }
            Op::SetTextMatrix { matrix: m } => {
                self.tm = matrix(m);
                self.moved();
            }
            Op::TextNewline => {
                self.tm[4] -= self.leading * self.tm[2];
                self.tm[5] -= self.leading * self.tm[3];
                self.moved();
            }
            Op::TextDraw { text } => self.show(text.as_bytes()),
            Op::TextDrawAdjusted { array } => {
                let confirm_space = self.half_space * 0.95;
                for item in array {
                    match item {
                        TextDrawAdjusted::Text(s) => self.show(s.as_bytes()),
                        TextDrawAdjusted::Spacing(offset) => {
                            self.tj_offset(finite(*offset, 0.0), confirm_space)
                        }
                    }
                }
            }
            Op::XObject { name } => {
                self.flush();
                if !self.output.is_empty() && !self.output.ends_with('\n') {
                    self.output.push('\n');
                }
                if let Some(text) = xobjects.form_text(name.as_str()) {
                    self.output.push_str(&text);
                }
            }
            _ => {}
        }
    }

    fn set_font(&mut self, name: &str, size: f32) {
        if !self.text.is_empty() {
            self.previous_font_space = Some(self.font_size * self.half_space);
            self.output.push_str(&self.text);
        }
        self.text.clear();
        self.font = match self.fonts.iter().find(|(n, _)| n == name) {
            Some((_, f)) => f.clone(),
            None => {
                self.missing_font = true;
                Rc::new(FontModel::fallback())
            }
        };
        self.half_space = f64::from(self.font.space_width) / 2.0;
        if size.is_finite() {
            self.font_size = f64::from(size);
        }
    }

    /// After `Td`, `Tm`, `T*`: compare the new pen position with the last one.
    fn moved(&mut self) {
        let widths = self.str_widths / 1000.0;
        self.str_widths = 0.0;
        self.check_break(widths);
    }

    /// `Tj`: decode and append a string.
    fn show(&mut self, bytes: &[u8]) {
        self.previous_font_space = None;
        let font = self.font.clone();
        let mut width = 0.0f64;
        let mut chars = 0usize;
        for code in font.codes(bytes) {
            chars += font.push_text(code, &mut self.text);
            width += f64::from(font.width(code));
            self.widths_repaired |= font.width_repaired(code);
        }
        self.add_width(width, chars);
        self.check_break(0.0);
    }

    fn add_width(&mut self, width: f64, chars: usize) {
        self.str_widths += width * self.font_size + 1000.0 * self.char_spacing * chars as f64;
        self.str_height = self.font_size;
    }

    /// A number in a `TJ` array: a gap of about a space becomes one.
    fn tj_offset(&mut self, offset: f64, space: f64) {
        let widths = self.str_widths - offset * self.font_size;
        let previous = if self.text.is_empty() {
            &self.output
        } else {
            &self.text
        };
        let ends_blank = previous.ends_with([' ', '\n']);
        if -offset >= space && !previous.is_empty() && !ends_blank {
            self.previous_font_space = None;
            self.text.push(' ');
            let w = f64::from(self.font.inserted_space_width());
            self.add_width(w, 1);
            self.check_break(0.0);
        }
        self.str_widths = widths;
    }

    /// pypdf's `crlf_space_check`: a line break or a space between the last text and the next.
    fn check_break(&mut self, str_widths: f64) {
        let mut space_width = self.font_size * self.half_space;
        if let Some(prev) = self.previous_font_space {
            space_width = space_width.min(prev);
        }
        let space_width = space_width / 1000.0;

        let m_prev = mult(&self.tm_prev, &self.cm_prev);
        let m = mult(&self.tm, &self.cm);
        let orientation = orient(&m);
        let (dx, dy) = (m[4] - m_prev[4], m[5] - m_prev[5]);
        let scale_prev_x = m_prev[0].hypot(m_prev[1]);
        let scale_prev_y = m_prev[2].hypot(m_prev[3]);
        let scale_y = m[2].hypot(m[3]);
        let (moved_height, moved_width) = if orientation.is_multiple_of(180) {
            (dy, dx)
        } else {
            (dx, dy)
        };
        let axis_index = if orientation.is_multiple_of(180) {
            5
        } else {
            4
        };
        let axis = m[axis_index];
        let distance = match self.line_span {
            Some((idx, lower, upper)) if idx == axis_index => {
                if lower <= axis && axis <= upper {
                    0.0
                } else {
                    (axis - lower).abs().min((axis - upper).abs())
                }
            }
            _ => moved_height.abs(),
        };
        let last = self
            .text
            .chars()
            .next_back()
            .or(self.output.chars().next_back());
        let threshold = 0.8 * (self.str_height * scale_prev_y).min(self.font_size * scale_y);
        if distance > threshold {
            if !matches!(last, None | Some('\n')) {
                self.text.push('\n');
                self.flush();
            }
            self.line_span = Some((axis_index, axis, axis));
        } else {
            let other_baseline = moved_height.abs() > threshold;
            if (other_baseline || moved_width >= (space_width + str_widths) * scale_prev_x)
                && !matches!(last, None | Some(' '))
            {
                self.text.push(' ');
            }
            self.line_span = match self.line_span {
                Some((idx, lower, upper))
                    if idx == axis_index && !matches!(last, None | Some('\n')) =>
                {
                    Some((axis_index, lower.min(axis), upper.max(axis)))
                }
                _ => Some((axis_index, axis, axis)),
            };
        }
        self.tm_prev = self.tm;
        self.cm_prev = self.cm;
    }
}
