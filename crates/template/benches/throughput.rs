//! Parse-throughput benchmark (MB/s): parses every template of the differential corpus and the snapshot
//! templates repeatedly and prints the rate. Run with `cargo bench -p ngc-template`.
//! (A plain timing loop: criterion is not a dependency of the workspace.)

use std::path::Path;
use std::time::{Duration, Instant};

fn templates() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/templates");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files {
        if f.extension().map(|x| x == "txt").unwrap_or(false) {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            let mut current = String::new();
            for line in text.split('\n') {
                if line.starts_with("#### ") {
                    if !current.is_empty() {
                        out.push(std::mem::take(&mut current));
                    }
                } else {
                    current.push_str(line);
                    current.push('\n');
                }
            }
            if !current.is_empty() {
                out.push(current);
            }
        }
    }
    for f in std::fs::read_dir(dir.join("snapshots"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
    {
        if f.extension().map(|x| x == "html").unwrap_or(false) {
            out.push(std::fs::read_to_string(&f).unwrap_or_default());
        }
    }
    out
}

fn run(name: &str, inputs: &[String]) {
    let bytes: usize = inputs.iter().map(|s| s.len()).sum();
    let options = ngc_template::ParseOptions::default();
    // Warm up, then time whole passes over the inputs for at least two seconds.
    for t in inputs {
        std::hint::black_box(ngc_template::parse_template(t, &options));
    }
    // Best of five one-second rounds (the machine may be shared: the best round is the least disturbed).
    let mut best = 0f64;
    let mut best_passes = 0u64;
    for _ in 0..5 {
        let start = Instant::now();
        let mut passes = 0u64;
        while start.elapsed() < Duration::from_secs(1) {
            for t in inputs {
                std::hint::black_box(ngc_template::parse_template(t, &options));
            }
            passes += 1;
        }
        let rate = (bytes as f64 * passes as f64) / 1e6 / start.elapsed().as_secs_f64();
        if rate > best {
            best = rate;
            best_passes = passes;
        }
    }
    println!(
        "{name}: {} templates, {bytes} bytes, best round {best_passes} passes: {best:.1} MB/s",
        inputs.len()
    );
}

fn main() {
    let corpus = templates();
    run("corpus", &corpus);
    // One large realistic template: the snapshot templates repeated.
    let big: String = corpus
        .iter()
        .rev()
        .take(4)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
        .repeat(200);
    run("large template", &[big]);
}
