//! LaTeX left by converters (`$\sim$`, `$28/104 \approx 26.9\%$`, `\textbf{x}`, `\&`).
//!
//! A math span is `$…$` (or `$$…$$`) that opens on a non-space, closes on a
//! non-space not followed by a digit (Pandoc's rule, so `$5 and $10` or
//! `$5-$10` are two dollar amounts, never math), and whose content looks like
//! math: a backslash command, a `^`/`_` script, or a short formula. Its content
//! is turned into plain Unicode text. Outside math only a fixed list of text
//! commands and escapes is converted; anything else with a backslash is left.

/// Convert LaTeX to text; counts commands, escapes and scripts converted.
pub fn convert(s: &str, count: &mut usize) -> String {
    convert_opt(s, count).unwrap_or_else(|| s.to_string())
}

/// [`convert`], or `None` when nothing changes.
pub fn convert_opt(s: &str, count: &mut usize) -> Option<String> {
    if !s.contains(['$', '\\']) {
        return None;
    }
    let before = *count;
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with('$') {
            if let Some((content, len)) = math_span(s, i) {
                let before = *count;
                let text = math_to_text(content, count);
                if *count == before {
                    *count += 1; // a formula with no command still counts once
                }
                out.push_str(&text);
                i += len;
                continue;
            }
            out.push('$');
            i += 1;
            continue;
        }
        if let Some(braced) = rest.strip_prefix("{\\") {
            // BibTeX's braced accent: `Kosti{\'c}`.
            if let Some((letter, n)) = accent(braced) {
                if braced[n..].starts_with('}') {
                    *count += 1;
                    out.push_str(&letter);
                    i += n + 3;
                    continue;
                }
            }
        }
        if rest.starts_with('\\') {
            if let Some((text, len)) = text_command(rest, count) {
                out.push_str(&text);
                i += len;
                continue;
            }
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    (*count != before).then_some(out)
}

/// The content and total byte length of a math span starting at `s[i]` (a `$`).
fn math_span(s: &str, i: usize) -> Option<(&str, usize)> {
    let rest = &s[i..];
    if let Some(inner) = rest.strip_prefix("$$") {
        let end = find_dollar(inner, "$$")?;
        let content = &inner[..end];
        if content.trim().is_empty() || content.len() > 500 || !looks_like_math(content) {
            return None;
        }
        return Some((content, end + 4));
    }
    let inner = &rest[1..];
    let first = inner.chars().next()?;
    if first.is_whitespace() || first == '$' {
        return None;
    }
    let end = find_dollar(inner, "$")?;
    let content = &inner[..end];
    let last = content.chars().next_back()?;
    if last.is_whitespace() || content.len() > 300 || content.contains('\n') {
        return None;
    }
    // `$5,$10` is two amounts; `$\sim$5` is math (a command settles it).
    if inner[end + 1..].starts_with(|c: char| c.is_ascii_digit()) && !content.contains('\\') {
        return None;
    }
    if !looks_like_math(content) {
        return None;
    }
    Some((content, end + 2))
}

/// Byte offset in `s` of the first unescaped `delim`.
fn find_dollar(s: &str, delim: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut j = 0;
    while j < b.len() {
        if b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j..].starts_with(delim.as_bytes()) {
            return Some(j);
        }
        j += 1;
    }
    None
}

fn looks_like_math(c: &str) -> bool {
    let b = c.as_bytes();
    let has_command = b
        .windows(2)
        .any(|w| w[0] == b'\\' && (w[1].is_ascii_alphabetic() || b"%$&#_{},;!".contains(&w[1])));
    let has_script = b.windows(2).any(|w| {
        (w[0] == b'^' || w[0] == b'_')
            && (w[1].is_ascii_alphanumeric() || w[1] == b'{' || w[1] == b'\\')
    }) || b.first().is_some_and(|&f| f == b'^' || f == b'_');
    if has_command || has_script {
        return true;
    }
    // A short formula: `x`, `n+1`, `28/104`, `O(n)`; not a bare number like `5`.
    c.chars().count() <= 30
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "+-*/=<>()[].,|!' ".contains(ch))
        && (c.chars().any(|ch| ch.is_ascii_alphabetic())
            || c.contains(['+', '*', '/', '=', '<', '>']))
        && !c.contains("  ")
        && c.split_whitespace().count() <= 5
}

/// A command word after a backslash (letters), or one non-letter character.
fn command_name(s: &str) -> &str {
    let n = s.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if n > 0 {
        &s[..n]
    } else {
        s.chars().next().map_or("", |c| &s[..c.len_utf8()])
    }
}

/// The content of a `{…}` group at the start of `s` (balanced) and its length.
fn group(s: &str) -> Option<(&str, usize)> {
    if !s.starts_with('{') {
        return None;
    }
    let mut depth = 0usize;
    let mut escaped = false;
    // Groups are short; an unclosed brace must not make every command scan the rest.
    for (i, c) in s.char_indices().take(2000) {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[1..i], i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// Symbols, for use in and out of math.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "sim" | "textasciitilde" | "thicksim" => "~",
        "approx" | "thickapprox" => "≈",
        "simeq" => "≃",
        "times" => "×",
        "pm" => "±",
        "mp" => "∓",
        "leq" | "le" | "leqslant" => "≤",
        "geq" | "ge" | "geqslant" => "≥",
        "neq" | "ne" => "≠",
        "ll" => "≪",
        "gg" => "≫",
        "cdot" | "cdotp" | "textperiodcentered" => "·",
        "bullet" | "textbullet" => "•",
        "ldots" | "dots" | "cdots" | "textellipsis" => "…",
        "to" | "rightarrow" | "textrightarrow" => "→",
        "leftarrow" | "gets" => "←",
        "Rightarrow" | "implies" => "⇒",
        "leftrightarrow" => "↔",
        "uparrow" => "↑",
        "downarrow" => "↓",
        "infty" => "∞",
        "deg" | "degree" | "textdegree" => "°",
        "circ" => "∘",
        "div" => "÷",
        "propto" => "∝",
        "in" => "∈",
        "sum" => "∑",
        "prod" => "∏",
        "sqrt" => "√",
        "partial" => "∂",
        "nabla" => "∇",
        "forall" => "∀",
        "exists" => "∃",
        "star" => "⋆",
        "ast" => "∗",
        "dagger" | "dag" => "†",
        "ddagger" | "ddag" => "‡",
        "S" => "§",
        "P" => "¶",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "euro" | "texteuro" => "€",
        "pounds" | "textsterling" => "£",
        "textendash" => "–",
        "textemdash" => "—",
        "textbar" | "mid" | "vert" => "|",
        "textbackslash" | "backslash" => "\\",
        "textless" => "<",
        "textgreater" => ">",
        "textquoteright" => "’",
        "textquoteleft" => "‘",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "checkmark" => "✓",
        "LaTeX" => "LaTeX",
        "TeX" => "TeX",
        "BibTeX" => "BibTeX",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" | "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" => "θ",
        "iota" => "ι",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "rho" => "ρ",
        "sigma" => "σ",
        "tau" => "τ",
        "phi" | "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        _ => return None,
    })
}

/// Commands whose argument is text to keep as is (the command itself goes).
fn is_wrapper(name: &str) -> bool {
    matches!(
        name,
        "text"
            | "textbf"
            | "textit"
            | "textsl"
            | "textsc"
            | "textrm"
            | "textsf"
            | "texttt"
            | "textup"
            | "textmd"
            | "textnormal"
            | "emph"
            | "underline"
            | "uline"
            | "mbox"
            | "hbox"
            | "textsuperscript"
            | "textsubscript"
            | "mathrm"
            | "mathbf"
            | "mathit"
            | "mathsf"
            | "mathtt"
            | "mathcal"
            | "mathbb"
            | "mathnormal"
            | "boldsymbol"
            | "operatorname"
            | "url"
            | "path"
            | "small"
            | "large"
    )
}

/// Escapes of one character (`\%` is `%`).
fn escape(c: &str) -> Option<&'static str> {
    Some(match c {
        "%" => "%",
        "$" => "$",
        "&" => "&",
        "#" => "#",
        "_" => "_",
        "{" => "{",
        "}" => "}",
        _ => return None,
    })
}

/// The combining mark of a LaTeX accent command (`\'e` is é).
fn accent_mark(c: &str) -> Option<char> {
    Some(match c {
        "'" => '\u{301}',
        "`" => '\u{300}',
        "^" => '\u{302}',
        "\"" => '\u{308}',
        "~" => '\u{303}',
        "=" => '\u{304}',
        "." => '\u{307}',
        "u" => '\u{306}',
        "v" => '\u{30C}',
        "H" => '\u{30B}',
        "r" => '\u{30A}',
        "c" => '\u{327}',
        "k" => '\u{328}',
        _ => return None,
    })
}

/// An accent command at the start of `s` (after the backslash): `'e`, `'{e}`,
/// `'{\i}`, `"o`, `v{c}`, `c c`. Returns the composed letter and bytes used.
fn accent(s: &str) -> Option<(String, usize)> {
    use unicode_normalization::UnicodeNormalization;
    let name = command_name(s);
    let mark = accent_mark(name)?;
    let mut j = name.len();
    let letter_word = name.chars().all(|c| c.is_ascii_alphabetic());
    let arg = &s[j..];
    let (base, used) = if let Some((g, n)) = group(arg) {
        (g.trim(), n)
    } else if letter_word {
        // `\v c` or `\c{c}`: a letter command needs a space or a group.
        let t = arg.strip_prefix(' ')?;
        let c = t.chars().next()?;
        (&t[..c.len_utf8()], 1 + c.len_utf8())
    } else {
        let c = arg.chars().next()?;
        if c == '\\' {
            let w = command_name(&arg[1..]);
            (&arg[..1 + w.len()], 1 + w.len())
        } else {
            (&arg[..c.len_utf8()], c.len_utf8())
        }
    };
    let base = match base {
        "\\i" | "i" => 'i',
        "\\j" | "j" => 'j',
        b => {
            let mut it = b.chars();
            match (it.next(), it.next()) {
                (Some(c), None) if c.is_alphabetic() => c,
                _ => return None,
            }
        }
    };
    j += used;
    let composed: String = [base, mark].iter().collect::<String>().nfc().collect();
    Some((composed, j))
}

/// A text-mode command at the start of `s` (which starts with `\`).
fn text_command(s: &str, count: &mut usize) -> Option<(String, usize)> {
    let after = &s[1..];
    let name = command_name(after);
    if name.is_empty() {
        return None;
    }
    if let Some(e) = escape(name) {
        *count += 1;
        return Some((e.to_string(), 1 + name.len()));
    }
    if let Some((letter, n)) = accent(after) {
        *count += 1;
        return Some((letter, 1 + n));
    }
    let word = name.chars().all(|c| c.is_ascii_alphabetic());
    if !word {
        return None;
    }
    let rest = &after[name.len()..];
    if name == "href" {
        let (_, n1) = group(rest)?;
        let (text, n2) = group(&rest[n1..])?;
        *count += 1;
        let inner = convert(text, count);
        return Some((inner, 1 + name.len() + n1 + n2));
    }
    if is_wrapper(name) {
        if let Some((inner, n)) = group(rest) {
            *count += 1;
            return Some((convert(inner, count), 1 + name.len() + n));
        }
        return None;
    }
    if let Some(sym) = symbol(name) {
        // `\sim9` is fine; `\simple` is another command (the name took all letters).
        *count += 1;
        let mut len = 1 + name.len();
        // `\ldots{}` and `\LaTeX{}` carry an empty group.
        if rest.starts_with("{}") {
            len += 2;
        }
        return Some((sym.to_string(), len));
    }
    None
}

const SUPERSCRIPTS: [(char, char); 14] = [
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('(', '⁽'),
    (')', '⁾'),
];

const SUBSCRIPTS: [(char, char); 14] = [
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('(', '₍'),
    (')', '₎'),
];

/// A script's text: digits become Unicode super/subscripts (`n²`, `CO₂`);
/// anything with letters stays plain (`46$^{th}$` is `46th`).
fn script_text(t: &str, sup: bool) -> String {
    let table: &[(char, char)] = if sup { &SUPERSCRIPTS } else { &SUBSCRIPTS };
    let mapped: Option<String> = t
        .chars()
        .map(|c| table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v))
        .collect();
    match mapped {
        Some(m) if !m.is_empty() => m,
        _ => t.to_string(),
    }
}

/// Math content to text.
fn math_to_text(c: &str, count: &mut usize) -> String {
    let mut out = String::with_capacity(c.len());
    let mut i = 0;
    while i < c.len() {
        let rest = &c[i..];
        let Some(ch) = rest.chars().next() else {
            break;
        };
        match ch {
            '\\' => {
                let after = &rest[1..];
                let name = command_name(after);
                let mut len = 1 + name.len();
                *count += 1;
                if let Some(e) = escape(name) {
                    out.push_str(e);
                } else if name == "\\" {
                    out.push(' ');
                } else if matches!(name, "," | "!" | ">" | ":" | ";" | " ") {
                    // Math spacing: thin spaces vanish, wider ones are a space.
                    if matches!(name, ";" | ":" | " ") {
                        out.push(' ');
                    }
                } else if matches!(name, "quad" | "qquad" | "space" | "enspace") {
                    out.push(' ');
                } else if matches!(
                    name,
                    "left" | "right" | "big" | "Big" | "bigl" | "bigr" | "displaystyle" | "limits"
                ) {
                    // Sizing: nothing to print.
                } else if let Some(sym) = symbol(name) {
                    out.push_str(sym);
                } else if is_wrapper(name) {
                    if let Some((inner, n)) = group(&after[name.len()..]) {
                        out.push_str(&math_to_text(inner, count));
                        len += n;
                    }
                } else if name == "frac" {
                    let r = &after[name.len()..];
                    if let Some((a, n1)) = group(r) {
                        if let Some((b, n2)) = group(&r[n1..]) {
                            out.push_str(&math_to_text(a, count));
                            out.push('/');
                            out.push_str(&math_to_text(b, count));
                            len += n1 + n2;
                        }
                    }
                } else if let Some((letter, n)) = accent(after) {
                    out.push_str(&letter);
                    len = 1 + n;
                } else {
                    // Unknown: keep the word (`\log n` is `log n`).
                    out.push_str(name);
                }
                i += len;
            }
            '^' | '_' => {
                let sup = ch == '^';
                let r = rest[1..].trim_start();
                let skipped = rest.len() - 1 - r.len();
                *count += 1;
                if let Some((g, n)) = group(r) {
                    out.push_str(&script_text(&math_to_text(g, count), sup));
                    i += 1 + skipped + n;
                } else if let Some(after) = r.strip_prefix('\\') {
                    let name = command_name(after);
                    let mut n = 1 + name.len();
                    if is_wrapper(name) {
                        if let Some((g, gn)) = group(&after[name.len()..]) {
                            out.push_str(&script_text(&math_to_text(g, count), sup));
                            n += gn;
                        }
                    } else if let Some(sym) = symbol(name) {
                        out.push_str(sym);
                    } else {
                        out.push_str(name);
                    }
                    i += 1 + skipped + n;
                } else if let Some(c1) = r.chars().next() {
                    out.push_str(&script_text(&c1.to_string(), sup));
                    i += 1 + skipped + c1.len_utf8();
                } else {
                    i += 1;
                }
            }
            '{' | '}' => i += 1,
            '~' => {
                out.push(' ');
                i += 1;
            }
            _ => {
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cv(s: &str) -> String {
        let mut n = 0;
        convert(s, &mut n)
    }

    fn cvn(s: &str) -> (String, usize) {
        let mut n = 0;
        let out = convert(s, &mut n);
        (out, n)
    }

    #[test]
    fn seed_math() {
        assert_eq!(cv(r"$\sim$ 9.5 Million SEK"), "~ 9.5 Million SEK");
        assert_eq!(
            cv(r"Acceptance rate (Spring):  $28/104 \approx 26.9\%$ ."),
            "Acceptance rate (Spring):  28/104 ≈ 26.9% ."
        );
        // As pulldown-cmark delivers it (`\%` already unescaped).
        assert_eq!(cv(r"$65/348 \approx 18.6%$"), "65/348 ≈ 18.6%");
        assert_eq!(cvn(r"$\sim$"), ("~".into(), 1));
    }

    #[test]
    fn symbols_and_scripts() {
        assert_eq!(cv(r"2 $\times$ 3"), "2 × 3");
        assert_eq!(cv(r"$\pm$5"), "±5");
        assert_eq!(cv(r"$\leq$ 10, $\geq$ 2"), "≤ 10, ≥ 2");
        assert_eq!(cv(r"46$^{th}$ place"), "46th place");
        assert_eq!(cv(r"46$^\text{th}$ place"), "46th place");
        assert_eq!(cv(r"46$^{\text{th}}$"), "46th");
        assert_eq!(cv(r"a $\cdot$ b"), "a · b");
        assert_eq!(cv(r"$O(n^2)$"), "O(n²)");
        assert_eq!(cv(r"CO$_2$"), "CO₂");
        assert_eq!(cv(r"$\frac{1}{2}$"), "1/2");
        assert_eq!(cv(r"$$\alpha + \beta$$"), "α + β");
    }

    #[test]
    fn dollar_amounts_are_not_math() {
        for s in [
            "$140,000 USD",
            "$5 and $10",
            "$5-$10",
            "$5 billion with Verizon – the entity",
            "$140,000 USD August 2021–August 2023 \\– x",
            "between $5 and $10 per hour",
            "$5,$10",
            "costs $ 5 $",
            "a $ sign",
            "US$100",
        ] {
            assert_eq!(cvn(s), (s.to_string(), 0), "{s}");
        }
        assert_eq!(cvn(r"\$140,000 USD"), ("$140,000 USD".into(), 1));
        // A math span after a dollar amount is still found.
        assert_eq!(cv(r"$5 and $\sim$6"), "$5 and ~6");
    }

    #[test]
    fn short_formulas() {
        assert_eq!(cv("let $x$ be"), "let x be");
        assert_eq!(cv("$n+1$ nodes"), "n+1 nodes");
        assert_eq!(cv("ratio $28/104$."), "ratio 28/104.");
        // A bare number between dollars is not a formula.
        assert_eq!(cv("$5$"), "$5$");
    }

    #[test]
    fn text_commands() {
        assert_eq!(cv(r"R\&D"), "R&D");
        assert_eq!(cv(r"50\% off"), "50% off");
        assert_eq!(cv(r"snake\_case"), "snake_case");
        assert_eq!(
            cvn(r"\textbf{Bold} and \emph{it}"),
            ("Bold and it".into(), 2)
        );
        assert_eq!(cv(r"\textbf{\emph{nested}}"), "nested");
        assert_eq!(cv(r"\href{https://x.org}{Paper}"), "Paper");
        assert_eq!(
            cv(r#"Kosti\'{c} and Kosti{\'c} and M\"uller"#),
            "Kostić and Kostić and Müller"
        );
        assert_eq!(cv(r"Mart\'{\i}n"), "Martín");
        assert_eq!(cv(r"\v{C}apek"), "Čapek");
        assert_eq!(cv(r"written in \LaTeX{}"), "written in LaTeX");
        assert_eq!(cv(r"a\ldots b"), "a… b");
    }

    #[test]
    fn things_that_are_not_latex_stay() {
        for s in [
            "Jan 2020 -- Mar 2021",
            "a --- b",
            r"C:\Users\me",
            r"\unknown{x}",
            "50% off",
            r"\simple",
        ] {
            assert_eq!(cvn(s), (s.to_string(), 0), "{s}");
        }
    }
}
