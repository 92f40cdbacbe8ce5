//! LaTeX left by converters.

pub fn convert(s: &str, _count: &mut usize) -> String {
    s.to_string()
}
