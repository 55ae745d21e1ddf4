//! Opening a PDF with the `pdf` crate and walking its pages, fonts and forms.

use std::collections::HashMap;
use std::rc::Rc;

use pdf::content::Op;
use pdf::file::FileOptions;
use pdf::object::{ParseOptions, Resolve, Resources, XObject};

use crate::error::{PdfError, PdfWarning};
use crate::font::FontModel;
use crate::layout::{Extractor, XObjects};
use crate::limits;


/// The text of each page that could be read, in order, and what went wrong.
pub(crate) struct Pages {
    /// Number of pages the document declares (capped at [`limits::MAX_PAGES`]).
    pub(crate) count: usize,
    /// Text of each page; `None` for a page that could not be read.
    pub(crate) texts: Vec<Option<String>>,
    pub(crate) warnings: Vec<PdfWarning>,
}

/// Opens `bytes` (empty user password) and reads the text of every page.
pub(crate) fn read_pages(bytes: &[u8]) -> Result<Pages, PdfError> {
    let file = FileOptions::uncached()
        .parse_options(ParseOptions::tolerant())
        .load(bytes.to_vec())
        .map_err(open_error)?;
    let resolver = file.resolver();
    let mut warnings = Vec::new();
    let declared = file.num_pages() as usize;
    let count = declared.min(limits::MAX_PAGES);
    if declared > count {
        warnings.push(PdfWarning::new(
            "too-many-pages",
            format!(
                "the PDF declares {declared} pages; only the first {count} were read"
            ),
        ));
    }
    let mut texts = Vec::with_capacity(count);
    let mut forms_left = limits::MAX_FORMS;
    for n in 0..count {
        let text = file
            .get_page(n as u32)
            .map_err(|e| e.to_string())
            .and_then(|page| page_text(&page, &resolver, &mut forms_left));
        texts.push(text.ok());
    }
    Ok(Pages {
        count,
        texts,
        warnings,
    })
}

/// Maps an error of the `pdf` crate on opening to ours.
fn open_error(e: pdf::error::PdfError) -> PdfError {
    use pdf::error::PdfError as E;
    match e {
        E::InvalidPassword => PdfError::NeedsPassword,
        E::DecryptionFailure => PdfError::UnsupportedEncryption,
        other => {
            let msg = other.to_string();
            if msg.contains("nsupported") && msg.contains("ncrypt") {
                PdfError::UnsupportedEncryption
            } else {
                PdfError::Damaged(first_line(&msg))
            }
        }
    }
}

/// The first line of a (possibly multi-line, nested) error message, trimmed.
pub(crate) fn first_line(msg: &str) -> String {
    let line = msg.lines().next().unwrap_or("").trim();
    let line = line.trim_end_matches(", caused by").trim_end_matches(':');
    line.chars().take(160).collect()
}

fn page_text(
    page: &pdf::object::Page,
    resolve: &impl Resolve,
    forms_left: &mut usize,
) -> Result<String, String> {
    let Some(contents) = page.contents.as_ref() else {
        return Ok(String::new());
    };
    let ops = contents
        .operations(resolve)
        .map_err(|e| first_line(&e.to_string()))?;
    let resources = page.resources().ok().map(|r| &**r);
    let fonts = fonts(resources, resolve);
    let mut forms = Forms {
        resources,
        resolve,
        depth: 0,
        left: forms_left,
    };
    Ok(run(&ops, &fonts, &mut forms))
}

fn run(ops: &[Op], fonts: &HashMap<String, Rc<FontModel>>, forms: &mut dyn XObjects) -> String {
    Extractor::new(fonts).run(ops, forms)
}

/// The fonts of `resources`, by resource name; unreadable fonts are left out.
fn fonts(resources: Option<&Resources>, resolve: &impl Resolve) -> HashMap<String, Rc<FontModel>> {
    let mut out = HashMap::new();
    let Some(resources) = resources else {
        return out;
    };
    for (name, lazy) in resources.fonts.iter().take(limits::MAX_FONTS_PER_PAGE) {
        if let Ok(font) = lazy.load(resolve) {
            out.insert(name.as_str().to_owned(), Rc::new(FontModel::from_pdf(&font, resolve)));
        }
    }
    out
}

/// Form XObjects drawn by `Do`, read with a bound on nesting and on their total number.
struct Forms<'a, R: Resolve> {
    resources: Option<&'a Resources>,
    resolve: &'a R,
    depth: usize,
    left: &'a mut usize,
}

impl<R: Resolve> XObjects for Forms<'_, R> {
    fn form_text(&mut self, name: &str) -> Option<String> {
        if self.depth >= limits::MAX_FORM_DEPTH || *self.left == 0 {
            return None;
        }
        let r = *self.resources?.xobjects.get(name)?;
        let xobject = self.resolve.get(r).ok()?;
        let XObject::Form(form) = &*xobject else {
            return None;
        };
        *self.left -= 1;
        let ops = form.operations(self.resolve).ok()?;
        let own = form.dict().resources.as_ref().map(|r| &**r);
        let resources = own.or(self.resources);
        let fonts = fonts(resources, self.resolve);
        let mut inner = Forms {
            resources,
            resolve: self.resolve,
            depth: self.depth + 1,
            left: &mut *self.left,
        };
        Some(run(&ops, &fonts, &mut inner))
    }
}
