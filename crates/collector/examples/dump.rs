//! Prints the metadata of the given files in the format of `tests/oracles/ng8/collect.js`
//! (`{"<path>": {"metadata": ...} | {"error": ...}}`), for side-by-side comparison with the
//! original collector: `cargo run -p ngc-collector --example dump -- [--strict] [--lower] FILE...`.
//! `--ivy` prints the Ivy metadata of the source facts instead (`{"<path>": {"ivy": ..., "local": [...]}}`).

use ngc_collector::{collect, CollectOptions, Json};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let strict = args.iter().any(|a| a == "--strict");
    let lower_expressions = args.iter().any(|a| a == "--lower");
    let ivy = args.iter().any(|a| a == "--ivy");
    let options = CollectOptions { strict, lower_expressions, ..CollectOptions::default() };
    let mut out = Vec::new();
    for file in args.iter().filter(|a| !a.starts_with("--")) {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(2);
            }
        };
        let collected = collect(file, &text, &options);
        if ivy {
            let local = collected.facts.ivy.local.iter().map(|n| Json::String(n.clone())).collect();
            let value = Json::Object(vec![
                ("ivy".into(), Json::Object(collected.facts.ivy.entries.clone())),
                ("local".into(), Json::Array(local)),
            ]);
            out.push((file.clone(), value));
            continue;
        }
        let value = match (collected.metadata, collected.diagnostics.first()) {
            (_, Some(d)) => Json::Object(vec![("error".into(), Json::String(format!("{}: {}", d.code, d.message)))]),
            (metadata, None) => Json::Object(vec![("metadata".into(), metadata.unwrap_or(Json::Null))]),
        };
        out.push((file.clone(), value));
    }
    println!("{}", Json::Object(out).to_js_string());
}
