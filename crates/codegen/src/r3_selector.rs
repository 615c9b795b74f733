//! Selectors in the array form definitions carry (`selectors: [["", "ngIf", ""]]`), as
//! Angular's `parseSelectorToR3Selector` builds them from the parsed CSS selector; the parser
//! and the R3 form are [`ngc_template::selector`]'s.

pub use ngc_template::selector::{flags, to_r3_selector, R3SelectorPart};

/// A selector list (a comma list) in R3 form; a selector that does not parse gives `[]`.
pub fn parse_selector_to_r3_selector(selector: &str) -> Vec<Vec<R3SelectorPart>> {
    ngc_template::selector::parse_selector_to_r3_selector(selector).unwrap_or_default()
}
