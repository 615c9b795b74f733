//! `attachSourceLocations`: with debug locations on, `ɵɵattachSourceLocations(path, [[slot,
//! offset, line, column], ...])` for the elements of each view.

use crate::ir::Op;
use crate::job::Job;

/// Zero-based line and UTF-16 column of a byte offset.
fn line_col(source: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].encode_utf16().count() as u32;
    (line, col)
}

pub fn run(job: &mut Job<'_>) {
    if !job.state.enable_debug_locations {
        return;
    }
    let Some(path) = job.state.relative_template_path.clone() else {
        return;
    };
    let source = job.state.template_source.clone().unwrap_or_default();
    for unit in &mut job.units {
        let mut locations = Vec::new();
        for op in unit.create.iter() {
            if let Op::ElementStart(e) | Op::Element(e) = op {
                let start = e.start_span.start as usize;
                let (line, col) = line_col(&source, start);
                let offset = source
                    .get(..start)
                    .map_or(start, |s| s.encode_utf16().count())
                    as u32;
                locations.push((e.handle, offset, line, col));
            }
        }
        if !locations.is_empty() {
            unit.create.push(Op::SourceLocation {
                template_path: path.clone(),
                locations,
            });
        }
    }
}
