//! Reading one input file into text as TypeScript's `sys.readFile` does: a UTF-8 byte order
//! mark is dropped and UTF-16 files with a byte order mark are decoded. Anything else must be
//! UTF-8 text without NUL bytes; other files are reported, never passed on.

use std::path::Path;

use crate::diagnostics::{self as diag, Origin, Problem};

/// Reads `path`; `display` names it in diagnostics, `listed_at` is the tsconfig `files` entry
/// that named it, if any.
pub fn read(path: &Path, display: &str, listed_at: Option<&Origin>) -> Result<String, Problem> {
    let bytes = std::fs::read(path)
        .map_err(|e| diag::unreadable_input(Path::new(display), &io_reason(&e), listed_at))?;
    decode(display, bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            "no such file (or a symbolic link to a missing file)".to_string()
        }
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => e.to_string(),
    }
}

/// Decodes file contents to text.
pub fn decode(display: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => utf8(display, rest.to_vec()),
        [0xFF, 0xFE, rest @ ..] => utf16(display, rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(display, rest, u16::from_be_bytes),
        _ => utf8(display, bytes),
    }
}

fn utf8(display: &str, bytes: Vec<u8>) -> Result<String, Problem> {
    if bytes.contains(&0) {
        return Err(diag::not_text(display, &bytes));
    }
    String::from_utf8(bytes).map_err(|e| diag::not_text(display, e.as_bytes()))
}

fn utf16(display: &str, bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, Problem> {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect();
    if text.contains('\0') {
        return Err(diag::not_text(display, text.as_bytes()));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_decodes_utf16() {
        assert_eq!(
            decode("a.ts", b"\xEF\xBB\xBFx".to_vec()).ok(),
            Some("x".to_string())
        );
        assert_eq!(
            decode("a.ts", vec![0xFF, 0xFE, b'h', 0, b'i', 0]).ok(),
            Some("hi".to_string())
        );
        assert_eq!(
            decode("a.ts", vec![0xFE, 0xFF, 0, b'h', 0, b'i']).ok(),
            Some("hi".to_string())
        );
    }

    #[test]
    fn rejects_binary_and_invalid_utf8() {
        let bin = decode("a.ts", b"abc\0def".to_vec())
            .err()
            .map(|p| p.diagnostic.code);
        assert_eq!(bin, Some("NGRS0008"));
        let bad = decode("a.ts", b"let x = '\xFF';".to_vec()).err();
        let label = bad
            .as_ref()
            .and_then(|p| p.diagnostic.primary.as_ref())
            .map(|l| l.span.start);
        assert_eq!(label, Some(9));
    }
}
