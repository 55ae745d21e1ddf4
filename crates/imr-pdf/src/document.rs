//! Opening a PDF with the `pdf` crate and walking its pages, fonts and forms.

use std::rc::Rc;

use std::sync::Arc;

use pdf::any::AnySync;
use pdf::enc::StreamFilter;
use pdf::file::{File, FileOptions, NoLog};
use pdf::guard::DecodeLimits;

use crate::cache::Memo;
use pdf::content::FormXObject;
use pdf::object::{Object, ParseOptions, Resolve, Resources};
use pdf::primitive::Primitive;

use crate::error::{PdfError, PdfWarning, WarningCode};
use crate::font::FontModel;
use crate::layout::{Extractor, Fonts, XObjects};
use crate::limits;

/// The text of each page that could be read, in order, and what went wrong.
pub(crate) struct Pages {
    /// Number of pages the document declares (capped at [`limits::MAX_PAGES`]).
    pub(crate) count: usize,
    /// Text of each page, or why it could not be read.
    pub(crate) texts: Vec<Result<String, PageError>>,
    /// Pages (1-based) with fonts that could not be read.
    pub(crate) bad_fonts: Vec<usize>,
    /// Pages (1-based) that drew glyphs whose widths were damaged (and replaced).
    pub(crate) bad_widths: Vec<usize>,
    /// Pages (1-based) whose content stops early.
    pub(crate) cut_pages: Vec<usize>,
    /// Pages (1-based) read only with tolerant parsing.
    pub(crate) damaged_pages: Vec<usize>,
    /// Pages (1-based) that draw an image XObject.
    pub(crate) image_pages: Vec<usize>,
    pub(crate) warnings: Vec<PdfWarning>,
}

type ObjectMemo = Memo<Result<AnySync, Arc<pdf::error::PdfError>>>;
type StreamMemo = Memo<Result<Arc<[u8]>, Arc<pdf::error::PdfError>>>;
type Doc = File<Vec<u8>, ObjectMemo, StreamMemo, NoLog>;

/// The bounds on decompression of [`crate::limits`].
pub(crate) const DECODE_LIMITS: DecodeLimits = DecodeLimits {
    per_stream: limits::MAX_STREAM_DECODED,
    per_file: limits::MAX_FILE_DECODED,
};

/// Opens `bytes` (empty user password) with `options`, decompression bounded by `decode`.
pub(crate) fn open(
    bytes: &[u8],
    options: ParseOptions,
    decode: DecodeLimits,
) -> pdf::error::Result<Doc> {
    FileOptions::uncached()
        .cache(Memo::new(), Memo::new())
        .parse_options(options)
        .decode_limits(decode)
        .load(bytes.to_vec())
}

/// Opens `bytes` (empty user password) and reads the text of every page.
///
/// The file is read with strict parsing first, so that damage shows as an error; a page (or
/// file) that fails is read again with tolerant parsing, and a warning says so.
pub(crate) fn read_pages(bytes: &[u8], decode: DecodeLimits) -> Result<Pages, PdfError> {
    use pdf::error::PdfError as E;
    let mut warnings = Vec::new();
    let (file, strict) = match open(bytes, ParseOptions::strict(), decode) {
        Ok(file) => (file, true),
        Err(e)
            if matches!(
                innermost(&e),
                E::InvalidPassword
                    | E::DecryptionFailure
                    | E::UnsupportedEncryption { .. }
                    | E::DecodeLimit { .. }
            ) =>
        {
            return Err(open_error(e, bytes))
        }
        Err(e) => match open(bytes, ParseOptions::tolerant(), decode) {
            Ok(file) => {
                warnings.push(PdfWarning::new(
                    WarningCode::DamagedPdf,
                    "the PDF's structure is damaged; the text that could be read is shown, but some may be missing",
                ));
                (file, false)
            }
            Err(_) => return Err(open_error(e, bytes)),
        },
    };
    let declared = file.num_pages() as usize;
    let count = declared.min(limits::MAX_PAGES);
    if declared > count {
        warnings.push(PdfWarning::new(
            WarningCode::TooManyPages,
            format!("the PDF declares {declared} pages; only the first {count} were read"),
        ));
    }
    let mut pages = Pages {
        count,
        texts: Vec::with_capacity(count),
        bad_fonts: Vec::new(),
        bad_widths: Vec::new(),
        cut_pages: Vec::new(),
        damaged_pages: Vec::new(),
        image_pages: Vec::new(),
        warnings,
    };
    let mut forms_left = limits::MAX_FORMS;
    let mut tolerant: Option<Option<Doc>> = None;
    for n in 0..count {
        let mut read = read_page(&file, n, &mut forms_left);
        over_limit(&file)?;
        if read.text.is_err() && strict {
            let again =
                tolerant.get_or_insert_with(|| open(bytes, ParseOptions::tolerant(), decode).ok());
            if let Some(again) = again {
                let second = read_page(again, n, &mut forms_left);
                over_limit(again)?;
                if second.text.as_ref().is_ok_and(|t| !t.trim().is_empty()) {
                    read = second;
                    pages.damaged_pages.push(n + 1);
                }
            }
        }
        if read.text.is_ok() {
            if !read.signs.fonts_ok {
                pages.bad_fonts.push(n + 1);
            }
            if read.signs.widths_repaired {
                pages.bad_widths.push(n + 1);
            }
            if read.signs.cut_short {
                pages.cut_pages.push(n + 1);
            }
            if read.signs.drew_image {
                pages.image_pages.push(n + 1);
            }
        }
        pages.texts.push(read.text);
    }
    let reports = std::iter::once(&file)
        .chain(tolerant.iter().flatten())
        .map(Doc::decode_report);
    let (damaged, repaired) = reports.fold((0, false), |(d, r), report| {
        (d + report.damaged, r || report.encryption_repaired)
    });
    if repaired {
        pages.warnings.push(PdfWarning::new(
            WarningCode::EncryptionDamaged,
            "the PDF is damaged: its encryption data has a wrong byte, which was worked around; check the text against the original",
        ));
    }
    if damaged > 0 {
        pages.warnings.push(PdfWarning::new(
            WarningCode::StreamDamaged,
            format!(
                "the PDF is damaged: {damaged} of its compressed or encrypted parts could be read only in part, so text may be missing or wrong there"
            ),
        ));
    }
    Ok(pages)
}

/// The error to stop with once a stream of `file` went past the decode limits.
fn over_limit(file: &Doc) -> Result<(), PdfError> {
    match file.decode_report().over_limit {
        Some(limit) => Err(PdfError::TooLargeDecompressed { limit }),
        None => Ok(()),
    }
}

/// One page's text and signs of damage.
struct PageRead {
    text: Result<String, PageError>,
    signs: Signs,
}

/// Signs of damage met while reading a page (its forms included).
struct Signs {
    /// Every font could be read.
    fonts_ok: bool,
    /// A glyph whose width was damaged (and replaced) was drawn.
    widths_repaired: bool,
    /// A content stream stops inside a text object.
    cut_short: bool,
    /// An image XObject was drawn (a page without text that draws one is a scanned page).
    drew_image: bool,
}

impl Signs {
    /// Adds what running one content stream showed; `fonts_ok`: its fonts could be read.
    fn add(&mut self, run: &crate::layout::Run, fonts_ok: bool) {
        self.fonts_ok &= fonts_ok && !run.missing_font;
        self.widths_repaired |= run.widths_repaired;
        self.cut_short |= run.cut_short;
    }
}

fn read_page(file: &Doc, n: usize, forms_left: &mut usize) -> PageRead {
    let resolver = file.resolver();
    let mut signs = Signs {
        fonts_ok: true,
        widths_repaired: false,
        cut_short: false,
        drew_image: false,
    };
    let text = u32::try_from(n)
        .map_err(|_| PageError::Other("page number out of range"))
        .and_then(|n| file.get_page(n).map_err(|e| PageError::from_pdf(&e)))
        .and_then(|page| page_text(&page, &resolver, forms_left, &mut signs));
    PageRead { text, signs }
}

/// Why a page could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PageError {
    /// Its content could not be decrypted (an encryption method the crate gets wrong).
    Decryption,
    /// Anything else: the detail, in one line.
    Other(&'static str),
}

impl PageError {
    fn from_pdf(e: &pdf::error::PdfError) -> Self {
        match innermost(e) {
            pdf::error::PdfError::DecryptionFailure => PageError::Decryption,
            other => PageError::Other(describe(other)),
        }
    }
}

/// Maps an error of the `pdf` crate on opening to ours.
fn open_error(e: pdf::error::PdfError, bytes: &[u8]) -> PdfError {
    use pdf::error::PdfError as E;
    match innermost(&e) {
        E::InvalidPassword => PdfError::NeedsPassword,
        E::DecryptionFailure | E::UnsupportedEncryption { .. } => PdfError::UnsupportedEncryption,
        &E::DecodeLimit { limit } => PdfError::TooLargeDecompressed { limit },
        _ if !ends_with_eof(bytes) => PdfError::Truncated,
        other => PdfError::Damaged(describe(other).into()),
    }
}

/// The error under the `pdf` crate's `Try` and `Shared` wrappers.
fn innermost(mut e: &pdf::error::PdfError) -> &pdf::error::PdfError {
    use pdf::error::PdfError as E;
    loop {
        e = match e {
            E::Try { source, .. } => source,
            E::Shared { source } => source,
            _ => return e,
        };
    }
}

/// What kind of damage an error of the `pdf` crate shows, in a few words. (Its own messages
/// are technical, and formatting them costs wasm size.)
fn describe(e: &pdf::error::PdfError) -> &'static str {
    use pdf::error::PdfError as E;
    match innermost(e) {
        E::EOF | E::ContentReadPastBoundary | E::Bounds { .. } => "data ends unexpectedly",
        E::NotFound { .. } => "a required part is missing",
        E::HexDecode { .. } | E::IncorrectPredictorType { .. } | E::RleError | E::CidDecode => {
            "a stream cannot be decoded"
        }
        E::Other { .. } | E::Io { .. } => "a stream cannot be decoded or read",
        E::MissingEntry { .. } | E::NullRef { .. } | E::FreeObject { .. } => {
            "an object it needs is missing"
        }
        E::UnspecifiedXRefEntry { .. } | E::XRefStreamType { .. } | E::ObjStmOutOfBounds { .. } => {
            "its index of objects is broken"
        }
        E::DecryptionFailure | E::InvalidPassword | E::UnsupportedEncryption { .. } => {
            "it cannot be decrypted"
        }
        E::DecodeLimit { .. } => "a stream decompresses to too much data",
        E::MaxDepth => "its objects nest too deeply",
        _ => "its structure cannot be parsed",
    }
}

fn page_text(
    page: &pdf::object::Page,
    resolve: &impl Resolve,
    forms_left: &mut usize,
    signs: &mut Signs,
) -> Result<String, PageError> {
    let Some(contents) = page.contents.as_ref() else {
        return Ok(String::new());
    };
    if contents.parts.len() > limits::MAX_CONTENT_PARTS
        || !contents.parts.iter().all(|p| text_filters(&p.info.filters))
    {
        return Err(PageError::Other("its content is not encoded as text"));
    }
    let ops = contents
        .operations(resolve)
        .map_err(|e| PageError::from_pdf(&e))?;
    let resources = page.resources().ok().map(|r| &**r);
    let mut ok = true;
    let fonts = fonts(resources, resolve, &mut ok);
    let mut forms = Forms {
        resources,
        resolve,
        depth: 0,
        left: forms_left,
        signs,
    };
    let run = Extractor::new(&fonts).run(&ops, &mut forms);
    forms.signs.add(&run, ok);
    Ok(run.text)
}

/// The fonts of `resources`, by resource name; a font that cannot be read is replaced by a
/// plain WinAnsi one, and `ok` is cleared.
fn fonts(resources: Option<&Resources>, resolve: &impl Resolve, ok: &mut bool) -> Fonts {
    let mut out = Fonts::new();
    let Some(resources) = resources else {
        return out;
    };
    for (name, lazy) in resources.fonts.iter().take(limits::MAX_FONTS_PER_PAGE) {
        let model = match lazy.load(resolve) {
            Ok(font) => {
                let model = FontModel::from_pdf(&font, resolve);
                *ok &= model.complete;
                model
            }
            Err(_) => {
                *ok = false;
                FontModel::fallback()
            }
        };
        out.push((name.as_str().to_owned(), Rc::new(model)));
    }
    out
}

/// Form XObjects drawn by `Do`, read with a bound on nesting and on their total number.
struct Forms<'a, R: Resolve> {
    resources: Option<&'a Resources>,
    resolve: &'a R,
    depth: usize,
    left: &'a mut usize,
    signs: &'a mut Signs,
}

impl<R: Resolve> XObjects for Forms<'_, R> {
    fn form_text(&mut self, name: &str) -> Option<String> {
        if self.depth >= limits::MAX_FORM_DEPTH || *self.left == 0 {
            return None;
        }
        let r = *self.resources?.xobjects.get(name)?;
        // Only a form can hold text: its dictionary is read, an image's is not looked at
        // beyond its subtype (image dictionaries, their colour spaces and functions, stay out
        // of the text path and out of the page's worker).
        let primitive = self.resolve.resolve(r.get_inner()).ok()?;
        let Primitive::Stream(stream) = &primitive else {
            return None;
        };
        match stream.info.get("Subtype").and_then(|s| s.as_name().ok()) {
            Some("Form") => {}
            Some("Image") => {
                self.signs.drew_image = true;
                return None;
            }
            _ => return None,
        }
        let form = FormXObject::from_primitive(primitive, self.resolve).ok()?;
        *self.left -= 1;
        if !text_filters(&form.stream.info.filters) {
            return None;
        }
        let ops = form.operations(self.resolve).ok()?;
        let own = form.dict().resources.as_deref();
        let resources = own.or(self.resources);
        let mut ok = true;
        let fonts = fonts(resources, self.resolve, &mut ok);
        let mut inner = Forms {
            resources,
            resolve: self.resolve,
            depth: self.depth + 1,
            left: &mut *self.left,
            signs: &mut *self.signs,
        };
        let run = Extractor::new(&fonts).run(&ops, &mut inner);
        inner.signs.add(&run, ok);
        Some(run.text)
    }
}

/// Whether `%%EOF` is in the last 1024 bytes, trailing blanks and NULs aside (a file cut
/// short loses it).
pub(crate) fn ends_with_eof(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|b| !matches!(b, b'\0' | b' ' | b'\t' | b'\r' | b'\n' | b'\x0c'))
        .map_or(0, |i| i + 1);
    let tail = &bytes[end.saturating_sub(1024)..end];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Whether a stream that should hold text (content, form, `ToUnicode`) is encoded with text
/// filters only. Image filters there are refused before decoding: a JPEG header, for one, can
/// ask for gigabytes.
pub(crate) fn text_filters(filters: &[StreamFilter]) -> bool {
    filters.len() <= limits::MAX_FILTERS
        && filters.iter().all(|f| {
            matches!(
                f,
                StreamFilter::FlateDecode(_)
                    | StreamFilter::LZWDecode(_)
                    | StreamFilter::ASCIIHexDecode
                    | StreamFilter::ASCII85Decode
                    | StreamFilter::RunLengthDecode
                    | StreamFilter::Crypt
            )
        })
}
