//! PDF extraction (layout-aware extraction lands with the PDF issue).

use super::{Document, ExtractError};

pub fn extract(_bytes: &[u8]) -> Result<Document, ExtractError> {
    Err(ExtractError::new(
        "pdf_unsupported",
        "PDF input not supported yet: convert it to Markdown or text first",
    ))
}
