//! The resolution algorithm: a port of TypeScript 6.0's `nodeModuleNameResolverWorker` and the
//! functions it calls (`moduleNameResolver.ts`), shared by node10, node16/nodenext and bundler,
//! which differ only in their feature flags (exports, imports, self-name, pattern trailers, ESM
//! mode) and export conditions. Function names follow TypeScript's so the two can be read side by
//! side; behaviour that changes results (the order of extension probes, which failures stop a
//! search and which fall through, skipping lookups under directories that do not exist) is kept,
//! tracing, failed-lookup bookkeeping and package ids are not.
//!
//! A "search result" (`Option<Option<Found>>`) distinguishes "not found, keep looking"
//! (`None`) from "stop: resolved" (`Some(Some(_))`) and "stop: unresolved" (`Some(None)`), as
//! TypeScript's `SearchResult` does.

use std::path::Path;

use serde_json::{Map, Value};

use super::package_json::{truthy, PackageContents, PackageInfo, PackageJsonCache};
use super::path::{
    base_name, combine, components, contains_node_modules, contains_path, directory_of, ensure_trailing_separator,
    has_trailing_separator, is_external_module_name_relative, is_relative, is_rooted, normalize, normalize_absolute,
    normalize_slashes, paths_equal, relative_from_directory, remove_trailing_separator,
};
use super::pattern::{
    compare_pattern_keys, is_expanding_key, match_key_with_trailer, match_paths_key, replace_first_star,
};
use super::version::typescript_satisfies;
use super::{Extension, ModuleResolution, ResolutionMode, ResolveOptions};
use crate::Host;

// Extension kinds (TypeScript's `Extensions`).
pub(super) const TS: u8 = 1;
pub(super) const JS: u8 = 2;
pub(super) const DTS: u8 = 4;
pub(super) const JSON: u8 = 8;
const IMPLEMENTATION: u8 = TS | JS;

// Resolution features (TypeScript's `NodeResolutionFeatures`).
const IMPORTS: u8 = 2;
const SELF_NAME: u8 = 4;
const EXPORTS: u8 = 8;
const EXPORTS_PATTERN_TRAILERS: u8 = 16;
const ESM_MODE: u8 = 32;
const IMPORTS_PATTERN_ROOT: u8 = 64;
const ALL_FEATURES: u8 = IMPORTS | SELF_NAME | EXPORTS | EXPORTS_PATTERN_TRAILERS | IMPORTS_PATTERN_ROOT;
const NODE16_DEFAULT: u8 = IMPORTS | SELF_NAME | EXPORTS | EXPORTS_PATTERN_TRAILERS;

/// How deep `imports` targets naming other packages may recurse before we give up (TypeScript
/// has no limit and overflows its stack on a cycle).
const MAX_DEPTH: u32 = 32;

/// A resolved file and its extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub path: String,
    pub ext: Extension,
}

type SearchResult = Option<Option<Found>>;

/// The extensions TypeScript strips from a specifier before probing (`extensionsToRemove`),
/// in its order.
const EXTENSIONS_TO_REMOVE: [&str; 12] =
    [".d.ts", ".d.mts", ".d.cts", ".mjs", ".mts", ".cjs", ".cts", ".ts", ".js", ".tsx", ".jsx", ".json"];

fn file_extension_is(path: &str, ext: &str) -> bool {
    path.len() > ext.len() && path.ends_with(ext)
}

/// TypeScript's `tryGetExtensionFromPath`.
fn extension_from_path(path: &str) -> Option<&'static str> {
    EXTENSIONS_TO_REMOVE.into_iter().find(|e| file_extension_is(path, e))
}

/// TypeScript's `removeFileExtension`.
fn remove_file_extension(path: &str) -> &str {
    match extension_from_path(path) {
        Some(ext) => &path[..path.len() - ext.len()],
        None => path,
    }
}

/// TypeScript's `tryExtractTSExtension`.
fn ts_extension_of(path: &str) -> Option<Extension> {
    [".d.ts", ".d.cts", ".d.mts", ".cts", ".mts", ".ts", ".tsx"]
        .into_iter()
        .find(|e| file_extension_is(path, e))
        .and_then(Extension::from_suffix)
}

/// TypeScript's `isDeclarationFileName`: `.d.ts`, `.d.mts`, `.d.cts` or `.d.<ext>.ts`.
fn is_declaration_file_name(path: &str) -> bool {
    if [".d.ts", ".d.cts", ".d.mts"].iter().any(|e| path.ends_with(e)) {
        return true;
    }
    file_extension_is(path, ".ts") && base_name(path).contains(".d.")
}

/// Everything one resolution needs that does not change while it runs.
pub(super) struct Ctx<'a> {
    pub options: &'a ResolveOptions,
    pub host: &'a dyn Host,
    pub cache: &'a PackageJsonCache,
}

/// What changes while one resolution runs.
struct State {
    features: u8,
    conditions: Vec<String>,
    depth: u32,
}

/// A loader passed to `paths`/`typesVersions` substitution (TypeScript's `ResolutionKindSpecificLoader`).
type Loader<'l> = dyn FnMut(&Ctx<'_>, &mut State, u8, &str, bool) -> Option<Found> + 'l;

fn path_str(path: &Path) -> String {
    normalize(&normalize_slashes(&path.to_string_lossy()))
}

impl Ctx<'_> {
    fn file_exists(&self, path: &str) -> bool {
        !path.is_empty() && self.host.file_exists(Path::new(path))
    }

    /// TypeScript's `directoryProbablyExists`.
    fn dir_exists(&self, path: &str) -> bool {
        let path = remove_trailing_separator(path);
        !path.is_empty() && self.host.directory_exists(Path::new(path))
    }

    /// TypeScript's `getPackageJsonInfo`.
    pub(super) fn package_json_info(&self, directory: &str, only_record_failures: bool) -> Option<PackageInfo> {
        if only_record_failures {
            return None;
        }
        let json_path = combine(directory, "package.json");
        let contents = match self.cache.get(&json_path) {
            Some(cached) => cached,
            None => {
                let contents = if self.dir_exists(directory) && self.file_exists(&json_path) {
                    let text = self.host.read_file(Path::new(&json_path));
                    Some(std::sync::Arc::new(PackageContents::parse(text.as_deref().unwrap_or(""))))
                } else {
                    None
                };
                self.cache.insert(json_path, contents.clone());
                contents
            }
        };
        contents.map(|contents| PackageInfo { directory: directory.to_string(), contents })
    }

    /// TypeScript's `getPackageScopeForPath`: the nearest package.json at or above `directory`.
    pub(super) fn package_scope(&self, directory: &str) -> Option<PackageInfo> {
        let mut dir = directory.to_string();
        loop {
            if let Some(info) = self.package_json_info(&dir, false) {
                return Some(info);
            }
            let parent = directory_of(&dir).to_string();
            if parent == dir {
                return None;
            }
            dir = parent;
        }
    }

    fn resolve_json_module(&self) -> bool {
        self.options
            .resolve_json_module
            .unwrap_or(matches!(self.options.module_resolution, ModuleResolution::Bundler | ModuleResolution::NodeNext))
    }

    /// TypeScript's `getConditions`.
    fn conditions(&self, mode: Option<ResolutionMode>) -> Vec<String> {
        let kind = self.options.module_resolution;
        let mode = match (mode, kind) {
            (None, ModuleResolution::Bundler) => Some(ResolutionMode::Import),
            (None, ModuleResolution::Node10) => return Vec::new(),
            (mode, _) => mode,
        };
        let mut conditions = vec![if mode == Some(ResolutionMode::Import) { "import" } else { "require" }.to_string()];
        conditions.push("types".to_string());
        if kind != ModuleResolution::Bundler {
            conditions.push("node".to_string());
        }
        conditions.extend(self.options.custom_conditions.iter().cloned());
        conditions
    }

    /// TypeScript's `getNodeResolutionFeatures`.
    fn node_resolution_features(&self) -> u8 {
        let mut features = match self.options.module_resolution {
            ModuleResolution::Node16 => NODE16_DEFAULT,
            ModuleResolution::NodeNext | ModuleResolution::Bundler => ALL_FEATURES,
            ModuleResolution::Node10 => 0,
        };
        match self.options.resolve_package_json_exports {
            Some(true) => features |= EXPORTS,
            Some(false) => features &= !EXPORTS,
            None => {}
        }
        match self.options.resolve_package_json_imports {
            Some(true) => features |= IMPORTS,
            Some(false) => features &= !IMPORTS,
            None => {}
        }
        features
    }

    /// `resolveModuleName` for one specifier: the resolved file and whether it is an external
    /// library import.
    pub(super) fn resolve(
        &self,
        name: &str,
        containing_file: &Path,
        mode: Option<ResolutionMode>,
    ) -> Option<(Found, bool)> {
        let containing_file = path_str(containing_file);
        let containing_dir = directory_of(&containing_file).to_string();
        let mut extensions = TS | JS | DTS;
        if self.resolve_json_module() {
            extensions |= JSON;
        }
        let resolved = match self.options.module_resolution {
            ModuleResolution::Node16 | ModuleResolution::NodeNext => {
                let base = if self.options.module_resolution == ModuleResolution::Node16 {
                    NODE16_DEFAULT
                } else {
                    ALL_FEATURES
                };
                let esm = if mode == Some(ResolutionMode::Import) { ESM_MODE } else { 0 };
                self.worker(base | esm, name, &containing_dir, extensions, None, 0)
            }
            ModuleResolution::Node10 => {
                let conditions = mode.map(|m| self.conditions(Some(m)));
                let features = if conditions.is_some() { ALL_FEATURES } else { 0 };
                self.worker(features, name, &containing_dir, extensions, conditions, 0)
            }
            ModuleResolution::Bundler => {
                let conditions = mode.map(|m| self.conditions(Some(m)));
                self.worker(self.node_resolution_features(), name, &containing_dir, extensions, conditions, 0)
            }
        };
        let (found, external) = resolved?;
        Some((self.real_path_of_library(found, external, name), external))
    }

    /// TypeScript's `createResolvedModuleWithFailedLookupLocationsHandlingSymlink`: a package
    /// found through `node_modules` by a bare specifier is reported under its real path
    /// (`node_modules/.pnpm/...` for a pnpm link), unless `preserveSymlinks` is set.
    fn real_path_of_library(&self, found: Found, external: bool, name: &str) -> Found {
        if !external || self.options.preserve_symlinks || is_external_module_name_relative(name) {
            return found;
        }
        let real = path_str(&self.host.realpath(Path::new(&found.path)));
        if real.is_empty() || real == found.path {
            return found;
        }
        Found { path: real, ext: found.ext }
    }

    /// TypeScript's `nodeModuleNameResolverWorker`.
    fn worker(
        &self,
        features: u8,
        name: &str,
        containing_dir: &str,
        extensions: u8,
        conditions: Option<Vec<String>>,
        depth: u32,
    ) -> Option<(Found, bool)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let conditions = conditions.unwrap_or_else(|| {
            self.conditions(match self.options.module_resolution {
                ModuleResolution::Bundler | ModuleResolution::Node10 => None,
                _ if features & ESM_MODE != 0 => Some(ResolutionMode::Import),
                _ => Some(ResolutionMode::Require),
            })
        });
        let mut state = State { features, conditions, depth };
        let result = if self.options.module_resolution == ModuleResolution::Node10 {
            let priority = extensions & (TS | DTS);
            let secondary = extensions & !(TS | DTS);
            (if priority != 0 { self.try_resolve(priority, name, containing_dir, &mut state) } else { None }).or_else(
                || {
                    if secondary != 0 {
                        self.try_resolve(secondary, name, containing_dir, &mut state)
                    } else {
                        None
                    }
                },
            )
        } else {
            self.try_resolve(extensions, name, containing_dir, &mut state)
        };
        result.flatten()
    }

    /// The `tryResolve` closure of `nodeModuleNameResolverWorker`.
    fn try_resolve(
        &self,
        extensions: u8,
        name: &str,
        containing_dir: &str,
        state: &mut State,
    ) -> Option<Option<(Found, bool)>> {
        let mut loader = |ctx: &Ctx<'_>, state: &mut State, ext: u8, candidate: &str, orf: bool| {
            ctx.node_load_module_by_relative_name(ext, candidate, orf, state, true)
        };
        if let Some(found) = self.try_load_module_using_optional_resolution_settings(
            extensions,
            name,
            containing_dir,
            &mut loader,
            state,
        ) {
            let external = contains_node_modules(&found.path);
            return Some(Some((found, external)));
        }
        if !is_external_module_name_relative(name) {
            if state.features & IMPORTS != 0 && name.starts_with('#') {
                if let Some(result) = self.load_module_from_imports(extensions, name, containing_dir, state) {
                    return Some(result.map(|f| (f, false)));
                }
            }
            if state.features & SELF_NAME != 0 {
                if let Some(result) = self.load_module_from_self_name_reference(extensions, name, containing_dir, state)
                {
                    return Some(result.map(|f| (f, false)));
                }
            }
            if name.contains(':') {
                return None;
            }
            let mut resolved =
                self.load_module_from_nearest_node_modules_directory(extensions, name, containing_dir, state, false);
            if extensions & DTS != 0 && resolved.is_none() {
                resolved = self.resolve_from_type_root(name, state);
            }
            resolved.map(|f| Some((f, true)))
        } else {
            let combined = combine(containing_dir, name);
            let parts = components(&combined);
            let last = parts.last().copied().unwrap_or("");
            let candidate = if last == "." || last == ".." {
                ensure_trailing_separator(&normalize(&combined))
            } else {
                normalize(&combined)
            };
            let external = parts.contains(&"node_modules");
            self.node_load_module_by_relative_name(extensions, &candidate, false, state, true)
                .map(|f| Some((f, external)))
        }
    }

    /// TypeScript's `tryLoadModuleUsingOptionalResolutionSettings`: `paths`, then `baseUrl`
    /// (bare specifiers) or `rootDirs` (relative ones).
    fn try_load_module_using_optional_resolution_settings(
        &self,
        extensions: u8,
        name: &str,
        containing_dir: &str,
        loader: &mut Loader<'_>,
        state: &mut State,
    ) -> Option<Found> {
        if let Some(result) = self.try_load_module_using_paths_if_eligible(extensions, name, loader, state) {
            return result;
        }
        if !is_external_module_name_relative(name) {
            let base_url = self.options.base_url.as_deref()?;
            let candidate = normalize(&combine(&path_str(base_url), name));
            let orf = !self.dir_exists(directory_of(&candidate));
            loader(self, state, extensions, &candidate, orf)
        } else {
            self.try_load_module_using_root_dirs(extensions, name, containing_dir, loader, state)
        }
    }

    fn try_load_module_using_paths_if_eligible(
        &self,
        extensions: u8,
        name: &str,
        loader: &mut Loader<'_>,
        state: &mut State,
    ) -> SearchResult {
        if self.options.paths.is_empty() || is_relative(name) {
            return None;
        }
        // TypeScript falls back to the process's current directory; we have none.
        let base = self.options.base_url.as_deref().or(self.options.paths_base_path.as_deref())?;
        let base = path_str(base);
        self.try_load_module_using_paths(extensions, name, &base, &self.options.paths, loader, false, state)
    }

    fn try_load_module_using_root_dirs(
        &self,
        extensions: u8,
        name: &str,
        containing_dir: &str,
        loader: &mut Loader<'_>,
        state: &mut State,
    ) -> Option<Found> {
        if self.options.root_dirs.is_empty() {
            return None;
        }
        let candidate = normalize(&combine(containing_dir, name));
        let root_dirs: Vec<String> = self.options.root_dirs.iter().map(|r| path_str(r)).collect();
        let mut matched: Option<(usize, String)> = None;
        for (i, root) in root_dirs.iter().enumerate() {
            let prefix = ensure_trailing_separator(&normalize(root));
            let longer = matched.as_ref().is_none_or(|(_, m)| m.len() < prefix.len());
            if candidate.starts_with(&prefix) && longer {
                matched = Some((i, prefix));
            }
        }
        let (matched_index, prefix) = matched?;
        let suffix = candidate[prefix.len()..].to_string();
        let orf = !self.dir_exists(containing_dir);
        if let Some(found) = loader(self, state, extensions, &candidate, orf) {
            return Some(found);
        }
        for (i, root) in root_dirs.iter().enumerate() {
            if i == matched_index {
                continue;
            }
            let candidate = combine(&normalize(root), &suffix);
            let orf = !self.dir_exists(directory_of(&candidate));
            if let Some(found) = loader(self, state, extensions, &candidate, orf) {
                return Some(found);
            }
        }
        None
    }

    /// TypeScript's `tryLoadModuleUsingPaths` (also used for `typesVersions`).
    #[allow(clippy::too_many_arguments)]
    fn try_load_module_using_paths(
        &self,
        extensions: u8,
        name: &str,
        base_dir: &str,
        paths: &[(String, Vec<String>)],
        loader: &mut Loader<'_>,
        only_record_failures: bool,
        state: &mut State,
    ) -> SearchResult {
        let keys: Vec<&str> = paths.iter().map(|(k, _)| k.as_str()).collect();
        let matched = match_paths_key(&keys, name)?;
        // An empty match is falsy in TypeScript: the substitution is then used verbatim.
        let star = matched.star.filter(|s| !s.is_empty());
        for substitution in &paths[matched.index].1 {
            let path = match star {
                Some(star) => replace_first_star(substitution, star),
                None => substitution.clone(),
            };
            let candidate = normalize(&combine(base_dir, &path));
            if let Some(ext) = extension_from_path(substitution).and_then(Extension::from_suffix) {
                if let Some(path) = self.try_file(&candidate, only_record_failures) {
                    return Some(Some(Found { path, ext }));
                }
            }
            let orf = only_record_failures || !self.dir_exists(directory_of(&candidate));
            if let Some(found) = loader(self, state, extensions, &candidate, orf) {
                return Some(Some(found));
            }
        }
        Some(None)
    }

    /// TypeScript's `nodeLoadModuleByRelativeName`.
    fn node_load_module_by_relative_name(
        &self,
        extensions: u8,
        candidate: &str,
        mut only_record_failures: bool,
        state: &mut State,
        consider_package_json: bool,
    ) -> Option<Found> {
        if !has_trailing_separator(candidate) {
            if !only_record_failures && !self.dir_exists(directory_of(candidate)) {
                only_record_failures = true;
            }
            if let Some(found) = self.load_module_from_file(extensions, candidate, only_record_failures, state) {
                return Some(found);
            }
        }
        if !only_record_failures && !self.dir_exists(candidate) {
            only_record_failures = true;
        }
        if state.features & ESM_MODE == 0 {
            return self.load_node_module_from_directory(
                extensions,
                candidate,
                only_record_failures,
                state,
                consider_package_json,
            );
        }
        None
    }

    /// TypeScript's `loadModuleFromFile`: replace the extension, then (CommonJS) add one.
    fn load_module_from_file(&self, extensions: u8, candidate: &str, orf: bool, state: &State) -> Option<Found> {
        if let Some(found) = self.load_module_from_file_no_implicit_extensions(extensions, candidate, orf) {
            return Some(found);
        }
        if state.features & ESM_MODE == 0 {
            return self.try_adding_extensions(candidate, extensions, "", orf);
        }
        None
    }

    fn load_module_from_file_no_implicit_extensions(
        &self,
        extensions: u8,
        candidate: &str,
        orf: bool,
    ) -> Option<Found> {
        if !base_name(candidate).contains('.') {
            return None;
        }
        let mut extensionless = remove_file_extension(candidate);
        if extensionless == candidate {
            extensionless = candidate.rfind('.').map_or(candidate, |i| &candidate[..i]);
        }
        let extension = &candidate[extensionless.len()..];
        self.try_adding_extensions(extensionless, extensions, extension, orf)
    }

    /// TypeScript's `loadFileNameFromPackageJsonField`.
    fn load_file_name_from_package_json_field(&self, extensions: u8, candidate: &str, orf: bool) -> Option<Found> {
        let ts_impl = [".ts", ".cts", ".mts", ".tsx"].iter().any(|e| file_extension_is(candidate, e));
        let declaration = [".d.ts", ".d.cts", ".d.mts"].iter().any(|e| file_extension_is(candidate, e));
        if (extensions & TS != 0 && ts_impl) || (extensions & DTS != 0 && declaration) {
            let ext = ts_extension_of(candidate)?;
            return self.try_file(candidate, orf).map(|_| Found { path: candidate.to_string(), ext });
        }
        self.load_module_from_file_no_implicit_extensions(extensions, candidate, orf)
    }

    /// TypeScript's `tryAddingExtensions`: the probes for a candidate without (or with the given
    /// original) extension, in TypeScript's order.
    fn try_adding_extensions(&self, candidate: &str, extensions: u8, original: &str, mut orf: bool) -> Option<Found> {
        if !orf {
            let directory = directory_of(candidate);
            if !directory.is_empty() {
                orf = !self.dir_exists(directory);
            }
        }
        let try_ext = |ext: &str| -> Option<Found> {
            let path = self.try_file(&format!("{candidate}{ext}"), orf)?;
            Some(Found { path, ext: Extension::from_suffix(ext).unwrap_or(Extension::ArbitraryDeclaration) })
        };
        let ts = extensions & TS != 0;
        let dts = extensions & DTS != 0;
        let js = extensions & JS != 0;
        match original {
            ".mjs" | ".mts" | ".d.mts" => (if ts { try_ext(".mts") } else { None })
                .or_else(|| if dts { try_ext(".d.mts") } else { None })
                .or_else(|| if js { try_ext(".mjs") } else { None }),
            ".cjs" | ".cts" | ".d.cts" => (if ts { try_ext(".cts") } else { None })
                .or_else(|| if dts { try_ext(".d.cts") } else { None })
                .or_else(|| if js { try_ext(".cjs") } else { None }),
            ".json" => (if dts { try_ext(".d.json.ts") } else { None }).or_else(|| {
                if extensions & JSON != 0 {
                    try_ext(".json")
                } else {
                    None
                }
            }),
            ".tsx" | ".jsx" => (if ts { try_ext(".tsx").or_else(|| try_ext(".ts")) } else { None })
                .or_else(|| if dts { try_ext(".d.ts") } else { None })
                .or_else(|| if js { try_ext(".jsx").or_else(|| try_ext(".js")) } else { None }),
            ".ts" | ".d.ts" | ".js" | "" => (if ts { try_ext(".ts").or_else(|| try_ext(".tsx")) } else { None })
                .or_else(|| if dts { try_ext(".d.ts") } else { None })
                .or_else(|| if js { try_ext(".js").or_else(|| try_ext(".jsx")) } else { None }),
            other => {
                if dts && !is_declaration_file_name(&format!("{candidate}{other}")) {
                    try_ext(&format!(".d{other}.ts"))
                } else {
                    None
                }
            }
        }
    }

    /// TypeScript's `tryFile`, with `moduleSuffixes`.
    fn try_file(&self, file_name: &str, orf: bool) -> Option<String> {
        if self.options.module_suffixes.is_empty() {
            return self.try_file_lookup(file_name, orf);
        }
        let ext = extension_from_path(file_name).unwrap_or("");
        let stem = &file_name[..file_name.len() - ext.len()];
        self.options
            .module_suffixes
            .iter()
            .find_map(|suffix| self.try_file_lookup(&format!("{stem}{suffix}{ext}"), orf))
    }

    fn try_file_lookup(&self, file_name: &str, orf: bool) -> Option<String> {
        (!orf && self.file_exists(file_name)).then(|| file_name.to_string())
    }

    /// TypeScript's `loadNodeModuleFromDirectory`.
    fn load_node_module_from_directory(
        &self,
        extensions: u8,
        candidate: &str,
        orf: bool,
        state: &mut State,
        consider_package_json: bool,
    ) -> Option<Found> {
        let package_info = if consider_package_json { self.package_json_info(candidate, orf) } else { None };
        self.load_node_module_from_directory_worker(extensions, candidate, orf, state, package_info.as_ref())
    }

    /// TypeScript's `loadNodeModuleFromDirectoryWorker`: `typesVersions`, then `typings`/`types`
    /// (or `main`), then `index`.
    fn load_node_module_from_directory_worker(
        &self,
        extensions: u8,
        candidate: &str,
        orf: bool,
        state: &mut State,
        package_json: Option<&PackageInfo>,
    ) -> Option<Found> {
        let version_paths = package_json.and_then(|p| p.contents.version_paths());
        let mut package_file: Option<String> = None;
        if let Some(pj) = package_json.filter(|pj| paths_equal(&pj.directory, candidate)) {
            let read = |field: &str| -> Option<String> {
                let value = pj.contents.string_field(field).filter(|v| !v.is_empty())?;
                Some(normalize(&combine(&pj.directory, value)))
            };
            if extensions & DTS != 0 {
                package_file = read("typings").or_else(|| read("types"));
            }
            if package_file.is_none() && extensions & (IMPLEMENTATION | DTS) != 0 {
                package_file = read("main");
            }
        }
        let package_is_module = package_json.is_some_and(|pj| pj.contents.is_module());
        let mut loader = |ctx: &Ctx<'_>, state: &mut State, ext: u8, candidate: &str, orf: bool| -> Option<Found> {
            if let Some(found) = ctx.load_file_name_from_package_json_field(ext, candidate, orf) {
                return Some(found);
            }
            let expanded = if ext == DTS { TS | DTS } else { ext };
            let saved = state.features;
            if !package_is_module {
                state.features &= !ESM_MODE;
            }
            let result = ctx.node_load_module_by_relative_name(expanded, candidate, orf, state, false);
            state.features = saved;
            result
        };
        let orf_package_file = package_file.as_deref().map(|f| !self.dir_exists(directory_of(f)));
        let orf_index = orf || !self.dir_exists(candidate);
        let index_path = combine(candidate, "index");
        if let Some(vp) = version_paths {
            if package_file.as_deref().is_none_or(|f| contains_path(candidate, f)) {
                let module_name = relative_from_directory(candidate, package_file.as_deref().unwrap_or(&index_path));
                let orf_paths = orf_package_file.unwrap_or(false) || orf_index;
                if let Some(result) = self.try_load_module_using_paths(
                    extensions,
                    &module_name,
                    candidate,
                    &vp.paths,
                    &mut loader,
                    orf_paths,
                    state,
                ) {
                    return result;
                }
            }
        }
        if let Some(file) = package_file.as_deref() {
            if let Some(found) = loader(self, state, extensions, file, orf_package_file.unwrap_or(false)) {
                return Some(found);
            }
        }
        if state.features & ESM_MODE == 0 {
            return self.load_module_from_file(extensions, &index_path, orf_index, state);
        }
        None
    }

    /// TypeScript's `loadModuleFromNearestNodeModulesDirectoryWorker`: every ancestor's
    /// `node_modules` (and `node_modules/@types`) for TypeScript files first, then for the rest.
    fn load_module_from_nearest_node_modules_directory(
        &self,
        extensions: u8,
        name: &str,
        directory: &str,
        state: &mut State,
        types_scope_only: bool,
    ) -> Option<Found> {
        let priority = extensions & (TS | DTS);
        let secondary = extensions & !(TS | DTS);
        let lookup = |state: &mut State, ext: u8| -> Option<Found> {
            let mut dir = normalize_slashes(directory);
            loop {
                if base_name(&dir) != "node_modules" {
                    if let Some(found) =
                        self.load_module_from_immediate_node_modules_directory(ext, name, &dir, state, types_scope_only)
                    {
                        return Some(found);
                    }
                }
                let parent = directory_of(&dir).to_string();
                if parent == dir {
                    return None;
                }
                dir = parent;
            }
        };
        if priority != 0 {
            if let Some(found) = lookup(state, priority) {
                return Some(found);
            }
        }
        if secondary != 0 && !types_scope_only {
            return lookup(state, secondary);
        }
        None
    }

    fn load_module_from_immediate_node_modules_directory(
        &self,
        extensions: u8,
        name: &str,
        directory: &str,
        state: &mut State,
        types_scope_only: bool,
    ) -> Option<Found> {
        let node_modules = combine(directory, "node_modules");
        let node_modules_exists = self.dir_exists(&node_modules);
        if !types_scope_only {
            if let Some(found) = self.load_module_from_specific_node_modules_directory(
                extensions,
                name,
                &node_modules,
                node_modules_exists,
                state,
            ) {
                return Some(found);
            }
        }
        if extensions & DTS != 0 {
            let at_types = combine(&node_modules, "@types");
            let at_types_exists = node_modules_exists && self.dir_exists(&at_types);
            return self.load_module_from_specific_node_modules_directory(
                DTS,
                &mangle_scoped_package_name(name),
                &at_types,
                at_types_exists,
                state,
            );
        }
        None
    }

    /// TypeScript's `loadModuleFromSpecificNodeModulesDirectory`: one package in one
    /// `node_modules`, through its `exports`, `typesVersions`, fields and files.
    fn load_module_from_specific_node_modules_directory(
        &self,
        extensions: u8,
        name: &str,
        node_modules: &str,
        node_modules_exists: bool,
        state: &mut State,
    ) -> Option<Found> {
        let candidate = normalize(&combine(node_modules, name));
        let (package_name, rest) = parse_package_name(name);
        let package_directory = combine(node_modules, package_name);
        let orf = !node_modules_exists;
        let mut package_info = self.package_json_info(&candidate, orf);
        if !rest.is_empty() && package_info.is_some() {
            let root_has_exports = state.features & EXPORTS != 0
                && self
                    .package_json_info(&package_directory, orf)
                    .is_some_and(|root| root.contents.has_field("exports"));
            if !root_has_exports {
                if let Some(found) = self.load_module_from_file(extensions, &candidate, orf, state) {
                    return Some(found);
                }
                return self.load_node_module_from_directory_worker(
                    extensions,
                    &candidate,
                    orf,
                    state,
                    package_info.as_ref(),
                );
            }
        }
        if !rest.is_empty() {
            package_info = self.package_json_info(&package_directory, orf);
        }
        if let Some(info) = &package_info {
            if state.features & EXPORTS != 0 && info.contents.field("exports").is_some_and(truthy) {
                let subpath = combine(".", rest);
                return self.load_module_from_exports(info, extensions, &subpath, state).flatten();
            }
        }
        let mut loader = |ctx: &Ctx<'_>, state: &mut State, ext: u8, candidate: &str, orf: bool| -> Option<Found> {
            let esm = state.features & ESM_MODE != 0;
            let mut found =
                if !rest.is_empty() || !esm { ctx.load_module_from_file(ext, candidate, orf, state) } else { None };
            if found.is_none() {
                found = ctx.load_node_module_from_directory_worker(ext, candidate, orf, state, package_info.as_ref());
            }
            let no_exports =
                package_info.as_ref().is_some_and(|p| p.contents.field("exports").is_none_or(Value::is_null));
            if found.is_none() && rest.is_empty() && no_exports && esm {
                found = ctx.load_module_from_file(ext, &combine(candidate, "index.js"), orf, state);
            }
            found
        };
        if !rest.is_empty() {
            if let Some(vp) = package_info.as_ref().and_then(|p| p.contents.version_paths()).cloned() {
                let package_directory_exists = node_modules_exists && self.dir_exists(&package_directory);
                if let Some(result) = self.try_load_module_using_paths(
                    extensions,
                    rest,
                    &package_directory,
                    &vp.paths,
                    &mut loader,
                    !package_directory_exists,
                    state,
                ) {
                    return result;
                }
            }
        }
        loader(self, state, extensions, &candidate, orf)
    }

    /// TypeScript's `resolveFromTypeRoot` (only with an explicit `typeRoots`).
    fn resolve_from_type_root(&self, name: &str, state: &mut State) -> Option<Found> {
        let roots = self.options.type_roots.as_ref()?;
        for root in roots {
            let root = path_str(root);
            let name_for_lookup = if root.ends_with("/node_modules/@types") || root.ends_with("/node_modules/@types/") {
                mangle_scoped_package_name(name)
            } else {
                name.to_string()
            };
            let candidate = combine(&root, &name_for_lookup);
            let exists = self.dir_exists(&root);
            if let Some(found) = self.load_module_from_file(DTS, &candidate, !exists, state) {
                return Some(found);
            }
            if let Some(found) = self.load_node_module_from_directory(DTS, &candidate, !exists, state, true) {
                return Some(found);
            }
        }
        None
    }

    /// TypeScript's `loadModuleFromSelfNameReference`: a package importing itself by name.
    fn load_module_from_self_name_reference(
        &self,
        extensions: u8,
        name: &str,
        directory: &str,
        state: &mut State,
    ) -> SearchResult {
        let directory = normalize_absolute(directory);
        let scope = self.package_scope(&directory)?;
        if !scope.contents.field("exports").is_some_and(truthy) {
            return None;
        }
        let package_name = scope.contents.string_field("name")?;
        let parts = components(name);
        let name_parts = components(package_name);
        if !name_parts.iter().enumerate().all(|(i, p)| parts.get(i) == Some(p)) {
            return None;
        }
        let trailing = &parts[name_parts.len().min(parts.len())..];
        let subpath = if trailing.is_empty() { ".".to_string() } else { format!("./{}", trailing.join("/")) };
        if self.options.allow_js && !contains_node_modules(&directory) {
            return self.load_module_from_exports(&scope, extensions, &subpath, state);
        }
        let priority = extensions & (TS | DTS);
        let secondary = extensions & !(TS | DTS);
        self.load_module_from_exports(&scope, priority, &subpath, state)
            .or_else(|| self.load_module_from_exports(&scope, secondary, &subpath, state))
    }

    /// TypeScript's `loadModuleFromExports`.
    fn load_module_from_exports(
        &self,
        scope: &PackageInfo,
        extensions: u8,
        subpath: &str,
        state: &mut State,
    ) -> SearchResult {
        let exports = scope.contents.field("exports").filter(|e| truthy(e))?;
        if subpath == "." {
            let main_export = match exports {
                Value::String(_) | Value::Array(_) => Some(exports),
                Value::Object(map) if !map.keys().any(|k| k.starts_with('.')) => Some(exports),
                Value::Object(map) => map.get("."),
                _ => None,
            };
            if let Some(main_export) = main_export.filter(|m| truthy(m)) {
                return self.load_target(extensions, state, subpath, scope, false, main_export, "", false, ".");
            }
        } else if let Value::Object(map) = exports {
            if map.keys().all(|k| k.starts_with('.')) {
                if let Some(result) =
                    self.load_module_from_exports_or_imports(extensions, state, subpath, map, scope, false)
                {
                    return Some(result);
                }
            }
        }
        None
    }

    /// TypeScript's `loadModuleFromImports`: `#name` specifiers through the nearest package.json.
    fn load_module_from_imports(&self, extensions: u8, name: &str, directory: &str, state: &mut State) -> SearchResult {
        if name == "#" || (name.starts_with("#/") && state.features & IMPORTS_PATTERN_ROOT == 0) {
            return None;
        }
        let scope = self.package_scope(&normalize_absolute(directory))?;
        let imports = scope.contents.field("imports").filter(|i| truthy(i))?;
        let Value::Object(map) = imports else { return None };
        self.load_module_from_exports_or_imports(extensions, state, name, map, &scope, true)
    }

    /// TypeScript's `loadModuleFromExportsOrImports`: an exact key, else the best pattern key.
    fn load_module_from_exports_or_imports(
        &self,
        extensions: u8,
        state: &mut State,
        name: &str,
        table: &Map<String, Value>,
        scope: &PackageInfo,
        is_imports: bool,
    ) -> SearchResult {
        if !name.ends_with('/') && !name.contains('*') {
            if let Some(target) = table.get(name) {
                return self.load_target(extensions, state, name, scope, is_imports, target, "", false, name);
            }
        }
        let mut keys: Vec<&String> = table.keys().filter(|k| is_expanding_key(k)).collect();
        keys.sort_by(|a, b| compare_pattern_keys(a, b));
        for key in keys {
            let target = &table[key.as_str()];
            if state.features & EXPORTS_PATTERN_TRAILERS != 0 {
                if let Some(subpath) = match_key_with_trailer(key, name) {
                    return self.load_target(extensions, state, name, scope, is_imports, target, subpath, true, key);
                }
            }
            if let Some(subpath) = key.strip_suffix('*').and_then(|prefix| name.strip_prefix(prefix)) {
                return self.load_target(extensions, state, name, scope, is_imports, target, subpath, true, key);
            }
            if name.starts_with(key.as_str()) {
                let subpath = &name[key.len()..];
                return self.load_target(extensions, state, name, scope, is_imports, target, subpath, false, key);
            }
        }
        None
    }

    /// TypeScript's `loadModuleFromTargetExportOrImport`: one target of an `exports`/`imports`
    /// entry — a path, a condition object, an array of fallbacks, or `null`.
    #[allow(clippy::too_many_arguments)]
    fn load_target(
        &self,
        extensions: u8,
        state: &mut State,
        name: &str,
        scope: &PackageInfo,
        is_imports: bool,
        target: &Value,
        subpath: &str,
        pattern: bool,
        key: &str,
    ) -> SearchResult {
        match target {
            Value::String(target) => {
                if !pattern && !subpath.is_empty() && !target.ends_with('/') {
                    return None;
                }
                if !target.starts_with("./") {
                    if is_imports && !target.starts_with("../") && !target.starts_with('/') && !is_rooted(target) {
                        let lookup = if pattern { target.replace('*', subpath) } else { format!("{target}{subpath}") };
                        let directory = format!("{}/", scope.directory);
                        let conditions = Some(state.conditions.clone());
                        let result =
                            self.worker(state.features, &lookup, &directory, extensions, conditions, state.depth + 1);
                        return result.map(|(found, _)| Some(found));
                    }
                    return None;
                }
                let parts = components(target);
                let parts = if is_relative(target) { &parts[1..] } else { &parts[..] };
                let after_first = parts.get(1..).unwrap_or(&[]);
                if after_first.iter().any(|p| matches!(*p, ".." | "." | "node_modules")) {
                    return None;
                }
                let resolved_target = combine(&scope.directory, target);
                if components(subpath).iter().any(|p| matches!(*p, ".." | "." | "node_modules")) {
                    return None;
                }
                let final_path = normalize_absolute(&if pattern {
                    resolved_target.replace('*', subpath)
                } else {
                    format!("{resolved_target}{subpath}")
                });
                self.load_file_name_from_package_json_field(extensions, &final_path, false).map(Some)
            }
            Value::Object(conditions) => {
                for (condition, sub_target) in conditions {
                    let applies = condition == "default"
                        || state.conditions.iter().any(|c| c == condition)
                        || is_applicable_versioned_types_key(&state.conditions, condition);
                    if applies {
                        let result = self
                            .load_target(extensions, state, name, scope, is_imports, sub_target, subpath, pattern, key);
                        if result.is_some() {
                            return result;
                        }
                    }
                }
                None
            }
            Value::Array(targets) => {
                for target in targets {
                    let result =
                        self.load_target(extensions, state, name, scope, is_imports, target, subpath, pattern, key);
                    if result.is_some() {
                        return result;
                    }
                }
                None
            }
            Value::Null => Some(None),
            _ => None,
        }
    }
}

/// `types@<range>` conditions apply when `types` does and the emulated TypeScript version
/// satisfies the range.
fn is_applicable_versioned_types_key(conditions: &[String], key: &str) -> bool {
    conditions.iter().any(|c| c == "types") && key.strip_prefix("types@").is_some_and(typescript_satisfies)
}

/// Splits `@scope/pkg/rest` or `pkg/rest` into the package name and the rest.
fn parse_package_name(name: &str) -> (&str, &str) {
    let mut idx = name.find('/');
    if name.starts_with('@') {
        idx = idx.and_then(|first| name[first + 1..].find('/').map(|i| first + 1 + i));
    }
    match idx {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => (name, ""),
    }
}

/// `@scope/pkg` → `scope__pkg`, the name of its `@types` package.
fn mangle_scoped_package_name(name: &str) -> String {
    if let Some(rest) = name.strip_prefix('@') {
        if let Some(slash) = rest.find('/') {
            return format!("{}__{}", &rest[..slash], &rest[slash + 1..]);
        }
    }
    name.to_string()
}
