//! Any bytes → the PDF and Word readers: must never panic or hang; what
//! they give must be text the extractor can read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pdf) = nianbao::pdf::read_pdf(data) {
        for page in &pdf.pages {
            assert!(page.range.start <= page.range.end && page.range.end <= pdf.text.len());
            assert!(pdf.text.is_char_boundary(page.range.start));
        }
        let _ = nianbao::extract::extract(&pdf.text);
    }
    if let Ok(text) = nianbao::docx::read_docx(data) {
        let _ = nianbao::extract::extract(&text);
    }
});
