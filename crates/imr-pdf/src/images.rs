//! The images drawn on pages that have no text layer (a scan, a fax), still encoded as the PDF
//! stores them, so that an OCR shell can decode and read them. Pages that do have text keep it.
//!
//! Nothing is decoded here except decryption: the image codecs (G4, JPEG, Flate) and their bounds
//! belong to the scan reader. Only streams whose one filter is an image codec (or none) are
//! taken, so that no text filter (LZW, Flate on an image's way in) can inflate without bound.

use pdf::content::{Matrix, Op};
use pdf::enc::StreamFilter;
use pdf::object::{ColorSpace, ImageXObject, ParseOptions, Resolve, Resources, XObject};

use crate::document;
use crate::error::{PdfError, PdfWarning, WarningCode};
use crate::limits;

/// Most images read from one page.
pub const MAX_IMAGES_PER_PAGE: usize = 16;
/// Deepest nesting of form XObjects followed to find a page's images.
const MAX_FORM_DEPTH: usize = 4;

/// Every page of a PDF: its text layer, or the images to recognise when it has none.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPages {
    /// Pages in order.
    pub pages: Vec<PdfPage>,
    /// Problems that did not stop reading (damage, images that cannot be used).
    pub warnings: Vec<PdfWarning>,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    /// Its text layer (lines joined with `\n`), empty when it has none.
    pub text: String,
    /// Width and height of its media box, in points (1/72 inch).
    pub size_pt: (f32, f32),
    /// The images it draws, in drawing order; read only when `text` is blank.
    pub images: Vec<PdfImage>,
}

impl PdfPage {
    /// Whether the page has a text layer (anything but white space).
    pub fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

/// An image drawn on a page, still encoded.
#[derive(Clone, PartialEq)]
pub struct PdfImage {
    /// Width in samples.
    pub width: u32,
    /// Height in samples (for fax data, the declared rows; 0 = until the data ends).
    pub height: u32,
    /// Bits per sample of one colour component: 1, 2, 4, 8 or 16.
    pub bits_per_component: u8,
    /// Its colour space, reduced to what OCR needs.
    pub color: ImageColor,
    /// How `data` is encoded.
    pub encoding: ImageEncoding,
    /// A `/Decode [1 0]` array (or a mask drawn inverted): dark and light are swapped.
    pub inverted: bool,
    /// The size it is drawn at on the page, in points (from the transformation in force).
    pub drawn_pt: (f32, f32),
    /// The encoded samples (decrypted).
    pub data: Vec<u8>,
}

impl std::fmt::Debug for PdfImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfImage")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("bits_per_component", &self.bits_per_component)
            .field("color", &self.color)
            .field("encoding", &self.encoding)
            .field("inverted", &self.inverted)
            .field("drawn_pt", &self.drawn_pt)
            .field("data_len", &self.data.len())
            .finish()
    }
}

/// Colour space of an image, as far as reading it to grey needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageColor {
    /// One component, 0 = black (`DeviceGray`, `CalGray`, an ICC profile with one component,
    /// or a stencil mask).
    Gray,
    /// Three components (`DeviceRGB`, `CalRGB`, ICC with three).
    Rgb,
    /// Four components (`DeviceCMYK`, ICC with four).
    Cmyk,
    /// An indexed palette or a colour space OCR does not read; the image is skipped with a
    /// warning by the scan reader.
    Unsupported,
}

/// The image codec of an image's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageEncoding {
    /// Samples as they are, rows padded to whole bytes.
    Raw,
    /// Deflate (zlib), with an optional PNG or TIFF predictor.
    Flate {
        /// `/Predictor`: 1 none, 2 TIFF, 10-15 PNG.
        predictor: i32,
        /// `/Colors`.
        colors: i32,
        /// `/BitsPerComponent`.
        bits_per_component: i32,
        /// `/Columns`.
        columns: i32,
    },
    /// Baseline or progressive JPEG (`DCTDecode`).
    Jpeg,
    /// CCITT fax (`CCITTFaxDecode`): `k < 0` is Group 4, `k = 0` Group 3 one-dimensional,
    /// `k > 0` Group 3 two-dimensional.
    Fax {
        /// `/K`.
        k: i32,
        /// `/Columns`.
        columns: u32,
        /// `/Rows` (0: not given).
        rows: u32,
        /// `/BlackIs1`.
        black_is_1: bool,
        /// `/EncodedByteAlign`.
        encoded_byte_align: bool,
    },
    /// JBIG2 (no decoder here).
    Jbig2,
    /// JPEG 2000 (no decoder here).
    Jpx,
    /// Any other chain of filters; not read.
    Other,
}

/// Reads every page: its text layer, and for a page without one the images it draws.
pub(crate) fn read(bytes: &[u8]) -> Result<PdfPages, PdfError> {
    let text = document::read_pages(bytes, document::DECODE_LIMITS)?;
    let mut warnings = text.warnings;
    let file = document::open(bytes, ParseOptions::tolerant(), document::DECODE_LIMITS)
        .map_err(|_| PdfError::Damaged("its pages cannot be opened".into()))?;
    let resolve = file.resolver();
    let mut pages = Vec::with_capacity(text.count);
    let mut skipped = Vec::new();
    for (n, page_text) in text.texts.into_iter().enumerate() {
        let page_text = page_text.unwrap_or_default();
        let page = u32::try_from(n).ok().and_then(|n| file.get_page(n).ok());
        let size_pt = page
            .as_ref()
            .and_then(|p| p.media_box().ok())
            .map_or((612.0, 792.0), |r| {
                ((r.right - r.left).abs(), (r.top - r.bottom).abs())
            });
        let mut images = Vec::new();
        if page_text.trim().is_empty() {
            if let Some(page) = &page {
                let mut walk = Walk {
                    resolve: &resolve,
                    images: &mut images,
                    too_many: false,
                };
                if let (Some(contents), Ok(resources)) = (&page.contents, page.resources()) {
                    if contents.parts.len() <= limits::MAX_CONTENT_PARTS
                        && contents
                            .parts
                            .iter()
                            .all(|p| document::text_filters(&p.info.filters))
                    {
                        if let Ok(ops) = contents.operations(&resolve) {
                            walk.ops(&ops, resources, IDENTITY, 0);
                        }
                    }
                }
                if walk.too_many {
                    skipped.push(n + 1);
                }
            }
        }
        pages.push(PdfPage {
            text: page_text,
            size_pt,
            images,
        });
    }
    if !skipped.is_empty() {
        warnings.push(PdfWarning::new(
            WarningCode::TooManyImages,
            format!(
                "page{} {} draw more than {MAX_IMAGES_PER_PAGE} images; only the first were read",
                if skipped.len() == 1 { "" } else { "s" },
                crate::list(&skipped)
            ),
        ));
    }
    Ok(PdfPages { pages, warnings })
}

const IDENTITY: Matrix = Matrix {
    a: 1.0,
    b: 0.0,
    c: 0.0,
    d: 1.0,
    e: 0.0,
    f: 0.0,
};

/// `m` then `ctm` (the PDF order: `cm` premultiplies).
fn concat(m: &Matrix, ctm: &Matrix) -> Matrix {
    Matrix {
        a: m.a * ctm.a + m.b * ctm.c,
        b: m.a * ctm.b + m.b * ctm.d,
        c: m.c * ctm.a + m.d * ctm.c,
        d: m.c * ctm.b + m.d * ctm.d,
        e: m.e * ctm.a + m.f * ctm.c + ctm.e,
        f: m.e * ctm.b + m.f * ctm.d + ctm.f,
    }
}

struct Walk<'a, R: Resolve> {
    resolve: &'a R,
    images: &'a mut Vec<PdfImage>,
    too_many: bool,
}

impl<R: Resolve> Walk<'_, R> {
    fn ops(&mut self, ops: &[Op], resources: &Resources, ctm: Matrix, depth: usize) {
        let mut stack = Vec::new();
        let mut ctm = ctm;
        for op in ops {
            match op {
                Op::Save => stack.push(ctm),
                Op::Restore => ctm = stack.pop().unwrap_or(ctm),
                Op::Transform { matrix } => ctm = concat(matrix, &ctm),
                Op::XObject { name } => {
                    let Some(r) = resources.xobjects.get(name) else {
                        continue;
                    };
                    let Ok(xobject) = self.resolve.get(*r) else {
                        continue;
                    };
                    match &*xobject {
                        XObject::Image(image) => self.image(image, &ctm),
                        XObject::Form(form) if depth < MAX_FORM_DEPTH => {
                            if !document::text_filters(&form.stream.info.filters) {
                                continue;
                            }
                            let Ok(inner) = form.operations(self.resolve) else {
                                continue;
                            };
                            let m = form.dict().matrix.unwrap_or(IDENTITY);
                            let own = form.dict().resources.as_deref();
                            self.ops(
                                &inner,
                                own.unwrap_or(resources),
                                concat(&m, &ctm),
                                depth + 1,
                            );
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
    }

    fn image(&mut self, image: &ImageXObject, ctm: &Matrix) {
        if self.images.len() >= MAX_IMAGES_PER_PAGE {
            self.too_many = true;
            return;
        }
        let Some(encoding) = encoding(&image.inner.info.filters) else {
            self.images
                .push(placeholder(image, ctm, ImageEncoding::Other));
            return;
        };
        let data = match image.raw_image_data(self.resolve) {
            Ok((data, _)) => data,
            Err(_) => return,
        };
        let mut out = placeholder(image, ctm, encoding);
        out.data = data.to_vec();
        self.images.push(out);
    }
}

/// The image's description, without its data.
fn placeholder(image: &ImageXObject, ctm: &Matrix, encoding: ImageEncoding) -> PdfImage {
    let dict = &image.inner.info.info;
    let (color, inverted) = if dict.image_mask {
        // A stencil mask paints where samples are 0 unless `/Decode [1 0]`.
        (ImageColor::Gray, is_inverted(dict.decode.as_deref()))
    } else {
        (
            color(dict.color_space.as_ref()),
            is_inverted(dict.decode.as_deref()),
        )
    };
    PdfImage {
        width: dict.width,
        height: dict.height,
        bits_per_component: if dict.image_mask {
            1
        } else {
            dict.bits_per_component
                .and_then(|b| u8::try_from(b).ok())
                .unwrap_or(8)
        },
        color,
        encoding,
        inverted,
        drawn_pt: (ctm.a.hypot(ctm.b), ctm.c.hypot(ctm.d)),
        data: Vec::new(),
    }
}

fn is_inverted(decode: Option<&[f32]>) -> bool {
    matches!(decode, Some([a, b, ..]) if a > b)
}

fn color(space: Option<&ColorSpace>) -> ImageColor {
    match space {
        None => ImageColor::Gray,
        Some(ColorSpace::DeviceGray | ColorSpace::CalGray(_)) => ImageColor::Gray,
        Some(ColorSpace::DeviceRGB | ColorSpace::CalRGB(_)) => ImageColor::Rgb,
        Some(ColorSpace::DeviceCMYK | ColorSpace::CalCMYK(_)) => ImageColor::Cmyk,
        Some(ColorSpace::Icc(icc)) => match icc.info.info.components {
            1 => ImageColor::Gray,
            3 => ImageColor::Rgb,
            4 => ImageColor::Cmyk,
            _ => ImageColor::Unsupported,
        },
        Some(_) => ImageColor::Unsupported,
    }
}

/// The image codec of a filter chain: one image filter (after an optional `Crypt`), or none.
/// Any other chain is not read (`None`).
fn encoding(filters: &[StreamFilter]) -> Option<ImageEncoding> {
    let filters: Vec<&StreamFilter> = filters
        .iter()
        .filter(|f| !matches!(f, StreamFilter::Crypt))
        .collect();
    Some(match filters.as_slice() {
        [] => ImageEncoding::Raw,
        [StreamFilter::DCTDecode(_)] => ImageEncoding::Jpeg,
        [StreamFilter::CCITTFaxDecode(p)] => ImageEncoding::Fax {
            k: p.k,
            columns: p.columns,
            rows: p.rows,
            black_is_1: p.black_is_1,
            encoded_byte_align: p.encoded_byte_align,
        },
        [StreamFilter::FlateDecode(p)] => ImageEncoding::Flate {
            predictor: p.predictor,
            colors: p.n_components,
            bits_per_component: p.bits_per_component,
            columns: p.columns,
        },
        [StreamFilter::JBIG2Decode(_)] => ImageEncoding::Jbig2,
        [StreamFilter::JPXDecode] => ImageEncoding::Jpx,
        _ => return None,
    })
}
