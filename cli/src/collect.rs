//! `ngc-rs collect FILE...`: the metadata of each file as JSON on stdout. One file prints its
//! module object (or `null`); several print one object keyed by the paths as given.

use std::collections::HashMap;
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
    let mut results = pipeline::collect_all(&jobs, strict, false)?;
    let problems = results
        .iter_mut()
        .flat_map(|r| std::mem::take(&mut r.problems))
        .collect();
    let json = if results.len() == 1 {
        results.pop().and_then(|r| r.metadata).unwrap_or(Json::Null)
    } else {
        // Like a JavaScript object: a repeated key keeps its first position.
        let mut entries: Vec<(String, Json)> = Vec::new();
        let mut positions: HashMap<String, usize> = HashMap::new();
        for (job, result) in jobs.iter().zip(results) {
            let value = result.metadata.unwrap_or(Json::Null);
            match positions.get(&job.display) {
                Some(&i) => entries[i].1 = value,
                None => {
                    positions.insert(job.display.clone(), entries.len());
                    entries.push((job.display.clone(), value));
                }
            }
        }
        Json::Object(entries)
    };
    Ok((json.to_js_string(), problems))
}
