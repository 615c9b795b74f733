//! Angular's CSS-selector subset as `@angular/compiler` 22.2 parses it (`CssSelector.parse`),
//! the selector of a template element (`createCssSelectorFromNode`), and the array form the
//! runtime reads (`parseSelectorToR3Selector`).
//!
//! [`CssSelector::parse`] reads directive and component selectors (`element`, `.class`, `#id`,
//! `[attr]`, `[attr=value]`, `[attr="quoted"]`, `:not(...)`, comma lists) with the same
//! tolerance as Angular's regular-expression scanner: characters it does not understand are
//! skipped, not reported. [`CssSelector::for_element`] and [`CssSelector::for_node`] build the
//! selector of a template element the way the R3 binder does. [`to_r3_selector`] and
//! [`parse_selector_to_r3_selector`] give the `selectors: [["", "ngIf", ""]]` form of
//! definitions, `ngProjectAs` and `ɵɵprojectionDef`.
//!
//! One parser serves the reflector (directive matching, whose `SelectorMatcher` lives there), the
//! render3 compilers (definition selectors) and the template pipeline (projection).
//! Nothing here panics on input.

use std::collections::BTreeMap;
use std::fmt;

/// An error [`CssSelector::parse`] reports, with Angular's message (see [`SelectorError::message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectorError {
    /// `:not(` inside `:not(`.
    NestedNot,
    /// A comma inside `:not(...)`.
    MultipleSelectorsInNot,
    /// An attribute name with a `$` that is not escaped as `\$`; holds the raw attribute name.
    UnescapedDollar(String),
}

impl SelectorError {
    /// The message `@angular/compiler` throws for this error, word for word.
    pub fn message(&self) -> String {
        match self {
            SelectorError::NestedNot => "Nesting :not in a selector is not allowed".to_string(),
            SelectorError::MultipleSelectorsInNot => {
                "Multiple selectors in :not are not supported".to_string()
            }
            SelectorError::UnescapedDollar(attr) => format!(
                "Error in attribute selector \"{attr}\". Unescaped \"$\" is not supported. Please escape with \"\\$\"."
            ),
        }
    }
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SelectorError {}

/// One simple selector of Angular's subset: `element.class[attr=value]:not(...)`.
///
/// Attribute values are stored lowercased and class names lowercased, as Angular stores them;
/// element and attribute names keep their case. A value of `""` means "attribute present".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CssSelector {
    /// The element name; `Some("*")` for a selector made only of `:not(...)` parts.
    pub element: Option<String>,
    /// Class names, lowercased.
    pub class_names: Vec<String>,
    /// Attribute `(name, value)` pairs in source order; value `""` when absent, else lowercased.
    pub attrs: Vec<(String, String)>,
    /// The `:not(...)` parts, each a selector without further `:not`.
    pub not_selectors: Vec<CssSelector>,
}

/// What one step of Angular's `_SELECTOR_REGEXP` scanner found.
enum Token<'a> {
    /// `:not(`
    NotStart,
    /// `[.#]?[-\w]+`: the optional prefix and the name after it.
    Tag(Option<char>, &'a str),
    /// `[name]` or `[name=value]`, value `None` when there is no `=`.
    Attr(&'a str, Option<&'a str>),
    /// `)`
    Close,
    /// `\s*,\s*`
    Comma,
}

/// `[-\w]` of a JavaScript regular expression without the `u` flag: ASCII only.
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// JavaScript's `\s` (WhiteSpace and LineTerminator), also what `String.prototype.trim` removes.
fn is_js_space(c: char) -> bool {
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

/// Characters of an attribute name in a selector: `[-.\w*\\$]`.
fn is_attr_name_char(c: char) -> bool {
    is_word(c) || matches!(c, '.' | '*' | '\\' | '$')
}

/// Tries every alternative of `_SELECTOR_REGEXP` at byte `i`, in the regular expression's order;
/// returns the token and the byte offset after it.
fn token_at(s: &str, i: usize) -> Option<(Token<'_>, usize)> {
    let rest = &s[i..];
    // (\:not\()
    if rest.starts_with(":not(") {
        return Some((Token::NotStart, i + 5));
    }
    // (([\.\#]?)[-\w]+)
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
    // (?:\[([-.\w*\\$]+)(?:=(["']?)([^\]"']*)\5)?\])
    if let Some(after_bracket) = rest.strip_prefix('[') {
        if let Some(attr) = attr_token(after_bracket) {
            let (name, value, len) = attr;
            return Some((Token::Attr(name, value), i + 1 + len));
        }
    }
    // (\))
    if rest.starts_with(')') {
        return Some((Token::Close, i + 1));
    }
    // (\s*,\s*)
    let spaces = rest.find(|c: char| !is_js_space(c)).unwrap_or(rest.len());
    if rest[spaces..].starts_with(',') {
        let after = &rest[spaces + 1..];
        let trailing = after.find(|c: char| !is_js_space(c)).unwrap_or(after.len());
        return Some((Token::Comma, i + spaces + 1 + trailing));
    }
    None
}

/// The part of the attribute alternative after `[`: name, optional value, consumed length.
/// The character classes exclude every delimiter that follows them, so greedy matching is the
/// only way the regular expression can succeed and no backtracking is needed.
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

impl CssSelector {
    /// Parses a selector list as `CssSelector.parse` does; see the module docs for the subset.
    pub fn parse(selector: &str) -> Result<Vec<CssSelector>, SelectorError> {
        fn add_result(results: &mut Vec<CssSelector>, mut sel: CssSelector) {
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
        let mut top = CssSelector::default();
        // Inside `:not(`, the simple selector being filled is the last of `top.not_selectors`.
        let mut in_not = false;
        let mut i = 0;
        while i < selector.len() {
            let Some((token, next)) = token_at(selector, i) else {
                // Nothing matches here: skip the character, or a whole run of whitespace (every
                // position in a run that is not followed by a comma fails the same way).
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
                        return Err(SelectorError::NestedNot);
                    }
                    in_not = true;
                    top.not_selectors.push(CssSelector::default());
                }
                Token::Tag(prefix, name) => {
                    let current = current_of(&mut top, in_not);
                    match prefix {
                        Some('#') => current.add_attribute("id", Some(name)),
                        Some(_) => current.add_class_name(name),
                        None => current.element = Some(name.to_string()),
                    }
                }
                Token::Attr(name, value) => {
                    let name = unescape_attribute(name)?;
                    current_of(&mut top, in_not).add_attribute(&name, value);
                }
                Token::Close => in_not = false,
                Token::Comma => {
                    if in_not {
                        return Err(SelectorError::MultipleSelectorsInNot);
                    }
                    add_result(&mut results, std::mem::take(&mut top));
                }
            }
        }
        add_result(&mut results, top);
        Ok(results)
    }

    /// Angular's `addAttribute`: the value is lowercased, a missing value becomes `""`.
    fn add_attribute(&mut self, name: &str, value: Option<&str>) {
        let value = value.map(str::to_lowercase).unwrap_or_default();
        self.attrs.push((name.to_string(), value));
    }

    /// Angular's `addClassName`: class names are lowercased.
    fn add_class_name(&mut self, name: &str) {
        self.class_names.push(name.to_lowercase());
    }

    /// The selector a template element is matched with (`createCssSelectorFromNode`), from its
    /// name and the attribute map Angular builds for directive matching, in template order.
    ///
    /// Like the JavaScript object Angular collects them in, a repeated name keeps its first
    /// position and takes the last value, names that are array indices (`"0"`, `"12"`) come
    /// first in numeric order, and `__proto__` is dropped. Namespace prefixes (`:svg:`) are
    /// removed from the element and attribute names; values are lowercased; a `class`
    /// attribute (any case) also yields its whitespace-separated class names, lowercased.
    pub fn for_element(name: &str, attrs: &[(String, String)]) -> CssSelector {
        let mut sel = CssSelector {
            element: Some(strip_namespace(name).to_string()),
            ..CssSelector::default()
        };
        for (attr_name, value) in js_object_entries(attrs) {
            sel.add_attribute(strip_namespace(attr_name), Some(value));
            if attr_name.to_lowercase() == "class" {
                let trimmed = value.trim_matches(is_js_space);
                if trimmed.is_empty() {
                    sel.add_class_name("");
                } else {
                    for class in trimmed.split(is_js_space).filter(|c| !c.is_empty()) {
                        sel.add_class_name(class);
                    }
                }
            }
        }
        sel
    }

    /// The selector of an element or template node of the R3 template AST, as the binder builds
    /// it (`createCssSelectorFromNode` with `getAttrsForDirectiveMatching`); see [`MatchNode`].
    pub fn for_node(node: &MatchNode<'_>) -> CssSelector {
        let mut attrs: Vec<(String, String)> = Vec::new();
        if node.is_template && node.tag_name != "ng-template" {
            for name in node.template_attrs {
                attrs.push((name.clone(), String::new()));
            }
        } else {
            for (name, value) in node.attributes {
                if !is_i18n_attribute(name) {
                    attrs.push((name.clone(), value.clone()));
                }
            }
            for name in node.property_inputs.iter().chain(node.outputs) {
                attrs.push((name.clone(), String::new()));
            }
        }
        let element = if node.is_template {
            "ng-template"
        } else {
            node.tag_name
        };
        CssSelector::for_element(element, &attrs)
    }

    /// True when the selector is a bare element name (Angular's `isElementSelector`).
    pub fn is_element_selector(&self) -> bool {
        self.element.as_deref().is_some_and(|e| !e.is_empty())
            && self.class_names.is_empty()
            && self.attrs.is_empty()
            && self.not_selectors.is_empty()
    }
}

/// The simple selector tokens are added to: the open `:not(` part, or the selector itself.
fn current_of(top: &mut CssSelector, in_not: bool) -> &mut CssSelector {
    if in_not {
        // `in_not` is only set right after pushing a not-selector, so this always finds one.
        let len = top.not_selectors.len();
        if len > 0 {
            return &mut top.not_selectors[len - 1];
        }
    }
    top
}

/// Angular's `unescapeAttribute`: every backslash is dropped; a `$` is only allowed right
/// after a backslash.
fn unescape_attribute(attr: &str) -> Result<String, SelectorError> {
    let mut result = String::with_capacity(attr.len());
    let mut escaping = false;
    for c in attr.chars() {
        if c == '\\' {
            escaping = true;
            continue;
        }
        if c == '$' && !escaping {
            return Err(SelectorError::UnescapedDollar(attr.to_string()));
        }
        escaping = false;
        result.push(c);
    }
    Ok(result)
}

/// Angular's `escapeAttribute`, used when printing attribute names.
fn escape_attribute(attr: &str) -> String {
    attr.replace('\\', "\\\\").replace('$', "\\$")
}

/// The local name of `:ns:name` (Angular's `splitNsName(name)[1]`). A name that starts with
/// `:` but has no second colon is kept whole (Angular throws there; the template parser never
/// produces such a name).
fn strip_namespace(name: &str) -> &str {
    match name.strip_prefix(':') {
        Some(rest) => match rest.find(':') {
            Some(colon) => &rest[colon + 1..],
            None => name,
        },
        None => name,
    }
}

/// `i18n` and `i18n-*` attributes do not take part in directive matching.
fn is_i18n_attribute(name: &str) -> bool {
    name == "i18n" || name.starts_with("i18n-")
}

/// True when `tag_name` is `ng-template`, with or without a namespace (Angular's `isNgTemplate`).
pub fn is_ng_template(tag_name: &str) -> bool {
    strip_namespace(tag_name) == "ng-template"
}

/// Whether a JavaScript property key is an array index (these come first in property order).
fn array_index(key: &str) -> Option<u32> {
    if key.is_empty() || (key.len() > 1 && key.starts_with('0')) {
        return None;
    }
    if !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    key.parse::<u32>().ok().filter(|n| *n != u32::MAX)
}

/// The entries of a plain JavaScript object filled by assigning `attrs` in order, in
/// `Object.getOwnPropertyNames` order.
fn js_object_entries(attrs: &[(String, String)]) -> Vec<(&str, &str)> {
    let mut entries: Vec<(&str, &str)> = Vec::new();
    let mut positions: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, value) in attrs {
        if name == "__proto__" {
            // Assigning a string to `__proto__` is ignored by JavaScript.
            continue;
        }
        match positions
            .get(name.as_str())
            .and_then(|&p| entries.get_mut(p))
        {
            Some(entry) => entry.1 = value.as_str(),
            None => {
                positions.insert(name.as_str(), entries.len());
                entries.push((name.as_str(), value.as_str()));
            }
        }
    }
    // Stable sort: array indices first in numeric order, other keys keep insertion order.
    entries.sort_by_key(|(name, _)| match array_index(name) {
        Some(n) => (0u8, n),
        None => (1u8, 0),
    });
    entries
}

impl fmt::Display for CssSelector {
    /// Angular's `CssSelector.toString()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.element.as_deref().unwrap_or(""))?;
        for class in &self.class_names {
            write!(f, ".{class}")?;
        }
        for (name, value) in &self.attrs {
            write!(f, "[{}", escape_attribute(name))?;
            if !value.is_empty() {
                write!(f, "={value}")?;
            }
            f.write_str("]")?;
        }
        for not in &self.not_selectors {
            write!(f, ":not({not})")?;
        }
        Ok(())
    }
}

/// An element or template node of the R3 template AST, reduced to what directive matching
/// reads (Angular's `getAttrsForDirectiveMatching`).
#[derive(Debug, Clone, Copy)]
pub struct MatchNode<'a> {
    /// The element name; for a template node, the tag it was written on (`ng-template` for an
    /// explicit `<ng-template>`, e.g. `div` for `<div *ngIf>`).
    pub tag_name: &'a str,
    /// True for a template node (explicit `<ng-template>` or an inline `*` template).
    pub is_template: bool,
    /// Static text attributes in template order (`i18n` ones are skipped here).
    pub attributes: &'a [(String, String)],
    /// Names of bound inputs of type property or two-way (`[x]`, `[(x)]`, `bind-x`), not
    /// `[attr.]`, `[class.]`, `[style.]` or animation bindings.
    pub property_inputs: &'a [String],
    /// Names of event bindings (`(x)`, `[(x)]` gives `xChange`).
    pub outputs: &'a [String],
    /// For an inline template, the names of its template attributes (`ngFor`, `ngForOf`, ...).
    pub template_attrs: &'a [String],
}

/// `SelectorFlags` of the runtime.
pub mod flags {
    /// The part is negated (`:not(...)`).
    pub const NOT: u32 = 1;
    /// What follows are attribute name/value pairs.
    pub const ATTRIBUTE: u32 = 2;
    /// What follows is an element name.
    pub const ELEMENT: u32 = 4;
    /// What follows are class names.
    pub const CLASS: u32 = 8;
}

/// One entry of an R3 selector array: a name or value, or a flags marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum R3SelectorPart {
    /// An element name, attribute name or value, or class name.
    Text(String),
    /// A [`flags`] marker.
    Flags(u32),
}

/// `parseSelectorToR3Selector` of a selector list (a comma list): one array per selector; an
/// empty string gives no arrays. Fails where [`CssSelector::parse`] fails.
pub fn parse_selector_to_r3_selector(
    selector: &str,
) -> Result<Vec<Vec<R3SelectorPart>>, SelectorError> {
    if selector.is_empty() {
        return Ok(Vec::new());
    }
    Ok(CssSelector::parse(selector)?
        .iter()
        .map(to_r3_selector)
        .collect())
}

fn text(s: &str) -> R3SelectorPart {
    R3SelectorPart::Text(s.to_string())
}

fn attrs_and_classes(selector: &CssSelector, out: &mut Vec<R3SelectorPart>) {
    for (name, value) in &selector.attrs {
        out.push(text(name));
        out.push(text(value));
    }
    if !selector.class_names.is_empty() {
        out.push(R3SelectorPart::Flags(flags::CLASS));
        out.extend(selector.class_names.iter().map(|c| text(c)));
    }
}

/// The R3 form of one parsed selector (`parserSelectorToR3Selector`): the positive part, then
/// each `:not()` part behind its flags.
pub fn to_r3_selector(selector: &CssSelector) -> Vec<R3SelectorPart> {
    let element = selector
        .element
        .as_deref()
        .filter(|e| *e != "*")
        .unwrap_or("");
    let mut out = vec![text(element)];
    attrs_and_classes(selector, &mut out);
    for not in &selector.not_selectors {
        if let Some(element) = not.element.as_deref() {
            out.push(R3SelectorPart::Flags(flags::NOT | flags::ELEMENT));
            out.push(text(element));
            attrs_and_classes(not, &mut out);
        } else if !not.attrs.is_empty() {
            out.push(R3SelectorPart::Flags(flags::NOT | flags::ATTRIBUTE));
            attrs_and_classes(not, &mut out);
        } else if !not.class_names.is_empty() {
            out.push(R3SelectorPart::Flags(flags::NOT | flags::CLASS));
            out.extend(not.class_names.iter().map(|c| text(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> String {
        match CssSelector::parse(s) {
            Ok(list) => list
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(","),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn not_only_selector_gets_star() {
        assert_eq!(show(":not(.a)"), "*:not(.a)");
    }

    #[test]
    fn nested_not_is_an_error() {
        assert_eq!(
            show(":not(:not(a))"),
            "error: Nesting :not in a selector is not allowed"
        );
    }

    #[test]
    fn comma_in_not_is_an_error() {
        assert_eq!(
            show(":not(a, b)"),
            "error: Multiple selectors in :not are not supported"
        );
    }

    #[test]
    fn values_and_classes_lowercased() {
        assert_eq!(show("A.B[C=D]"), "A.b[C=d]");
    }

    #[test]
    fn quoted_value() {
        assert_eq!(show("[type=\"Checkbox\"]"), "[type=checkbox]");
    }

    #[test]
    fn escaped_dollar_round_trips() {
        assert_eq!(show("[a\\$b]"), "[a\\$b]");
    }

    #[test]
    fn unescaped_dollar_is_an_error() {
        assert!(show("[a$b]").starts_with("error: Error in attribute selector \"a$b\""));
    }

    #[test]
    fn unknown_characters_are_skipped() {
        assert_eq!(show("a > b"), "b");
    }

    #[test]
    fn element_class_attribute_splits_classes() {
        let attrs = [("class".to_string(), " Foo  bar ".to_string())];
        assert_eq!(
            CssSelector::for_element("div", &attrs).to_string(),
            "div.foo.bar[class= foo  bar ]"
        );
    }

    fn show_r3(selector: &str) -> String {
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
    fn r3_shapes() {
        assert_eq!(show_r3("[ngIf]"), r#"["","ngIf",""]"#);
        assert_eq!(show_r3("app-root"), r#"["app-root"]"#);
        assert_eq!(show_r3("a.x:not([y])"), r#"["a",8,"x",3,"y",""]"#);
        assert_eq!(show_r3("a, b"), r#"["a"] ["b"]"#);
        assert_eq!(show_r3(".Foo"), r#"["",8,"foo"]"#);
        assert_eq!(show_r3(""), "");
    }

    #[test]
    fn r3_errors_where_parse_does() {
        assert!(parse_selector_to_r3_selector(":not(:not(a))").is_err());
        assert!(parse_selector_to_r3_selector("[a$b]").is_err());
    }
}
