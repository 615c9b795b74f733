//! Module resolution: the file an `import ... from 'x'` in a program file refers to, found
//! exactly as TypeScript 6.0 finds it for the tsconfig's `moduleResolution` (`bundler`,
//! `node16`/`nodenext`, `node10`).
//!
//! Covered: relative specifiers with and without extensions (`./a.js` finds `./a.ts`, `.mts`/
//! `.cts` and their declaration files, directory `index` files), `baseUrl`, `paths`, `rootDirs`,
//! bare specifiers through every ancestor `node_modules` (scoped packages, `@types`, package.json
//! `exports` with conditions, patterns and `null` targets, `imports` (`#name`), self-references,
//! `typesVersions`, `typings`/`types`/`main`), `typeRoots`, `customConditions` and
//! `moduleSuffixes`. The containing file's module format (ESM or CommonJS, from its extension and
//! the nearest package.json `type`) selects the export conditions as TypeScript's program does
//! for import declarations.
//!
//! Symlinked packages (pnpm's layout) are reported under their real path, as TypeScript does
//! unless `preserveSymlinks` is set, through [`Host::realpath`].
//!
//! Not covered: redirects of `exports` into `outDir` sources, case-insensitive file systems,
//! and `noDtsResolution`.
//!
//! The resolver does no IO of its own: every probe goes through the [`Host`]. A [`Resolver`]
//! caches parsed package.json files; [`resolve_module`] is the one-shot form.

mod node;
mod package_json;
mod path;
pub mod pattern;
pub mod version;

use std::path::{Path, PathBuf};

use crate::Host;
use package_json::PackageJsonCache;

/// The tsconfig `moduleResolution` strategies ngc-rs supports (`classic` is not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModuleResolution {
    /// `node10` (alias `node`): CommonJS-style lookup, no `exports`.
    Node10,
    /// `node16`: Node's rules; ESM files need extensions; `exports` with `import`/`require`.
    Node16,
    /// `nodenext`: as `node16`, plus `#/` import patterns.
    NodeNext,
    /// `bundler`: `exports` with the `import` condition, extensionless and directory imports.
    Bundler,
}

impl ModuleResolution {
    /// The strategy named by a tsconfig `moduleResolution` value (case-insensitive).
    pub fn from_tsconfig(value: &str) -> Option<ModuleResolution> {
        match value.to_ascii_lowercase().as_str() {
            "node" | "node10" => Some(ModuleResolution::Node10),
            "node16" => Some(ModuleResolution::Node16),
            "nodenext" => Some(ModuleResolution::NodeNext),
            "bundler" => Some(ModuleResolution::Bundler),
            _ => None,
        }
    }
}

/// Whether a specifier is resolved as an ES `import` or a CommonJS `require` (selects the
/// `import`/`require` export condition and, in node16/nodenext, Node's ESM rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResolutionMode {
    Import,
    Require,
}

/// The compiler options that affect module resolution. Paths are absolute (the CLI resolves
/// tsconfig-relative values against the tsconfig's directory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveOptions {
    pub module_resolution: ModuleResolution,
    /// `baseUrl`: bare specifiers are also tried relative to it; `paths` are relative to it.
    pub base_url: Option<PathBuf>,
    /// `paths`, in tsconfig order: pattern → substitutions.
    pub paths: Vec<(String, Vec<String>)>,
    /// The directory `paths` substitutions are relative to when there is no `baseUrl`: the
    /// directory of the tsconfig that set `paths`. Without either, `paths` is ignored.
    pub paths_base_path: Option<PathBuf>,
    /// `rootDirs`.
    pub root_dirs: Vec<PathBuf>,
    /// `typeRoots`, when set explicitly (a fallback for bare specifiers).
    pub type_roots: Option<Vec<PathBuf>>,
    /// `customConditions`, added to the export conditions.
    pub custom_conditions: Vec<String>,
    /// `moduleSuffixes` (e.g. `[".ios", ""]`).
    pub module_suffixes: Vec<String>,
    /// `resolvePackageJsonExports` (bundler only; node16/nodenext always use `exports`).
    pub resolve_package_json_exports: Option<bool>,
    /// `resolvePackageJsonImports` (bundler only).
    pub resolve_package_json_imports: Option<bool>,
    /// `resolveJsonModule`; by default on for bundler and nodenext.
    pub resolve_json_module: Option<bool>,
    /// `allowJs` (only changes the order in which a package's self-references are tried).
    pub allow_js: bool,
    /// `preserveSymlinks`: report packages under the path they were found through instead of
    /// their real path ([`Host::realpath`]).
    pub preserve_symlinks: bool,
}

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            module_resolution: ModuleResolution::Bundler,
            base_url: None,
            paths: Vec::new(),
            paths_base_path: None,
            root_dirs: Vec::new(),
            type_roots: None,
            custom_conditions: Vec::new(),
            module_suffixes: Vec::new(),
            resolve_package_json_exports: None,
            resolve_package_json_imports: None,
            resolve_json_module: None,
            allow_js: false,
            preserve_symlinks: false,
        }
    }
}

/// The extension of a resolved file, as TypeScript reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extension {
    Ts,
    Tsx,
    Dts,
    Mts,
    Cts,
    Dmts,
    Dcts,
    Js,
    Jsx,
    Mjs,
    Cjs,
    Json,
    /// `.d.<ext>.ts`, the declaration of an arbitrary file (`import './x.css'` → `x.d.css.ts`).
    ArbitraryDeclaration,
}

impl Extension {
    /// The extension for a file-name suffix such as `".d.ts"`.
    pub fn from_suffix(suffix: &str) -> Option<Extension> {
        Some(match suffix {
            ".ts" => Extension::Ts,
            ".tsx" => Extension::Tsx,
            ".d.ts" => Extension::Dts,
            ".mts" => Extension::Mts,
            ".cts" => Extension::Cts,
            ".d.mts" => Extension::Dmts,
            ".d.cts" => Extension::Dcts,
            ".js" => Extension::Js,
            ".jsx" => Extension::Jsx,
            ".mjs" => Extension::Mjs,
            ".cjs" => Extension::Cjs,
            ".json" => Extension::Json,
            s if s.starts_with(".d.") && s.ends_with(".ts") => Extension::ArbitraryDeclaration,
            _ => return None,
        })
    }

    /// A TypeScript source or declaration file (what the reflector can read).
    pub fn is_typescript(self) -> bool {
        !matches!(self, Extension::Js | Extension::Jsx | Extension::Mjs | Extension::Cjs | Extension::Json)
    }

    /// A declaration file (`.d.ts`, `.d.mts`, `.d.cts`, `.d.<ext>.ts`).
    pub fn is_declaration(self) -> bool {
        matches!(self, Extension::Dts | Extension::Dmts | Extension::Dcts | Extension::ArbitraryDeclaration)
    }
}

/// A module resolved to a TypeScript file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Resolved {
    /// The `.ts`, `.tsx`, `.mts`, `.cts` or declaration file.
    pub path: PathBuf,
    /// Found through `node_modules` (or under it): an external library, read as declarations.
    pub is_external_library: bool,
}

/// Any resolution TypeScript makes, including to JavaScript and JSON files (an untyped module
/// that TypeScript types as `any`, or reports under `noImplicitAny`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Resolution {
    pub path: PathBuf,
    pub extension: Extension,
    pub is_external_library: bool,
}

impl Resolution {
    /// The resolution as a [`Resolved`], when it is a TypeScript file.
    pub fn to_resolved(&self) -> Option<Resolved> {
        self.extension
            .is_typescript()
            .then(|| Resolved { path: self.path.clone(), is_external_library: self.is_external_library })
    }
}

/// A module resolver for one set of options, caching package.json files across calls. Shareable
/// across threads.
pub struct Resolver<'h> {
    options: ResolveOptions,
    host: &'h dyn Host,
    cache: PackageJsonCache,
}

impl<'h> Resolver<'h> {
    pub fn new(options: ResolveOptions, host: &'h dyn Host) -> Self {
        Resolver { options, host, cache: PackageJsonCache::default() }
    }

    pub fn options(&self) -> &ResolveOptions {
        &self.options
    }

    fn ctx(&self) -> node::Ctx<'_> {
        node::Ctx { options: &self.options, host: self.host, cache: &self.cache }
    }

    /// The TypeScript file an import declaration's `specifier` in `containing_file` refers to;
    /// `None` when it does not resolve or resolves only to JavaScript or JSON.
    pub fn resolve(&self, specifier: &str, containing_file: &Path) -> Option<Resolved> {
        self.resolve_any(specifier, containing_file)?.to_resolved()
    }

    /// Like [`Resolver::resolve`], keeping JavaScript and JSON resolutions.
    pub fn resolve_any(&self, specifier: &str, containing_file: &Path) -> Option<Resolution> {
        let mode = self.default_mode(containing_file);
        self.resolve_with_mode(specifier, containing_file, mode)
    }

    /// Resolution in an explicit mode (`import x = require()` is [`ResolutionMode::Require`];
    /// `import()` and `resolution-mode` attributes choose theirs); `None` as TypeScript's
    /// undefined mode.
    pub fn resolve_with_mode(
        &self,
        specifier: &str,
        containing_file: &Path,
        mode: Option<ResolutionMode>,
    ) -> Option<Resolution> {
        let (found, is_external_library) = self.ctx().resolve(specifier, containing_file, mode)?;
        Some(Resolution { path: PathBuf::from(found.path), extension: found.ext, is_external_library })
    }

    /// The mode TypeScript's program uses for the import declarations of `containing_file`: in
    /// node16/nodenext the file's module format (`.mts` ESM, `.cts` CommonJS, otherwise the
    /// nearest package.json's `type`); in bundler `import` except in files that are explicitly
    /// CommonJS (`.cts`, or under node_modules in a `"type": "commonjs"` package); in node10
    /// none.
    pub fn default_mode(&self, containing_file: &Path) -> Option<ResolutionMode> {
        let file = path::normalize(&path::normalize_slashes(&containing_file.to_string_lossy()));
        let has_ext = |exts: &[&str]| exts.iter().any(|e| file.len() > e.len() && file.ends_with(e));
        let esm_ext = has_ext(&[".d.mts", ".mts", ".mjs"]);
        let cjs_ext = has_ext(&[".d.cts", ".cts", ".cjs"]);
        let ts_or_js = has_ext(&[".d.ts", ".ts", ".tsx", ".js", ".jsx"]);
        let ctx = self.ctx();
        let scope_type = || {
            let scope = ctx.package_scope(path::directory_of(&file));
            scope.and_then(|s| s.contents.string_field("type").map(str::to_string))
        };
        match self.options.module_resolution {
            ModuleResolution::Node10 => None,
            ModuleResolution::Node16 | ModuleResolution::NodeNext => {
                if esm_ext {
                    Some(ResolutionMode::Import)
                } else if cjs_ext {
                    Some(ResolutionMode::Require)
                } else if ts_or_js {
                    Some(if scope_type().as_deref() == Some("module") {
                        ResolutionMode::Import
                    } else {
                        ResolutionMode::Require
                    })
                } else {
                    None
                }
            }
            ModuleResolution::Bundler => {
                let exports_or_imports = self.options.resolve_package_json_exports != Some(false)
                    || self.options.resolve_package_json_imports != Some(false);
                if !exports_or_imports {
                    return None;
                }
                // The implied format counts only where TypeScript computes it (extension, or
                // package.json under node_modules), and only when the extension or an explicit
                // package.json `type` agrees; otherwise the module kind (ES) decides.
                let (implied_cjs, scope) = if esm_ext {
                    (false, None)
                } else if cjs_ext {
                    (true, None)
                } else if ts_or_js && path::contains_node_modules(&file) {
                    let scope = scope_type();
                    (scope.as_deref() != Some("module"), scope)
                } else {
                    return Some(ResolutionMode::Import);
                };
                if implied_cjs && (scope.as_deref() == Some("commonjs") || has_ext(&[".cjs", ".cts"])) {
                    Some(ResolutionMode::Require)
                } else {
                    Some(ResolutionMode::Import)
                }
            }
        }
    }
}

/// `path` with `/` separators and `.`, `..` and empty segments folded, without a trailing
/// separator (TypeScript's normalisation; the form the [`Host`] receives from the resolver).
pub fn normalize_path(path: &Path) -> PathBuf {
    PathBuf::from(path::normalize_absolute(&path::normalize_slashes(&path.to_string_lossy())))
}

/// Resolves `specifier`, imported by `containing_file`, to a TypeScript file as TypeScript does
/// for `options` (a one-shot [`Resolver`]).
pub fn resolve_module(
    specifier: &str,
    containing_file: &Path,
    options: &ResolveOptions,
    host: &dyn Host,
) -> Option<Resolved> {
    Resolver::new(options.clone(), host).resolve(specifier, containing_file)
}
