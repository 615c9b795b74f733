//! Reading a tsconfig.json as `tsc -p` and ngc do: JSON with comments, the `extends` chain
//! (relative paths and package names resolved through node_modules, a string or an array),
//! `files`/`include`/`exclude`, the `compilerOptions` this phase needs (`outDir`, `rootDir`) and
//! `angularCompilerOptions` (`strictMetadataEmit`; unknown keys are ignored).
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
    }
    Ok(layer)
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
