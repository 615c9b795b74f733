//! `ngc-rs collect FILE...`: the metadata of each file as JSON on stdout. One file prints its
//! module object (or `null`); several print one object keyed by the paths as given.

use std::path::PathBuf;

use ngc_collector::Json;

use crate::diagnostics::Problem;
use crate::pipeline::{self, Job};

/// The JSON to print and the problems found.
pub fn run(files: &[PathBuf], strict: bool) -> Result<(String, Vec<Problem>), String> {
    let jobs: Vec<Job<'_>> = files
        .iter()
        .map(|f| Job {
            path: f.as_path(),
            display: f.display().to_string(),
            listed_at: None,
        })
        .collect();
    let results = pipeline::collect_all(&jobs, strict)?;
    let problems = results
        .iter()
        .flat_map(|r| r.problems.iter().cloned())
        .collect();
    let value_of = |m: &Option<Json>| m.clone().unwrap_or(Json::Null);
    let json = match results.as_slice() {
        [one] => value_of(&one.metadata),
        _ => {
            // Like a JavaScript object: a repeated key keeps its first position.
            let mut entries: Vec<(String, Json)> = Vec::new();
            for (job, result) in jobs.iter().zip(&results) {
                let key = job.display.clone();
                match entries.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 = value_of(&result.metadata),
                    None => entries.push((key, value_of(&result.metadata))),
                }
            }
            Json::Object(entries)
        }
    };
    Ok((json.to_js_string(), problems))
}
