//! Helpers for the integration tests: run the `ngc-rs` binary in a directory and inspect what it
//! printed, and build small projects in temporary directories.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when the process died from a signal (a crash).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing the output on failure.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Asserts that the process ended normally (no crash, no panic).
    #[track_caller]
    pub fn expect_no_crash(&self) -> &Self {
        assert!(
            matches!(self.code, Some(0 | 1)) && !self.stderr.contains("panicked"),
            "crashed: {:?}\nstderr:\n{}",
            self.code,
            self.stderr
        );
        self
    }

    /// Asserts that stderr holds every one of `parts`.
    #[track_caller]
    pub fn expect_stderr(&self, parts: &[&str]) -> &Self {
        for part in parts {
            assert!(self.stderr.contains(part), "stderr lacks {part:?}:\n{}", self.stderr);
        }
        self
    }
}

/// Runs `ngc-rs ARGS` in `dir` with `envs`, colours off.
pub fn ngc_env(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ngc-rs"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1").env_remove("RAYON_NUM_THREADS");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run ngc-rs: {e}"));
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `ngc-rs ARGS` in `dir`.
pub fn ngc(dir: &Path, args: &[&str]) -> Run {
    ngc_env(dir, args, &[])
}

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("repository root")
}

/// Copies the directory tree `from` to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("ngc-rs-test-").tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

/// Writes `contents` to `dir/rel`, creating directories.
pub fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("mkdir {}: {e}", parent.display()));
    }
    std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// The input files `ngc-rs build --listFiles` reports, relative to `dir`.
#[track_caller]
pub fn list_files(dir: &Path, args: &[&str]) -> Vec<String> {
    // Only the inputs matter: no JavaScript (the project may target what ts-emit does not emit).
    let mut all = vec!["build", "--listFiles", "--metadata-only"];
    all.extend_from_slice(args);
    let run = ngc(dir, &all);
    run.expect_code(0);
    let prefix = format!("{}/", dir.display());
    run.stdout.lines().map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_string()).collect()
}

/// Every file under `dir` as (relative path, contents), sorted.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).map(|p| p.display().to_string()).unwrap_or_default();
                out.push((rel, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

/// The Angular 8-era app whose metadata is checked against ngc 8 (tests/fixtures/metadata-app).
pub fn metadata_app_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/metadata-app")
}

/// The Angular 22 oracle's node_modules (installed by `scripts/test`).
pub fn oracle_modules() -> PathBuf {
    let modules = repo().join("tests/oracles/ng22/node_modules");
    assert!(
        modules.join("@angular/compiler-cli").is_dir(),
        "the Angular 22 oracle is not installed: run `scripts/test`, which installs tests/oracles/*"
    );
    modules
}

/// Runs ngc 22 (`ngc -p tsconfig.json`) in `dir`: whether it succeeded, and what it printed,
/// without colours.
pub fn run_real_ngc(dir: &Path) -> (bool, String) {
    let ngc_js = oracle_modules().join("@angular/compiler-cli/bundles/src/bin/ngc.js");
    let run = Command::new("node")
        .arg(&ngc_js)
        .args(["-p", "tsconfig.json"])
        .current_dir(dir)
        .output()
        .expect("node must be installed");
    let text = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    (run.status.success(), strip_ansi(&text))
}

/// `text` without ANSI escape sequences.
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// An error as a compiler printed it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrintedError {
    /// `file:line:column`.
    pub position: String,
    pub code: String,
    pub message: String,
}

/// The errors ngc printed, in its pretty format (`src/a.ts:3:9 - error NG2007: …`) or its
/// plain one (`src/a.ts(3,9): error NG2007: …`).
pub fn ngc_errors(output: &str) -> Vec<PrintedError> {
    let mut out = Vec::new();
    for line in output.lines() {
        let (position, rest) = if let Some((position, rest)) = line.split_once(" - error ") {
            (position.to_string(), rest)
        } else if let Some((position, rest)) = line.split_once("): error ") {
            let Some((file, at)) = position.rsplit_once('(') else { continue };
            (format!("{file}:{}", at.replace(',', ":")), rest)
        } else {
            continue;
        };
        let Some((code, message)) = rest.split_once(": ") else { continue };
        out.push(PrintedError { position, code: code.trim().to_string(), message: message.to_string() });
    }
    out
}

/// The errors of ngc-rs's rendered diagnostics: a code line, `× message` (long ones wrap onto
/// `│ ` lines), then the frame `╭─[file:line:col]`.
pub fn our_errors(output: &str) -> Vec<PrintedError> {
    let lines: Vec<&str> = output.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(first) = line.trim_start().strip_prefix("× ") else { continue };
        let mut message = first.trim_end().to_string();
        for continuation in lines[i + 1..].iter().map_while(|l| l.trim_start().strip_prefix("│ ")) {
            message.push(' ');
            message.push_str(continuation.trim());
        }
        let code = (0..i).rev().map(|j| lines[j].trim()).find(|l| !l.is_empty()).unwrap_or_default().to_string();
        let position = lines[i + 1..]
            .iter()
            .find_map(|l| l.split_once("─[").and_then(|(_, p)| p.strip_suffix(']')))
            .unwrap_or_default()
            .to_string();
        out.push(PrintedError { position, code, message });
    }
    out
}

