//! Writing output files atomically: each file is written to a temporary file in its target
//! directory and renamed over the target, so readers never see a half-written file.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::{self as diag, Problem};

/// Writes `contents` to `path`, creating parent directories as needed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Problem> {
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
    tmp.persist(path)
        .map_err(|e| diag::write_failed(path, &e.error))?;
    Ok(())
}
