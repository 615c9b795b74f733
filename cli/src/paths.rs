//! Path helpers: lexical normalisation (as TypeScript's `getNormalizedAbsolutePath`, which does
//! not resolve symbolic links), relative paths and display names.

use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `base` and normalised lexically (`.` dropped, `..` applied).
pub fn absolute(base: &Path, path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    };
    normalize(&joined)
}

/// Removes `.` components and applies `..` lexically.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// `path` relative to `base` when it lies under it.
pub fn relative_under<'a>(path: &'a Path, base: &Path) -> Option<&'a Path> {
    path.strip_prefix(base).ok()
}

/// `path` relative to `base`, with `..` where it lies outside (both absolute and normalised);
/// `path` itself when they share no root.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let p: Vec<Component<'_>> = path.components().collect();
    let b: Vec<Component<'_>> = base.components().collect();
    let same = p.iter().zip(b.iter()).take_while(|(x, y)| x == y).count();
    if same == 0 {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in same..b.len() {
        out.push("..");
    }
    for c in &p[same..] {
        out.push(c.as_os_str());
    }
    out
}

/// How a path is shown in messages: relative to the working directory when under it.
pub fn display(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => rel.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The longest common directory of the directories of `files`, as TypeScript's
/// `computeCommonSourceDirectoryOfFilenames`.
pub fn common_source_dir<'a>(files: impl IntoIterator<Item = &'a Path>) -> Option<PathBuf> {
    let mut common: Option<Vec<Component<'a>>> = None;
    for file in files {
        let dir: Vec<Component<'a>> = file
            .parent()
            .map(|p| p.components().collect())
            .unwrap_or_default();
        common = Some(match common {
            None => dir,
            Some(mut c) => {
                let same = c.iter().zip(dir.iter()).take_while(|(a, b)| a == b).count();
                c.truncate(same);
                c
            }
        });
    }
    common.map(|c| c.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_lexically() {
        assert_eq!(
            absolute(Path::new("/a/b"), Path::new("./c/../d")),
            PathBuf::from("/a/b/d")
        );
        assert_eq!(
            absolute(Path::new("/a/b"), Path::new("/x/./y")),
            PathBuf::from("/x/y")
        );
    }

    #[test]
    fn relative_paths_climb_out_of_the_base() {
        assert_eq!(relative_to(Path::new("/p/a/x.ts"), Path::new("/p/a")), PathBuf::from("x.ts"));
        assert_eq!(relative_to(Path::new("/p/b/x.ts"), Path::new("/p/a")), PathBuf::from("../b/x.ts"));
        assert_eq!(relative_to(Path::new("/p/a"), Path::new("/p/a")), PathBuf::new());
    }

    #[test]
    fn common_dir_of_files() {
        let files = [
            Path::new("/p/src/app/a.ts"),
            Path::new("/p/src/main.ts"),
            Path::new("/p/src/app/x/b.ts"),
        ];
        assert_eq!(common_source_dir(files), Some(PathBuf::from("/p/src")));
        assert_eq!(
            common_source_dir([Path::new("/p/src/a.ts")]),
            Some(PathBuf::from("/p/src"))
        );
        assert_eq!(
            common_source_dir([Path::new("/p/srcx/a.ts"), Path::new("/p/src/b.ts")]),
            Some(PathBuf::from("/p"))
        );
    }
}
