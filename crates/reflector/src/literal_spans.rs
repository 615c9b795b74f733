//! Spans inside an array or object literal of a program file, for the values the collector's
//! span tree does not record (it records objects, arrays and references, not strings, numbers
//! or booleans): the `i`-th element of `[...]`, the value of `key: ...` in `{...}`.
//!
//! A linear scan of the literal's text that skips strings, template literals, comments and
//! nested brackets; it reads only the file whose diagnostics it places.

use ngc_diagnostics::Span;

/// The span of the `index`-th element of the array literal at `array` (spread elements count
/// as one element, as written).
pub(crate) fn element_span(text: &str, array: Span, index: usize) -> Option<Span> {
    let inner = inner(text, array, b'[')?;
    segments(text, inner).into_iter().nth(index)
}

/// The span of the value of property `key` in the object literal at `object` (the last one,
/// as JavaScript keeps the last of duplicate keys).
pub(crate) fn property_value_span(text: &str, object: Span, key: &str) -> Option<Span> {
    let inner = inner(text, object, b'{')?;
    segments(text, inner).into_iter().rev().find_map(|segment| {
        let colon = top_level_colon(text, segment)?;
        let name = text.get(segment.start as usize..colon)?.trim();
        let name = name.strip_prefix(['\'', '"']).and_then(|n| n.strip_suffix(['\'', '"'])).unwrap_or(name);
        (name == key).then(|| trim(text, Span::new(colon as u32 + 1, segment.end)))
    })
}

/// The text between the opening bracket `open` at `span.start` and the closing one at the end.
fn inner(text: &str, span: Span, open: u8) -> Option<Span> {
    let bytes = text.as_bytes();
    let (start, end) = (span.start as usize, span.end as usize);
    if end <= start + 1 || end > bytes.len() || bytes[start] != open {
        return None;
    }
    Some(Span::new(span.start + 1, span.end - 1))
}

/// The comma-separated parts at the top level of `span`, trimmed; empty parts are dropped
/// (a trailing comma).
fn segments(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start as usize;
    scan(text, span, |at, byte, depth| {
        if byte == b',' && depth == 0 {
            out.push(trim(text, Span::new(start as u32, at as u32)));
            start = at + 1;
        }
        false
    });
    out.push(trim(text, Span::new(start as u32, span.end)));
    out.retain(|s| s.end > s.start);
    out
}

fn top_level_colon(text: &str, span: Span) -> Option<usize> {
    let mut found = None;
    scan(text, span, |at, byte, depth| {
        if byte == b':' && depth == 0 {
            found = Some(at);
            return true;
        }
        false
    });
    found
}

/// Calls `visit(offset, byte, depth)` for each byte of code in `span` (outside strings and
/// comments) until it returns `true`.
fn scan(text: &str, span: Span, mut visit: impl FnMut(usize, u8, usize) -> bool) {
    let bytes = text.as_bytes();
    let end = (span.end as usize).min(bytes.len());
    let mut i = span.start as usize;
    // Open brackets; a `b'`'` entry is a template literal's `${`.
    let mut stack: Vec<u8> = Vec::new();
    while i < end {
        let byte = bytes[i];
        match byte {
            b'\'' | b'"' => i = skip_string(bytes, i, byte),
            b'`' => {
                i = skip_template(bytes, i + 1, &mut stack);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < end && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < end && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'(' | b'[' | b'{' => {
                if visit(i, byte, stack.len()) {
                    return;
                }
                stack.push(byte);
            }
            b')' | b']' | b'}' => {
                if stack.pop() == Some(b'`') {
                    i = skip_template(bytes, i + 1, &mut stack);
                    continue;
                }
                if visit(i, byte, stack.len()) {
                    return;
                }
            }
            _ => {
                if visit(i, byte, stack.len()) {
                    return;
                }
            }
        }
        i += 1;
    }
}

/// The offset of the closing quote of the string starting at `start`.
fn skip_string(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() && bytes[i] != quote && bytes[i] != b'\n' {
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    i
}

/// Skips template literal text from `i` to its closing backquote (returns the offset after it)
/// or to a `${` (pushes a marker and returns the offset after the brace).
fn skip_template(bytes: &[u8], mut i: usize, stack: &mut Vec<u8>) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                stack.push(b'`');
                return i + 2;
            }
            _ => i += 1,
        }
    }
    i
}

/// `span` without surrounding whitespace and comments.
fn trim(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (span.start as usize, (span.end as usize).min(bytes.len()));
    loop {
        while start < end && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        if bytes[start..end].starts_with(b"//") {
            while start < end && bytes[start] != b'\n' {
                start += 1;
            }
        } else if bytes[start..end].starts_with(b"/*") {
            match text[start..end].find("*/") {
                Some(close) => start += close + 2,
                None => start = end,
            }
        } else {
            break;
        }
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    Span::new(start as u32, end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).unwrap_or_default() as u32;
        Span::new(start, start + needle.len() as u32)
    }

    fn slice(text: &str, span: Option<Span>) -> Option<&str> {
        span.and_then(|s| text.get(s.start as usize..s.end as usize))
    }

    #[test]
    fn elements_skip_nested_brackets_strings_and_comments() {
        let text = "x = [A, f(1, [2, 3]), 'a,b', /* c, */ `t${[1, 2]}`, { k: 1, j: 2 }, ...rest,\n]";
        let array = at(text, "[A, f");
        let array = Span::new(array.start, text.len() as u32);
        let elements: Vec<_> = (0..7).map(|i| slice(text, element_span(text, array, i))).collect();
        assert_eq!(
            elements,
            [Some("A"), Some("f(1, [2, 3])"), Some("'a,b'"), Some("`t${[1, 2]}`"), Some("{ k: 1, j: 2 }"), Some("...rest"), None]
        );
    }

    #[test]
    fn property_values_are_found_by_key() {
        let text = "{ selector: 42, 'template': `a:b`, host: { a: 'b' }, selector: 'x' }";
        let object = Span::new(0, text.len() as u32);
        assert_eq!(slice(text, property_value_span(text, object, "selector")), Some("'x'"));
        assert_eq!(slice(text, property_value_span(text, object, "template")), Some("`a:b`"));
        assert_eq!(slice(text, property_value_span(text, object, "host")), Some("{ a: 'b' }"));
        assert_eq!(property_value_span(text, object, "a"), None);
        assert_eq!(element_span(text, object, 0), None);
    }
}
