//! The collector's output tree, serialised exactly as JavaScript's `JSON.stringify` would.
//!
//! Object keys keep insertion order except that array-index keys (`"0"`, `"1"`, …) come
//! first in ascending order, as in a JavaScript object. Numbers print as JavaScript prints
//! them; non-finite numbers print as `null`.

/// A JSON value with JavaScript object-key order and number formatting.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Compact serialisation, byte-identical to `JSON.stringify(value)`.
    pub fn to_js_string(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out, None);
        out
    }

    /// Indented serialisation, byte-identical to `JSON.stringify(value, null, 2)`.
    pub fn to_js_string_pretty(&self) -> String {
        let mut out = String::new();
        write_json(self, &mut out, Some(0));
        out
    }
}

/// Writes `value`; `indent` is the current depth for pretty output, `None` for compact.
fn write_json(value: &Json, out: &mut String, indent: Option<usize>) {
    stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || write_json_inner(value, out, indent))
}

fn newline(out: &mut String, indent: Option<usize>) {
    if let Some(depth) = indent {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
}

fn write_json_inner(value: &Json, out: &mut String, indent: Option<usize>) {
    let inner = indent.map(|d| d + 1);
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => {
            if n.is_finite() {
                out.push_str(&js_number_to_string(*n))
            } else {
                out.push_str("null")
            }
        }
        Json::String(s) => write_js_string(s, out),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_json(item, out, inner);
            }
            if !items.is_empty() {
                newline(out, indent);
            }
            out.push(']');
        }
        Json::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, inner);
                write_js_string(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_json(v, out, inner);
            }
            if !entries.is_empty() {
                newline(out, indent);
            }
            out.push('}');
        }
    }
}

/// Writes `s` as `JSON.stringify` quotes a string (lone surrogates carried as described in
/// `jsstr` become `\udXXX`).
pub fn write_js_string(s: &str, out: &mut String) {
    out.push('"');
    for piece in crate::jsstr::pieces(s) {
        let c = match piece {
            crate::jsstr::Piece::LoneSurrogate(unit) => {
                out.push_str(&format!("\\u{unit:04x}"));
                continue;
            }
            crate::jsstr::Piece::Char(c) => c,
        };
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// JavaScript's `Number.prototype.toString()` for finite numbers.
pub fn js_number_to_string(n: f64) -> String {
    if n == 0.0 {
        return "0".to_string();
    }
    if n.is_nan() {
        return "NaN".to_string();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let sign = if n < 0.0 { "-" } else { "" };
    // Shortest round-trip digits and exponent: "d.ddde-7" / "de21".
    let sci = format!("{:e}", n.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let k = digits.len() as i32;
    let n_pos = exp + 1;
    let body = if k <= n_pos && n_pos <= 21 {
        format!("{}{}", digits, "0".repeat((n_pos - k) as usize))
    } else if 0 < n_pos && n_pos <= 21 {
        format!("{}.{}", &digits[..n_pos as usize], &digits[n_pos as usize..])
    } else if -6 < n_pos && n_pos <= 0 {
        format!("0.{}{}", "0".repeat((-n_pos) as usize), digits)
    } else {
        let e = n_pos - 1;
        let e_str = if e >= 0 { format!("+{e}") } else { format!("{e}") };
        if k == 1 {
            format!("{digits}e{e_str}")
        } else {
            format!("{}.{}e{}", &digits[..1], &digits[1..], e_str)
        }
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases = [
            (1.0, "1"),
            (-0.0, "0"),
            (0.1, "0.1"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1e21, "1e+21"),
            (123456789012345680000.0, "123456789012345680000"),
            (-2.5, "-2.5"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
        ];
        for (n, s) in cases {
            assert_eq!(js_number_to_string(n), s, "{n}");
        }
    }

    #[test]
    fn pretty_form_is_json_stringify_with_two_spaces() {
        let v = Json::Object(vec![
            ("a".into(), Json::Array(vec![Json::Number(1.0), Json::Object(vec![])])),
            ("b".into(), Json::Array(vec![])),
        ]);
        assert_eq!(v.to_js_string_pretty(), "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}");
    }

    #[test]
    fn strings_escape_as_json_stringify() {
        let mut out = String::new();
        write_js_string("a\"\\\n\u{1}\u{2028}", &mut out);
        assert_eq!(out, "\"a\\\"\\\\\\n\\u0001\u{2028}\"");
    }
}
