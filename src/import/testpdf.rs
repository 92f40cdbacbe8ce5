//! Minimal hand-written PDFs for tests (valid cross-reference offsets).

/// A PDF of `n` pages, each with one line of Helvetica text.
pub fn pages(n: usize) -> Vec<u8> {
    padded(n, 0)
}

/// The same, made at least `pad` bytes bigger by a comment after the header.
pub fn padded(n: usize, pad: usize) -> Vec<u8> {
    let mut objs: Vec<String> = Vec::new();
    // 1: catalog, 2: page tree, 3: font, then a page and its content a page.
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for i in 0..n {
        let content = format!("BT /F1 12 Tf 72 720 Td (Page {}) Tj ET", i + 1);
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    for _ in 0..pad.div_ceil(64) {
        out.extend_from_slice(format!("%{}\n", "x".repeat(62)).as_bytes());
    }
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn lopdf_reads_it() {
    let doc = pdf_extract::Document::load_mem(&pages(3)).unwrap();
    assert_eq!(doc.get_pages().len(), 3);
}
