//! Shared by the example-app tests (`apps_output.rs`, `apps_runtime.rs`): compiles each app under
//! tests/fixtures/apps/ with ngc 22 and with `ngc-rs build` side by side, and reads the list of
//! accepted differences, tests/fixtures/apps/accepted-differences.txt.
//!
//! Each app is copied to `<CARGO_TARGET_TMPDIR>/<test>/<app>/` (kept after the run, so the outputs
//! can be inspected) with `node_modules` linked to the Angular 22 oracle's. ngc writes to the
//! tsconfig's `out/`, ngc-rs to `out-ngc-rs/`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("repository root")
}

/// The Angular 22 oracle (tests/oracles/ng22); fails with a clear message when it is not installed.
pub fn oracle_dir() -> PathBuf {
    let dir = repo().join("tests/oracles/ng22");
    assert!(
        dir.join("node_modules/@angular/compiler-cli").is_dir() && dir.join("node_modules/esbuild").is_dir(),
        "the Angular 22 oracle is not installed in {}: run `scripts/test`, which installs tests/oracles/*",
        dir.display()
    );
    dir
}

/// The directory of the example apps.
pub fn apps_dir() -> PathBuf {
    repo().join("tests/fixtures/apps")
}

/// The names of the example apps (directories with a tsconfig.json), sorted.
pub fn app_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(apps_dir())
        .expect("read tests/fixtures/apps")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("tsconfig.json").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// One app compiled by both compilers.
pub struct CompiledApp {
    pub name: String,
    /// The copy of the app (tsconfig.json, src/, runtime.json, node_modules link).
    pub work: PathBuf,
    /// ngc's output directory.
    pub ngc_out: PathBuf,
    /// ngc-rs's output directory.
    pub ngc_rs_out: PathBuf,
    /// Why `ngc-rs build` failed (its exit status and first diagnostic), if it did. A failed
    /// build writes nothing, so every file and page of the app then differs.
    pub ngc_rs_failure: Option<String>,
}

/// Where ngc-rs writes its output inside the work directory.
pub const NGC_RS_OUT: &str = "out-ngc-rs";

/// Copies `app` into `<CARGO_TARGET_TMPDIR>/<test>/<app>` and compiles it with ngc (which must
/// succeed) and ngc-rs (whose failure is recorded, not fatal).
pub fn compile_app(test: &str, app: &str) -> CompiledApp {
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(test)
        .join(app);
    let _ = std::fs::remove_dir_all(&work);
    copy_dir(&apps_dir().join(app), &work);
    link_node_modules(&work);
    let work = work.canonicalize().expect("work dir");

    let ngc = oracle_dir().join("node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js");
    let run = Command::new("node")
        .arg(&ngc)
        .arg("-p")
        .arg(work.join("tsconfig.json"))
        .current_dir(&work)
        .output()
        .expect("node must be installed: run `scripts/test`");
    assert!(
        run.status.success(),
        "ngc 22 failed on the {app} app:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );

    let ngc_rs_out = work.join(NGC_RS_OUT);
    let run = Command::new(env!("CARGO_BIN_EXE_ngc-rs"))
        .arg("build")
        .arg("-p")
        .arg(work.join("tsconfig.json"))
        .arg("--outDir")
        .arg(&ngc_rs_out)
        .current_dir(&work)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ngc-rs");
    let ngc_rs_failure = (!run.status.success())
        .then(|| build_failure_summary(run.status.code(), &String::from_utf8_lossy(&run.stderr)));
    CompiledApp {
        name: app.to_string(),
        ngc_out: work.join("out"),
        ngc_rs_out,
        work,
        ngc_rs_failure,
    }
}

/// `ngc-rs build exited with 1: NGRS5002 <message> (and N more)` from the build's stderr.
fn build_failure_summary(code: Option<i32>, stderr: &str) -> String {
    let code = code.map_or("a signal".to_string(), |c| c.to_string());
    let lines: Vec<&str> = stderr.lines().map(str::trim).collect();
    let codes: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("NG") && !lines[i].contains(' '))
        .collect();
    let Some(&first) = codes.first() else {
        return format!(
            "ngc-rs build exited with {code}: {}",
            lines.iter().find(|l| !l.is_empty()).unwrap_or(&"")
        );
    };
    let message = lines[first..]
        .iter()
        .find_map(|l| l.strip_prefix('×'))
        .map(str::trim)
        .unwrap_or_default();
    let more = if codes.len() > 1 {
        format!(" (and {} more)", codes.len() - 1)
    } else {
        String::new()
    };
    format!(
        "ngc-rs build exited with {code}: {} {message}{more}",
        lines[first]
    )
}

/// Runs `job` for every app on a few threads; results come back in the order of `apps`.
pub fn for_each_app<T: Send>(apps: &[String], job: impl Fn(&str) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(apps.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.min(apps.len().max(1)) {
            scope.spawn(|| loop {
                let index = {
                    let mut next = next.lock().expect("queue");
                    let index = *next;
                    *next += 1;
                    index
                };
                let Some(app) = apps.get(index) else { break };
                let result = job(app);
                results.lock().expect("results")[index] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .expect("results")
        .into_iter()
        .map(|r| r.expect("every app ran"))
        .collect()
}

/// Every file under `dir` whose name ends with `suffix`, as sorted paths relative to `dir` with
/// `/` separators. A missing directory has no files.
pub fn files_with_suffix(dir: &Path, suffix: &str) -> Vec<String> {
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
            } else if path.to_string_lossy().ends_with(suffix) {
                let rel = path.strip_prefix(dir).expect("under dir");
                out.push(
                    rel.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

#[cfg(unix)]
fn link_node_modules(work: &Path) {
    std::os::unix::fs::symlink(oracle_dir().join("node_modules"), work.join("node_modules"))
        .expect("link node_modules");
}

#[cfg(windows)]
fn link_node_modules(work: &Path) {
    std::os::windows::fs::symlink_dir(oracle_dir().join("node_modules"), work.join("node_modules"))
        .expect("link node_modules");
}

/// The accepted-differences file.
pub fn accepted_path() -> PathBuf {
    apps_dir().join("accepted-differences.txt")
}

/// Which test an accepted difference belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `<app>/<path>.js: reason` — an emitted file that differs from ngc's.
    Output,
    /// `runtime <app> <scenario>: reason` — a rendered page that differs from ngc's.
    Runtime,
}

/// The accepted differences: key (`<app>/<path>.js` or `runtime <app> <scenario>`) → reason.
#[derive(Debug, Default)]
pub struct Accepted {
    /// The comment lines at the top of the file, kept when it is rewritten.
    pub header: Vec<String>,
    pub output: BTreeMap<String, String>,
    pub runtime: BTreeMap<String, String>,
}

impl Accepted {
    /// Reads and validates the file: every line is blank, a `#` comment, or `key: reason` with a
    /// non-empty reason; keys are unique.
    pub fn read() -> Accepted {
        let path = accepted_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let mut accepted = Accepted::default();
        let mut in_header = true;
        let mut problems = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let trimmed = line.trim();
            if trimmed.starts_with('#') || trimmed.is_empty() {
                if in_header {
                    accepted.header.push(line.to_string());
                }
                continue;
            }
            in_header = false;
            let Some((key, reason)) = trimmed.split_once(": ") else {
                problems.push(format!(
                    "line {number}: expected `key: reason`, found {trimmed:?}"
                ));
                continue;
            };
            let (key, reason) = (key.trim().to_string(), reason.trim().to_string());
            if reason.is_empty() {
                problems.push(format!("line {number}: {key} has no reason"));
                continue;
            }
            let section = if key.starts_with("runtime ") {
                Section::Runtime
            } else {
                Section::Output
            };
            let valid = match section {
                Section::Runtime => key.split(' ').count() == 3,
                Section::Output => key.ends_with(".js") && key.contains('/') && !key.contains(' '),
            };
            if !valid {
                problems.push(format!(
                    "line {number}: {key:?} is neither `<app>/<path>.js` nor `runtime <app> <scenario>`"
                ));
                continue;
            }
            if accepted
                .section_mut(section)
                .insert(key.clone(), reason)
                .is_some()
            {
                problems.push(format!("line {number}: {key} is listed twice"));
            }
        }
        assert!(
            problems.is_empty(),
            "{} is malformed:\n{}",
            path.display(),
            problems.join("\n")
        );
        accepted
    }

    pub fn section(&self, section: Section) -> &BTreeMap<String, String> {
        match section {
            Section::Output => &self.output,
            Section::Runtime => &self.runtime,
        }
    }

    fn section_mut(&mut self, section: Section) -> &mut BTreeMap<String, String> {
        match section {
            Section::Output => &mut self.output,
            Section::Runtime => &mut self.runtime,
        }
    }

    /// Writes the file back: the header, the output entries, the runtime entries, each sorted.
    pub fn write(&self) {
        let mut text = String::new();
        for line in &self.header {
            text.push_str(line);
            text.push('\n');
        }
        for entries in [&self.output, &self.runtime] {
            if entries.is_empty() {
                continue;
            }
            if !text.is_empty() && !text.ends_with("\n\n") {
                text.push('\n');
            }
            for (key, reason) in entries {
                text.push_str(&format!("{key}: {reason}\n"));
            }
        }
        std::fs::write(accepted_path(), text).expect("write accepted-differences.txt");
    }
}

/// Checks the differences one test found against its section of the accepted list.
///
/// `cases` maps every case the test ran (key as in the file) to `None` when ngc-rs matched ngc,
/// or `Some(description)` of the difference. Returns the failures: differences not listed,
/// listed cases that now match, and listed keys the test did not run.
///
/// With `UPDATE_ACCEPTED=1` in the environment the section is rewritten instead: matching and
/// unknown keys are dropped, and new differences are added with the reason in `ACCEPT_REASON`
/// (without it, new differences stay failures).
pub fn check_against_accepted(
    section: Section,
    cases: &BTreeMap<String, Option<String>>,
) -> Vec<String> {
    let mut accepted = Accepted::read();
    let listed = accepted.section(section).clone();
    let mut failures = Vec::new();
    for (key, difference) in cases {
        match (difference, listed.contains_key(key)) {
            (Some(difference), false) => failures.push(format!(
                "{key}: differs from ngc and is not accepted:\n    {difference}"
            )),
            (None, true) => failures.push(format!(
                "{key}: now the same as ngc: remove its line from accepted-differences.txt"
            )),
            // Shown with `--nocapture`, for whoever works on the difference.
            (Some(difference), true) => eprintln!("{key} (accepted): {difference}"),
            (None, false) => {}
        }
    }
    for key in listed.keys() {
        if !cases.contains_key(key) {
            failures.push(format!(
                "{key}: listed in accepted-differences.txt, but no such case exists"
            ));
        }
    }
    if std::env::var_os("UPDATE_ACCEPTED").is_some_and(|v| v == "1") {
        let reason = std::env::var("ACCEPT_REASON")
            .ok()
            .filter(|r| !r.trim().is_empty());
        let entries = accepted.section_mut(section);
        entries.retain(|key, _| matches!(cases.get(key), Some(Some(_))));
        let mut unaccepted = Vec::new();
        for (key, difference) in cases {
            if let Some(difference) = difference {
                if !entries.contains_key(key) {
                    match &reason {
                        Some(reason) => {
                            entries.insert(key.clone(), reason.trim().to_string());
                        }
                        None => unaccepted.push(format!("{key}: differs from ngc; set ACCEPT_REASON to accept it:\n    {difference}")),
                    }
                }
            }
        }
        accepted.write();
        eprintln!("rewrote {}", accepted_path().display());
        return unaccepted;
    }
    failures
}
