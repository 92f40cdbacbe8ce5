//! Regular expressions compiled once per process, and a way to compile them
//! ahead of need.
//!
//! Compiling the parsers' patterns costs about as much CPU as extracting a
//! 5-page PDF. Every pattern is lazy (a `OnceLock` behind a getter), and each
//! getter registers itself here, so [`warm_in_background`] can compile them
//! on a spare core while the main thread reads the document. A pattern the
//! main thread needs first is compiled by whichever thread gets there first;
//! `OnceLock` makes sure it is compiled once.

/// A registered pattern getter: calling `get` compiles the pattern if needed.
pub struct Warm {
    /// Where the getter is (`module_path!()::name`), for reports.
    pub name: &'static str,
    pub get: fn(),
}

inventory::collect!(Warm);

/// A getter `fn $name() -> &'static Regex`, compiled on first use and
/// registered for warming.
macro_rules! re {
    ($name:ident, $pat:expr) => {
        pub fn $name() -> &'static ::regex::Regex {
            static RE: ::std::sync::OnceLock<::regex::Regex> = ::std::sync::OnceLock::new();
            RE.get_or_init(|| ::regex::Regex::new($pat).expect("valid regex"))
        }
        $crate::patterns::warm!($name);
    };
}
pub(crate) use re;

/// Registers a lazy getter written by hand (one that builds several patterns,
/// or formats its pattern) for warming.
macro_rules! warm {
    ($getter:path) => {
        ::inventory::submit! {
            $crate::patterns::Warm {
                name: concat!(module_path!(), "::", stringify!($getter)),
                get: || {
                    let _ = $getter();
                },
            }
        }
    };
}
pub(crate) use warm;

/// Compiles every registered pattern now, on this thread.
pub fn warm_all() {
    for w in inventory::iter::<Warm> {
        (w.get)();
    }
}

/// Every registered getter.
pub fn registered() -> impl Iterator<Item = &'static Warm> {
    inventory::iter::<Warm>.into_iter()
}

/// Compiles every pattern on a background thread, once per process. For a
/// one-document run (`vitae parse`) on a machine with a spare core: the
/// patterns are ready by the time the parsers need them. Bulk import compiles
/// them once per process anyway and does not need this.
pub fn warm_in_background() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 {
            // Detached: the process may exit before it finishes, which is fine.
            let _ = std::thread::Builder::new()
                .name("vitae-warm".into())
                .spawn(warm_all);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_pattern_compiles_once() {
        let names: Vec<&str> = registered().map(|w| w.name).collect();
        // The parsers' patterns register themselves; far fewer means the
        // registry stopped collecting.
        assert!(names.len() >= 80, "{} registered: {names:?}", names.len());
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a getter registered twice");
        warm_all();
        // A second pass finds everything compiled (and must not panic).
        warm_all();
    }

    #[test]
    fn warming_in_the_background_is_idempotent() {
        warm_in_background();
        warm_in_background();
        crate::parse::dates::find_period("May 2020 – now").expect("a period");
    }
}
