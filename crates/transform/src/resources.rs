//! Component resources (`templateUrl`, `styleUrl`, `styleUrls`): how their URLs resolve and
//! the host that reads them. Only the CLI does IO; it implements [`ResourceHost`].

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Reads component resources.
pub trait ResourceHost: Sync {
    /// The text of the file at `path` (absolute and normalised), or `None` when it cannot be read.
    fn read(&self, path: &Path) -> Option<Arc<str>>;
}

/// No resources at all (every `templateUrl` is missing).
pub struct NoResources;

impl ResourceHost for NoResources {
    fn read(&self, _path: &Path) -> Option<Arc<str>> {
        None
    }
}

/// ngc's resource loader: a URL is relative to the directory of the file that names it; one
/// starting with `/` is looked up under each root directory. The candidates, in order.
pub fn candidate_paths(url: &str, containing_file: &Path, root_dirs: &[PathBuf]) -> Vec<PathBuf> {
    if let Some(rest) = url.strip_prefix('/') {
        root_dirs.iter().map(|root| normalize(&root.join(rest))).collect()
    } else {
        let dir = containing_file.parent().unwrap_or(Path::new(""));
        vec![normalize(&dir.join(url))]
    }
}

/// Removes `.` and `..` segments.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
