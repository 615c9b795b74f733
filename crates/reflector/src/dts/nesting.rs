//! A guard against declaration files nested deeply enough to overflow swc's recursive parser.
//!
//! Before parsing, the text is scanned once for an upper estimate of its syntactic depth:
//! open brackets (`(`, `[`, `{`, and `<` of type arguments) plus the operators that nest to the
//! right without brackets (`?` of conditional types, `=>` of function types, prefix operators
//! and type operators such as `keyof`; `|`/`&` are flat and not counted) since the last `,` or
//! `;` of the same bracket (or line end, in blocks). Real declaration files stay far below the
//! limit; [`read_dts`](super::read_dts) parses on a stack large enough for it.

/// Type operators and keywords that nest the type after them (`keyof keyof T`).
const PREFIX_WORDS: &[&[u8]] =
    &[b"keyof", b"readonly", b"typeof", b"unique", b"infer", b"new", b"abstract", b"extends", b"is", b"asserts"];

/// Depth beyond which a file is refused (NGRS3904).
pub(crate) const MAX_NESTING: u32 = 5_000;

/// The byte offset where the estimated depth first exceeds [`MAX_NESTING`], if it does.
pub(crate) fn excessive_nesting(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    // One (bracket, chain length) per open bracket; index 0 is the top level. `b'`'` marks a
    // template literal (type), whose `${` opens a bracket again.
    let mut stack: Vec<(u8, u32)> = vec![(0, 0)];
    let mut depth: u32 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if stack.last().is_some_and(|&(k, _)| k == b'`') {
            match b {
                b'\\' => i += 1,
                b'`' => {
                    stack.pop();
                }
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    i += 1;
                    stack.push((b'{', 0));
                    depth += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'\'' | b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'`' => stack.push((b'`', 0)),
            // `<<` is a shift in an enum initializer, not two type-argument lists.
            b'<' if bytes.get(i + 1) == Some(&b'<') => i += 1,
            b'(' | b'[' | b'{' | b'<' => {
                stack.push((b, 0));
                depth += 1;
            }
            b'>' if i > 0 && bytes[i - 1] == b'=' => {
                // `=>`: the return type nests to the right.
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                    depth += 1;
                }
            }
            b')' | b']' | b'}' | b'>' if stack.len() > 1 => {
                let (_, chain) = stack.pop().unwrap_or((0, 0));
                depth = depth.saturating_sub(1 + chain);
            }
            // Members and statements end at `;` and, in blocks and at the top level, usually
            // at line ends.
            b'\n' if matches!(stack.last(), Some(&(0 | b'{', _))) => {
                if let Some(top) = stack.last_mut() {
                    depth = depth.saturating_sub(top.1);
                    top.1 = 0;
                }
            }
            b',' | b';' => {
                if let Some(top) = stack.last_mut() {
                    depth = depth.saturating_sub(top.1);
                    top.1 = 0;
                }
            }
            b'?' | b'!' | b'-' | b'+' | b'~' | b'=' => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                    depth += 1;
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$' => {
                let start = i;
                while i + 1 < bytes.len()
                    && (bytes[i + 1].is_ascii_alphanumeric() || matches!(bytes[i + 1], b'_' | b'$'))
                {
                    i += 1;
                }
                let word = &bytes[start..=i];
                if PREFIX_WORDS.contains(&word) {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                        depth += 1;
                    }
                }
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Some(i as u32);
        }
        i += 1;
    }
    None
}
