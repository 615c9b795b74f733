//! Small text helpers: UTF-16 columns for Angular-compatible messages and JavaScript's
//! number-to-string conversion.
//!
//! Angular measures positions in UTF-16 code units; this crate measures spans in UTF-8 bytes.
//! Messages quote Angular's columns, so they are converted here.

/// The UTF-16 column of byte offset `pos` in `text`. Offsets past the end count one unit per
/// byte (Angular's lexer can step past the end of its input).
pub(crate) fn utf16_col(text: &str, pos: usize) -> usize {
    if pos <= text.len() {
        let mut p = pos;
        while p > 0 && !text.is_char_boundary(p) {
            p -= 1;
        }
        let prefix = &text[..p];
        if prefix.is_ascii() {
            return p;
        }
        prefix.chars().map(char::len_utf16).sum()
    } else {
        utf16_col(text, text.len()) + (pos - text.len())
    }
}

/// The byte offset of UTF-16 column `col` in `text` (inverse of [`utf16_col`]; columns past
/// the end map past the end one byte per unit).
pub(crate) fn byte_at_utf16(text: &str, col: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= col {
            return i;
        }
        units += c.len_utf16();
    }
    text.len() + col.saturating_sub(units)
}

/// `Number.prototype.toString()` of JavaScript for a finite or non-finite `f64`.
pub fn js_number_to_string(value: f64) -> String {
    if value.is_nan() {
        return "NaN".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    if value == 0.0 {
        return "0".into();
    }
    let negative = value < 0.0;
    // Rust's `{:e}` prints the shortest round-tripping digits, like JavaScript does.
    let sci = format!("{:e}", value.abs());
    let (mantissa, exp) = match sci.split_once('e') {
        Some(parts) => parts,
        None => return sci,
    };
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let k = digits.len() as i32;
    let n = exp + 1; // position of the decimal point relative to the digits
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if k <= n && n <= 21 {
        out.push_str(&digits);
        for _ in 0..(n - k) {
            out.push('0');
        }
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        for _ in 0..(-n) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let e = n - 1;
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if e < 0 { '-' } else { '+' });
        out.push_str(&e.abs().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::js_number_to_string as s;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(s(1.0), "1");
        assert_eq!(s(0.5), "0.5");
        assert_eq!(s(123.456), "123.456");
        assert_eq!(s(1e21), "1e+21");
        assert_eq!(s(1e20), "100000000000000000000");
        assert_eq!(s(1e-7), "1e-7");
        assert_eq!(s(0.000001), "0.000001");
        assert_eq!(s(1.5e-10), "1.5e-10");
        assert_eq!(s(-2.0), "-2");
    }
}
