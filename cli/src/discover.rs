//! Finding a project's input files as `tsc` does: the `files` list first (taken as written,
//! whether or not the files exist), then the files matched by `include` (default `**/*`) that no
//! `exclude` pattern (default: `node_modules`, `bower_components`, `jspm_packages` and the
//! output directory) removes. Wildcards select `.ts`, `.tsx` and `.d.ts` files; of `x.ts`,
//! `x.tsx` and `x.d.ts` found by wildcard, only the highest-priority one is kept, in that order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{self as diag, Origin, Problem};
use crate::glob::{Pattern, Usage};
use crate::paths;
use crate::tsconfig::{Project, Spec};

/// The include pattern used when tsconfig has neither `files` nor `include`.
pub const DEFAULT_INCLUDE: &str = "**/*";
/// Excluded when tsconfig has no `exclude`, together with the output directory.
pub const DEFAULT_EXCLUDES: [&str; 3] = ["node_modules", "bower_components", "jspm_packages"];

/// One input file.
#[derive(Debug, Clone)]
pub struct Input {
    pub path: PathBuf,
    /// The `files` entry that named it, if it came from `files`.
    pub listed_at: Option<Origin>,
}

impl Input {
    pub fn is_declaration(&self) -> bool {
        self.path.to_string_lossy().ends_with(".d.ts")
    }
}

/// The input files of `project`, in tsc's order. `out_dir` is the effective output directory.
pub fn discover(project: &Project, out_dir: Option<&Path>) -> Result<Vec<Input>, Problem> {
    let mut inputs = Vec::new();
    let mut seen = HashSet::new();
    if let Some(files) = &project.files {
        for spec in &files.specs {
            let path = paths::absolute(&spec.base, Path::new(&spec.text));
            if seen.insert(path.clone()) {
                inputs.push(Input {
                    path,
                    listed_at: Some(spec.origin.clone()),
                });
            }
        }
    }

    let default_include;
    let include_specs: &[Spec] = match (&project.include, &project.files) {
        (Some(list), _) => &list.specs,
        (None, Some(_)) => &[],
        (None, None) => {
            default_include = [Spec {
                text: DEFAULT_INCLUDE.to_string(),
                base: project.config_dir.clone(),
                origin: project.origin.clone(),
            }];
            &default_include
        }
    };
    let mut include = Vec::new();
    for spec in include_specs {
        match Pattern::new(&spec.text, &spec.base, Usage::Include) {
            Some(p) => include.push(p),
            None => {
                return Err(diag::invalid_setting(
                    format!("include pattern `{}` cannot end in `**`", spec.text),
                    &spec.origin,
                    "ends in a recursive directory wildcard",
                    Some(format!(
                        "write `{}/*` to select the files in those directories",
                        spec.text
                    )),
                ))
            }
        }
    }
    let exclude = exclude_patterns(project, out_dir);

    let literal: HashSet<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
    let wildcard = match_files(&include, &exclude);
    let wildcard_set: HashSet<&PathBuf> = wildcard.iter().collect();
    for path in &wildcard {
        let has = |p: PathBuf| literal.contains(&p) || wildcard_set.contains(&p);
        if has_higher_priority_sibling(path, has) {
            continue;
        }
        if seen.insert(path.clone()) {
            inputs.push(Input {
                path: path.clone(),
                listed_at: None,
            });
        }
    }

    if inputs.is_empty() {
        let shown = |specs: &[Spec]| specs.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
        let origin = project
            .include
            .as_ref()
            .or(project.files.as_ref())
            .map_or(&project.origin, |l| &l.origin);
        return Err(diag::no_inputs(
            &project.origin.source.name,
            &shown(include_specs),
            &exclude_texts(project, out_dir),
            origin,
        ));
    }
    Ok(inputs)
}

fn exclude_texts(project: &Project, out_dir: Option<&Path>) -> Vec<String> {
    match &project.exclude {
        Some(list) => list.specs.iter().map(|s| s.text.clone()).collect(),
        None => DEFAULT_EXCLUDES
            .iter()
            .map(|s| s.to_string())
            .chain(out_dir.map(|d| d.display().to_string()))
            .collect(),
    }
}

fn exclude_patterns(project: &Project, out_dir: Option<&Path>) -> Vec<Pattern> {
    match &project.exclude {
        Some(list) => list
            .specs
            .iter()
            .filter_map(|s| Pattern::new(&s.text, &s.base, Usage::Exclude))
            .collect(),
        None => {
            DEFAULT_EXCLUDES
                .iter()
                .filter_map(|s| Pattern::new(s, &project.config_dir, Usage::Exclude))
                .chain(out_dir.and_then(|d| {
                    Pattern::new(&d.to_string_lossy(), Path::new("/"), Usage::Exclude)
                }))
                .collect()
        }
    }
}

fn is_supported(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with(".ts") || name.ends_with(".tsx")
}

/// `x.d.ts` loses to `x.ts` and `x.tsx`; `x.tsx` loses to `x.ts`.
fn has_higher_priority_sibling(path: &Path, has: impl Fn(PathBuf) -> bool) -> bool {
    let s = path.to_string_lossy();
    if let Some(stem) = s.strip_suffix(".d.ts") {
        has(PathBuf::from(format!("{stem}.ts"))) || has(PathBuf::from(format!("{stem}.tsx")))
    } else if let Some(stem) = s.strip_suffix(".tsx") {
        has(PathBuf::from(format!("{stem}.ts")))
    } else {
        false
    }
}

/// Walks the base directories of `include` and returns the matching files, ordered by the
/// first include pattern that matches them, then by a sorted depth-first walk (files of a
/// directory before its subdirectories). Symbolic links are followed; cycles are not.
fn match_files(include: &[Pattern], exclude: &[Pattern]) -> Vec<PathBuf> {
    let mut bases: Vec<PathBuf> = include.iter().map(Pattern::base_dir).collect();
    bases.sort();
    bases.dedup();
    let bases: Vec<PathBuf> = bases
        .iter()
        .filter(|b| {
            !bases
                .iter()
                .any(|other| other != *b && b.starts_with(other))
        })
        .cloned()
        .collect();

    let mut per_pattern: Vec<Vec<PathBuf>> = vec![Vec::new(); include.len()];
    let mut visited_dirs = HashSet::new();
    for base in bases {
        let mut stack = vec![base];
        while let Some(dir) = stack.pop() {
            if let Ok(real) = std::fs::canonicalize(&dir) {
                if !visited_dirs.insert(real) {
                    continue;
                }
            }
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut names: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            let mut subdirs = Vec::new();
            for path in names {
                // `metadata` follows symbolic links; a dangling link is skipped, as tsc skips it.
                let Ok(meta) = std::fs::metadata(&path) else {
                    continue;
                };
                if exclude.iter().any(|p| p.matches(&path)) {
                    continue;
                }
                if meta.is_dir() {
                    if include.iter().any(|p| p.may_match_below(&path)) {
                        subdirs.push(path);
                    }
                } else if meta.is_file() && is_supported(&path) {
                    if let Some(i) = include.iter().position(|p| p.matches(&path)) {
                        per_pattern[i].push(path);
                    }
                }
            }
            stack.extend(subdirs.into_iter().rev());
        }
    }
    per_pattern.into_iter().flatten().collect()
}
