//! Angular's HTML tag definitions (`getHtmlTagDefinition`): void elements, implicitly closed elements,
//! raw-text content, implicit namespaces and which elements may be self-closed.

use crate::known_elements::KNOWN_ELEMENTS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagContentType {
    RawText,
    EscapableRawText,
    ParsableData,
}

#[derive(Debug, Clone, Copy)]
pub struct TagDefinition {
    pub closed_by_children: &'static [&'static str],
    pub closed_by_parent: bool,
    pub implicit_namespace_prefix: Option<&'static str>,
    content_type: TagContentType,
    /// `<title>` is parsable data inside `svg:`.
    svg_parsable: bool,
    pub is_void: bool,
    pub ignore_first_lf: bool,
    pub can_self_close: bool,
    pub prevent_namespace_inheritance: bool,
}

impl TagDefinition {
    const fn new() -> Self {
        TagDefinition {
            closed_by_children: &[],
            closed_by_parent: false,
            implicit_namespace_prefix: None,
            content_type: TagContentType::ParsableData,
            svg_parsable: false,
            is_void: false,
            ignore_first_lf: false,
            can_self_close: false,
            prevent_namespace_inheritance: false,
        }
    }
    const fn void() -> Self {
        let mut d = Self::new();
        d.is_void = true;
        d.closed_by_parent = true;
        d.can_self_close = true;
        d
    }
    const fn closed(children: &'static [&'static str], by_parent: bool) -> Self {
        let mut d = Self::new();
        d.closed_by_children = children;
        d.closed_by_parent = by_parent;
        d
    }

    pub fn is_closed_by_child(&self, name: &str) -> bool {
        self.is_void || {
            let lower = name.to_ascii_lowercase();
            self.closed_by_children.contains(&lower.as_str())
        }
    }

    pub fn content_type(&self, prefix: Option<&str>) -> TagContentType {
        if self.svg_parsable && prefix == Some("svg") {
            return TagContentType::ParsableData;
        }
        self.content_type
    }
}

const P_CLOSERS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
];

const DEFAULT: TagDefinition = {
    let mut d = TagDefinition::new();
    d.can_self_close = true;
    d
};
const KNOWN: TagDefinition = TagDefinition::new();

fn specific(name: &str) -> Option<TagDefinition> {
    Some(match name {
        "base" | "meta" | "area" | "embed" | "link" | "img" | "input" | "param" | "hr" | "br"
        | "source" | "track" | "wbr" | "col" => TagDefinition::void(),
        "p" => TagDefinition::closed(P_CLOSERS, true),
        "thead" => TagDefinition::closed(&["tbody", "tfoot"], false),
        "tbody" => TagDefinition::closed(&["tbody", "tfoot"], true),
        "tfoot" => TagDefinition::closed(&["tbody"], true),
        "tr" => TagDefinition::closed(&["tr"], true),
        "td" | "th" => TagDefinition::closed(&["td", "th"], true),
        "svg" => {
            let mut d = TagDefinition::new();
            d.implicit_namespace_prefix = Some("svg");
            d
        }
        "foreignObject" => {
            let mut d = TagDefinition::new();
            d.implicit_namespace_prefix = Some("svg");
            d.prevent_namespace_inheritance = true;
            d
        }
        "math" => {
            let mut d = TagDefinition::new();
            d.implicit_namespace_prefix = Some("math");
            d
        }
        "li" => TagDefinition::closed(&["li"], true),
        "dt" => TagDefinition::closed(&["dt", "dd"], false),
        "dd" => TagDefinition::closed(&["dt", "dd"], true),
        "rb" | "rt" | "rp" => TagDefinition::closed(&["rb", "rt", "rtc", "rp"], true),
        "rtc" => TagDefinition::closed(&["rb", "rtc", "rp"], true),
        "optgroup" => TagDefinition::closed(&["optgroup"], true),
        "option" => TagDefinition::closed(&["option", "optgroup"], true),
        "pre" | "listing" => {
            let mut d = TagDefinition::new();
            d.ignore_first_lf = true;
            d
        }
        "style" | "script" => {
            let mut d = TagDefinition::new();
            d.content_type = TagContentType::RawText;
            d
        }
        "title" => {
            let mut d = TagDefinition::new();
            d.content_type = TagContentType::EscapableRawText;
            d.svg_parsable = true;
            d
        }
        "textarea" => {
            let mut d = TagDefinition::new();
            d.content_type = TagContentType::EscapableRawText;
            d.ignore_first_lf = true;
            d
        }
        _ => return None,
    })
}

fn lookup(name: &str) -> Option<TagDefinition> {
    specific(name).or_else(|| KNOWN_ELEMENTS.binary_search(&name).ok().map(|_| KNOWN))
}

/// The definition of a tag name (case-sensitive first, then lower-cased, then the default).
pub fn get_html_tag_definition(name: &str) -> TagDefinition {
    if let Some(d) = lookup(name) {
        return d;
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        if let Some(d) = lookup(&name.to_ascii_lowercase()) {
            return d;
        }
    }
    DEFAULT
}

/// `:ns:name` → (Some(ns), name).
pub fn split_ns_name(name: &str) -> (Option<&str>, &str) {
    if let Some(rest) = name.strip_prefix(':') {
        if let Some(i) = rest.find(':') {
            return (Some(&rest[..i]), &rest[i + 1..]);
        }
    }
    (None, name)
}

pub fn get_ns_prefix(name: &str) -> Option<&str> {
    split_ns_name(name).0
}

pub fn merge_ns_and_name(prefix: &str, local: &str) -> String {
    if prefix.is_empty() {
        local.to_string()
    } else {
        format!(":{prefix}:{local}")
    }
}
