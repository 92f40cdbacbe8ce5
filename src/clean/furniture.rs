//! Page furniture: running headers, footers and page numbers.

use crate::extract::Line;
use crate::profile::Diagnostics;

pub fn remove(lines: Vec<Line>, _diag: &mut Diagnostics) -> Vec<Line> {
    lines
}
