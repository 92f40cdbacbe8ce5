//! Stage 6: the profile out: vitae's JSON, JSON Resume, RenderCV YAML, and
//! homepages (Jekyll, academicpages, standalone HTML).

pub mod fmt;
pub mod homepage;
pub mod jsonresume;
pub mod rendercv;

use crate::profile::Profile;

/// The profile as pretty JSON with a trailing newline.
pub fn to_json(profile: &Profile) -> String {
    let mut s = serde_json::to_string_pretty(profile).expect("profile serializes");
    s.push('\n');
    s
}

/// The JSON Schema of the profile, generated from the Rust types.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Profile);
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serializes");
    s.push('\n');
    s
}
