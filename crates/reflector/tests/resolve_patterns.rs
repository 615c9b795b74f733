//! One-line tests of the pattern matching module resolution relies on: tsconfig `paths` and
//! `typesVersions` keys, package.json `exports`/`imports` keys, and semver ranges.

use std::cmp::Ordering;

use ngc_reflector::resolve::pattern::{
    compare_pattern_keys, is_expanding_key, match_key_with_trailer, match_paths_key, parse_pattern, replace_first_star,
};
use ngc_reflector::resolve::version::{Version, VersionRange};

/// The key `candidate` matches among `keys` and what the star matched.
fn paths(keys: &[&str], candidate: &str) -> Option<(String, Option<String>)> {
    match_paths_key(keys, candidate).map(|m| (m.key.to_string(), m.star.map(str::to_string)))
}

fn m(key: &str, star: Option<&str>) -> Option<(String, Option<String>)> {
    Some((key.to_string(), star.map(str::to_string)))
}

fn satisfies(range: &str, version: &str) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().unwrap());
    let v = Version { major: parts.next().unwrap(), minor: parts.next().unwrap(), patch: parts.next().unwrap(), prerelease: vec![] };
    VersionRange::parse(range).expect("valid range").test(&v)
}

#[test] fn exact_key_matches() { assert_eq!(paths(&["@app/core"], "@app/core"), m("@app/core", None)); }
#[test] fn exact_key_beats_longer_pattern() { assert_eq!(paths(&["@app/core/*", "@app/core"], "@app/core"), m("@app/core", None)); }
#[test] fn star_captures_rest() { assert_eq!(paths(&["@app/*"], "@app/ui/button"), m("@app/*", Some("ui/button"))); }
#[test] fn star_with_suffix() { assert_eq!(paths(&["*.svc"], "data.svc"), m("*.svc", Some("data"))); }
#[test] fn lone_star_matches_all() { assert_eq!(paths(&["*"], "anything"), m("*", Some("anything"))); }
#[test] fn longest_prefix_wins() { assert_eq!(paths(&["@app/*", "@app/ui/*", "*"], "@app/ui/x"), m("@app/ui/*", Some("x"))); }
#[test] fn longest_prefix_wins_regardless_of_order() { assert_eq!(paths(&["@app/ui/*", "@app/*"], "@app/ui/x"), m("@app/ui/*", Some("x"))); }
#[test] fn first_of_equal_prefixes_wins() { assert_eq!(paths(&["a*x", "a*"], "abx"), m("a*x", Some("b"))); }
#[test] fn prefix_and_suffix_must_not_overlap() { assert_eq!(paths(&["ab*ba"], "aba"), None); }
#[test] fn star_may_match_nothing() { assert_eq!(paths(&["@app/*"], "@app/"), m("@app/*", Some(""))); }
#[test] fn two_stars_never_match() { assert_eq!(paths(&["a/*/*"], "a/b/c"), None); }
#[test] fn no_key_matches() { assert_eq!(paths(&["@app/*"], "rxjs"), None); }
#[test] fn parse_exact() { assert_eq!(parse_pattern("lib"), Some(Ok("lib"))); }
#[test] fn parse_two_stars() { assert_eq!(parse_pattern("*/*"), None); }
#[test] fn replace_only_first_star() { assert_eq!(replace_first_star("src/*/*.ts", "x"), "src/x/*.ts"); }

#[test] fn longer_base_sorts_first() { assert_eq!(compare_pattern_keys("./features/*", "./*"), Ordering::Less); }
#[test] fn pattern_before_plain_key_of_same_base() { assert_eq!(compare_pattern_keys("./a*", "./ab"), Ordering::Less); }
#[test] fn longer_trailer_first() { assert_eq!(compare_pattern_keys("./a/*.js", "./a/*"), Ordering::Less); }
#[test] fn folder_key_expands() { assert!(is_expanding_key("./dir/")); }
#[test] fn plain_key_does_not_expand() { assert!(!is_expanding_key("./dir")); }
#[test] fn two_star_key_does_not_expand() { assert!(!is_expanding_key("./*/*")); }
#[test] fn trailer_match() { assert_eq!(match_key_with_trailer("./utils/*.js", "./utils/a/b.js"), Some("a/b")); }
#[test] fn trailer_mismatch() { assert_eq!(match_key_with_trailer("./utils/*.js", "./utils/a.ts"), None); }
#[test] fn trailing_star_is_no_trailer() { assert_eq!(match_key_with_trailer("./utils/*", "./utils/a"), None); }

#[test] fn range_ge() { assert!(satisfies(">=5.0", "6.0.3")); }
#[test] fn range_lt_fails() { assert!(!satisfies("<6.0", "6.0.3")); }
#[test] fn range_star() { assert!(satisfies("*", "6.0.3")); }
#[test] fn range_caret() { assert!(satisfies("^6.0.0", "6.0.3") && !satisfies("^5.9", "6.0.3")); }
#[test] fn range_tilde() { assert!(satisfies("~6.0", "6.0.3") && !satisfies("~6.1", "6.0.3")); }
#[test] fn range_or() { assert!(satisfies("<4 || >=6", "6.0.3")); }
#[test] fn range_and() { assert!(!satisfies(">=5 <6", "6.0.3")); }
#[test] fn range_hyphen() { assert!(satisfies("5.0 - 6.0", "6.0.3") && !satisfies("5.0 - 6.0.2", "6.0.3")); }
#[test] fn range_le_partial() { assert!(satisfies("<=6.0", "6.0.3") && !satisfies("<=5", "6.0.3")); }
#[test] fn range_x() { assert!(satisfies("6.x", "6.0.3")); }
#[test] fn range_invalid() { assert!(VersionRange::parse("latest-ish!").is_none()); }
