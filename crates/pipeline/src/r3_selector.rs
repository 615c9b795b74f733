//! CSS selectors in the array form the runtime reads, for `ngProjectAs` and the
//! `ɵɵprojectionDef` of `<ng-content select>`: the parser and the R3 form are
//! [`ngc_template::selector`]'s; this module adds their output-AST literal.

pub use ngc_template::selector::{parse_selector_to_r3_selector, R3SelectorPart};

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
