//! Semver ranges as TypeScript evaluates them for package.json `typesVersions` keys and
//! `types@<range>` export conditions (TypeScript's `VersionRange`: `||` alternatives,
//! space-separated comparators, hyphen ranges, `~`, `^`, `<`, `<=`, `>`, `>=`, `=` and `x`/`*`
//! wildcards), tested against the TypeScript release whose resolution we reproduce.

use std::cmp::Ordering;

/// The TypeScript release module resolution emulates (the oracle's version); `typesVersions`
/// and `types@` conditions are evaluated against it.
pub const TYPESCRIPT_VERSION: Version = Version { major: 6, minor: 0, patch: 3, prerelease: Vec::new() };

/// A semantic version; build metadata is ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub prerelease: Vec<String>,
}

impl Version {
    fn triple(major: u64, minor: u64, patch: u64) -> Self {
        Version { major, minor, patch, prerelease: Vec::new() }
    }

    fn with_zero_prerelease(mut self) -> Self {
        self.prerelease = vec!["0".to_string()];
        self
    }

    fn increment(&self, field: Field) -> Self {
        match field {
            Field::Major => Version::triple(self.major.saturating_add(1), 0, 0),
            Field::Minor => Version::triple(self.major, self.minor.saturating_add(1), 0),
            Field::Patch => Version::triple(self.major, self.minor, self.patch.saturating_add(1)),
        }
    }

    fn compare(&self, other: &Version) -> Ordering {
        self.major
            .cmp(&other.major)
            .then(self.minor.cmp(&other.minor))
            .then(self.patch.cmp(&other.patch))
            .then_with(|| compare_prerelease(&self.prerelease, &other.prerelease))
    }
}

fn compare_prerelease(left: &[String], right: &[String]) -> Ordering {
    if left == right {
        return Ordering::Equal;
    }
    if left.is_empty() {
        return Ordering::Greater;
    }
    if right.is_empty() {
        return Ordering::Less;
    }
    for (l, r) in left.iter().zip(right) {
        if l == r {
            continue;
        }
        let (ln, rn) = (is_numeric_identifier(l), is_numeric_identifier(r));
        if ln || rn {
            if ln != rn {
                return if ln { Ordering::Less } else { Ordering::Greater };
            }
            let (a, b) = (l.parse::<u64>().unwrap_or(u64::MAX), r.parse::<u64>().unwrap_or(u64::MAX));
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        } else {
            match l.cmp(r) {
                Ordering::Equal => {}
                o => return o,
            }
        }
    }
    left.len().cmp(&right.len())
}

fn is_numeric_identifier(s: &str) -> bool {
    s == "0" || (!s.is_empty() && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()))
}

#[derive(Clone, Copy)]
enum Field {
    Major,
    Minor,
    Patch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

/// A parsed range: alternatives of conjunctions of comparators. No alternatives matches all.
#[derive(Debug, Clone)]
pub struct VersionRange {
    alternatives: Vec<Vec<(Op, Version)>>,
}

impl VersionRange {
    /// Parses a range as TypeScript's `VersionRange.tryParse`; `None` when it is not valid.
    pub fn parse(text: &str) -> Option<VersionRange> {
        let mut alternatives = Vec::new();
        for range in text.trim().split("||") {
            if range.is_empty() {
                continue;
            }
            let range = range.trim();
            let mut comparators = Vec::new();
            let words: Vec<&str> = range.split_whitespace().collect();
            if words.len() == 3 && words[1] == "-" && is_range_operand(words[0]) && is_range_operand(words[2]) {
                parse_hyphen(words[0], words[2], &mut comparators)?;
            } else {
                if words.is_empty() {
                    return None;
                }
                for simple in words {
                    let (op, operand) = split_operator(simple)?;
                    parse_comparator(op, operand, &mut comparators)?;
                }
            }
            alternatives.push(comparators);
        }
        Some(VersionRange { alternatives })
    }

    /// Whether `version` satisfies the range (prereleases included).
    pub fn test(&self, version: &Version) -> bool {
        if self.alternatives.is_empty() {
            return true;
        }
        self.alternatives.iter().any(|alt| {
            alt.iter().all(|(op, operand)| {
                let cmp = version.compare(operand);
                match op {
                    Op::Lt => cmp == Ordering::Less,
                    Op::Le => cmp != Ordering::Greater,
                    Op::Gt => cmp == Ordering::Greater,
                    Op::Ge => cmp != Ordering::Less,
                    Op::Eq => cmp == Ordering::Equal,
                }
            })
        })
    }
}

/// Whether `range` parses and the emulated TypeScript version satisfies it.
pub fn typescript_satisfies(range: &str) -> bool {
    VersionRange::parse(range).is_some_and(|r| r.test(&TYPESCRIPT_VERSION))
}

fn is_range_operand(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.' | b'*'))
}

fn split_operator(simple: &str) -> Option<(&str, &str)> {
    let op_len = if simple.starts_with("<=") || simple.starts_with(">=") {
        2
    } else if simple.starts_with(['~', '^', '<', '>', '=']) {
        1
    } else {
        0
    };
    let (op, rest) = simple.split_at(op_len);
    let rest = rest.trim_start();
    is_range_operand(rest).then_some((op, rest))
}

struct Partial<'a> {
    version: Version,
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
}

fn is_wildcard(part: &str) -> bool {
    matches!(part, "*" | "x" | "X")
}

fn is_partial_component(part: &str) -> bool {
    matches!(part, "x" | "X" | "*" | "0")
        || (!part.is_empty() && !part.starts_with('0') && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Dot-separated build identifiers (`[a-z0-9-]+`) or, when `prerelease`, prerelease
/// identifiers (a number without leading zeros, or a name starting with a letter or `-`).
fn is_identifier_list(s: &str, prerelease: bool) -> bool {
    !s.is_empty()
        && s.split('.').all(|part| {
            let chars_ok = !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            let prerelease_ok = is_numeric_identifier(part)
                || part.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'-');
            chars_ok && (!prerelease || prerelease_ok)
        })
}

/// TypeScript's `parsePartial`: `1`, `1.2`, `1.2.3`, `1.2.3-pre+build`, with `x`/`*` parts.
fn parse_partial(text: &str) -> Option<Partial<'_>> {
    let (main, build) = match text.split_once('+') {
        Some((m, b)) => (m, Some(b)),
        None => (text, None),
    };
    let mut parts = main.splitn(3, '.');
    let major = parts.next()?;
    let minor = parts.next();
    let rest = parts.next();
    let (patch, prerelease) = match rest {
        Some(rest) => match rest.split_once('-') {
            Some((p, pre)) => (Some(p), Some(pre)),
            None => (Some(rest), None),
        },
        None => (None, None),
    };
    if build.is_some() && patch.is_none() {
        return None;
    }
    if !is_partial_component(major) || minor.is_some_and(|m| !is_partial_component(m)) {
        return None;
    }
    if let Some(p) = patch {
        if !is_partial_component(p) {
            return None;
        }
    }
    if prerelease.is_some_and(|p| !is_identifier_list(p, true)) || build.is_some_and(|b| !is_identifier_list(b, false))
    {
        return None;
    }
    let minor = minor.unwrap_or("*");
    let patch = patch.unwrap_or("*");
    let number = |s: &str| s.parse::<u64>().ok();
    let major_n = if is_wildcard(major) { 0 } else { number(major)? };
    let minor_n = if is_wildcard(major) || is_wildcard(minor) { 0 } else { number(minor)? };
    let patch_n = if is_wildcard(major) || is_wildcard(minor) || is_wildcard(patch) { 0 } else { number(patch)? };
    let prerelease = prerelease.map(|p| p.split('.').map(str::to_string).collect()).unwrap_or_default();
    Some(Partial {
        version: Version { major: major_n, minor: minor_n, patch: patch_n, prerelease },
        major,
        minor,
        patch,
    })
}

fn parse_hyphen(left: &str, right: &str, out: &mut Vec<(Op, Version)>) -> Option<()> {
    let l = parse_partial(left)?;
    let r = parse_partial(right)?;
    if !is_wildcard(l.major) {
        out.push((Op::Ge, l.version));
    }
    if !is_wildcard(r.major) {
        out.push(if is_wildcard(r.minor) {
            (Op::Lt, r.version.increment(Field::Major))
        } else if is_wildcard(r.patch) {
            (Op::Lt, r.version.increment(Field::Minor))
        } else {
            (Op::Le, r.version)
        });
    }
    Some(())
}

fn parse_comparator(op: &str, text: &str, out: &mut Vec<(Op, Version)>) -> Option<()> {
    let Partial { version, major, minor, patch } = parse_partial(text)?;
    if is_wildcard(major) {
        if op == "<" || op == ">" {
            out.push((Op::Lt, Version::triple(0, 0, 0).with_zero_prerelease()));
        }
        return Some(());
    }
    let wild_minor = is_wildcard(minor);
    let wild_patch = is_wildcard(patch);
    match op {
        "~" => {
            let upper = version.increment(if wild_minor { Field::Major } else { Field::Minor });
            out.push((Op::Ge, version));
            out.push((Op::Lt, upper));
        }
        "^" => {
            let field = if version.major > 0 || wild_minor {
                Field::Major
            } else if version.minor > 0 || wild_patch {
                Field::Minor
            } else {
                Field::Patch
            };
            let upper = version.increment(field);
            out.push((Op::Ge, version));
            out.push((Op::Lt, upper));
        }
        "<" | ">=" => {
            let o = if op == "<" { Op::Lt } else { Op::Ge };
            out.push((o, if wild_minor || wild_patch { version.with_zero_prerelease() } else { version }));
        }
        "<=" | ">" => {
            let o = if op == "<=" { Op::Lt } else { Op::Ge };
            if wild_minor {
                out.push((o, version.increment(Field::Major).with_zero_prerelease()));
            } else if wild_patch {
                out.push((o, version.increment(Field::Minor).with_zero_prerelease()));
            } else {
                out.push((if op == "<=" { Op::Le } else { Op::Gt }, version));
            }
        }
        "=" | "" => {
            if wild_minor || wild_patch {
                let upper =
                    version.increment(if wild_minor { Field::Major } else { Field::Minor }).with_zero_prerelease();
                out.push((Op::Ge, version.with_zero_prerelease()));
                out.push((Op::Lt, upper));
            } else {
                out.push((Op::Eq, version));
            }
        }
        _ => return None,
    }
    Some(())
}
