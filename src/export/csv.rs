//! A tiny CSV writer (RFC 4180): fields joined by commas, a field quoted when
//! it holds a comma, a quote, a line break or leading/trailing spaces, quotes
//! doubled inside; lines end with CRLF. A field that a spreadsheet would run
//! as a formula gets a leading apostrophe (CSV injection).

use std::borrow::Cow;

/// The bytes Excel and WPS look for to read a CSV file as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// Whether a spreadsheet would run a field as a formula ("=…", "+…", "@…",
/// "-…" that is not a number or a dash mark): text from a report (an issuer
/// name, a value as written) must never become one.
fn is_formula(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => {
            let rest = chars.as_str();
            !rest.is_empty()
                && !rest.chars().all(|c| c == '-')
                && !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        }
        _ => false,
    }
}

/// One field, quoted if it needs to be; a field a spreadsheet would run as a
/// formula is kept as text with a leading apostrophe.
pub fn field(text: &str) -> Cow<'_, str> {
    if is_formula(text) {
        let guarded = format!("'{text}");
        return Cow::Owned(field(&guarded).into_owned());
    }
    let needs_quotes = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs_quotes {
        Cow::Owned(format!("\"{}\"", text.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends one record (a line) to `out`.
pub fn record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f.as_ref()));
    }
    out.push_str("\r\n");
}

/// A whole table as CSV text.
pub fn table<S: AsRef<str>>(rows: &[Vec<S>]) -> String {
    let mut out = String::new();
    for row in rows {
        record(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("沭阳县"), "沭阳县");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(" padded"), "\" padded\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn formulas_are_kept_as_text() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(field("+1+1"), "'+1+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-cmd"), "'-cmd");
        // Numbers and the not-applicable dashes stay as they are.
        assert_eq!(field("-"), "-");
        assert_eq!(field("--"), "--");
        assert_eq!(field("-5"), "-5");
        assert_eq!(field("923.71"), "923.71");
    }

    #[test]
    fn records_end_with_crlf() {
        let t = table(&[vec!["a", "b,c"], vec!["", "\""]]);
        assert_eq!(t, "a,\"b,c\"\r\n,\"\"\"\"\r\n");
    }
}
