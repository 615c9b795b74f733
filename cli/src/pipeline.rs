//! Collecting many files in parallel: a rayon pool whose threads have a large stack, so that
//! deeply nested inputs cannot overflow it, and the per-file step (read, decode, collect).
//! Results come back in input order, so output does not depend on the thread count.

use std::path::Path;
use std::sync::Arc;

use ngc_collector::{CollectOptions, Json, SourceFacts};
use ngc_diagnostics::SourceText;
use rayon::prelude::*;

use crate::diagnostics::{Origin, Problem};
use crate::source;

/// Stack size of each collector thread.
pub const STACK_SIZE: usize = 256 * 1024 * 1024;

/// One file to collect.
pub struct Job<'a> {
    pub path: &'a Path,
    /// How the file is named in diagnostics and passed to the collector.
    pub display: String,
    pub listed_at: Option<&'a Origin>,
}

/// The outcome for one file.
pub struct FileResult {
    pub metadata: Option<Json>,
    pub problems: Vec<Problem>,
    /// The text and source facts, for the reflector (`None` when the file could not be read).
    pub source: Option<(Arc<str>, SourceFacts)>,
}

/// Runs `f` on a pool of big-stack threads (`RAYON_NUM_THREADS` threads, by default one per core).
pub fn with_pool<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("ngc-rs-collect-{i}"))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    Ok(pool.install(f))
}

/// Reads and collects every job, in parallel, returning results in job order. `lower` applies
/// ngc 8's expression lowering (what `build` writes and the reflector reads).
pub fn collect_all(jobs: &[Job<'_>], strict: bool, lower: bool) -> Result<Vec<FileResult>, String> {
    with_pool(|| {
        jobs.par_iter()
            .map(|job| collect_one(job, strict, lower))
            .collect()
    })
}

fn collect_one(job: &Job<'_>, strict: bool, lower_expressions: bool) -> FileResult {
    let text = match source::read(job.path, &job.display, job.listed_at) {
        Ok(text) => text,
        Err(problem) => {
            return FileResult {
                metadata: None,
                problems: vec![problem],
                source: None,
            }
        }
    };
    let options = CollectOptions {
        strict,
        quoted_names: true,
        lower_expressions,
    };
    let collected = ngc_collector::collect(&job.display, &text, &options);
    let text: Arc<str> = Arc::from(text);
    let problems = if collected.diagnostics.is_empty() {
        Vec::new()
    } else {
        let source = SourceText::new(job.display.as_str(), text.clone());
        collected
            .diagnostics
            .into_iter()
            .map(|d| Problem::new(d, Some(source.clone())))
            .collect()
    };
    FileResult {
        metadata: collected.metadata,
        problems,
        source: Some((text, collected.facts)),
    }
}
