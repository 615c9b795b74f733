//! The reflector's window on the file system, implemented by the CLI (and by in-memory
//! fixtures in tests).

use std::path::Path;
use std::sync::Arc;

/// Read-only file access. Paths are absolute and normalised (no `.`/`..` segments).
pub trait Host: Sync {
    /// The text of a file, or `None` when it does not exist or cannot be read as UTF-8.
    fn read_file(&self, path: &Path) -> Option<Arc<str>>;
    fn file_exists(&self, path: &Path) -> bool;
    fn directory_exists(&self, path: &Path) -> bool;
}
