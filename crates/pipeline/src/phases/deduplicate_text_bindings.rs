//! `deduplicateTextBindings`: of repeated static `style` or `class` attributes on one element,
//! only the last is kept.

use std::collections::{HashMap, HashSet};

use crate::ir::Op;
use crate::job::Job;

pub fn run(job: &mut Job<'_>) {
    let mut seen: HashMap<crate::ir::Xref, HashSet<String>> = HashMap::new();
    for unit in &mut job.units {
        let mut cursor = unit.update.last();
        while let Some(id) = cursor {
            cursor = unit.update.prev(id);
            if let Op::Binding(b) = &unit.update[id] {
                if b.is_text_attribute {
                    let names = seen.entry(b.target).or_default();
                    let duplicate =
                        names.contains(&b.name) && (b.name == "style" || b.name == "class");
                    names.insert(b.name.clone());
                    if duplicate {
                        unit.update.remove(id);
                    }
                }
            }
        }
    }
}
