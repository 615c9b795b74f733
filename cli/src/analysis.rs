//! The whole-program analysis for `build`: the reflector over the collected files, with the
//! file system as its host and the tsconfig's module resolution settings.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ngc_reflector::resolve::{ModuleResolution, ResolveOptions};
use ngc_reflector::Host;

use crate::tsconfig::Resolution;

/// The file system, for the reflector (module resolution and library declaration files).
pub struct FsHost;

impl Host for FsHost {
    fn read_file(&self, path: &Path) -> Option<Arc<str>> {
        std::fs::read_to_string(path).ok().map(Arc::from)
    }
    fn file_exists(&self, path: &Path) -> bool {
        path.is_file()
    }
    fn directory_exists(&self, path: &Path) -> bool {
        path.is_dir()
    }
    fn realpath(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

/// TypeScript's module resolution settings for the reflector. Without `moduleResolution`,
/// `module: node16`/`nodenext` imply the same resolution, and everything else `bundler`.
pub fn resolve_options(resolution: &Resolution, config_dir: &Path) -> ResolveOptions {
    let named = resolution.module_resolution.as_deref().or(match resolution.module.as_deref() {
        Some(m @ ("node16" | "nodenext")) => Some(m),
        _ => None,
    });
    let module_resolution = named.and_then(ModuleResolution::from_tsconfig).unwrap_or(ModuleResolution::Bundler);
    let (paths, paths_base): (Vec<(String, Vec<String>)>, Option<PathBuf>) = match &resolution.paths {
        Some((paths, dir)) => (paths.clone(), Some(dir.clone())),
        None => (Vec::new(), None),
    };
    ResolveOptions {
        module_resolution,
        base_url: resolution.base_url.clone(),
        paths,
        paths_base_path: paths_base.or_else(|| Some(config_dir.to_path_buf())),
        ..ResolveOptions::default()
    }
}
