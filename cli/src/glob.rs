//! tsconfig `include`/`exclude` patterns with TypeScript's wildcard semantics:
//!
//! - `*` matches any run of characters in one path component, `?` exactly one character;
//! - `**` matches any number of directories (also none);
//! - in `include`, a component that starts with a wildcard does not match names starting with
//!   `.`, and `**` does not enter dot directories nor `node_modules`, `bower_components` and
//!   `jspm_packages`;
//! - a pattern whose last component has neither a wildcard nor a `.` names a directory and means
//!   everything below it (`src` is `src/**/*`);
//! - an `exclude` pattern also excludes everything below what it matches.

use std::path::{Component, Path};

use crate::paths;

/// Directories that `**` in an include pattern never enters.
const IMPLICIT_EXCLUDES: [&str; 3] = ["node_modules", "bower_components", "jspm_packages"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Include,
    Exclude,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Comp {
    DoubleStar,
    Name(String),
}

/// A compiled pattern over absolute, normalised paths.
#[derive(Debug, Clone)]
pub struct Pattern {
    comps: Vec<Comp>,
    usage: Usage,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The whole path must match.
    Full,
    /// The path or one of its ancestors must match (exclude semantics).
    Prefix,
    /// The directory path could have a matching path below it.
    Below,
}

fn has_wildcard(s: &str) -> bool {
    s.contains('*') || s.contains('?')
}

fn path_components(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect()
}

impl Pattern {
    /// Compiles `spec`, relative to `base`. `None` for an include pattern ending in `**`,
    /// which TypeScript rejects.
    pub fn new(spec: &str, base: &Path, usage: Usage) -> Option<Pattern> {
        let full = paths::absolute(base, Path::new(spec));
        let mut names = path_components(&full);
        if usage == Usage::Include && names.last().map(String::as_str) == Some("**") {
            return None;
        }
        if names
            .last()
            .is_some_and(|l| !l.contains('.') && !has_wildcard(l))
        {
            names.push("**".to_string());
            names.push("*".to_string());
        }
        let comps = names
            .into_iter()
            .map(|n| {
                if n == "**" {
                    Comp::DoubleStar
                } else {
                    Comp::Name(n)
                }
            })
            .collect();
        Some(Pattern { comps, usage })
    }

    /// The directory to walk to find this pattern's matches: the components before the first
    /// wildcard, or the parent of a literal file pattern.
    pub fn base_dir(&self) -> std::path::PathBuf {
        let literal = self
            .comps
            .iter()
            .take_while(|c| matches!(c, Comp::Name(n) if !has_wildcard(n)))
            .count();
        let take = if literal == self.comps.len() {
            literal.saturating_sub(1)
        } else {
            literal
        };
        let mut out = std::path::PathBuf::from("/");
        for c in &self.comps[..take] {
            if let Comp::Name(n) = c {
                out.push(n);
            }
        }
        out
    }

    /// Does this pattern select `path` (absolute, normalised)? For an exclude pattern, a path
    /// below a match is selected too.
    pub fn matches(&self, path: &Path) -> bool {
        let mode = if self.usage == Usage::Exclude {
            Mode::Prefix
        } else {
            Mode::Full
        };
        self.run(&path_components(path), mode)
    }

    /// Could a path below the directory `dir` match?
    pub fn may_match_below(&self, dir: &Path) -> bool {
        self.run(&path_components(dir), Mode::Below)
    }

    fn run(&self, path: &[String], mode: Mode) -> bool {
        let width = path.len() + 1;
        let mut memo = vec![None; (self.comps.len() + 1) * width];
        self.step(0, 0, path, mode, &mut memo, width)
    }

    fn step(
        &self,
        pi: usize,
        si: usize,
        path: &[String],
        mode: Mode,
        memo: &mut [Option<bool>],
        width: usize,
    ) -> bool {
        if let Some(done) = memo[pi * width + si] {
            return done;
        }
        let result = if pi == self.comps.len() {
            match mode {
                Mode::Full => si == path.len(),
                Mode::Prefix => true,
                Mode::Below => false,
            }
        } else if si == path.len() && mode == Mode::Below {
            true
        } else {
            match &self.comps[pi] {
                Comp::DoubleStar => {
                    self.step(pi + 1, si, path, mode, memo, width)
                        || (si < path.len()
                            && self.double_star_enters(&path[si])
                            && self.step(pi, si + 1, path, mode, memo, width))
                }
                Comp::Name(n) => {
                    si < path.len()
                        && self.name_matches(n, &path[si])
                        && self.step(pi + 1, si + 1, path, mode, memo, width)
                }
            }
        };
        memo[pi * width + si] = Some(result);
        result
    }

    fn double_star_enters(&self, dir: &str) -> bool {
        self.usage == Usage::Exclude || (!dir.starts_with('.') && !IMPLICIT_EXCLUDES.contains(&dir))
    }

    fn name_matches(&self, pattern: &str, name: &str) -> bool {
        if self.usage == Usage::Include
            && (pattern.starts_with('*') || pattern.starts_with('?'))
            && name.starts_with('.')
        {
            return false;
        }
        wildcard_match(pattern, name)
    }
}

/// `*` and `?` matching of one component, iteratively with one backtrack point.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, si));
            pi += 1;
        } else if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inc(spec: &str) -> Pattern {
        Pattern::new(spec, Path::new("/p"), Usage::Include).unwrap_or_else(|| panic!("{spec}"))
    }

    fn exc(spec: &str) -> Pattern {
        Pattern::new(spec, Path::new("/p"), Usage::Exclude).unwrap_or_else(|| panic!("{spec}"))
    }

    #[test]
    fn double_star_and_star() {
        let p = inc("src/**/*.ts");
        assert!(p.matches(Path::new("/p/src/a.ts")));
        assert!(p.matches(Path::new("/p/src/x/y/a.ts")));
        assert!(!p.matches(Path::new("/p/src/x/a.js")));
        assert!(!p.matches(Path::new("/p/src/.hidden/a.ts")));
        assert!(!p.matches(Path::new("/p/src/node_modules/a.ts")));
        assert!(!p.matches(Path::new("/p/src/.a.ts")));
        assert!(!p.matches(Path::new("/p/other/a.ts")));
    }

    #[test]
    fn implicit_directory_glob_and_literal_files() {
        assert!(inc("src").matches(Path::new("/p/src/app/a.ts")));
        assert!(inc("**/*").matches(Path::new("/p/a.ts")));
        assert!(inc("src/main.ts").matches(Path::new("/p/src/main.ts")));
        assert_eq!(inc("src/main.ts").base_dir(), Path::new("/p/src"));
        assert_eq!(inc("src/**/*.ts").base_dir(), Path::new("/p/src"));
        assert!(Pattern::new("src/**", Path::new("/p"), Usage::Include).is_none());
        assert!(inc("src/?.ts").matches(Path::new("/p/src/a.ts")));
        assert!(!inc("src/?.ts").matches(Path::new("/p/src/ab.ts")));
    }

    #[test]
    fn exclude_covers_everything_below() {
        assert!(exc("out").matches(Path::new("/p/out/a/b.ts")));
        assert!(exc("**/*.spec.ts").matches(Path::new("/p/src/a.spec.ts")));
        assert!(exc("src/.cache").matches(Path::new("/p/src/.cache/a.ts")));
        assert!(!exc("out").matches(Path::new("/p/outer/a.ts")));
        assert!(exc("node_modules").matches(Path::new("/p/node_modules/x/a.ts")));
    }

    #[test]
    fn pruning_directories() {
        let p = inc("src/**/*.ts");
        assert!(p.may_match_below(Path::new("/p")));
        assert!(p.may_match_below(Path::new("/p/src/a")));
        assert!(!p.may_match_below(Path::new("/p/lib")));
        assert!(!p.may_match_below(Path::new("/p/src/node_modules")));
    }
}
