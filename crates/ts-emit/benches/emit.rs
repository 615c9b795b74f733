//! Throughput of parse + emit over the example apps and the emit corpus (one thread).
//! Run with `cargo bench -p ngc-ts-emit --bench emit`; prints files/s and MB/s.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ngc_ts_emit::{emit, parse, Edits, EmitOptions, NoProgramFacts};

fn ts_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            ts_files(&p, out);
        } else if p.to_string_lossy().ends_with(".ts") && !p.to_string_lossy().ends_with(".d.ts") {
            out.push(p);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    ts_files(&root.join("tests/fixtures/apps"), &mut paths);
    ts_files(&root.join("tests/fixtures/ts-emit/corpus"), &mut paths);
    let sources: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok().map(|t| (p.to_string_lossy().into_owned(), t)))
        .collect();
    let bytes: usize = sources.iter().map(|(_, t)| t.len()).sum();
    let options = EmitOptions { experimental_decorators: true, ..EmitOptions::default() };
    let edits = Edits::default();

    let run = |emit_too: bool| {
        let start = Instant::now();
        let mut files = 0usize;
        let mut rounds = 0usize;
        while start.elapsed() < Duration::from_secs(3) {
            for (name, text) in &sources {
                if let Ok(parsed) = parse(name, text) {
                    if emit_too {
                        std::hint::black_box(emit(&parsed, &options, &edits, &NoProgramFacts));
                    } else {
                        std::hint::black_box(&parsed);
                    }
                }
                files += 1;
            }
            rounds += 1;
        }
        let secs = start.elapsed().as_secs_f64();
        (files as f64 / secs, (bytes * rounds) as f64 / secs / 1e6)
    };
    let (parse_fps, parse_mbs) = run(false);
    let (fps, mbs) = run(true);
    println!("{} files, {} KiB", sources.len(), bytes / 1024);
    println!("parse only:   {parse_fps:>9.0} files/s  {parse_mbs:>6.1} MB/s");
    println!("parse + emit: {fps:>9.0} files/s  {mbs:>6.1} MB/s");
}
