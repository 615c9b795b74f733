//! The generated schema tables (src/tables.rs) must be what scripts/gen-schema.mjs makes from
//! the pinned Angular 22 oracle install today: a newer @angular/compiler with a changed `SCHEMA`,
//! `_ATTR_TO_PROP` or `SECURITY_SCHEMA` fails here until the tables are regenerated.

use std::path::{Path, PathBuf};
use std::process::Command;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn tables_are_generated_from_the_oracle() {
    let root = crate_dir().join("..").join("..");
    assert!(
        root.join("tests/oracles/ng22/node_modules/@angular/compiler").exists(),
        "the Angular 22 oracle is not installed (tests/oracles/ng22/node_modules): run scripts/test to install it"
    );
    let output = Command::new("node")
        .arg(crate_dir().join("scripts/gen-schema.mjs"))
        .arg("--stdout")
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): install Node and run scripts/test"));
    assert!(
        output.status.success(),
        "gen-schema.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let committed = std::fs::read_to_string(Path::new(&crate_dir()).join("src/tables.rs"))
        .expect("src/tables.rs is readable");
    assert!(
        String::from_utf8_lossy(&output.stdout) == committed,
        "src/tables.rs is stale: run `node crates/schema/scripts/gen-schema.mjs` and review the diff"
    );
}
