//! Shared helpers of the collector's integration tests: fixture discovery, running the Angular 8
//! oracle (`tests/oracles/ng8/collect.js`), a raw JSON scanner for its output, the position an
//! oracle strict-mode message names, and a line diff for failure reports.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use ngc_collector::{collect, CollectOptions, Collected};
use ngc_diagnostics::LineIndex;

/// The input file names a fixture directory may hold (exactly one of them).
pub const INPUT_NAMES: [&str; 3] = ["input.ts", "input.d.ts", "input.tsx"];

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

pub fn fixtures_dir() -> PathBuf {
    repo_root().join("tests").join("fixtures").join("collector")
}

pub fn oracle_dir() -> PathBuf {
    repo_root().join("tests").join("oracles").join("ng8")
}

/// One `tests/fixtures/collector/<name>/` case.
pub struct Fixture {
    pub name: String,
    pub dir: PathBuf,
    /// `input.ts`, `input.d.ts` or `input.tsx`.
    pub input_name: &'static str,
    pub text: String,
}

impl Fixture {
    /// The input's path relative to [`fixtures_dir`], as the snapshot script passes it to the
    /// oracle.
    pub fn rel_path(&self) -> String {
        format!("{}/{}", self.name, self.input_name)
    }
}

/// All fixture cases, sorted by name. With env `FIXTURE=<substring>` only the matching ones.
pub fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir();
    let filter = std::env::var("FIXTURE").ok().filter(|f| !f.is_empty());
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read fixture directory {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("directory entry");
        if !entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(f) = &filter {
            if !name.contains(f.as_str()) {
                continue;
            }
        }
        let inputs: Vec<&'static str> =
            INPUT_NAMES.iter().copied().filter(|n| entry.path().join(n).is_file()).collect();
        assert_eq!(inputs.len(), 1, "fixture {name} must hold exactly one of {INPUT_NAMES:?}, found {inputs:?}");
        let text =
            std::fs::read_to_string(entry.path().join(inputs[0])).unwrap_or_else(|e| panic!("fixture {name}: {e}"));
        out.push(Fixture { name, dir: entry.path(), input_name: inputs[0], text });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(!out.is_empty(), "no collector fixtures found in {} (FIXTURE filter: {filter:?})", dir.display());
    out
}

pub fn collect_with(file_name: &str, text: &str, strict: bool) -> Collected {
    collect_mode(file_name, text, strict, false)
}

/// ngc-rs with or without ngc 8's expression lowering.
pub fn collect_mode(file_name: &str, text: &str, strict: bool, lower_expressions: bool) -> Collected {
    collect(file_name, text, &CollectOptions { strict, quoted_names: true, lower_expressions })
}

/// Whether ngc-rs refused the file in strict mode: no metadata and at least one error.
pub fn refused(c: &Collected) -> bool {
    c.metadata.is_none() && c.diagnostics.iter().any(|d| d.is_error())
}

/// Compact metadata as `JSON.stringify` prints it, `null` when there is none.
pub fn compact(c: &Collected) -> String {
    c.metadata.as_ref().map_or_else(|| "null".to_string(), |m| m.to_js_string())
}

/// 1-based `(line, column)` (UTF-16 columns) of the start of every diagnostic's primary label.
pub fn diagnostic_positions(text: &str, c: &Collected) -> Vec<(u32, u32)> {
    let index = LineIndex::new(text);
    c.diagnostics
        .iter()
        .filter_map(|d| d.primary.as_ref())
        .map(|l| {
            let lc = index.utf16_line_col(text, l.span.start);
            (lc.line + 1, lc.col + 1)
        })
        .collect()
}

/// Short description of our diagnostics, for failure reports.
pub fn describe_diagnostics(text: &str, c: &Collected) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in &c.diagnostics {
        let at = d.primary.as_ref().map_or_else(
            || "no position".to_string(),
            |l| {
                let lc = index.utf16_line_col(text, l.span.start);
                format!("{}:{}", lc.line + 1, lc.col + 1)
            },
        );
        let _ = writeln!(out, "    {} at {at}: {}", d.code, d.message);
    }
    if out.is_empty() {
        out.push_str("    (no diagnostics)\n");
    }
    out
}

/// The 1-based `(line, column)` of the error node an oracle strict-mode message names: the
/// `FILE:LINE:COL: Metadata collected contains an error …` part (inside the class-level
/// `Error encountered in metadata generated for exported symbol …` wrapper, when there is one).
/// `None` when the error node has no position (errors from `import x = a.b` have none, and a
/// reference cycle overflows the oracle's stack).
pub fn oracle_error_position(message: &str) -> Option<(u32, u32)> {
    let marker = ": Metadata collected contains an error";
    let end = message.rfind(marker)?;
    let head = &message[..end];
    let mut parts = head.rsplitn(3, ':');
    let col = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    parts.next()?;
    Some((line, col))
}

/// What the oracle said about one file.
#[derive(Debug, Clone, PartialEq)]
pub enum OracleResult {
    /// The raw compact JSON of the metadata (`null` when the collector returned nothing).
    Metadata(String),
    /// The message strict mode threw.
    Error(String),
}

fn oracle_missing(what: &str) -> ! {
    panic!(
        "the Angular 8 collector oracle is not available ({what}). The differential tests need \
         `node` on PATH and tests/oracles/ng8/node_modules installed: run `scripts/test`, which \
         installs the oracles (or `npm ci` in tests/oracles/ng8)."
    )
}

/// Checks that node and the oracle packages are there; fails the test otherwise.
pub fn require_oracle() {
    match Command::new("node").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => oracle_missing(&format!("`node --version` failed: {}", String::from_utf8_lossy(&o.stderr))),
        Err(e) => oracle_missing(&format!("cannot run `node`: {e}")),
    }
    let modules = oracle_dir().join("node_modules");
    for pkg in ["typescript", "@angular/compiler-cli"] {
        if !modules.join(pkg).join("package.json").is_file() {
            oracle_missing(&format!("{} is missing", modules.join(pkg).display()));
        }
    }
}

/// Runs `node collect.js [--strict] FILE...` in `cwd` over `files` (paths relative to `cwd`),
/// in batches of at most `batch` files per node process, and returns the result per file.
pub fn run_oracle(cwd: &Path, files: &[String], strict: bool, batch: usize) -> BTreeMap<String, OracleResult> {
    run_oracle_mode(cwd, files, strict, false, batch)
}

/// The oracle, with `--lower` (ngc 8's `LowerMetadataTransform`) when `lower`.
pub fn run_oracle_mode(cwd: &Path, files: &[String], strict: bool, lower: bool, batch: usize) -> BTreeMap<String, OracleResult> {
    require_oracle();
    let collect_js = oracle_dir().join("collect.js");
    let mut out = BTreeMap::new();
    for chunk in files.chunks(batch.max(1)) {
        let mut cmd = Command::new("node");
        cmd.arg(&collect_js);
        if strict {
            cmd.arg("--strict");
        }
        if lower {
            cmd.arg("--lower");
        }
        cmd.args(chunk).current_dir(cwd);
        let output = cmd.output().unwrap_or_else(|e| oracle_missing(&format!("cannot run node: {e}")));
        assert!(
            output.status.success(),
            "the oracle failed (exit {:?}):\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).expect("oracle output is UTF-8");
        for (file, value) in object_entries(&stdout) {
            let entries = object_entries(value);
            let result = match entries.first() {
                Some((k, v)) if k == "metadata" => OracleResult::Metadata(v.to_string()),
                Some((k, v)) if k == "error" => OracleResult::Error(json_string(v)),
                _ => panic!("unexpected oracle output for {file}: {value}"),
            };
            out.insert(file, result);
        }
    }
    for f in files {
        assert!(out.contains_key(f), "the oracle printed nothing for {f}");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// A raw JSON scanner: splits an object into its keys and the exact text of each value, so the
// oracle's bytes are compared with ours without re-serialising them.

/// The `(key, raw value text)` pairs of the JSON object `raw`, in document order.
pub fn object_entries(raw: &str) -> Vec<(String, &str)> {
    let b = raw.as_bytes();
    let mut i = skip_ws(b, 0);
    assert!(b.get(i) == Some(&b'{'), "expected a JSON object: {}", truncate(raw));
    i = skip_ws(b, i + 1);
    let mut out = Vec::new();
    if b.get(i) == Some(&b'}') {
        return out;
    }
    loop {
        let key_end = value_end(b, i);
        let key = json_string(&raw[i..key_end]);
        i = skip_ws(b, key_end);
        assert!(b.get(i) == Some(&b':'), "expected ':' in {}", truncate(raw));
        let start = skip_ws(b, i + 1);
        let end = value_end(b, start);
        out.push((key, &raw[start..end]));
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b'}') => return out,
            _ => panic!("malformed JSON object: {}", truncate(raw)),
        }
    }
}

fn truncate(s: &str) -> &str {
    let mut end = s.len().min(200);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The end of the JSON value starting at `i`.
fn value_end(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => {
            let mut j = i + 1;
            while j < b.len() {
                match b[j] {
                    b'\\' => j += 2,
                    b'"' => return j + 1,
                    _ => j += 1,
                }
            }
            panic!("unterminated JSON string")
        }
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = value_end(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            panic!("unterminated JSON container")
        }
        Some(_) => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                j += 1;
            }
            j
        }
        None => panic!("JSON value expected at end of input"),
    }
}

/// Decodes a JSON string literal (lone surrogates become U+FFFD).
pub fn json_string(raw: &str) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a JSON string: {}", truncate(raw)));
    let mut units: Vec<u16> = Vec::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buf));
            continue;
        }
        let unit = match chars.next() {
            Some('n') => b'\n' as u16,
            Some('r') => b'\r' as u16,
            Some('t') => b'\t' as u16,
            Some('b') => 8,
            Some('f') => 12,
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                u16::from_str_radix(&hex, 16).unwrap_or(0xFFFD)
            }
            Some(other) => other as u16,
            None => break,
        };
        units.push(unit);
    }
    String::from_utf16_lossy(&units)
}

// ---------------------------------------------------------------------------------------------

/// A unified-style line diff of `expected` and `actual` (LCS over lines), with a few lines of
/// context around each change.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Common prefix/suffix first keeps the LCS table small.
    let mut pre = 0;
    while pre < a.len() && pre < b.len() && a[pre] == b[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < a.len() - pre && suf < b.len() - pre && a[a.len() - 1 - suf] == b[b.len() - 1 - suf] {
        suf += 1;
    }
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut ops: Vec<(char, &str)> = a[..pre].iter().map(|l| (' ', *l)).collect();
    if ma.len() * mb.len() > 4_000_000 {
        ops.extend(ma.iter().map(|l| ('-', *l)));
        ops.extend(mb.iter().map(|l| ('+', *l)));
    } else {
        let (n, m) = (ma.len(), mb.len());
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if ma[i] == mb[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                ops.push((' ', ma[i]));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.push(('-', ma[i]));
                i += 1;
            } else {
                ops.push(('+', mb[j]));
                j += 1;
            }
        }
    }
    ops.extend(a[a.len() - suf..].iter().map(|l| (' ', *l)));

    const CONTEXT: usize = 3;
    let changed: Vec<usize> = ops.iter().enumerate().filter(|(_, o)| o.0 != ' ').map(|(i, _)| i).collect();
    let mut out = String::from("    --- expected (oracle)\n    +++ actual (ngc-rs)\n");
    let mut last_printed: Option<usize> = None;
    for (k, op) in ops.iter().enumerate() {
        let near = changed.iter().any(|&c| c + CONTEXT >= k && k + CONTEXT >= c);
        if !near {
            continue;
        }
        if last_printed.map_or(k > 0, |l| l + 1 != k) {
            out.push_str("    @@\n");
        }
        let _ = writeln!(out, "    {}{}", op.0, op.1);
        last_printed = Some(k);
    }
    out
}

/// Indents every line of `s` by four spaces.
pub fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {l}\n")).collect()
}
