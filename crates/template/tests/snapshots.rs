//! Snapshot tests: each tests/fixtures/templates/snapshots/<name>.html is parsed and its readable tree print
//! (`print::print_template`) compared with <name>.snap beside it. `UPDATE_SNAPSHOTS=1` rewrites the snapshots;
//! review the change before keeping it.

use std::path::Path;

#[test]
fn snapshots() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/templates/snapshots");
    let update = std::env::var("UPDATE_SNAPSHOTS")
        .map(|v| v == "1")
        .unwrap_or(false);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("snapshot directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "html").unwrap_or(false))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let mut failures = Vec::new();
    for path in entries {
        let source = std::fs::read_to_string(&path).expect("readable template");
        let options = ngc_template::ParseOptions {
            url: "template.html".into(),
            ..Default::default()
        };
        let actual =
            ngc_template::print::print_template(&ngc_template::parse_template(&source, &options));
        let snap = path.with_extension("snap");
        if update {
            std::fs::write(&snap, &actual).expect("writable snapshot");
            continue;
        }
        match std::fs::read_to_string(&snap) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}: snapshot differs (UPDATE_SNAPSHOTS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
                snap.display()
            )),
            Err(_) => failures.push(format!("{}: missing snapshot (run with UPDATE_SNAPSHOTS=1)", snap.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
