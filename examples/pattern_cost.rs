//! What each lazily compiled pattern costs to build, most expensive first: the
//! start-up cost a one-document `vitae parse` pays (on its spare core).
//!
//! cargo run --release --example pattern_cost

use std::time::Instant;

fn main() {
    let mut costs: Vec<(f64, &str)> = vitae::patterns::registered()
        .map(|w| {
            let t = Instant::now();
            (w.get)();
            (t.elapsed().as_secs_f64() * 1e3, w.name)
        })
        .collect();
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = costs.iter().map(|c| c.0).sum();
    println!("{} patterns, {total:.1} ms in all", costs.len());
    for (ms, name) in costs.iter().take(25) {
        println!("{ms:8.2} ms  {name}");
    }
}
