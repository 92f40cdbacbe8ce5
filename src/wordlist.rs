//! The one reader of the reviewed word lists and tables compiled into the
//! binary (`src/*/data/`): one entry a line, `#` comment lines and blank lines
//! skipped, each line trimmed.

/// The entries of a data file, in file order.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_and_blanks_are_skipped() {
        let got: Vec<&str> = super::lines("# head\n\n  one \n#x\ntwo\tthree\n").collect();
        assert_eq!(got, vec!["one", "two\tthree"]);
    }
}
