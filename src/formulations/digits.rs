//! Digit formulas: “139”, 1+N, 1+5+20, 1+1>2.

/// A formula of digits (“139”, 1+N, 2+14+68+610, 1+1>2): two to four digits
/// alone, or numbers (or N) joined by `+`, optionally compared with `>`.
///
/// ```
/// # use dangjian::formulations::is_digit_formula;
/// assert!(is_digit_formula("1+9+27"));
/// assert!(is_digit_formula("1+N"));
/// assert!(is_digit_formula("439"));
/// assert!(!is_digit_formula("12345"));
/// assert!(!is_digit_formula("2046"));
/// assert!(!is_digit_formula("2024年"));
/// ```
pub fn is_digit_formula(s: &str) -> bool {
    let s = s.trim();
    if !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()) {
        // Not a year (“2046”, “1921” name a year or a title first).
        let year = s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
        return s.len() >= 3 && !s.starts_with('0') && !year;
    }
    let (lhs, rhs) = match s.split_once(['>', '﹥', '＞']) {
        Some((l, r)) => (l, Some(r)),
        None => (s, None),
    };
    if rhs.is_some_and(|r| r.is_empty() || !r.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    let parts: Vec<&str> = lhs.split(['+', '＋']).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 4
                && (p.chars().all(|c| c.is_ascii_digit()) || *p == "N" || *p == "n")
        })
}

/// Unquoted digit formulas with a variable part (1+N, 3+1+N): a quoted
/// one is found with the quotes; without N a sum of numbers is arithmetic.
pub(super) fn digit_formulas_with_n(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Every candidate contains an N.
    if !text.contains('N') {
        return out;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || matches!(bytes[j], b'+' | b'N')) {
            j += 1;
        }
        let cand = &text[i..j];
        if cand.contains('N')
            && is_digit_formula(cand)
            && !bytes.get(j).is_some_and(u8::is_ascii_alphanumeric)
            && !out.iter().any(|o| o == cand)
        {
            out.push(cand.to_string());
        }
        i = j.max(i + 1);
    }
    out
}
