//! The element part of Angular's `CssSelector.parse`, as `calcPossibleSecurityContexts` uses it.
//!
//! Security contexts of a binding depend only on the element names a selector can match: its
//! element (or none) and the element names of its `:not(...)` parts that are pure element
//! selectors. This scanner follows `_SELECTOR_REGEXP` token by token (skipping characters no
//! token matches, as the regex search does) and keeps only that; it never fails — where Angular
//! throws (nested `:not`, a comma inside `:not`), it keeps going.

/// What one comma-separated selector says about elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelectorElements {
    /// The element name; `Some("*")` for a selector made only of `:not(...)` parts, `None` when
    /// the selector names no element (only classes or attributes).
    pub element: Option<String>,
    /// The element names of the `:not(...)` parts that are plain element selectors.
    pub not_elements: Vec<String>,
}

#[derive(Default)]
struct Simple {
    element: Option<String>,
    has_class_or_attr: bool,
}

#[derive(Default)]
struct Compound {
    own: Simple,
    nots: Vec<Simple>,
}

impl Compound {
    fn finish(self) -> SelectorElements {
        let mut element = self.own.element;
        if !self.nots.is_empty() && element.is_none() && !self.own.has_class_or_attr {
            element = Some("*".to_string());
        }
        SelectorElements {
            element,
            not_elements: self
                .nots
                .into_iter()
                .filter(|s| !s.has_class_or_attr)
                .filter_map(|s| s.element)
                .collect(),
        }
    }
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// JavaScript's `\s` (WhiteSpace and LineTerminator, incl. U+FEFF), what `String.prototype.trim` removes.
pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Length of an attribute token `[name]` / `[name=value]` / `[name="value"]` at the start of `s`.
fn attr_token_len(s: &[u8]) -> Option<usize> {
    if s.first() != Some(&b'[') {
        return None;
    }
    let mut i = 1;
    while i < s.len() && (is_word(s[i]) || matches!(s[i], b'-' | b'.' | b'*' | b'\\' | b'$')) {
        i += 1;
    }
    if i == 1 {
        return None;
    }
    match s.get(i) {
        Some(b']') => Some(i + 1),
        Some(b'=') => {
            let mut j = i + 1;
            let quote = match s.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    j += 1;
                    Some(q)
                }
                _ => None,
            };
            while j < s.len() && !matches!(s[j], b']' | b'"' | b'\'') {
                j += 1;
            }
            if let Some(q) = quote {
                if s.get(j) != Some(&q) {
                    return None;
                }
                j += 1;
            }
            (s.get(j) == Some(&b']')).then_some(j + 1)
        }
        _ => None,
    }
}

/// Splits a selector list into what each selector says about elements (see the module docs).
pub fn parse_selector_elements(selector: &str) -> Vec<SelectorElements> {
    let bytes = selector.as_bytes();
    let mut results = Vec::new();
    let mut current = Compound::default();
    let mut in_not = false;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b":not(") {
            in_not = true;
            current.nots.push(Simple::default());
            i += 5;
            continue;
        }
        // `([.#]?)[-\w]+`
        let prefix = match rest.first() {
            Some(&p @ (b'.' | b'#')) => Some(p),
            _ => None,
        };
        let start = usize::from(prefix.is_some());
        let mut end = start;
        while end < rest.len() && (is_word(rest[end]) || rest[end] == b'-') {
            end += 1;
        }
        if end > start {
            let target = if in_not {
                current.nots.last_mut()
            } else {
                Some(&mut current.own)
            };
            if let Some(t) = target {
                match prefix {
                    Some(_) => t.has_class_or_attr = true,
                    None => t.element = Some(selector[i..i + end].to_string()),
                }
            }
            i += end;
            continue;
        }
        if let Some(len) = attr_token_len(rest) {
            let target = if in_not {
                current.nots.last_mut()
            } else {
                Some(&mut current.own)
            };
            if let Some(t) = target {
                t.has_class_or_attr = true;
            }
            i += len;
            continue;
        }
        if rest.first() == Some(&b')') {
            in_not = false;
            i += 1;
            continue;
        }
        // `\s*,\s*`
        let tail = &selector[i..];
        let after_space = tail.trim_start_matches(is_js_space);
        if let Some(after_comma) = after_space.strip_prefix(',') {
            let after = after_comma.trim_start_matches(is_js_space);
            // A comma inside `:not(...)` is an error in Angular; treated as a separator here.
            results.push(std::mem::take(&mut current).finish());
            in_not = false;
            i = selector.len() - after.len();
            continue;
        }
        // No token here: skip one character, as the regex search does.
        i += tail.chars().next().map_or(1, char::len_utf8);
    }
    results.push(current.finish());
    results
}
