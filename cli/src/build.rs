//! `ngc-rs build`: read the project's tsconfig, find its inputs, collect every non-declaration
//! file in parallel and, when no file has an error, write `<outDir>/<path under rootDir>` with
//! `.ts`/`.tsx` replaced by `.metadata.json` for each file that has metadata. The file holds
//! `JSON.stringify([metadata])`, as ngc 8 wrote it (compact, one-element array, no newline).
//! With any error, nothing is written.

use std::path::{Path, PathBuf};

use crate::diagnostics::{self as diag, Problem};
use crate::discover::{self, Input};
use crate::pipeline::{self, Job};
use crate::{output, paths, tsconfig};

/// Options of `ngc-rs build`.
pub struct BuildArgs {
    pub project: PathBuf,
    pub out_dir: Option<PathBuf>,
    pub root_dir: Option<PathBuf>,
    pub strict_metadata_emit: bool,
    pub list_files: bool,
    pub list_emitted_files: bool,
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

    let problems: Vec<Problem> = results
        .iter()
        .flat_map(|r| r.problems.iter().cloned())
        .collect();
    if problems.iter().any(Problem::is_error) {
        return Ok(Outcome::Failed(problems));
    }
    crate::render::render(&problems);

    for (job, result) in jobs.iter().zip(&results) {
        let Some(metadata) = &result.metadata else {
            continue;
        };
        let text = format!("[{}]", metadata.to_js_string());
        let target = match &out_dir {
            Some(out) => {
                let rel = paths::relative_under(job.path, &root_dir).unwrap_or(job.path);
                out.join(metadata_name(rel))
            }
            None => metadata_name(job.path),
        };
        if let Err(problem) = output::write_atomic(&target, text.as_bytes()) {
            return Ok(Outcome::Failed(vec![problem]));
        }
        if args.list_emitted_files {
            print_stdout(&format!("TSFILE: {}\n", target.display()))?;
        }
    }
    Ok(Outcome::Ok)
}

fn print_stdout(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(crate::ignore_closed_pipe)
        .map_err(|e| format!("cannot write to stdout: {e}"))
}
