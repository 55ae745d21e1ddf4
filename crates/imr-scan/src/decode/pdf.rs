//! The pages of a PDF: text-layer pages keep their text, the others give their largest image.

use imr_pdf::{ImageColor, ImageEncoding, PdfImage};

use super::{decode_g4, flate, image, jpeg, to_8_bits, to_gray, Budget, ScanPage};
use crate::error::{ScanError, ScanWarning};
use crate::raster::{Dpi, GrayImage};

pub(crate) fn read(
    bytes: &[u8],
    budget: &mut Budget,
    warnings: &mut Vec<ScanWarning>,
) -> Result<Vec<ScanPage>, ScanError> {
    let pdf = imr_pdf::page_images(bytes)?;
    warnings.extend(pdf.warnings.into_iter().map(ScanWarning::from));
    let mut pages = Vec::with_capacity(pdf.pages.len());
    let mut first_error = None;
    let mut failed = Vec::new();
    for (n, page) in pdf.pages.into_iter().enumerate() {
        if page.has_text() {
            budget.page()?;
            pages.push(ScanPage::Text(page.text));
            continue;
        }
        // The page's scan is its largest image (a logo or stamp may sit beside it).
        let Some(largest) = page
            .images
            .iter()
            .max_by_key(|i| u64::from(i.width) * u64::from(i.height))
        else {
            budget.page()?;
            pages.push(ScanPage::Text(String::new()));
            continue;
        };
        match decode(largest, page.size_pt, budget) {
            Ok(img) => pages.push(ScanPage::Image(img)),
            Err(e @ (ScanError::Damaged(_) | ScanError::Unsupported(_))) => {
                failed.push(n + 1);
                first_error.get_or_insert(e);
                pages.push(ScanPage::Text(String::new()));
            }
            Err(e) => return Err(e),
        }
    }
    if let Some(e) = first_error {
        if pages
            .iter()
            .all(|p| matches!(p, ScanPage::Text(t) if t.trim().is_empty()))
        {
            return Err(e);
        }
        warnings.push(ScanWarning::new(
            "image-unreadable",
            format!(
                "the image of page{} {} could not be read ({e}); that text is missing",
                if failed.len() == 1 { "" } else { "s" },
                failed
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    if !pages.iter().any(|p| match p {
        ScanPage::Text(t) => !t.trim().is_empty(),
        ScanPage::Image(_) => true,
    }) {
        return Err(ScanError::NoPageImage);
    }
    Ok(pages)
}

/// Decodes one PDF image to grey at the resolution it is drawn at.
fn decode(
    img: &PdfImage,
    page_pt: (f32, f32),
    budget: &mut Budget,
) -> Result<GrayImage, ScanError> {
    let (w, h) = (img.width, img.height);
    let drawn = if img.drawn_pt.0 > 1.0 && img.drawn_pt.1 > 1.0 {
        img.drawn_pt
    } else {
        page_pt
    };
    let dpi = Dpi {
        x: (w as f32 * 72.0 / drawn.0).round(),
        y: (h as f32 * 72.0 / drawn.1).round(),
    };
    let components = match img.color {
        ImageColor::Gray => 1,
        ImageColor::Rgb => 3,
        ImageColor::Cmyk => 4,
        ImageColor::Unsupported => {
            return Err(ScanError::Unsupported("a palette or special colour space"))
        }
    };
    let mut out = match &img.encoding {
        ImageEncoding::Jpeg => jpeg::decode(&img.data, Some(dpi), budget)?,
        ImageEncoding::Fax {
            k,
            columns,
            rows,
            black_is_1,
            ..
        } => {
            if *k >= 0 {
                return Err(ScanError::Unsupported("Group 3 fax"));
            }
            let rows = if *rows > 0 { *rows } else { h };
            budget.reserve((*columns).into(), rows.into())?;
            let max = budget.limits().max_pixels;
            let (pixels, height) = decode_g4(&img.data, *columns, rows, *black_is_1, max)?;
            image(pixels, *columns, height, dpi)
        }
        ImageEncoding::Raw | ImageEncoding::Flate { .. } => {
            budget.reserve(w.into(), h.into())?;
            let bits = img.bits_per_component;
            let row_bytes = (w as usize * components * usize::from(bits)).div_ceil(8);
            let samples = match &img.encoding {
                ImageEncoding::Flate { predictor, .. } => flate::inflate(
                    &img.data,
                    *predictor,
                    row_bytes,
                    h as usize,
                    (components * usize::from(bits)).div_ceil(8),
                )?,
                _ => img.data.clone(),
            };
            let samples = to_8_bits(&samples, w, h, components, bits)?;
            image(to_gray(&samples, components, components == 4), w, h, dpi)
        }
        ImageEncoding::Jbig2 => return Err(ScanError::Unsupported("JBIG2")),
        ImageEncoding::Jpx => return Err(ScanError::Unsupported("JPEG 2000")),
        ImageEncoding::Other => return Err(ScanError::Unsupported("a chain of PDF filters")),
    };
    if img.inverted {
        out.pixels.iter_mut().for_each(|p| *p = 255 - *p);
    }
    Ok(out)
}
