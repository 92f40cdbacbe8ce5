//! Stage 4: one parser a section kind, from segmented lines to profile entries.

use crate::clean::Cleaned;
use crate::profile::{OtherSection, Profile, SectionInfo, Source};
use crate::segment::Segmented;

/// Build the profile from the segmented document.
pub fn parse(doc: &Cleaned, seg: &Segmented, source: Source) -> Profile {
    let mut p = Profile::new(source);
    p.diagnostics = doc.diagnostics.clone();
    for s in &seg.sections {
        p.sections.push(SectionInfo {
            kind: s.kind,
            title: s.title.clone(),
            line: s.line,
        });
        p.other.push(OtherSection {
            title: s.title.clone(),
            items: s.lines.iter().map(|(_, l)| l.text()).filter(|t| !t.trim().is_empty()).collect(),
        });
    }
    p
}
