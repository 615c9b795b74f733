//! The reflector over hostile input: all 250+ collector fixtures (every metadata form and error
//! node) analysed as one program. It must not panic, and every diagnostic it reports must carry
//! a code documented in docs/diagnostics.md.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use common::{repo, FsHost};
use ngc_collector::{collect, CollectOptions};
use ngc_reflector::resolve::ResolveOptions;
use ngc_reflector::{analyze, ProgramFile};

#[test]
fn every_collector_fixture_analyses_without_panic_and_with_documented_codes() {
    let fixtures = repo().join("tests/fixtures/collector");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path().join("input.ts"))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(paths.len() > 200, "expected the collector fixtures");
    let files: Vec<ProgramFile> = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read fixture");
            let options = CollectOptions { lower_expressions: true, ..CollectOptions::default() };
            let collected = collect(&path.to_string_lossy(), &text, &options);
            ProgramFile { path: path.clone(), text: Arc::from(text), metadata: collected.metadata, facts: collected.facts }
        })
        .collect();
    let analysis = analyze(files, ResolveOptions::default(), &FsHost);

    let docs = std::fs::read_to_string(repo().join("docs/diagnostics.md")).expect("docs/diagnostics.md");
    let mut undocumented: Vec<&str> = analysis
        .diagnostics
        .iter()
        .map(|d| d.diagnostic.code)
        .filter(|code| !docs.contains(code))
        .collect();
    undocumented.dedup();
    assert!(undocumented.is_empty(), "codes missing from docs/diagnostics.md: {undocumented:?}");
    assert!(!analysis.diagnostics.is_empty(), "the fixtures hold metadata errors the reflector reports");
    eprintln!("robustness: {} files, {} diagnostics", paths.len(), analysis.diagnostics.len());
}
