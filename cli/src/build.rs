//! `ngc-rs build`: read the project's tsconfig, find its inputs, collect every non-declaration
//! file in parallel, analyse the whole program (reflector), compile each file's Angular
//! classes and emit its JavaScript (in parallel), and, when no file has an error, write
//! `<outDir>/<path under rootDir>.js` for each source. With `declaration: true` or
//! `--emit-metadata`, each file with metadata also gets `<...>.metadata.json` holding
//! `JSON.stringify([metadata])`, as ngc 8 wrote it (compact, one-element array, no newline).
//! With any error, nothing is written.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ngc_diagnostics::{Severity, SourceText};
use ngc_reflector::{analyze_with, is_view_engine_restriction, AnalysisOptions, ModuleId, ProgramFile};
use ngc_transform::ProgramRefs;

use crate::diagnostics::{self as diag, Problem};
use crate::discover::{self, Input};
use crate::pipeline::{self, Job};
use crate::{analysis, emit, output, paths, tsconfig};

/// Options of `ngc-rs build`.
pub struct BuildArgs {
    pub project: PathBuf,
    pub out_dir: Option<PathBuf>,
    pub root_dir: Option<PathBuf>,
    pub strict_metadata_emit: bool,
    pub list_files: bool,
    pub list_emitted_files: bool,
    /// Write `.metadata.json` files even without `declaration: true`.
    pub emit_metadata: bool,
    /// Write only the `.metadata.json` files (no analysis, no JavaScript).
    pub metadata_only: bool,
}

/// What a build did, for the exit code.
pub enum Outcome {
    Ok,
    Failed(Vec<Problem>),
}

/// Files ngc 8 generated itself and never collected.
fn is_generated(path: &Path) -> bool {
    let s = path.to_string_lossy();
    [
        ".ngfactory.ts",
        ".ngstyle.ts",
        ".shim.ngstyle.ts",
        ".ngsummary.ts",
    ]
    .iter()
    .any(|e| s.ends_with(e))
}

/// The JavaScript output name of a source: `.ts`/`.tsx` replaced by `.js`.
fn js_name(rel: &Path) -> PathBuf {
    let s = rel.to_string_lossy();
    let stem = s.strip_suffix(".tsx").or_else(|| s.strip_suffix(".ts")).unwrap_or(&s);
    PathBuf::from(format!("{stem}.js"))
}

/// The output name of a source: `.ts`/`.tsx` replaced by `.metadata.json`.
fn metadata_name(rel: &Path) -> PathBuf {
    let s = rel.to_string_lossy();
    let stem = s
        .strip_suffix(".tsx")
        .or_else(|| s.strip_suffix(".ts"))
        .unwrap_or(&s);
    PathBuf::from(format!("{stem}.metadata.json"))
}

/// The loaded project, its effective output directory and its input files.
pub struct Loaded {
    pub project: tsconfig::Project,
    pub out_dir: Option<PathBuf>,
    pub inputs: Vec<Input>,
}

/// Loads the project named by `-p` and discovers its inputs.
pub fn load(cwd: &Path, project_arg: &Path, out_dir_arg: Option<&Path>) -> Result<Loaded, Vec<Problem>> {
    let config = tsconfig::project_file(cwd, project_arg);
    let project = tsconfig::load(&config, cwd).map_err(|p| vec![p])?;
    let out_dir = match out_dir_arg {
        Some(d) => Some(paths::absolute(cwd, d)),
        None => project.out_dir.as_ref().map(|s| s.value.clone()),
    };
    let inputs = discover::discover(&project, out_dir.as_deref()).map_err(|p| vec![p])?;
    Ok(Loaded { project, out_dir, inputs })
}

/// The inputs that are collected: not declaration files, not files ngc generated.
pub fn sources(inputs: &[Input]) -> Vec<&Input> {
    inputs.iter().filter(|i| !i.is_declaration() && !is_generated(&i.path)).collect()
}

pub fn run(cwd: &Path, args: &BuildArgs) -> Result<Outcome, String> {
    let Loaded { project, out_dir, inputs } = match load(cwd, &args.project, args.out_dir.as_deref()) {
        Ok(loaded) => loaded,
        Err(problems) => return Ok(Outcome::Failed(problems)),
    };
    if args.list_files {
        let list: String = inputs
            .iter()
            .map(|i| format!("{}\n", i.path.display()))
            .collect();
        print_stdout(&list)?;
    }
    let sources = sources(&inputs);
    // Declaration files are not collected, but one named in `files` must still exist.
    let missing: Vec<Problem> = inputs
        .iter()
        .filter(|i| i.listed_at.is_some() && i.is_declaration() && !i.path.is_file())
        .map(|i| {
            let why = if i.path.is_dir() {
                "it is a directory"
            } else {
                "no such file"
            };
            diag::unreadable_input(
                Path::new(&paths::display(&i.path, cwd)),
                why,
                i.listed_at.as_ref(),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Ok(Outcome::Failed(missing));
    }

    // rootDir: given, or the longest common directory of the non-declaration inputs.
    let (root_dir, root_origin) = match (&args.root_dir, &project.root_dir) {
        (Some(d), _) => (Some(paths::absolute(cwd, d)), None),
        (None, Some(s)) => (Some(s.value.clone()), Some(&s.origin)),
        (None, None) => (
            paths::common_source_dir(sources.iter().map(|i| i.path.as_path())),
            None,
        ),
    };
    let root_dir = root_dir.unwrap_or_else(|| project.config_dir.clone());
    let outside: Vec<Problem> = sources
        .iter()
        .filter(|i| !i.path.starts_with(&root_dir))
        .map(|i| {
            let file = paths::display(&i.path, cwd);
            diag::outside_root_dir(
                Path::new(&file),
                Path::new(&paths::display(&root_dir, cwd)),
                root_origin,
            )
        })
        .collect();
    if !outside.is_empty() {
        return Ok(Outcome::Failed(outside));
    }

    let jobs: Vec<Job<'_>> = sources
        .iter()
        .map(|i| Job {
            path: &i.path,
            display: paths::display(&i.path, cwd),
            listed_at: i.listed_at.as_ref(),
        })
        .collect();
    let strict = args.strict_metadata_emit
        || project
            .strict_metadata_emit
            .as_ref()
            .is_some_and(|s| s.value);
    let results = pipeline::collect_all(&jobs, strict, true)?;

    let mut problems: Vec<Problem> = results
        .iter()
        .flat_map(|r| r.problems.iter().cloned())
        .collect();
    if !args.metadata_only {
        problems.extend(option_problems(&project));
    }
    if problems.iter().any(Problem::is_error) {
        return Ok(Outcome::Failed(problems));
    }
    let emit_metadata = args.emit_metadata || args.metadata_only || project.emit.declaration.as_ref().is_some_and(|d| d.value);
    let target = |rel_name: &dyn Fn(&Path) -> PathBuf, path: &Path| -> PathBuf {
        match &out_dir {
            Some(out) => out.join(rel_name(paths::relative_under(path, &root_dir).unwrap_or(path))),
            None => rel_name(path),
        }
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let metadata: Vec<Option<String>> =
        results.iter().map(|r| r.metadata.as_ref().map(|m| format!("[{}]", m.to_js_string()))).collect();

    if args.metadata_only {
        crate::render::render(&problems);
        for (job, metadata) in jobs.iter().zip(&metadata) {
            if let Some(text) = metadata {
                outputs.push((target(&metadata_name, job.path), text.clone().into_bytes()));
            }
        }
        return write_outputs(&outputs, args.list_emitted_files);
    }

    // The whole program, then each file's JavaScript.
    let mut program_files = Vec::new();
    let mut emit_jobs = Vec::new();
    for (job, result) in jobs.iter().zip(results) {
        let Some((text, facts)) = result.source else { continue };
        let module = ModuleId::Program(program_files.len());
        // The JavaScript declares and exports the `ɵN` symbols of the metadata written with it.
        let lowered = if emit_metadata && result.metadata.is_some() {
            facts.lowered.iter().map(|l| ngc_ts_emit::LoweredExpression { name: l.name.clone(), span: l.span }).collect()
        } else {
            Vec::new()
        };
        emit_jobs.push(emit::EmitJob { path: job.path.to_path_buf(), display: job.display.clone(), text: text.clone(), module, lowered });
        program_files.push(ProgramFile { path: job.path.to_path_buf(), text, metadata: result.metadata, facts });
    }
    let host = analysis::FsHost;
    let analysis_options = AnalysisOptions {
        resolve: analysis::resolve_options(&project.resolution, &project.config_dir),
        strict_metadata_emit: strict,
    };
    let mut program = analyze_with(program_files, analysis_options, &host);
    problems.extend(reflector_problems(&program, &emit_jobs, cwd));
    if problems.iter().any(Problem::is_error) {
        return Ok(Outcome::Failed(problems));
    }
    let texts: Vec<std::sync::Arc<str>> = emit_jobs.iter().map(|j| j.text.clone()).collect();
    let refs = Mutex::new(ProgramRefs::new(&mut program, emit::import_specifiers(&texts)));
    let options = emit::transform_options(&project, cwd, args.root_dir.as_deref());
    let emit_options = emit::emit_options(&project);
    let emitted = emit::emit_all(&emit_jobs, &refs, &options, &emit_options, cwd)?;
    for result in &emitted {
        problems.extend(result.problems.iter().cloned());
    }
    if problems.iter().any(Problem::is_error) {
        return Ok(Outcome::Failed(problems));
    }
    crate::render::render(&problems);

    // Every job was read (a file that cannot be read is an error): one result each.
    for ((job, metadata), result) in jobs.iter().zip(&metadata).zip(emitted) {
        if let Some(code) = result.code {
            outputs.push((target(&js_name, job.path), code.into_bytes()));
        }
        if let (true, Some(text)) = (emit_metadata, metadata) {
            outputs.push((target(&metadata_name, job.path), text.clone().into_bytes()));
        }
    }
    write_outputs(&outputs, args.list_emitted_files)
}

/// Writes every output (all or none, each atomically), listing them with `--listEmittedFiles`.
fn write_outputs(outputs: &[(PathBuf, Vec<u8>)], list: bool) -> Result<Outcome, String> {
    if let Err(problem) = output::write_all_atomic(outputs.iter().map(|(p, b)| (p.as_path(), b.as_slice()))) {
        return Ok(Outcome::Failed(vec![problem]));
    }
    if list {
        for (path, _) in outputs {
            print_stdout(&format!("TSFILE: {}\n", path.display()))?;
        }
    }
    Ok(Outcome::Ok)
}

/// Problems with the compiler options: outputs ngc would write that ngc-rs does not produce
/// yet (warnings), and compilation modes it does not implement (errors).
fn option_problems(project: &tsconfig::Project) -> Vec<Problem> {
    let mut out = Vec::new();
    let set = |s: &Option<tsconfig::Setting<bool>>| s.as_ref().filter(|s| s.value).map(|s| s.origin.clone());
    if let Some(origin) = set(&project.emit.declaration) {
        out.push(diag::declarations_not_produced(&origin));
    }
    for (setting, name) in [
        (&project.emit.source_map, "sourceMap"),
        (&project.emit.inline_source_map, "inlineSourceMap"),
        (&project.emit.declaration_map, "declarationMap"),
    ] {
        if let Some(origin) = set(setting) {
            out.push(diag::source_maps_not_produced(name, &origin));
        }
    }
    if let Some(mode) = &project.emit.compilation_mode {
        if mode.value != "full" {
            out.push(diag::unsupported_compilation_mode(&mode.value, &mode.origin));
        }
    }
    out
}

/// The reflector's diagnostics: Angular's (`NGnnnn`) stop the build; its own (`NGRSnnnn`) are
/// warnings. View Engine's metadata restrictions, which Ivy does not have, are left out unless
/// they are errors: with `strictMetadataEmit`, or where they keep the reflector from reading a
/// value Ivy compilation needs.
fn reflector_problems(program: &ngc_reflector::Analysis<'_>, jobs: &[emit::EmitJob], cwd: &Path) -> Vec<Problem> {
    program
        .diagnostics
        .iter()
        .filter(|d| !(is_view_engine_restriction(d.diagnostic.code) && d.diagnostic.severity == Severity::Warning))
        .map(|d| {
            let source = jobs
                .iter()
                .find(|j| j.path == d.path)
                .map(|j| SourceText::new(j.display.as_str(), j.text.clone()))
                .or_else(|| {
                    let text = std::fs::read_to_string(&d.path).ok()?;
                    Some(SourceText::new(paths::display(&d.path, cwd), text))
                });
            let mut diagnostic = d.diagnostic.clone();
            if diagnostic.code.starts_with("NGRS") && !is_view_engine_restriction(diagnostic.code) {
                diagnostic.severity = Severity::Warning;
            }
            Problem::new(diagnostic, source)
        })
        .collect()
}

fn print_stdout(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(crate::ignore_closed_pipe)
        .map_err(|e| format!("cannot write to stdout: {e}"))
}
