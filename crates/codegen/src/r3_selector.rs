//! Selectors in the array form definitions carry (`selectors: [["", "ngIf", ""]]`), as
//! Angular's `parseSelectorToR3Selector` builds them from the parsed CSS selector.

use ngc_reflector::selector::CssSelector;

/// `SelectorFlags` of the runtime.
pub mod flags {
    pub const NOT: u32 = 1;
    pub const ATTRIBUTE: u32 = 2;
    pub const ELEMENT: u32 = 4;
    pub const CLASS: u32 = 8;
}

/// One entry of an R3 selector array: a name or value, or a flags marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum R3SelectorPart {
    Text(String),
    Flags(u32),
}

/// A selector list (a comma list) in R3 form; a selector that does not parse gives `[]`.
pub fn parse_selector_to_r3_selector(selector: &str) -> Vec<Vec<R3SelectorPart>> {
    if selector.is_empty() {
        return Vec::new();
    }
    CssSelector::parse(selector).map(|list| list.iter().map(to_r3_selector).collect()).unwrap_or_default()
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

/// `parserSelectorToR3Selector`: the positive part, then each `:not()` part.
pub fn to_r3_selector(selector: &CssSelector) -> Vec<R3SelectorPart> {
    let element = selector.element.as_deref().filter(|e| *e != "*").unwrap_or("");
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

    fn show(selector: &str) -> String {
        let parts = parse_selector_to_r3_selector(selector);
        let lists: Vec<String> = parts
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
            .collect();
        lists.join(" ")
    }

    #[test]
    fn angular_shapes() {
        assert_eq!(show("[ngIf]"), r#"["","ngIf",""]"#);
        assert_eq!(show("app-root"), r#"["app-root"]"#);
        assert_eq!(show("a.x:not([y])"), r#"["a",8,"x",3,"y",""]"#);
        assert_eq!(show("a, b"), r#"["a"] ["b"]"#);
        assert_eq!(show(""), "");
    }
}
