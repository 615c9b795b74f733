//! package.json files as module resolution reads them: parsed once per resolver (the cache is
//! keyed by the package.json path and shared across threads), leniently like TypeScript's
//! `readJson` (comments and trailing commas tolerated; unreadable or invalid content reads as
//! `{}`), with the `typesVersions` entry for the emulated TypeScript version selected lazily.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Map, Value};

use super::version::typescript_satisfies;

/// The parsed content of one package.json.
#[derive(Debug)]
pub(crate) struct PackageContents {
    pub json: Value,
    version_paths: OnceLock<Option<VersionPaths>>,
}

/// The `typesVersions` entry whose range the emulated TypeScript version satisfies.
#[derive(Debug, Clone)]
pub(crate) struct VersionPaths {
    pub paths: Vec<(String, Vec<String>)>,
}

/// A package.json found in `directory` (spelled as the lookup spelled it).
#[derive(Debug, Clone)]
pub(crate) struct PackageInfo {
    pub directory: String,
    pub contents: Arc<PackageContents>,
}

impl PackageContents {
    pub fn parse(text: &str) -> PackageContents {
        let json = serde_json::from_str::<Value>(text)
            .ok()
            .or_else(|| serde_json::from_str::<Value>(&strip_jsonc(text)).ok())
            .filter(Value::is_object)
            .unwrap_or_else(|| Value::Object(Map::new()));
        PackageContents { json, version_paths: OnceLock::new() }
    }

    /// A field, when present (even `null`).
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.json.as_object().and_then(|o| o.get(name))
    }

    /// A string field (TypeScript's `readPackageJsonField(..., "string")`).
    pub fn string_field(&self, name: &str) -> Option<&str> {
        self.field(name).and_then(Value::as_str)
    }

    pub fn has_field(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    /// The `type` field is `"module"`.
    pub fn is_module(&self) -> bool {
        self.string_field("type") == Some("module")
    }

    /// The first `typesVersions` entry whose key is a range the emulated TypeScript version
    /// satisfies, when its value is an object.
    pub fn version_paths(&self) -> Option<&VersionPaths> {
        self.version_paths
            .get_or_init(|| {
                let types_versions = self.field("typesVersions")?.as_object()?;
                let (_, paths) = types_versions.iter().find(|(key, _)| typescript_satisfies(key))?;
                let paths = paths.as_object()?;
                Some(VersionPaths {
                    paths: paths
                        .iter()
                        .map(|(k, v)| {
                            let substitutions = match v {
                                Value::Array(items) => {
                                    items.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()
                                }
                                _ => Vec::new(),
                            };
                            (k.clone(), substitutions)
                        })
                        .collect(),
                })
            })
            .as_ref()
    }
}

/// JavaScript truthiness of a JSON value.
pub(crate) fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_none_or(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// package.json contents by package.json path; `None` records a missing file.
#[derive(Debug, Default)]
pub(crate) struct PackageJsonCache {
    entries: Mutex<HashMap<String, Option<Arc<PackageContents>>>>,
}

impl PackageJsonCache {
    pub fn get(&self, path: &str) -> Option<Option<Arc<PackageContents>>> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.get(path).cloned()
    }

    pub fn insert(&self, path: String, contents: Option<Arc<PackageContents>>) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.insert(path, contents);
    }
}

/// Removes `//` and `/* */` comments outside strings and commas before `}`/`]`, so that the
/// JSON TypeScript's lenient parser accepts also parses with serde_json.
fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
                out.push(' ');
            }
            '}' | ']' => {
                let trimmed_len = out.trim_end().len();
                if out[..trimmed_len].ends_with(',') {
                    out.truncate(trimmed_len - 1);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}
