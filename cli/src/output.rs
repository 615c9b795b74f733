//! Writing output files atomically, all or none: every file is first written to a temporary
//! file in its target directory, and only when all of them are written (and no target is in the
//! way, such as a directory where a file must go) are they renamed over their targets, so
//! readers never see a half-written file and a failed write leaves the earlier files as they were.

use std::io::Write;
use std::path::Path;

use tempfile::TempPath;

use crate::diagnostics::{self as diag, Problem};

/// Writes every `(path, contents)`: each to a temporary file first, then, when all are written,
/// renames them into place. On an error before the renames, no target has been touched (the
/// temporary files are removed; directories created for them stay).
pub fn write_all_atomic<'a>(
    outputs: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
) -> Result<(), Problem> {
    let mut staged = Vec::new();
    for (path, contents) in outputs {
        if path.is_dir() {
            let error = std::io::Error::new(std::io::ErrorKind::IsADirectory, "Is a directory");
            return Err(diag::write_failed(path, &error));
        }
        staged.push((path, stage(path, contents)?));
    }
    for (path, tmp) in staged {
        tmp.persist(path).map_err(|e| diag::write_failed(path, &e.error))?;
    }
    Ok(())
}

/// Writes `contents` to a closed temporary file in `path`'s directory.
fn stage(path: &Path, contents: &[u8]) -> Result<TempPath, Problem> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| diag::write_failed(dir, &e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ngc-rs-").suffix(".tmp");
    // Temporary files are private by default; outputs get the usual mode (less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| diag::write_failed(path, &e))?;
    tmp.write_all(contents)
        .map_err(|e| diag::write_failed(path, &e))?;
    // Closed now (thousands of outputs must not hold as many descriptors); removed on drop.
    Ok(tmp.into_temp_path())
}
