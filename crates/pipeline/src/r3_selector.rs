//! CSS selectors in the array form the runtime reads (Angular's `CssSelector.parse` and
//! `parseSelectorToR3Selector`), for `ngProjectAs` and the `ɵɵprojectionDef` of `<ng-content
//! select>`.
//!
//! The scanner follows Angular's `_SELECTOR_REGEXP` alternatives in order, as the reflector's
//! selector parser does; only the parts projection needs are kept here.

use crate::ingest::is_js_space;

/// `SelectorFlags` of the runtime.
const NOT: u32 = 1;
const ATTRIBUTE: u32 = 2;
const ELEMENT: u32 = 4;
const CLASS: u32 = 8;

/// One entry of an R3 selector: a name or value, or a flags marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum R3SelectorPart {
    Text(String),
    Flags(u32),
}

#[derive(Debug, Clone, Default)]
struct Selector {
    element: Option<String>,
    class_names: Vec<String>,
    attrs: Vec<(String, String)>,
    not_selectors: Vec<Selector>,
}

enum Token<'a> {
    NotStart,
    Tag(Option<char>, &'a str),
    Attr(&'a str, Option<&'a str>),
    Close,
    Comma,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn is_attr_name_char(c: char) -> bool {
    is_word(c) || matches!(c, '.' | '*' | '\\' | '$')
}

fn token_at(s: &str, i: usize) -> Option<(Token<'_>, usize)> {
    let rest = &s[i..];
    if rest.starts_with(":not(") {
        return Some((Token::NotStart, i + 5));
    }
    let (prefix, name_start) = match rest.chars().next() {
        Some(c @ ('.' | '#')) => (Some(c), 1),
        _ => (None, 0),
    };
    let name_len = rest[name_start..]
        .find(|c: char| !is_word(c))
        .unwrap_or(rest.len() - name_start);
    if name_len > 0 {
        let end = name_start + name_len;
        return Some((Token::Tag(prefix, &rest[name_start..end]), i + end));
    }
    if let Some(after) = rest.strip_prefix('[') {
        if let Some((name, value, len)) = attr_token(after) {
            return Some((Token::Attr(name, value), i + 1 + len));
        }
    }
    if rest.starts_with(')') {
        return Some((Token::Close, i + 1));
    }
    let spaces = rest.find(|c: char| !is_js_space(c)).unwrap_or(rest.len());
    if rest[spaces..].starts_with(',') {
        let after = &rest[spaces + 1..];
        let trailing = after.find(|c: char| !is_js_space(c)).unwrap_or(after.len());
        return Some((Token::Comma, i + spaces + 1 + trailing));
    }
    None
}

fn attr_token(s: &str) -> Option<(&str, Option<&str>, usize)> {
    let name_len = s.find(|c: char| !is_attr_name_char(c)).unwrap_or(s.len());
    if name_len == 0 {
        return None;
    }
    let name = &s[..name_len];
    let rest = &s[name_len..];
    if rest.starts_with(']') {
        return Some((name, None, name_len + 1));
    }
    let after_eq = rest.strip_prefix('=')?;
    let (quote, value_start) = match after_eq.chars().next() {
        Some(q @ ('"' | '\'')) => (Some(q), 1),
        _ => (None, 0),
    };
    let value_part = &after_eq[value_start..];
    let value_len = value_part
        .find([']', '"', '\''])
        .unwrap_or(value_part.len());
    let value = &value_part[..value_len];
    let mut after_value = &value_part[value_len..];
    if let Some(q) = quote {
        after_value = after_value.strip_prefix(q)?;
    }
    after_value.strip_prefix(']')?;
    let consumed = s.len() - after_value.len() + 1;
    Some((name, Some(value), consumed))
}

fn unescape_attribute(attr: &str) -> Option<String> {
    let mut out = String::with_capacity(attr.len());
    let mut escaping = false;
    for c in attr.chars() {
        if c == '\\' {
            escaping = true;
            continue;
        }
        if c == '$' && !escaping {
            return None;
        }
        escaping = false;
        out.push(c);
    }
    Some(out)
}

impl Selector {
    fn add_attribute(&mut self, name: &str, value: Option<&str>) {
        self.attrs.push((
            name.to_string(),
            value.map(str::to_lowercase).unwrap_or_default(),
        ));
    }
}

/// `CssSelector.parse`; `None` where Angular throws.
fn parse(selector: &str) -> Option<Vec<Selector>> {
    fn add_result(results: &mut Vec<Selector>, mut sel: Selector) {
        if !sel.not_selectors.is_empty()
            && sel.element.as_deref().is_none_or(str::is_empty)
            && sel.class_names.is_empty()
            && sel.attrs.is_empty()
        {
            sel.element = Some("*".to_string());
        }
        results.push(sel);
    }
    let mut results = Vec::new();
    let mut top = Selector::default();
    let mut in_not = false;
    let mut i = 0;
    while i < selector.len() {
        let Some((token, next)) = token_at(selector, i) else {
            let rest = &selector[i..];
            let run = rest.find(|c: char| !is_js_space(c)).unwrap_or(rest.len());
            i += if run > 0 {
                run
            } else {
                rest.chars().next().map_or(1, char::len_utf8)
            };
            continue;
        };
        i = next;
        match token {
            Token::NotStart => {
                if in_not {
                    return None;
                }
                in_not = true;
                top.not_selectors.push(Selector::default());
            }
            Token::Tag(prefix, name) => {
                let target = if in_not {
                    top.not_selectors.last_mut()
                } else {
                    None
                };
                let target = match target {
                    Some(t) => t,
                    None => &mut top,
                };
                match prefix {
                    Some('#') => target.add_attribute("id", Some(name)),
                    Some(_) => target.class_names.push(name.to_lowercase()),
                    None => target.element = Some(name.to_string()),
                }
            }
            Token::Attr(name, value) => {
                let name = unescape_attribute(name)?;
                let target = if in_not {
                    top.not_selectors.last_mut()
                } else {
                    None
                };
                let target = match target {
                    Some(t) => t,
                    None => &mut top,
                };
                target.add_attribute(&name, value);
            }
            Token::Close => in_not = false,
            Token::Comma => {
                if in_not {
                    return None;
                }
                add_result(&mut results, std::mem::take(&mut top));
            }
        }
    }
    add_result(&mut results, top);
    Some(results)
}

fn text(s: &str) -> R3SelectorPart {
    R3SelectorPart::Text(s.to_string())
}

fn attrs_and_classes(selector: &Selector, out: &mut Vec<R3SelectorPart>) {
    for (name, value) in &selector.attrs {
        out.push(text(name));
        out.push(text(value));
    }
    if !selector.class_names.is_empty() {
        out.push(R3SelectorPart::Flags(CLASS));
        out.extend(selector.class_names.iter().map(|c| text(c)));
    }
}

fn to_r3(selector: &Selector) -> Vec<R3SelectorPart> {
    let element = selector
        .element
        .as_deref()
        .filter(|e| *e != "*")
        .unwrap_or("");
    let mut out = vec![text(element)];
    attrs_and_classes(selector, &mut out);
    for not in &selector.not_selectors {
        if let Some(element) = not.element.as_deref() {
            out.push(R3SelectorPart::Flags(NOT | ELEMENT));
            out.push(text(element));
            attrs_and_classes(not, &mut out);
        } else if !not.attrs.is_empty() {
            out.push(R3SelectorPart::Flags(NOT | ATTRIBUTE));
            attrs_and_classes(not, &mut out);
        } else if !not.class_names.is_empty() {
            out.push(R3SelectorPart::Flags(NOT | CLASS));
            out.extend(not.class_names.iter().map(|c| text(c)));
        }
    }
    out
}

/// `parseSelectorToR3Selector`: one array per selector of the list; `None` when Angular throws
/// (nested `:not`, a list inside `:not`, an unescaped `$`).
pub fn parse_selector_to_r3_selector(selector: &str) -> Option<Vec<Vec<R3SelectorPart>>> {
    if selector.is_empty() {
        return Some(Vec::new());
    }
    Some(parse(selector)?.iter().map(to_r3).collect())
}

/// The output-AST literal of an R3 selector (`literalOrArrayLiteral`).
pub fn r3_selector_literal(parts: &[R3SelectorPart]) -> ngc_output::Expr {
    ngc_output::Expr::Array(
        parts
            .iter()
            .map(|p| match p {
                R3SelectorPart::Text(t) => ngc_output::str_lit(t.clone()),
                R3SelectorPart::Flags(f) => ngc_output::num(*f as f64),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(selector: &str) -> String {
        let parts = parse_selector_to_r3_selector(selector).unwrap_or_default();
        parts
            .iter()
            .map(|list| {
                let items: Vec<String> = list
                    .iter()
                    .map(|p| match p {
                        R3SelectorPart::Text(t) => format!("{t:?}"),
                        R3SelectorPart::Flags(f) => f.to_string(),
                    })
                    .collect();
                format!("[{}]", items.join(","))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn angular_shapes() {
        assert_eq!(show("[ngIf]"), r#"["","ngIf",""]"#);
        assert_eq!(show("app-root"), r#"["app-root"]"#);
        assert_eq!(show("a.x:not([y])"), r#"["a",8,"x",3,"y",""]"#);
        assert_eq!(show("a, b"), r#"["a"] ["b"]"#);
        assert_eq!(show(".Foo"), r#"["",8,"foo"]"#);
    }
}
