//! The reflector's window on the file system, implemented by the CLI (and by in-memory
//! fixtures in tests).

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Read-only file access. Paths are absolute and normalised (no `.`/`..` segments).
pub trait Host: Sync {
    /// The text of a file, or `None` when it does not exist or cannot be read as UTF-8.
    fn read_file(&self, path: &Path) -> Option<Arc<str>>;
    fn file_exists(&self, path: &Path) -> bool;
    fn directory_exists(&self, path: &Path) -> bool;
    /// The path with every symbolic link resolved (TypeScript's `host.realpath`), as module
    /// resolution reports files found through `node_modules`. The default, for hosts without
    /// links, is the path itself.
    fn realpath(&self, path: &Path) -> PathBuf {
        path.to_path_buf()
    }
}
