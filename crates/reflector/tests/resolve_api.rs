//! The module-resolution API over an in-memory host: what the reflector's core relies on
//! (TypeScript files only from `resolve_module`, the external-library flag, the resolution mode
//! of the containing file), and robustness on input no oracle covers — malformed package.json
//! files, `imports` cycles TypeScript itself would overflow its stack on, and odd specifiers.
//! TypeScript's answers for well-formed projects are checked in resolve_oracle.rs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ngc_reflector::resolve::{
    normalize_path, resolve_module, Extension, ModuleResolution, ResolutionMode, ResolveOptions, Resolved, Resolver,
};
use ngc_reflector::Host;

/// Files by absolute path; every ancestor of a file is a directory.
struct MemoryHost {
    files: BTreeMap<PathBuf, Arc<str>>,
    directories: BTreeSet<PathBuf>,
    /// Symbolic links: link directory → target directory.
    links: Vec<(PathBuf, PathBuf)>,
}

impl MemoryHost {
    fn new(files: &[(&str, &str)]) -> Self {
        let mut directories = BTreeSet::new();
        for (path, _) in files {
            let mut dir = Path::new(path).parent();
            while let Some(d) = dir {
                directories.insert(d.to_path_buf());
                dir = d.parent();
            }
        }
        MemoryHost {
            files: files.iter().map(|(p, t)| (PathBuf::from(p), Arc::from(*t))).collect(),
            directories,
            links: Vec::new(),
        }
    }

    /// Makes `link` a symbolic link to the directory `target`: every file below `target` is
    /// also found below `link`.
    fn with_link(mut self, link: &str, target: &str) -> Self {
        let (link, target) = (PathBuf::from(link), PathBuf::from(target));
        let linked: Vec<(PathBuf, Arc<str>)> = self
            .files
            .iter()
            .filter_map(|(p, t)| p.strip_prefix(&target).ok().map(|rest| (link.join(rest), t.clone())))
            .collect();
        for (path, text) in linked {
            let mut dir = path.parent();
            while let Some(d) = dir {
                self.directories.insert(d.to_path_buf());
                dir = d.parent();
            }
            self.files.insert(path, text);
        }
        self.links.push((link, target));
        self
    }
}

impl Host for MemoryHost {
    fn read_file(&self, path: &Path) -> Option<Arc<str>> {
        self.files.get(path).cloned()
    }
    fn file_exists(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }
    fn directory_exists(&self, path: &Path) -> bool {
        self.directories.contains(path)
    }
    fn realpath(&self, path: &Path) -> PathBuf {
        for (link, target) in &self.links {
            if let Ok(rest) = path.strip_prefix(link) {
                return target.join(rest);
            }
        }
        path.to_path_buf()
    }
}

const ALL: [ModuleResolution; 4] =
    [ModuleResolution::Bundler, ModuleResolution::Node16, ModuleResolution::NodeNext, ModuleResolution::Node10];

fn options(module_resolution: ModuleResolution) -> ResolveOptions {
    ResolveOptions { module_resolution, ..ResolveOptions::default() }
}

fn resolve(host: &MemoryHost, mode: ModuleResolution, specifier: &str, from: &str) -> Option<Resolved> {
    resolve_module(specifier, Path::new(from), &options(mode), host)
}

#[test]
fn resolver_is_shareable_across_threads() {
    fn assert_sync<T: Sync + Send>() {}
    assert_sync::<Resolver<'static>>();
}

#[test]
fn tsconfig_names() {
    assert_eq!(ModuleResolution::from_tsconfig("Node"), Some(ModuleResolution::Node10));
    assert_eq!(ModuleResolution::from_tsconfig("node10"), Some(ModuleResolution::Node10));
    assert_eq!(ModuleResolution::from_tsconfig("NodeNext"), Some(ModuleResolution::NodeNext));
    assert_eq!(ModuleResolution::from_tsconfig("node16"), Some(ModuleResolution::Node16));
    assert_eq!(ModuleResolution::from_tsconfig("Bundler"), Some(ModuleResolution::Bundler));
    assert_eq!(ModuleResolution::from_tsconfig("classic"), None);
}

#[test]
fn relative_import_of_a_program_file() {
    let host = MemoryHost::new(&[("/p/src/main.ts", ""), ("/p/src/app.component.ts", "")]);
    for mode in ALL {
        let r = resolve(&host, mode, "./app.component", "/p/src/main.ts");
        // node16/nodenext: main.ts is CommonJS (no package.json), so extensionless works.
        assert_eq!(
            r,
            Some(Resolved { path: PathBuf::from("/p/src/app.component.ts"), is_external_library: false }),
            "{mode:?}"
        );
    }
}

#[test]
fn package_declarations_are_external() {
    let host = MemoryHost::new(&[
        ("/p/src/main.ts", ""),
        ("/p/node_modules/lib/package.json", r#"{"types": "./index.d.ts"}"#),
        ("/p/node_modules/lib/index.d.ts", ""),
    ]);
    for mode in ALL {
        let r = resolve(&host, mode, "lib", "/p/src/main.ts").expect("resolves");
        assert_eq!(r.path, PathBuf::from("/p/node_modules/lib/index.d.ts"));
        assert!(r.is_external_library);
    }
}

#[test]
fn javascript_only_packages_are_not_typescript_files() {
    let host = MemoryHost::new(&[
        ("/p/src/main.ts", ""),
        ("/p/node_modules/untyped/package.json", r#"{"main": "./index.js"}"#),
        ("/p/node_modules/untyped/index.js", ""),
    ]);
    let resolver = Resolver::new(options(ModuleResolution::Bundler), &host);
    let any = resolver.resolve_any("untyped", Path::new("/p/src/main.ts")).expect("TypeScript resolves it to JS");
    assert_eq!(any.extension, Extension::Js);
    assert_eq!(resolver.resolve("untyped", Path::new("/p/src/main.ts")), None);
}

#[test]
fn resolution_mode_follows_the_containing_file() {
    let host = MemoryHost::new(&[
        ("/p/package.json", "{}"),
        ("/p/esm/package.json", r#"{"type": "module"}"#),
        ("/p/esm/a.ts", ""),
        ("/p/b.ts", ""),
        ("/p/c.mts", ""),
        ("/p/d.cts", ""),
    ]);
    let node16 = Resolver::new(options(ModuleResolution::Node16), &host);
    assert_eq!(node16.default_mode(Path::new("/p/esm/a.ts")), Some(ResolutionMode::Import));
    assert_eq!(node16.default_mode(Path::new("/p/b.ts")), Some(ResolutionMode::Require));
    assert_eq!(node16.default_mode(Path::new("/p/c.mts")), Some(ResolutionMode::Import));
    assert_eq!(node16.default_mode(Path::new("/p/d.cts")), Some(ResolutionMode::Require));
    let bundler = Resolver::new(options(ModuleResolution::Bundler), &host);
    assert_eq!(bundler.default_mode(Path::new("/p/b.ts")), Some(ResolutionMode::Import));
    assert_eq!(bundler.default_mode(Path::new("/p/d.cts")), Some(ResolutionMode::Require));
    let node10 = Resolver::new(options(ModuleResolution::Node10), &host);
    assert_eq!(node10.default_mode(Path::new("/p/b.ts")), None);
}

#[test]
fn explicit_mode_overrides_the_file_format() {
    let host = MemoryHost::new(&[
        ("/p/src/main.ts", ""),
        ("/p/node_modules/dual/package.json", r#"{"exports": {"import": "./esm.d.mts", "require": "./cjs.d.cts"}}"#),
        ("/p/node_modules/dual/esm.d.mts", ""),
        ("/p/node_modules/dual/cjs.d.cts", ""),
    ]);
    let resolver = Resolver::new(options(ModuleResolution::Bundler), &host);
    let main = Path::new("/p/src/main.ts");
    let import = resolver.resolve_with_mode("dual", main, Some(ResolutionMode::Import)).expect("import");
    let require = resolver.resolve_with_mode("dual", main, Some(ResolutionMode::Require)).expect("require");
    assert_eq!(import.path, PathBuf::from("/p/node_modules/dual/esm.d.mts"));
    assert_eq!(require.path, PathBuf::from("/p/node_modules/dual/cjs.d.cts"));
}

#[test]
fn imports_cycle_ends_without_overflowing() {
    let host =
        MemoryHost::new(&[("/p/package.json", r##"{"imports": {"#a": "#b", "#b": "#a"}}"##), ("/p/src/main.ts", "")]);
    for mode in ALL {
        assert_eq!(resolve(&host, mode, "#a", "/p/src/main.ts"), None, "{mode:?}");
    }
}

#[test]
fn malformed_package_json_never_panics() {
    let manifests = [
        "",
        "not json",
        "null",
        "[]",
        "42",
        r#"{"exports": 5}"#,
        r#"{"exports": []}"#,
        r#"{"exports": {".": 5, "./x": [null, 3, {"types": 1}]}}"#,
        r#"{"exports": {"./*/*": "./a/*/*.d.ts", "./x/": 1, "./y*": null}}"#,
        r#"{"exports": {"types@not a range": "./a.d.ts", "types@>=": "./b.d.ts"}}"#,
        r#"{"typesVersions": [1, 2, 3]}"#,
        r#"{"typesVersions": {">=x.y.z": {"*": "not an array"}, "*": null}}"#,
        r#"{"typesVersions": {"*": {"*": [1, null, "ts/*"]}}, "types": 5, "main": null, "typings": ""}"#,
        r#"{"imports": "nope", "name": 3}"#,
        r##"{"imports": {"#x": {"default": {"default": {"default": "./../../x.d.ts"}}}}}"##,
        "{\"types\": \"\\u00e9\\ud83d\\ude00/index.d.ts\", \"exports\": {\".\": \"./\\u00e9*\"}}",
    ];
    let specifiers = [
        "pkg",
        "pkg/",
        "pkg/x",
        "pkg/x/y",
        "pkg/../pkg",
        "#x",
        "#",
        "#/",
        "",
        ".",
        "..",
        "./",
        "/",
        "//",
        "@",
        "@/",
        "@s",
        "@s/",
        "c:",
        "c:/x",
        "http://x/y",
        "pkg\\x",
        "pkg/*",
        "é/ü",
        "./😀",
        "pkg/x.js",
        "pkg/x.d.ts",
    ];
    for manifest in manifests {
        let host = MemoryHost::new(&[
            ("/p/package.json", manifest),
            ("/p/src/main.ts", ""),
            ("/p/node_modules/pkg/package.json", manifest),
            ("/p/node_modules/pkg/index.d.ts", ""),
            ("/p/node_modules/pkg/a/b/x.d.ts", ""),
        ]);
        for mode in ALL {
            let resolver = Resolver::new(options(mode), &host);
            for specifier in specifiers {
                let _ = resolver.resolve_any(specifier, Path::new("/p/src/main.ts"));
                let _ = resolver.resolve_any(specifier, Path::new("/p/node_modules/pkg/index.d.ts"));
            }
        }
    }
}

#[test]
fn odd_containing_files_never_panic() {
    let host = MemoryHost::new(&[("/p/src/main.ts", "")]);
    for mode in ALL {
        let resolver = Resolver::new(options(mode), &host);
        for from in ["/", "", "relative.ts", "/p/src/", "/p/../../main.ts", "c:\\p\\main.ts"] {
            let _ = resolver.resolve_any("./main", Path::new(from));
            let _ = resolver.resolve_any("pkg", Path::new(from));
        }
    }
}

#[test]
fn paths_without_a_base_are_ignored() {
    let host = MemoryHost::new(&[("/p/src/main.ts", ""), ("/p/src/app/util.ts", "")]);
    let mut opts = options(ModuleResolution::Bundler);
    opts.paths = vec![("@app/*".into(), vec!["src/app/*".into()])];
    assert_eq!(resolve_module("@app/util", Path::new("/p/src/main.ts"), &opts, &host), None);
    opts.paths_base_path = Some(PathBuf::from("/p"));
    assert_eq!(
        resolve_module("@app/util", Path::new("/p/src/main.ts"), &opts, &host).map(|r| r.path),
        Some(PathBuf::from("/p/src/app/util.ts"))
    );
}

#[test]
fn path_normalisation() {
    let n = |p: &str| normalize_path(Path::new(p));
    assert_eq!(n("/a/./b/../c/"), PathBuf::from("/a/c"));
    assert_eq!(n("/../a//b"), PathBuf::from("/a/b"));
    assert_eq!(n("c:\\x\\..\\y"), PathBuf::from("c:/y"));
    assert_eq!(n("/"), PathBuf::from("/"));
}

#[test]
fn linked_packages_resolve_to_their_real_path() {
    // pnpm's layout: node_modules/lib is a link into node_modules/.pnpm.
    let host = MemoryHost::new(&[
        ("/p/src/main.ts", ""),
        ("/p/node_modules/.pnpm/lib@1.0.0/node_modules/lib/package.json", r#"{"types": "./index.d.ts"}"#),
        ("/p/node_modules/.pnpm/lib@1.0.0/node_modules/lib/index.d.ts", ""),
    ])
    .with_link("/p/node_modules/lib", "/p/node_modules/.pnpm/lib@1.0.0/node_modules/lib");
    for mode in ALL {
        let r = resolve(&host, mode, "lib", "/p/src/main.ts").expect("resolves");
        assert_eq!(r.path, PathBuf::from("/p/node_modules/.pnpm/lib@1.0.0/node_modules/lib/index.d.ts"), "{mode:?}");
        assert!(r.is_external_library);
        // A relative specifier keeps the path it was written with, as in TypeScript.
        let relative = resolve(&host, mode, "../node_modules/lib/index.d.ts", "/p/src/main.ts");
        assert_eq!(relative.map(|r| r.path), Some(PathBuf::from("/p/node_modules/lib/index.d.ts")), "{mode:?}");
        // `preserveSymlinks` keeps the link path.
        let options = ResolveOptions { preserve_symlinks: true, ..options(mode) };
        let preserved = resolve_module("lib", Path::new("/p/src/main.ts"), &options, &host).expect("resolves");
        assert_eq!(preserved.path, PathBuf::from("/p/node_modules/lib/index.d.ts"), "{mode:?}");
    }
}
