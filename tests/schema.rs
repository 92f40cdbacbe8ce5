//! The JSON Schema in `schema/` is the one generated from the Rust types, and
//! every golden profile (and the current output for every sample) validates
//! against it.

mod common;

use common::{crate_dir, golden_files};
use serde_json::Value;
use std::path::Path;

const REGENERATE: &str = "cargo run -- schema > schema/profile.schema.json";

fn schema_file() -> std::path::PathBuf {
    crate_dir().join("schema/profile.schema.json")
}

fn schema() -> Value {
    serde_json::from_str(&vitae::export::schema_json()).expect("generated schema is JSON")
}

/// Every validation error of `instance`, one a line, naming the file.
fn errors(validator: &jsonschema::Validator, name: &Path, instance: &Value) -> String {
    let mut out = String::new();
    for e in validator.iter_errors(instance) {
        out.push_str(&format!("{}: {}: {e}\n", name.display(), e.instance_path()));
    }
    out
}

#[test]
fn schema_file_is_fresh() {
    let want = vitae::export::schema_json();
    let path = schema_file();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{} is stale or missing: the profile types changed. Run `{REGENERATE}` and commit it.",
        path.display()
    );
}

#[test]
fn goldens_validate_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let files = golden_files();
    if files.is_empty() {
        eprintln!("note: no goldens yet under golden/ (tests/golden.rs reports the missing ones)");
    }
    let mut report = String::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => report.push_str(&errors(&validator, f, &v)),
            Err(e) => report.push_str(&format!("{}: not JSON: {e}\n", f.display())),
        }
    }
    assert!(
        report.is_empty(),
        "goldens that break the schema:\n{report}"
    );
}

#[test]
fn current_sample_output_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let samples = vitae::golden::sample_files(&crate_dir().join("samples")).expect("samples/");
    assert!(!samples.is_empty(), "no samples");
    let mut report = String::new();
    for s in &samples {
        match vitae::parse_path(s, &vitae::Options::default()) {
            Ok(p) => {
                let v = serde_json::to_value(&p).expect("profile serializes");
                report.push_str(&errors(&validator, s, &v));
            }
            Err(e) => report.push_str(&format!("{}: parse error: {e}\n", s.display())),
        }
    }
    assert!(
        report.is_empty(),
        "profiles that break the schema:\n{report}"
    );
}

#[test]
fn the_schema_rejects_a_broken_profile() {
    // Guards against a schema so loose that the checks above cannot fail.
    let validator = jsonschema::validator_for(&schema()).expect("schema compiles");
    let p = vitae::parse_bytes(
        "x.md",
        b"# Jane Roe\n\n## Education\n\n- B.Sc. 2010\n",
        &Default::default(),
    )
    .expect("parses");
    let mut v = serde_json::to_value(&p).expect("serializes");
    assert!(validator.is_valid(&v));
    v["unknown_key"] = Value::Bool(true);
    assert!(
        !validator.is_valid(&v),
        "an unknown top-level key must be rejected"
    );
    let mut v = serde_json::to_value(&p).expect("serializes");
    v["work"] = Value::String("not a list".into());
    assert!(
        !validator.is_valid(&v),
        "a wrongly typed field must be rejected"
    );
}
