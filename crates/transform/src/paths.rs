//! Paths as ngc writes them into generated code: relative to the project's root directories,
//! with forward slashes.

use std::path::Path;

use crate::program::relative_path;

/// The path of `file` relative to `root` (`..` segments allowed), with `/`.
pub fn relative(root: &Path, file: &Path) -> String {
    relative_path(root, file).to_string_lossy().replace('\\', "/")
}

/// ngc's `getProjectRelativePath`: `file` relative to the first root directory that contains
/// it, or `None`.
pub fn project_relative(file: &Path, root_dirs: &[std::path::PathBuf]) -> Option<String> {
    root_dirs.iter().map(|root| relative(root, file)).find(|rel| !rel.starts_with(".."))
}
