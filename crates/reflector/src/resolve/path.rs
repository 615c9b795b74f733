//! Path strings as TypeScript's module resolver handles them: `/`-separated, with `.` and `..`
//! segments folded by [`normalize`], and a trailing separator kept where TypeScript treats it as
//! meaningful (a specifier `./dir/` names a directory). The functions mirror TypeScript's
//! `combinePaths`, `normalizePath`, `getDirectoryPath`, `getPathComponents` and friends, because
//! resolution results depend on their exact behaviour.

/// Converts backslashes to slashes (TypeScript's `normalizeSlashes`).
pub(crate) fn normalize_slashes(path: &str) -> String {
    path.replace('\\', "/")
}

/// The length of the root of `path`: `/` (1), `c:/` (3), `c:` (2), `//server/` (UNC) or
/// `scheme://authority/` (URL); 0 for a relative path. TypeScript's `getRootLength`.
pub(crate) fn root_length(path: &str) -> usize {
    let bytes = path.as_bytes();
    let Some(&c0) = bytes.first() else { return 0 };
    if c0 == b'/' || c0 == b'\\' {
        if bytes.get(1) != Some(&c0) {
            return 1;
        }
        return match path[2..].find(c0 as char) {
            Some(i) => i + 3,
            None => path.len(),
        };
    }
    if c0.is_ascii_alphabetic() && bytes.get(1) == Some(&b':') {
        match bytes.get(2) {
            Some(b'/') | Some(b'\\') => return 3,
            None => return 2,
            _ => {}
        }
    }
    if let Some(scheme_end) = path.find("://") {
        let authority_start = scheme_end + 3;
        return match path[authority_start..].find('/') {
            Some(i) => authority_start + i + 1,
            None => path.len(),
        };
    }
    0
}

/// Whether `path` starts at a root (TypeScript's `isRootedDiskPath`).
pub(crate) fn is_rooted(path: &str) -> bool {
    root_length(path) > 0
}

/// `./x`, `../x`, `.` or `..` (TypeScript's `pathIsRelative`).
pub(crate) fn is_relative(path: &str) -> bool {
    let rest = if let Some(r) = path.strip_prefix("..") {
        r
    } else if let Some(r) = path.strip_prefix('.') {
        r
    } else {
        return false;
    };
    rest.is_empty() || rest.starts_with('/') || rest.starts_with('\\')
}

/// Relative or rooted: a specifier that is not looked up in `node_modules`
/// (TypeScript's `isExternalModuleNameRelative`).
pub(crate) fn is_external_module_name_relative(name: &str) -> bool {
    is_relative(name) || is_rooted(name)
}

pub(crate) fn has_trailing_separator(path: &str) -> bool {
    path.ends_with('/') || path.ends_with('\\')
}

pub(crate) fn ensure_trailing_separator(path: &str) -> String {
    if has_trailing_separator(path) {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

pub(crate) fn remove_trailing_separator(path: &str) -> &str {
    if path.len() > 1 && has_trailing_separator(path) {
        &path[..path.len() - 1]
    } else {
        path
    }
}

/// Appends `relative` to `base` unless it is rooted (TypeScript's `combinePaths`); no folding.
pub(crate) fn combine(base: &str, relative: &str) -> String {
    let relative = normalize_slashes(relative);
    if relative.is_empty() {
        return normalize_slashes(base);
    }
    if base.is_empty() || root_length(&relative) != 0 {
        return relative;
    }
    format!("{}{relative}", ensure_trailing_separator(&normalize_slashes(base)))
}

/// The root followed by the segments of `path`, a trailing empty segment dropped
/// (TypeScript's `getPathComponents`).
pub(crate) fn components(path: &str) -> Vec<&str> {
    let root_len = root_length(path);
    let root = &path[..root_len];
    let mut parts: Vec<&str> = path[root_len..].split('/').collect();
    if parts.last() == Some(&"") {
        parts.pop();
    }
    let mut out = Vec::with_capacity(parts.len() + 1);
    out.push(root);
    out.extend(parts);
    out
}

/// Folds `.`, `..` and empty segments (TypeScript's `reducePathComponents`).
fn reduce(components: &[&str]) -> Vec<String> {
    let Some(root) = components.first() else { return Vec::new() };
    let mut reduced: Vec<String> = vec![root.to_string()];
    for &component in &components[1..] {
        if component.is_empty() || component == "." {
            continue;
        }
        if component == ".." {
            if reduced.len() > 1 {
                if reduced.last().map(String::as_str) != Some("..") {
                    reduced.pop();
                    continue;
                }
            } else if !reduced[0].is_empty() {
                continue;
            }
        }
        reduced.push(component.to_string());
    }
    reduced
}

fn from_components(components: &[String]) -> String {
    match components.split_first() {
        None => String::new(),
        Some((root, rest)) => {
            let mut root = root.clone();
            if !root.is_empty() && !has_trailing_separator(&root) {
                root.push('/');
            }
            root + &rest.join("/")
        }
    }
}

/// Folds `.` and `..` and drops any trailing separator (TypeScript's
/// `getNormalizedAbsolutePath` with no current directory).
pub(crate) fn normalize_absolute(path: &str) -> String {
    let path = normalize_slashes(path);
    from_components(&reduce(&components(&path)))
}

/// Folds `.` and `..`, keeping a trailing separator (TypeScript's `normalizePath`).
pub(crate) fn normalize(path: &str) -> String {
    let path = normalize_slashes(path);
    let normalized = from_components(&reduce(&components(&path)));
    if !normalized.is_empty() && has_trailing_separator(&path) {
        ensure_trailing_separator(&normalized)
    } else {
        normalized
    }
}

/// The parent directory (TypeScript's `getDirectoryPath`); a root is its own parent.
pub(crate) fn directory_of(path: &str) -> &str {
    let root_len = root_length(path);
    if root_len == path.len() {
        return path;
    }
    let trimmed = remove_trailing_separator(path);
    let cut = trimmed.rfind('/').map_or(0, |i| i).max(root_len);
    &trimmed[..cut.min(trimmed.len())]
}

/// The last segment (TypeScript's `getBaseFileName`); empty for a root.
pub(crate) fn base_name(path: &str) -> &str {
    let root_len = root_length(path);
    if root_len == path.len() {
        return "";
    }
    let trimmed = remove_trailing_separator(path);
    let start = trimmed.rfind('/').map_or(0, |i| i + 1).max(root_len.min(trimmed.len()));
    &trimmed[start..]
}

/// Whether `child` is `parent` or inside it.
pub(crate) fn contains_path(parent: &str, child: &str) -> bool {
    let parent = normalize_absolute(parent);
    let child = normalize_absolute(child);
    if parent == child {
        return true;
    }
    let prefix = ensure_trailing_separator(&parent);
    child.starts_with(&prefix)
}

/// `to` relative to the directory `from` (both absolute, `to` inside `from`), without a
/// leading `./` (TypeScript's `getRelativePathFromDirectory`).
pub(crate) fn relative_from_directory(from: &str, to: &str) -> String {
    let from_parts = reduce(&components(&normalize_slashes(from)));
    let to_parts = reduce(&components(&normalize_slashes(to)));
    let common = from_parts.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return from_components(&to_parts);
    }
    let mut out: Vec<String> = Vec::new();
    for _ in common..from_parts.len() {
        out.push("..".to_string());
    }
    out.extend(to_parts[common..].iter().cloned());
    out.join("/")
}

/// Whether the path has a `/node_modules/` segment (TypeScript's `pathContainsNodeModules`).
pub(crate) fn contains_node_modules(path: &str) -> bool {
    path.contains("/node_modules/")
}

/// Path equality as TypeScript's resolver compares package directories (separators folded).
pub(crate) fn paths_equal(a: &str, b: &str) -> bool {
    normalize_absolute(a) == normalize_absolute(b)
}
