//! The `ngc-rs` command line: argument parsing and exit codes. Exit 0 on success, 1 when
//! any error diagnostic was reported, 2 for usage errors (clap's convention).

mod analysis;
mod build;
mod collect;
mod diagnostics;
mod discover;
mod emit;
mod glob;
mod inspect;
mod jsonc;
mod output;
mod paths;
mod pipeline;
mod render;
mod source;
mod tsconfig;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The collector and the reflector allocate many small objects: mimalloc is markedly faster at
/// that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// ngc-rs: an ahead-of-time compiler for Angular.
#[derive(Parser)]
#[command(name = "ngc-rs", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the View Engine metadata (schema version 4) of TypeScript files as JSON.
    Collect {
        /// Fail on metadata that contains errors (angularCompilerOptions.strictMetadataEmit).
        #[arg(long = "strict-metadata-emit")]
        strict_metadata_emit: bool,
        /// The files to collect. With several, the output is an object keyed by these paths.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Compile a project: write `<outDir>/<file>.js` for each source (and `.metadata.json` with
    /// `declaration: true` or `--emit-metadata`).
    Build {
        /// The tsconfig.json, or a directory containing one.
        #[arg(
            short = 'p',
            long = "project",
            value_name = "PATH",
            default_value = "."
        )]
        project: PathBuf,
        /// Output directory (overrides compilerOptions.outDir).
        #[arg(long = "outDir", alias = "out-dir", value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Root of the input tree mirrored under outDir (overrides compilerOptions.rootDir).
        #[arg(long = "rootDir", alias = "root-dir", value_name = "DIR")]
        root_dir: Option<PathBuf>,
        /// Fail on metadata that contains errors (angularCompilerOptions.strictMetadataEmit).
        #[arg(long = "strict-metadata-emit")]
        strict_metadata_emit: bool,
        /// Print the absolute path of every input file, as `tsc --listFiles`.
        #[arg(long = "listFiles", alias = "list-files")]
        list_files: bool,
        /// Print the absolute path of every file written, as `tsc --listEmittedFiles` (`TSFILE: path`).
        #[arg(long = "listEmittedFiles", alias = "list-emitted-files")]
        list_emitted_files: bool,
        /// Also write `<file>.metadata.json` (View Engine metadata) without `declaration: true`.
        #[arg(long = "emit-metadata", alias = "emitMetadata")]
        emit_metadata: bool,
        /// Write only the `.metadata.json` files: no whole-program analysis, no JavaScript.
        #[arg(long = "metadata-only")]
        metadata_only: bool,
    },
    /// Print what the static reflector resolves, as JSON: every component, directive, pipe and
    /// NgModule with its metadata, and each component's scope.
    Inspect {
        /// The tsconfig.json, or a directory containing one.
        #[arg(short = 'p', long = "project", value_name = "PATH", default_value = ".")]
        project: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Prints usage or help; exit 2 for errors, 0 for --help/--version.
        Err(e) => e.exit(),
    };
    // Everything runs on a thread with a large stack: dropping and printing a deeply nested
    // metadata tree recurses as deep as the tree.
    let worker = std::thread::Builder::new()
        .name("ngc-rs".to_string())
        .stack_size(pipeline::STACK_SIZE)
        .spawn(move || run(cli));
    let result = match worker {
        Ok(handle) => match handle.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(e) => Err(format!("cannot start the main thread: {e}")),
    };
    match result {
        Ok(code) => code,
        Err(internal) => {
            eprintln!("ngc-rs: {internal}");
            ExitCode::FAILURE
        }
    }
}

/// A reader that stopped reading (`ngc-rs inspect | head`) is not an error.
fn ignore_closed_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

fn exit_for(problems: &[diagnostics::Problem]) -> ExitCode {
    if problems.iter().any(diagnostics::Problem::is_error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Inspect { project } => {
            let cwd = std::env::current_dir().map_err(|e| format!("cannot read the working directory: {e}"))?;
            let inspection = inspect::run(&cwd, &project)?;
            render::render(&inspection.problems);
            if let Some(document) = &inspection.document {
                let text = serde_json::to_string_pretty(document).map_err(|e| format!("cannot print JSON: {e}"))?;
                let mut stdout = std::io::stdout().lock();
                writeln!(stdout, "{text}")
                    .and_then(|()| stdout.flush())
                    .or_else(ignore_closed_pipe)
                    .or_else(ignore_closed_pipe)
                .map_err(|e| format!("cannot write to stdout: {e}"))?;
            }
            Ok(exit_for(&inspection.problems))
        }
        Command::Collect {
            strict_metadata_emit,
            files,
        } => {
            let (json, problems) = collect::run(&files, strict_metadata_emit)?;
            render::render(&problems);
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{json}")
                .and_then(|()| stdout.flush())
                .or_else(ignore_closed_pipe)
                .map_err(|e| format!("cannot write to stdout: {e}"))?;
            Ok(exit_for(&problems))
        }
        Command::Build {
            project,
            out_dir,
            root_dir,
            strict_metadata_emit,
            list_files,
            list_emitted_files,
            emit_metadata,
            metadata_only,
        } => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the working directory: {e}"))?;
            let args = build::BuildArgs {
                project,
                out_dir,
                root_dir,
                strict_metadata_emit,
                list_files,
                list_emitted_files,
                emit_metadata,
                metadata_only,
            };
            match build::run(&cwd, &args)? {
                build::Outcome::Ok => Ok(ExitCode::SUCCESS),
                build::Outcome::Failed(problems) => {
                    render::render(&problems);
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}
