//! Helpers shared by the reflector's integration tests: the real file system as a [`Host`], the
//! repository and the Angular 22 oracle, copying fixture projects into a work directory, and
//! collecting a project's TypeScript files into [`ProgramFile`]s.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use ngc_collector::{collect, CollectOptions};
use ngc_reflector::{Host, ProgramFile};

/// The real file system, as the CLI's host sees it.
pub struct FsHost;

impl Host for FsHost {
    fn read_file(&self, path: &Path) -> Option<Arc<str>> {
        std::fs::read_to_string(path).ok().map(Arc::from)
    }
    fn file_exists(&self, path: &Path) -> bool {
        path.is_file()
    }
    fn directory_exists(&self, path: &Path) -> bool {
        path.is_dir()
    }
    fn realpath(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

/// The repository root, canonical.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// tests/oracles/ng22/node_modules; fails (never skips) when the oracle is not installed.
pub fn oracle_modules() -> PathBuf {
    let dir = repo().join("tests/oracles/ng22/node_modules");
    assert!(
        dir.join("@angular/compiler-cli").is_dir(),
        "the Angular 22 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    dir
}

/// Copies the directory tree `from` to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create work dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Links the oracle's node_modules into the work directory `work` and returns `work`, canonical.
pub fn link_oracle_modules(work: &Path) -> PathBuf {
    #[cfg(unix)]
    std::os::unix::fs::symlink(oracle_modules(), work.join("node_modules")).expect("link node_modules");
    work.canonicalize().expect("work dir")
}

/// The `.ts` files below `dir`, depth first in name order.
pub fn ts_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read src").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            ts_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "ts") {
            out.push(path);
        }
    }
}

/// The `.ts` files below `work/src`, collected as `build` collects them (with lowering); each
/// must collect without diagnostics.
pub fn program_files(work: &Path) -> (Vec<PathBuf>, Vec<ProgramFile>) {
    let mut paths = Vec::new();
    ts_files(&work.join("src"), &mut paths);
    let files = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read source");
            let options = CollectOptions { lower_expressions: true, ..CollectOptions::default() };
            let collected = collect(&path.to_string_lossy(), &text, &options);
            assert!(collected.diagnostics.is_empty(), "collector diagnostics in {}", path.display());
            ProgramFile { path: path.clone(), text: Arc::from(text), metadata: collected.metadata, facts: collected.facts }
        })
        .collect();
    (paths, files)
}

/// Runs the oracle script `script` with node on the project in `work`; its JSON output.
pub fn run_oracle_script(script: &Path, work: &Path) -> serde_json::Value {
    let output = Command::new("node").arg(script).arg(work).output().expect("node must be installed: run `scripts/test`");
    assert!(output.status.success(), "ngc failed on {}:\n{}", work.display(), String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("oracle JSON")
}
