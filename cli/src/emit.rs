//! Emitting JavaScript for `build`: the compiler options that decide the output, the
//! resource host component templates and styles are read through, and the parallel
//! compilation of every program file by the Angular transform. Results come back in file
//! order; nothing is written here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ngc_codegen::render3::pipeline::Pipeline;
use ngc_diagnostics::{Severity, SourceText};
use ngc_reflector::ModuleId;
use ngc_transform::{ProgramRefs, ResourceHost, TransformDiagnostic, TransformOptions};
use ngc_ts_emit::{EmitOptions, ModuleKind, Target};
use rayon::prelude::*;

use crate::diagnostics::Problem;
use crate::tsconfig::{EmitSettings, Project};
use crate::{paths, pipeline};

/// Component resources from the file system. As ngc (Node's UTF-8 decoding) does, bytes that
/// are not UTF-8 become U+FFFD: a Latin-1 template compiles, a binary one gets template errors.
pub struct FsResources;

impl ResourceHost for FsResources {
    fn read(&self, path: &Path) -> Option<Arc<str>> {
        let bytes = std::fs::read(path).ok()?;
        let text = match crate::source::decode(&path.to_string_lossy(), bytes.clone()) {
            Ok(text) => text,
            Err(_) => String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned(),
        };
        Some(Arc::from(text))
    }
}

/// tsc's emit options from the tsconfig (TypeScript 6 defaults where unset).
pub fn emit_options(project: &Project) -> EmitOptions {
    let s: &EmitSettings = &project.emit;
    let flag = |setting: &Option<crate::tsconfig::Setting<bool>>| setting.as_ref().map(|s| s.value);
    // TypeScript 6's default target is its latest standard, ES2025.
    let target = s.target.as_ref().and_then(|t| Target::parse(&t.value)).unwrap_or(Target::Es2025);
    let module = match project.resolution.module.as_deref() {
        None | Some("es2015" | "es6" | "es2020" | "es2022" | "esnext" | "preserve") => ModuleKind::EcmaScript,
        Some(_) => ModuleKind::Other,
    };
    let strict = flag(&s.strict).unwrap_or(true);
    EmitOptions {
        target,
        module,
        use_define_for_class_fields: flag(&s.use_define_for_class_fields),
        experimental_decorators: flag(&s.experimental_decorators).unwrap_or(false),
        emit_decorator_metadata: flag(&s.emit_decorator_metadata).unwrap_or(false),
        import_helpers: flag(&s.import_helpers).unwrap_or(false),
        always_strict: flag(&s.always_strict).unwrap_or(strict),
        verbatim_module_syntax: flag(&s.verbatim_module_syntax).unwrap_or(false),
        isolated_modules: flag(&s.isolated_modules).unwrap_or(false),
        preserve_const_enums: flag(&s.preserve_const_enums).unwrap_or(false),
        remove_comments: flag(&s.remove_comments).unwrap_or(false),
    }
}

/// The transform's options: `angularCompilerOptions`, and ngc's root directories (`rootDirs`,
/// else `rootDir`, else the working directory).
pub fn transform_options(project: &Project, cwd: &Path, root_dir_arg: Option<&Path>) -> TransformOptions {
    let s = &project.emit;
    let flag = |setting: &Option<crate::tsconfig::Setting<bool>>, default: bool| setting.as_ref().map_or(default, |s| s.value);
    let root_dirs = match (&s.root_dirs, root_dir_arg, &project.root_dir) {
        (Some(dirs), _, _) => dirs.value.clone(),
        (None, Some(arg), _) => vec![paths::absolute(cwd, arg)],
        (None, None, Some(dir)) => vec![dir.value.clone()],
        (None, None, None) => vec![cwd.to_path_buf()],
    };
    TransformOptions {
        root_dirs,
        preserve_whitespaces: flag(&s.preserve_whitespaces, false),
        strict_injection_parameters: flag(&s.strict_injection_parameters, false),
        i18n_use_external_ids: flag(&s.i18n_use_external_ids, true),
        support_jit_mode: flag(&s.support_jit_mode, true),
        include_class_metadata: flag(&s.support_test_bed, true),
        legacy_optional_chaining: flag(&s.legacy_optional_chaining, false),
        strict_standalone: flag(&s.strict_standalone, false),
    }
}

/// One file to emit.
pub struct EmitJob {
    pub path: PathBuf,
    pub display: String,
    pub text: Arc<str>,
    pub module: ModuleId,
    /// The expressions the file's emitted metadata refers to as `ɵN` symbols (ngc 8's
    /// expression lowering); empty when its metadata is not written.
    pub lowered: Vec<ngc_ts_emit::LoweredExpression>,
}

/// The JavaScript of one file, or its problems.
pub struct EmitResult {
    pub code: Option<String>,
    pub problems: Vec<Problem>,
}

/// Compiles every job in parallel; results in job order.
pub fn emit_all(
    jobs: &[EmitJob],
    refs: &Mutex<ProgramRefs<'_, '_>>,
    options: &TransformOptions,
    emit_options: &EmitOptions,
    cwd: &Path,
) -> Result<Vec<EmitResult>, String> {
    pipeline::with_pool(|| {
        jobs.par_iter()
            .map(|job| {
                let mut templates = Pipeline;
                let file_name = job.path.to_string_lossy();
                let compiled = ngc_transform::transform_file(
                    refs,
                    job.module,
                    &file_name,
                    &job.text,
                    options,
                    emit_options,
                    &job.lowered,
                    &FsResources,
                    &mut templates,
                );
                let source = SourceText::new(job.display.as_str(), job.text.clone());
                let problems: Vec<Problem> = compiled.diagnostics.into_iter().map(|d| problem(d, &source, cwd)).collect();
                let failed = problems.iter().any(|p| p.diagnostic.severity == Severity::Error);
                EmitResult { code: (!failed).then_some(compiled.code), problems }
            })
            .collect()
    })
}

fn problem(d: TransformDiagnostic, source: &SourceText, cwd: &Path) -> Problem {
    match d.external {
        Some(external) => {
            let display = paths::display(&external.path, cwd);
            Problem::new(d.diagnostic, Some(SourceText::new(display, external.text)))
        }
        None => Problem::new(d.diagnostic, Some(source.clone())),
    }
}

/// The module specifiers the files import (`from "x"`, `import "x"`, `import("x")`).
pub fn import_specifiers(texts: &[Arc<str>]) -> Vec<String> {
    use ngc_output::js_tokens::{tokenize, TokenKind};
    let mut out = Vec::new();
    for text in texts {
        let tokens = tokenize(text);
        for window in tokens.windows(2) {
            let [a, b] = window else { continue };
            if b.kind == TokenKind::String && (a.text == "from" || a.text == "import") {
                out.push(b.text.clone());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
