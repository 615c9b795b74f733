//! Diagnostics of the command line itself: configuration, file discovery and IO problems,
//! codes `NGRS0001`…`NGRS0099` (listed in docs/diagnostics.md). Each constructor is `#[cold]`
//! and returns a [`Problem`]: the diagnostic together with the source its labels point into.

use std::path::Path;

use ngc_diagnostics::{Diagnostic, LineIndex, SourceText, Span};

use crate::jsonc::SyntaxError;

/// A diagnostic and the source text its labels point into, ready to render.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Boxed: problems travel in `Result`s, which should stay small.
    pub diagnostic: Box<Diagnostic>,
    pub source: Option<SourceText>,
}

impl Problem {
    pub fn new(diagnostic: Diagnostic, source: Option<SourceText>) -> Self {
        Problem {
            diagnostic: Box::new(diagnostic),
            source,
        }
    }

    pub fn is_error(&self) -> bool {
        self.diagnostic.is_error()
    }
}

/// A place in a configuration file: the file's text and a span in it.
#[derive(Debug, Clone)]
pub struct Origin {
    pub source: SourceText,
    pub span: Span,
}

fn at(diagnostic: Diagnostic, origin: Option<&Origin>, label: &str) -> Problem {
    match origin {
        Some(o) => Problem::new(diagnostic.with_label(o.span, label), Some(o.source.clone())),
        None => Problem::new(diagnostic, None),
    }
}

/// NGRS0001: the project file given to `-p` does not exist.
#[cold]
pub fn tsconfig_not_found(path: &Path, io: &std::io::Error) -> Problem {
    Problem::new(
        Diagnostic::error(
            "NGRS0001",
            format!("cannot read tsconfig `{}`: {io}", path.display()),
        )
        .with_help("pass a tsconfig.json, or a directory that contains one, with `-p`"),
        None,
    )
}

/// NGRS0002: the tsconfig is not valid JSON with comments.
#[cold]
pub fn tsconfig_syntax(source: &SourceText, err: &SyntaxError) -> Problem {
    let mut d =
        Diagnostic::error("NGRS0002", err.message.clone()).with_label(err.span, err.label.clone());
    if let Some(help) = &err.help {
        d = d.with_help(help.clone());
    }
    Problem::new(d, Some(source.clone()))
}

/// NGRS0003: the file named by `extends` does not exist.
#[cold]
pub fn extends_not_found(name: &str, origin: &Origin, is_path: bool) -> Problem {
    let help = if is_path {
        "`extends` paths are relative to the tsconfig that contains them; check the path"
            .to_string()
    } else {
        format!(
            "`{name}` is looked up as node_modules/{name} in this tsconfig's directory and its ancestors; install the package, or write a relative path starting with `./`"
        )
    };
    at(
        Diagnostic::error(
            "NGRS0003",
            format!("tsconfig extends `{name}`, which does not exist"),
        )
        .with_help(help),
        Some(origin),
        "file not found",
    )
}

/// NGRS0004: the `extends` chain comes back to a file already on it.
#[cold]
pub fn extends_cycle(target: &Path, origin: &Origin) -> Problem {
    at(
        Diagnostic::error(
            "NGRS0004",
            format!(
                "tsconfig `extends` chain is circular: `{}` extends itself",
                target.display()
            ),
        )
        .with_help("remove one of the `extends` entries that form the cycle"),
        Some(origin),
        "this leads back to a tsconfig already being read",
    )
}

/// NGRS0005: a tsconfig setting has the wrong type or an unusable value.
#[cold]
pub fn invalid_setting(
    message: String,
    origin: &Origin,
    label: &str,
    help: Option<String>,
) -> Problem {
    let mut d = Diagnostic::error("NGRS0005", message);
    if let Some(help) = help {
        d = d.with_help(help);
    }
    at(d, Some(origin), label)
}

/// NGRS0006: files/include matched no input file.
#[cold]
pub fn no_inputs(config: &str, include: &[String], exclude: &[String], origin: &Origin) -> Problem {
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    at(
        Diagnostic::error(
            "NGRS0006",
            format!(
                "no input files were found in `{config}`: `include` is {} and `exclude` is {}",
                list(include),
                list(exclude)
            ),
        )
        .with_help(
            "list the sources in `files`, or add an `include` pattern such as \"src/**/*.ts\"",
        ),
        Some(origin),
        "these patterns matched no .ts file",
    )
}

/// NGRS0007: an input file cannot be read.
#[cold]
pub fn unreadable_input(path: &Path, why: &str, origin: Option<&Origin>) -> Problem {
    let help = if origin.is_some() {
        "fix the path in `files`, or remove the entry"
    } else {
        "check that the path names a readable file"
    };
    at(
        Diagnostic::error(
            "NGRS0007",
            format!("cannot read input file `{}`: {why}", path.display()),
        )
        .with_help(help),
        origin,
        "listed here",
    )
}

/// NGRS0008: an input file is not UTF-8 text. A file with a NUL byte is reported as binary,
/// without a code frame; otherwise the frame points at the first invalid byte.
#[cold]
pub fn not_text(display: &str, bytes: &[u8]) -> Problem {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(&bytes[..nul]);
        let lc = LineIndex::new(&prefix).utf16_line_col(&prefix, prefix.len() as u32);
        return Problem::new(
            Diagnostic::error(
                "NGRS0008",
                format!("`{display}` is a binary file, not TypeScript source (NUL byte at {display}:{}:{})", lc.line + 1, lc.col + 1),
            )
            .with_help("remove the file from the inputs (`files`, `include` or `exclude` in tsconfig)"),
            None,
        );
    }
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let byte = bytes.get(valid).copied().unwrap_or(0);
    // The valid prefix survives lossy decoding unchanged, so `valid` is also the offset in `text`.
    let text = String::from_utf8_lossy(bytes).into_owned();
    let end = text[valid..]
        .chars()
        .next()
        .map_or(valid, |c| valid + c.len_utf8());
    Problem::new(
        Diagnostic::error("NGRS0008", format!("`{display}` is not valid UTF-8"))
            .with_label(
                Span::new(valid as u32, end as u32),
                format!("invalid byte 0x{byte:02X}"),
            )
            .with_help("save the file as UTF-8"),
        Some(SourceText::new(display, text)),
    )
}

/// NGRS0009: an output file or directory cannot be written.
#[cold]
pub fn write_failed(path: &Path, io: &std::io::Error) -> Problem {
    Problem::new(
        Diagnostic::error(
            "NGRS0009",
            format!("cannot write `{}`: {io}", path.display()),
        )
        .with_help("check that the output directory (`outDir`) is a writable directory"),
        None,
    )
}

/// NGRS0010: an input file lies outside `rootDir`.
#[cold]
pub fn outside_root_dir(file: &Path, root_dir: &Path, origin: Option<&Origin>) -> Problem {
    at(
        Diagnostic::error(
            "NGRS0010",
            format!(
                "input file `{}` is not under rootDir `{}`",
                file.display(),
                root_dir.display()
            ),
        )
        .with_help("rootDir must contain all input files: widen `rootDir` or narrow `include`"),
        origin,
        "rootDir is set here",
    )
}

fn warning_at(code: &'static str, message: String, origin: &Origin, label: &str, help: &str) -> Problem {
    let mut d = Diagnostic::error(code, message).with_help(help.to_string());
    d.severity = ngc_diagnostics::Severity::Warning;
    at(d, Some(origin), label)
}

/// NGRS0011 (warning): `declaration: true`, but `.d.ts` files are not produced yet.
#[cold]
pub fn declarations_not_produced(origin: &Origin) -> Problem {
    warning_at(
        "NGRS0011",
        "`declaration: true`: ngc-rs does not write `.d.ts` files yet (the `.metadata.json` files are written)".into(),
        origin,
        "declaration files requested here",
        "run `tsc --emitDeclarationOnly` for the declaration files, or remove the option",
    )
}

/// NGRS0012 (warning): source maps are requested but not produced yet.
#[cold]
pub fn source_maps_not_produced(option: &str, origin: &Origin) -> Problem {
    warning_at(
        "NGRS0012",
        format!("`{option}: true`: ngc-rs does not write source maps yet"),
        origin,
        "source maps requested here",
        "remove the option, or use ngc when source maps are needed",
    )
}

/// NGRS0013: a compilation mode other than `full`.
#[cold]
pub fn unsupported_compilation_mode(mode: &str, origin: &Origin) -> Problem {
    at(
        Diagnostic::error("NGRS0013", format!("`compilationMode: \"{mode}\"` is not supported: ngc-rs compiles in full mode only"))
            .with_help("remove `compilationMode`, or set it to \"full\""),
        Some(origin),
        "unsupported compilation mode",
    )
}
