//! The two kinds of `*` patterns module resolution matches specifiers against, as TypeScript
//! matches them:
//!
//! - `paths` (tsconfig) and `typesVersions` keys: an exact key wins; otherwise, among the keys
//!   with exactly one `*`, the one with the longest prefix before the star that matches (the
//!   first such key on a tie). Keys with two or more stars are ignored.
//! - package.json `exports`/`imports` keys: keys with one `*` or a trailing `/`, tried in the
//!   order of [`compare_pattern_keys`] (Node's `PATTERN_KEY_COMPARE`).

use std::cmp::Ordering;

/// A key with exactly one `*`, split around it (TypeScript's `Pattern`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern<'a> {
    pub prefix: &'a str,
    pub suffix: &'a str,
}

/// A `paths` key as a string to match exactly, a one-star [`Pattern`], or `None` (two or more
/// stars: never matches). TypeScript's `tryParsePattern`.
pub fn parse_pattern(key: &str) -> Option<Result<&str, Pattern<'_>>> {
    let Some(star) = key.find('*') else { return Some(Ok(key)) };
    if key[star + 1..].contains('*') {
        return None;
    }
    Some(Err(Pattern { prefix: &key[..star], suffix: &key[star + 1..] }))
}

impl Pattern<'_> {
    /// Whether `candidate` starts with the prefix and ends with the suffix, without overlap.
    pub fn matches(&self, candidate: &str) -> bool {
        candidate.len() >= self.prefix.len() + self.suffix.len()
            && candidate.starts_with(self.prefix)
            && candidate.ends_with(self.suffix)
    }

    /// The text the `*` stands for in a matching `candidate`.
    pub fn matched_text<'c>(&self, candidate: &'c str) -> Option<&'c str> {
        if !self.matches(candidate) {
            return None;
        }
        candidate.get(self.prefix.len()..candidate.len() - self.suffix.len())
    }
}

/// The match of a specifier against a list of `paths`-style keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathsMatch<'k, 'c> {
    /// The index of the matching key.
    pub index: usize,
    /// The key itself.
    pub key: &'k str,
    /// What the `*` matched; `None` for an exact key.
    pub star: Option<&'c str>,
}

/// Matches `candidate` against `keys` as TypeScript's `matchPatternOrExact` does.
pub fn match_paths_key<'k, 'c, K: AsRef<str>>(keys: &'k [K], candidate: &'c str) -> Option<PathsMatch<'k, 'c>> {
    if let Some(index) = keys.iter().position(|k| k.as_ref() == candidate && !k.as_ref().contains('*')) {
        return Some(PathsMatch { index, key: keys[index].as_ref(), star: None });
    }
    let mut best: Option<(usize, Pattern<'k>)> = None;
    for (index, key) in keys.iter().enumerate() {
        let Some(Err(pattern)) = parse_pattern(key.as_ref()) else { continue };
        let longer = best.is_none_or(|(_, b)| pattern.prefix.len() > b.prefix.len());
        if longer && pattern.matches(candidate) {
            best = Some((index, pattern));
        }
    }
    let (index, pattern) = best?;
    Some(PathsMatch { index, key: keys[index].as_ref(), star: pattern.matched_text(candidate) })
}

/// Replaces the first `*` of a `paths` substitution (TypeScript's `replaceFirstStar`).
pub fn replace_first_star(substitution: &str, replacement: &str) -> String {
    substitution.replacen('*', replacement, 1)
}

/// Node's `PATTERN_KEY_COMPARE` for `exports`/`imports` keys: longer text before the star
/// first; a key without a star after a key with one of the same base length; then longer keys.
pub fn compare_pattern_keys(a: &str, b: &str) -> Ordering {
    let a_star = a.find('*');
    let b_star = b.find('*');
    let base_a = a_star.map_or(a.len(), |i| i + 1);
    let base_b = b_star.map_or(b.len(), |i| i + 1);
    if base_a > base_b {
        return Ordering::Less;
    }
    if base_b > base_a {
        return Ordering::Greater;
    }
    if a_star.is_none() {
        return Ordering::Greater;
    }
    if b_star.is_none() {
        return Ordering::Less;
    }
    b.len().cmp(&a.len())
}

/// Whether an `exports`/`imports` key takes part in pattern matching: exactly one `*`, or a
/// trailing `/` (the deprecated folder mapping).
pub fn is_expanding_key(key: &str) -> bool {
    let one_star = key.find('*').is_some_and(|i| key.rfind('*') == Some(i));
    one_star || key.ends_with('/')
}

/// The part of `name` an `exports` key with a star and a non-empty trailer (`./x/*.js`) stands
/// for, when `name` matches it (the ExportsPatternTrailers feature of node16/nodenext/bundler).
pub fn match_key_with_trailer<'n>(key: &str, name: &'n str) -> Option<&'n str> {
    if key.ends_with('*') {
        return None;
    }
    let star = key.find('*')?;
    let (prefix, suffix) = (&key[..star], &key[star + 1..]);
    if !(name.starts_with(prefix) && name.ends_with(suffix)) {
        return None;
    }
    // JavaScript's `substring` swaps reversed bounds; an overlapping prefix and suffix (key
    // `./a*a`, name `./a`) therefore yields the overlap rather than nothing.
    let (start, end) = (prefix.len(), name.len() - suffix.len());
    let (start, end) = if start <= end { (start, end) } else { (end, start) };
    name.get(start..end)
}
