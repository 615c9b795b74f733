//! A guard against input nested deeply enough to overflow a recursive parser.
//!
//! Before parsing, the text is scanned once for an upper estimate of its syntactic depth: open
//! brackets, plus the operators that nest to the right without brackets (`!x`, `-x`,
//! `a ? b : c`, `=>`, `=`) since the last `,` or `;` of the same bracket (or line end, in blocks
//! and at the top level). In declaration files, `<` of type arguments opens a bracket too and
//! type operators (`keyof`, `readonly`, `infer`, …) nest like prefix operators. Strings,
//! comments and template literals are skipped. Callers refuse input beyond their limit and size
//! their stack by the estimate.

/// Which TypeScript the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    /// Source files: expressions and statements.
    Source,
    /// Declaration files: types, where `<` nests.
    Declarations,
}

/// How deeply a text may nest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    /// At most this many levels.
    Within(u32),
    /// More than the limit, first at this byte offset.
    Excessive(u32),
}

/// Type operators and keywords that nest the type after them (`keyof keyof T`).
const PREFIX_WORDS: &[&[u8]] =
    &[b"keyof", b"readonly", b"typeof", b"unique", b"infer", b"new", b"abstract", b"extends", b"is", b"asserts"];

/// Estimates the nesting of `text`, stopping where it exceeds `limit`.
pub fn estimate(text: &str, grammar: Grammar, limit: u32) -> Nesting {
    let types = grammar == Grammar::Declarations;
    let bytes = text.as_bytes();
    // One (bracket, chain length) per open bracket; index 0 is the top level. `b'`'` marks a
    // template literal, whose `${` opens a bracket again.
    let mut stack: Vec<(u8, u32)> = vec![(0, 0)];
    let mut depth: u32 = 0;
    let mut deepest: u32 = 0;
    let chain = |stack: &mut Vec<(u8, u32)>, depth: &mut u32| {
        if let Some(top) = stack.last_mut() {
            top.1 += 1;
            *depth += 1;
        }
    };
    let end_chain = |stack: &mut Vec<(u8, u32)>, depth: &mut u32| {
        if let Some(top) = stack.last_mut() {
            *depth = depth.saturating_sub(top.1);
            top.1 = 0;
        }
    };
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
            // `<<` is a shift (in an enum initializer), not two type-argument lists.
            b'<' if types && bytes.get(i + 1) == Some(&b'<') => i += 1,
            b'<' if types => {
                stack.push((b, 0));
                depth += 1;
            }
            b'(' | b'[' | b'{' => {
                stack.push((b, 0));
                depth += 1;
            }
            // `=>`: the return type nests to the right.
            b'>' if types && i > 0 && bytes[i - 1] == b'=' => chain(&mut stack, &mut depth),
            b')' | b']' | b'}' if stack.len() > 1 => {
                let (_, open_chain) = stack.pop().unwrap_or((0, 0));
                depth = depth.saturating_sub(1 + open_chain);
            }
            b'>' if types && stack.len() > 1 => {
                let (_, open_chain) = stack.pop().unwrap_or((0, 0));
                depth = depth.saturating_sub(1 + open_chain);
            }
            // Statements end at `;` and, in blocks and at the top level, usually at line ends.
            b'\n' if matches!(stack.last(), Some(&(0 | b'{', _))) => end_chain(&mut stack, &mut depth),
            b',' | b';' => end_chain(&mut stack, &mut depth),
            b'!' | b'~' | b'-' | b'+' | b'?' | b'=' => chain(&mut stack, &mut depth),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$' if types => {
                let start = i;
                while i + 1 < bytes.len() && (bytes[i + 1].is_ascii_alphanumeric() || matches!(bytes[i + 1], b'_' | b'$')) {
                    i += 1;
                }
                if PREFIX_WORDS.contains(&&bytes[start..=i]) {
                    chain(&mut stack, &mut depth);
                }
            }
            _ => {}
        }
        if depth > limit {
            return Nesting::Excessive(i as u32);
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    Nesting::Within(deepest)
}

/// Stack a recursive parser may use per nesting level (generous: swc in debug builds uses up
/// to about 20 KiB), on top of a base for the rest.
const STACK_PER_LEVEL: usize = 32 * 1024;
const STACK_BASE: usize = 2 * 1024 * 1024;
/// 1 GiB of address space, committed only as deep input needs it.
const MAX_STACK: usize = 1024 * 1024 * 1024;

/// Runs `f` with enough stack for input nested `depth` levels deep: on the current stack when
/// it has room, else on a fresh segment of the size needed.
pub fn with_stack_for<R>(depth: u32, f: impl FnOnce() -> R) -> R {
    let needed = (depth as usize * STACK_PER_LEVEL + STACK_BASE).min(MAX_STACK);
    if stacker::remaining_stack().is_some_and(|left| left >= needed) {
        f()
    } else {
        stacker::grow(needed.max(STACK_BASE * 8), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excessive(text: &str, grammar: Grammar, limit: u32) -> bool {
        matches!(estimate(text, grammar, limit), Nesting::Excessive(_))
    }

    #[test]
    fn deep_brackets_and_operator_chains_are_caught() {
        let n = 1001;
        assert!(excessive(&format!("x = {}1{};", "(".repeat(n), ")".repeat(n)), Grammar::Source, 1000));
        assert!(excessive(&format!("x = {}1;", "!".repeat(n)), Grammar::Source, 1000));
        assert!(!excessive(&format!("x = [{}];", "[1, 2], ".repeat(n)), Grammar::Source, 1000));
        assert!(!excessive(&format!("x = '{}';", "(".repeat(n)), Grammar::Source, 1000));
        assert!(excessive(&format!("x = 1 {}", "+ 1 ".repeat(n)), Grammar::Source, 1000));
        assert!(!excessive(&format!("x = a {}", "< b ".repeat(n)), Grammar::Source, 1000));
    }

    #[test]
    fn type_arguments_and_type_operators_nest_in_declarations() {
        let n = 1001;
        assert!(excessive(&format!("type T = {}x{};", "A<".repeat(n), ">".repeat(n)), Grammar::Declarations, 1000));
        assert!(excessive(&format!("type T = {}x;", "keyof ".repeat(n)), Grammar::Declarations, 1000));
        assert!(!excessive(&format!("declare enum E {{ {} }}", "A = 1 << 2,\n".repeat(n)), Grammar::Declarations, 1000));
        assert_eq!(estimate("type T = A<B<C>>;", Grammar::Declarations, 1000), Nesting::Within(3));
    }
}
