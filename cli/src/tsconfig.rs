//! Reading a tsconfig.json as `tsc -p` and ngc do: JSON with comments, the `extends` chain
//! (relative paths and package names resolved through node_modules, a string or an array),
//! `files`/`include`/`exclude`, the `compilerOptions` this phase needs (`outDir`, `rootDir`) and
//! `angularCompilerOptions` (`strictMetadataEmit` and the options that change the emitted
//! JavaScript; unknown keys are ignored). The compiler options that change what tsc emits
//! are read into [`EmitSettings`].
//!
//! Settings inherited through `extends` keep the directory of the file that wrote them: paths
//! are resolved against it, as TypeScript does. Objects merge shallowly, the extending file wins;
//! in an `extends` array, later entries win over earlier ones.

use std::path::{Path, PathBuf};

use ngc_diagnostics::SourceText;

use crate::diagnostics::{self as diag, Origin, Problem};
use crate::jsonc::{self, Kind, Value};
use crate::paths;

/// A longer `extends` chain than this is reported rather than followed.
const MAX_EXTENDS_DEPTH: usize = 64;

/// A path pattern or file name from tsconfig, with the directory it is relative to.
#[derive(Debug, Clone)]
pub struct Spec {
    pub text: String,
    pub base: PathBuf,
    pub origin: Origin,
}

/// A list setting (`files`, `include`, `exclude`) with the place that wrote it.
#[derive(Debug, Clone)]
pub struct SpecList {
    pub specs: Vec<Spec>,
    pub origin: Origin,
}

/// A resolved setting with the place that wrote it.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

/// The settings of a project after following `extends`.
#[derive(Debug, Clone)]
pub struct Project {
    pub config_dir: PathBuf,
    /// The top-level object of the project's own tsconfig.
    pub origin: Origin,
    pub files: Option<SpecList>,
    pub include: Option<SpecList>,
    pub exclude: Option<SpecList>,
    pub out_dir: Option<Setting<PathBuf>>,
    pub root_dir: Option<Setting<PathBuf>>,
    pub strict_metadata_emit: Option<Setting<bool>>,
    /// Module resolution settings, for the reflector.
    pub resolution: Resolution,
    /// Settings that change the emitted JavaScript.
    pub emit: EmitSettings,
}

/// The `compilerOptions` and `angularCompilerOptions` that change the emitted files, each with
/// the place that set it (unset: `None`, the compiler's default applies).
#[derive(Debug, Clone, Default)]
pub struct EmitSettings {
    /// `target`, lower-cased.
    pub target: Option<Setting<String>>,
    pub use_define_for_class_fields: Option<Setting<bool>>,
    pub experimental_decorators: Option<Setting<bool>>,
    pub emit_decorator_metadata: Option<Setting<bool>>,
    pub import_helpers: Option<Setting<bool>>,
    pub strict: Option<Setting<bool>>,
    pub always_strict: Option<Setting<bool>>,
    pub verbatim_module_syntax: Option<Setting<bool>>,
    pub isolated_modules: Option<Setting<bool>>,
    pub preserve_const_enums: Option<Setting<bool>>,
    pub remove_comments: Option<Setting<bool>>,
    pub declaration: Option<Setting<bool>>,
    pub declaration_map: Option<Setting<bool>>,
    pub source_map: Option<Setting<bool>>,
    pub inline_source_map: Option<Setting<bool>>,
    /// `rootDirs`, absolute.
    pub root_dirs: Option<Setting<Vec<PathBuf>>>,
    // angularCompilerOptions
    pub preserve_whitespaces: Option<Setting<bool>>,
    pub strict_injection_parameters: Option<Setting<bool>>,
    pub i18n_use_external_ids: Option<Setting<bool>>,
    pub support_jit_mode: Option<Setting<bool>>,
    pub support_test_bed: Option<Setting<bool>>,
    pub legacy_optional_chaining: Option<Setting<bool>>,
    pub strict_standalone: Option<Setting<bool>>,
    /// `compilationMode` as written.
    pub compilation_mode: Option<Setting<String>>,
}

impl EmitSettings {
    fn override_with(&mut self, top: EmitSettings) {
        fn pick<T>(base: &mut Option<T>, top: Option<T>) {
            if top.is_some() {
                *base = top;
            }
        }
        pick(&mut self.target, top.target);
        pick(&mut self.use_define_for_class_fields, top.use_define_for_class_fields);
        pick(&mut self.experimental_decorators, top.experimental_decorators);
        pick(&mut self.emit_decorator_metadata, top.emit_decorator_metadata);
        pick(&mut self.import_helpers, top.import_helpers);
        pick(&mut self.strict, top.strict);
        pick(&mut self.always_strict, top.always_strict);
        pick(&mut self.verbatim_module_syntax, top.verbatim_module_syntax);
        pick(&mut self.isolated_modules, top.isolated_modules);
        pick(&mut self.preserve_const_enums, top.preserve_const_enums);
        pick(&mut self.remove_comments, top.remove_comments);
        pick(&mut self.declaration, top.declaration);
        pick(&mut self.declaration_map, top.declaration_map);
        pick(&mut self.source_map, top.source_map);
        pick(&mut self.inline_source_map, top.inline_source_map);
        pick(&mut self.root_dirs, top.root_dirs);
        pick(&mut self.preserve_whitespaces, top.preserve_whitespaces);
        pick(&mut self.strict_injection_parameters, top.strict_injection_parameters);
        pick(&mut self.i18n_use_external_ids, top.i18n_use_external_ids);
        pick(&mut self.support_jit_mode, top.support_jit_mode);
        pick(&mut self.support_test_bed, top.support_test_bed);
        pick(&mut self.legacy_optional_chaining, top.legacy_optional_chaining);
        pick(&mut self.strict_standalone, top.strict_standalone);
        pick(&mut self.compilation_mode, top.compilation_mode);
    }
}

/// The `compilerOptions` that decide how import specifiers resolve.
#[derive(Debug, Clone, Default)]
pub struct Resolution {
    /// `moduleResolution`, lower-cased.
    pub module_resolution: Option<String>,
    /// `module`, lower-cased (it decides the default `moduleResolution`).
    pub module: Option<String>,
    pub base_url: Option<PathBuf>,
    /// `paths`, and the directory of the tsconfig that set them.
    pub paths: Option<(PathMapping, PathBuf)>,
}

/// tsconfig `paths`: pattern → substitutions, in order.
pub type PathMapping = Vec<(String, Vec<String>)>;

/// The project file named by `-p`: the file itself, or `tsconfig.json` in a directory.
pub fn project_file(cwd: &Path, arg: &Path) -> PathBuf {
    let path = paths::absolute(cwd, arg);
    if path.is_dir() {
        path.join("tsconfig.json")
    } else {
        path
    }
}

/// Reads the project at `config_path` (absolute) and its `extends` chain.
/// File names in diagnostics are shown relative to `cwd` when under it.
pub fn load(config_path: &Path, cwd: &Path) -> Result<Project, Problem> {
    let mut chain = Vec::new();
    let (layer, root) = load_layer(config_path, cwd, &mut chain)?;
    Ok(Project {
        config_dir: config_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        origin: root,
        files: layer.files,
        include: layer.include,
        exclude: layer.exclude,
        out_dir: layer.out_dir,
        root_dir: layer.root_dir,
        strict_metadata_emit: layer.strict_metadata_emit,
        resolution: layer.resolution,
        emit: layer.emit,
    })
}

/// The settings one file contributes, merged over those of the files it extends.
#[derive(Default)]
struct Layer {
    files: Option<SpecList>,
    include: Option<SpecList>,
    exclude: Option<SpecList>,
    out_dir: Option<Setting<PathBuf>>,
    root_dir: Option<Setting<PathBuf>>,
    strict_metadata_emit: Option<Setting<bool>>,
    resolution: Resolution,
    emit: EmitSettings,
}

impl Layer {
    fn override_with(&mut self, top: Layer) {
        fn pick<T>(base: &mut Option<T>, top: Option<T>) {
            if top.is_some() {
                *base = top;
            }
        }
        pick(&mut self.files, top.files);
        pick(&mut self.include, top.include);
        pick(&mut self.exclude, top.exclude);
        pick(&mut self.out_dir, top.out_dir);
        pick(&mut self.root_dir, top.root_dir);
        pick(&mut self.strict_metadata_emit, top.strict_metadata_emit);
        pick(&mut self.resolution.module_resolution, top.resolution.module_resolution);
        pick(&mut self.resolution.module, top.resolution.module);
        pick(&mut self.resolution.base_url, top.resolution.base_url);
        pick(&mut self.resolution.paths, top.resolution.paths);
        self.emit.override_with(top.emit);
    }
}

/// Reads a config file, returning its merged layer and the origin of its top-level object.
fn load_layer(
    path: &Path,
    cwd: &Path,
    chain: &mut Vec<PathBuf>,
) -> Result<(Layer, Origin), Problem> {
    let bytes = std::fs::read(path)
        .map_err(|e| diag::tsconfig_not_found(Path::new(&paths::display(path, cwd)), &e))?;
    let name = paths::display(path, cwd);
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(diag::not_text(&name, e.as_bytes())),
    };
    let source = SourceText::new(name, text);
    let root = jsonc::parse(&source.text).map_err(|e| diag::tsconfig_syntax(&source, &e))?;
    let origin = |v: &Value| Origin {
        source: source.clone(),
        span: v.span,
    };
    if root.members().is_none() {
        return Err(diag::invalid_setting(
            format!("tsconfig must hold an object, not {}", root.type_name()),
            &origin(&root),
            "expected `{ ... }`",
            None,
        ));
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    chain.push(path.to_path_buf());

    let mut layer = Layer::default();
    if let Some(ext) = root.get("extends") {
        let names: Vec<&Value> = match &ext.kind {
            Kind::String(_) => vec![ext],
            Kind::Array(items) => items.iter().collect(),
            _ => {
                return Err(wrong_type(
                    "extends",
                    "a string or an array of strings",
                    ext,
                    &source,
                ))
            }
        };
        for name_value in names {
            let Some(name) = name_value.as_str() else {
                return Err(wrong_type(
                    "extends",
                    "a string or an array of strings",
                    name_value,
                    &source,
                ));
            };
            let at = origin(name_value);
            let target = resolve_extends(&dir, name, &at)?;
            if chain.contains(&target) {
                return Err(diag::extends_cycle(&target, &at));
            }
            if chain.len() >= MAX_EXTENDS_DEPTH {
                return Err(diag::invalid_setting(
                    format!("tsconfig `extends` chain is longer than {MAX_EXTENDS_DEPTH} files"),
                    &at,
                    "extended here",
                    None,
                ));
            }
            let (base, _) = load_layer(&target, cwd, chain)?;
            layer.override_with(base);
        }
    }
    chain.pop();

    let own = own_layer(&root, &dir, &source)?;
    layer.override_with(own);
    let top = origin(&root);
    Ok((layer, top))
}

/// The settings written in one file.
fn own_layer(root: &Value, dir: &Path, source: &SourceText) -> Result<Layer, Problem> {
    let origin = |v: &Value| Origin {
        source: source.clone(),
        span: v.span,
    };
    let spec_list = |key: &str| -> Result<Option<SpecList>, Problem> {
        let Some(v) = root.get(key) else {
            return Ok(None);
        };
        let Kind::Array(items) = &v.kind else {
            return Err(wrong_type(key, "an array of strings", v, source));
        };
        let mut specs = Vec::new();
        for item in items {
            let Some(text) = item.as_str() else {
                return Err(wrong_type(key, "an array of strings", item, source));
            };
            specs.push(Spec {
                text: text.to_string(),
                base: dir.to_path_buf(),
                origin: origin(item),
            });
        }
        Ok(Some(SpecList {
            specs,
            origin: origin(v),
        }))
    };
    let mut layer = Layer {
        files: spec_list("files")?,
        include: spec_list("include")?,
        exclude: spec_list("exclude")?,
        ..Layer::default()
    };
    if let Some(co) = object_setting(root, "compilerOptions", source)? {
        let path_option = |key: &str| -> Result<Option<Setting<PathBuf>>, Problem> {
            match co.get(key) {
                None => Ok(None),
                Some(v) => match v.as_str() {
                    Some(s) => Ok(Some(Setting {
                        value: paths::absolute(dir, Path::new(s)),
                        origin: origin(v),
                    })),
                    None => Err(wrong_type(key, "a string", v, source)),
                },
            }
        };
        layer.out_dir = path_option("outDir")?;
        layer.root_dir = path_option("rootDir")?;
        layer.resolution.base_url = path_option("baseUrl")?.map(|s| s.value);
        let string_option = |key: &str| -> Result<Option<String>, Problem> {
            match co.get(key) {
                None => Ok(None),
                Some(v) => match v.as_str() {
                    Some(s) => Ok(Some(s.to_ascii_lowercase())),
                    None => Err(wrong_type(key, "a string", v, source)),
                },
            }
        };
        layer.resolution.module_resolution = string_option("moduleResolution")?;
        read_emit_options(co, dir, source, &mut layer.emit)?;
        layer.resolution.module = string_option("module")?;
        if let Some(paths) = co.get("paths") {
            let Some(members) = paths.members() else {
                return Err(wrong_type("paths", "an object", paths, source));
            };
            let mut mapping = Vec::new();
            for member in members {
                let Kind::Array(items) = &member.value.kind else {
                    return Err(wrong_type("paths", "an object of string arrays", &member.value, source));
                };
                let mut substitutions = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(s) => substitutions.push(s.to_string()),
                        None => return Err(wrong_type("paths", "an object of string arrays", item, source)),
                    }
                }
                mapping.push((member.key.clone(), substitutions));
            }
            layer.resolution.paths = Some((mapping, dir.to_path_buf()));
        }
    }
    if let Some(ng) = object_setting(root, "angularCompilerOptions", source)? {
        if let Some(v) = ng.get("strictMetadataEmit") {
            match v.kind {
                Kind::Bool(b) => {
                    layer.strict_metadata_emit = Some(Setting {
                        value: b,
                        origin: origin(v),
                    })
                }
                _ => return Err(wrong_type("strictMetadataEmit", "a boolean", v, source)),
            }
        }
        read_angular_options(ng, source, &mut layer.emit)?;
    }
    Ok(layer)
}

fn bool_setting(object: &Value, key: &str, source: &SourceText) -> Result<Option<Setting<bool>>, Problem> {
    match object.get(key) {
        None => Ok(None),
        Some(v) => match v.kind {
            Kind::Bool(b) => Ok(Some(Setting { value: b, origin: Origin { source: source.clone(), span: v.span } })),
            _ => Err(wrong_type(key, "a boolean", v, source)),
        },
    }
}

fn string_setting(object: &Value, key: &str, source: &SourceText) -> Result<Option<Setting<String>>, Problem> {
    match object.get(key) {
        None => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) => Ok(Some(Setting { value: s.to_string(), origin: Origin { source: source.clone(), span: v.span } })),
            None => Err(wrong_type(key, "a string", v, source)),
        },
    }
}

/// The `compilerOptions` of [`EmitSettings`].
fn read_emit_options(co: &Value, dir: &Path, source: &SourceText, out: &mut EmitSettings) -> Result<(), Problem> {
    out.target = string_setting(co, "target", source)?.map(|s| Setting { value: s.value.to_ascii_lowercase(), origin: s.origin });
    out.use_define_for_class_fields = bool_setting(co, "useDefineForClassFields", source)?;
    out.experimental_decorators = bool_setting(co, "experimentalDecorators", source)?;
    out.emit_decorator_metadata = bool_setting(co, "emitDecoratorMetadata", source)?;
    out.import_helpers = bool_setting(co, "importHelpers", source)?;
    out.strict = bool_setting(co, "strict", source)?;
    out.always_strict = bool_setting(co, "alwaysStrict", source)?;
    out.verbatim_module_syntax = bool_setting(co, "verbatimModuleSyntax", source)?;
    out.isolated_modules = bool_setting(co, "isolatedModules", source)?;
    out.preserve_const_enums = bool_setting(co, "preserveConstEnums", source)?;
    out.remove_comments = bool_setting(co, "removeComments", source)?;
    out.declaration = bool_setting(co, "declaration", source)?;
    out.declaration_map = bool_setting(co, "declarationMap", source)?;
    out.source_map = bool_setting(co, "sourceMap", source)?;
    out.inline_source_map = bool_setting(co, "inlineSourceMap", source)?;
    if let Some(v) = co.get("rootDirs") {
        let Kind::Array(items) = &v.kind else { return Err(wrong_type("rootDirs", "an array of strings", v, source)) };
        let mut dirs = Vec::new();
        for item in items {
            let Some(text) = item.as_str() else { return Err(wrong_type("rootDirs", "an array of strings", item, source)) };
            dirs.push(paths::absolute(dir, Path::new(text)));
        }
        out.root_dirs = Some(Setting { value: dirs, origin: Origin { source: source.clone(), span: v.span } });
    }
    Ok(())
}

/// The `angularCompilerOptions` of [`EmitSettings`].
fn read_angular_options(ng: &Value, source: &SourceText, out: &mut EmitSettings) -> Result<(), Problem> {
    out.preserve_whitespaces = bool_setting(ng, "preserveWhitespaces", source)?;
    out.strict_injection_parameters = bool_setting(ng, "strictInjectionParameters", source)?;
    out.i18n_use_external_ids = bool_setting(ng, "i18nUseExternalIds", source)?;
    out.support_jit_mode = bool_setting(ng, "supportJitMode", source)?;
    out.support_test_bed = bool_setting(ng, "supportTestBed", source)?;
    out.legacy_optional_chaining = bool_setting(ng, "legacyOptionalChaining", source)?;
    out.strict_standalone = bool_setting(ng, "strictStandalone", source)?;
    out.compilation_mode = string_setting(ng, "compilationMode", source)?;
    Ok(())
}

fn object_setting<'a>(
    root: &'a Value,
    key: &str,
    source: &SourceText,
) -> Result<Option<&'a Value>, Problem> {
    match root.get(key) {
        None => Ok(None),
        Some(v) if v.members().is_some() => Ok(Some(v)),
        Some(v) => Err(wrong_type(key, "an object", v, source)),
    }
}

#[cold]
fn wrong_type(key: &str, expected: &str, value: &Value, source: &SourceText) -> Problem {
    diag::invalid_setting(
        format!(
            "tsconfig `{key}` must be {expected}, not {}",
            value.type_name()
        ),
        &Origin {
            source: source.clone(),
            span: value.span,
        },
        &format!("expected {expected}"),
        None,
    )
}

/// Resolves an `extends` entry as TypeScript 5 does: a rooted or `./`/`../` path, with `.json`
/// appended when the file does not exist without it, or a package path looked up in the
/// node_modules folders of `dir` and its ancestors.
fn resolve_extends(dir: &Path, name: &str, at: &Origin) -> Result<PathBuf, Problem> {
    let relative = name.starts_with("./") || name.starts_with("../") || name == "." || name == "..";
    if relative || Path::new(name).is_absolute() {
        let path = paths::absolute(dir, Path::new(name));
        if path.is_file() {
            return Ok(path);
        }
        if !name.ends_with(".json") {
            let mut with_json = path.into_os_string();
            with_json.push(".json");
            let with_json = PathBuf::from(with_json);
            if with_json.is_file() {
                return Ok(with_json);
            }
        }
        return Err(diag::extends_not_found(name, at, true));
    }
    for ancestor in dir.ancestors() {
        let pkg = ancestor.join("node_modules").join(name);
        if pkg.is_file() {
            return Ok(pkg);
        }
        let mut with_json = pkg.clone().into_os_string();
        with_json.push(".json");
        let with_json = PathBuf::from(with_json);
        if !name.ends_with(".json") && with_json.is_file() {
            return Ok(with_json);
        }
        if pkg.is_dir() {
            if let Some(field) = package_tsconfig_field(&pkg.join("package.json")) {
                let target = paths::absolute(&pkg, Path::new(&field));
                if target.is_file() {
                    return Ok(target);
                }
            }
            let default = pkg.join("tsconfig.json");
            if default.is_file() {
                return Ok(default);
            }
        }
    }
    Err(diag::extends_not_found(name, at, false))
}

/// The `tsconfig` field of a package.json, when it has one.
fn package_tsconfig_field(package_json: &Path) -> Option<String> {
    let text = std::fs::read_to_string(package_json).ok()?;
    let value = jsonc::parse(&text).ok()?;
    value.get("tsconfig")?.as_str().map(str::to_string)
}
