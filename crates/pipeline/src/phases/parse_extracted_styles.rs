//! `parseExtractedStyles`: static `style="a: b; c: d"` and `class="x y"` attributes are split
//! into their properties and class names (except on structural templates).

use std::collections::HashMap;

use ngc_schema::SecurityContext;

use crate::ingest::{is_js_space, js_trim};
use crate::ir::*;
use crate::job::Job;
use crate::phases::parse_host_style_properties::hyphenate;

/// Angular's style-attribute `parse`: `[prop, value, prop, value, ...]`.
pub(crate) fn parse_style(value: &str) -> Vec<String> {
    let chars: Vec<char> = value.chars().collect();
    let text = |from: usize, to: usize| -> String {
        chars[from.min(chars.len())..to.min(chars.len())]
            .iter()
            .collect()
    };
    let mut styles = Vec::new();
    let mut i = 0;
    let mut paren_depth = 0i32;
    let mut quote: Option<char> = None;
    let mut value_start = 0usize;
    let mut prop_start = 0usize;
    let mut current_prop: Option<String> = None;
    while i < chars.len() {
        let token = chars[i];
        i += 1;
        match token {
            '(' => paren_depth += 1,
            ')' => paren_depth -= 1,
            '\'' | '"' => {
                if quote.is_none() {
                    quote = Some(token);
                } else if quote == Some(token) && chars[i - 1] != '\\' {
                    quote = None;
                }
            }
            ':' if current_prop.is_none() && paren_depth == 0 && quote.is_none() => {
                current_prop = Some(hyphenate(js_trim(&text(prop_start, i - 1))));
                value_start = i;
            }
            ';' => {
                if let Some(prop) = &current_prop {
                    if value_start > 0 && paren_depth == 0 && quote.is_none() {
                        let style_value = js_trim(&text(value_start, i - 1)).to_string();
                        styles.push(prop.clone());
                        styles.push(style_value);
                        prop_start = i;
                        value_start = 0;
                        current_prop = None;
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(prop) = current_prop {
        if value_start > 0 {
            styles.push(prop);
            styles.push(js_trim(&text(value_start, chars.len())).to_string());
        }
    }
    styles
}

/// `value.trim().split(/\s+/g)`.
fn split_classes(value: &str) -> Vec<String> {
    let trimmed = js_trim(value);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_space = false;
    for c in trimmed.chars() {
        if is_js_space(c) {
            if !in_space {
                out.push(std::mem::take(&mut current));
                in_space = true;
            }
        } else {
            in_space = false;
            current.push(c);
        }
    }
    out.push(current);
    out
}

pub fn run(job: &mut Job<'_>) {
    // Structural templates keep their `style` and `class` attributes whole.
    let mut structural: HashMap<Xref, bool> = HashMap::new();
    for unit in &job.units {
        for op in unit.create.iter() {
            if let Some(t) = op.as_template() {
                structural.insert(t.xref, t.template_kind == TemplateKind::Structural);
            }
        }
    }
    for unit in &mut job.units {
        let mut cursor = unit.create.first();
        while let Some(id) = cursor {
            cursor = unit.create.next(id);
            let Op::ExtractedAttribute(a) = &unit.create[id] else {
                continue;
            };
            if a.binding_kind != BindingKind::Attribute {
                continue;
            }
            let Some(Expr::Literal(Literal::String(value))) = &a.expression else {
                continue;
            };
            if structural.get(&a.target).copied().unwrap_or(false) {
                continue;
            }
            let target = a.target;
            let new_ops: Vec<Op> = match a.name.as_str() {
                "style" => {
                    let parsed = parse_style(value);
                    parsed
                        .chunks(2)
                        .filter(|c| c.len() == 2)
                        .map(|c| {
                            Op::ExtractedAttribute(Box::new(ExtractedAttributeOp {
                                target,
                                binding_kind: BindingKind::StyleProperty,
                                namespace: None,
                                name: c[0].clone(),
                                expression: Some(Expr::str(c[1].clone())),
                                security_context: vec![SecurityContext::Style],
                                trusted_value_fn: None,
                            }))
                        })
                        .collect()
                }
                "class" => split_classes(value)
                    .into_iter()
                    .map(|class| {
                        Op::ExtractedAttribute(Box::new(ExtractedAttributeOp {
                            target,
                            binding_kind: BindingKind::ClassName,
                            namespace: None,
                            name: class,
                            expression: None,
                            security_context: vec![SecurityContext::None],
                            trusted_value_fn: None,
                        }))
                    })
                    .collect(),
                _ => continue,
            };
            unit.create.insert_all_before(id, new_ops);
            unit.create.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_parsing_follows_angular() {
        assert_eq!(
            parse_style("color: red; fontSize: 12px"),
            ["color", "red", "font-size", "12px"]
        );
        assert_eq!(
            parse_style("background: url('a;b'); width:1px"),
            ["background", "url('a;b')", "width", "1px"]
        );
        assert_eq!(parse_style("a"), Vec::<String>::new());
        assert_eq!(split_classes("  a   b "), ["a", "b"]);
        assert_eq!(split_classes(""), [""]);
    }
}
