//! `{{ }}` handling: splitting interpolated text, stripping `//` comments and detecting
//! interpolation where a plain expression is expected — Angular 22.2's `splitInterpolation`,
//! `_stripComments`, `_checkNoInterpolation` and their quote rules.
//!
//! All positions are byte offsets. Angular's interpolation markers are fixed to `{{`/`}}`.

use crate::ast::AbsoluteSpan;
use crate::text::utf16_col;
use crate::ParseError;

pub(crate) const INTERP_START: &str = "{{";
pub(crate) const INTERP_END: &str = "}}";

/// A piece of interpolated text: the text and its byte range in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpolationPiece {
    pub text: String,
    pub start: u32,
    pub end: u32,
}

/// Angular's `SplitInterpolation`: `strings` around `expressions`; `offsets[i]` is where the
/// text of `expressions[i]` starts (after `{{`), mapped to the original template when an
/// index map is given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SplitInterpolation {
    pub strings: Vec<InterpolationPiece>,
    pub expressions: Vec<InterpolationPiece>,
    pub offsets: Vec<u32>,
}

/// A UTF-8 continuation byte (not the start of a character).
fn is_continuation(b: u8) -> bool {
    (0x80..0xC0).contains(&b)
}

fn is_quote(b: u8) -> bool {
    b == b'\'' || b == b'"' || b == b'`'
}

/// Byte offsets of the characters outside quotes, from `start` (Angular's
/// `_forEachUnquotedChar`; a quote preceded by an odd number of backslashes does not count).
fn unquoted_positions(input: &str, start: usize) -> impl Iterator<Item = usize> + '_ {
    let bytes = input.as_bytes();
    let mut current_quote: Option<u8> = None;
    let mut escape_count = 0usize;
    (start..bytes.len()).filter_map(move |i| {
        let b = bytes[i];
        let mut result = None;
        if is_quote(b)
            && (current_quote.is_none() || current_quote == Some(b))
            && escape_count.is_multiple_of(2)
        {
            current_quote = if current_quote.is_none() {
                Some(b)
            } else {
                None
            };
        } else if current_quote.is_none() && !is_continuation(b) {
            result = Some(i);
        }
        if !is_continuation(b) {
            escape_count = if b == b'\\' { escape_count + 1 } else { 0 };
        }
        result
    })
}

/// Angular's `_getInterpolationEndIndex`.
pub(crate) fn interpolation_end_index(
    input: &str,
    expression_end: &str,
    start: usize,
) -> Option<usize> {
    for i in unquoted_positions(input, start) {
        if input[i..].starts_with(expression_end) {
            return Some(i);
        }
        if input[i..].starts_with("//") {
            return input[i..].find(expression_end).map(|p| p + i);
        }
    }
    None
}

/// Where a `//` comment starts outside quotes (Angular's `_commentStart`).
pub(crate) fn comment_start(input: &str) -> Option<usize> {
    let b = input.as_bytes();
    let mut outer_quote: Option<u8> = None;
    let mut i = 0;
    while i + 1 < b.len() {
        let c = b[i];
        if c == b'/' && b[i + 1] == b'/' && outer_quote.is_none() {
            return Some(i);
        }
        if outer_quote == Some(c) {
            outer_quote = None;
        } else if outer_quote.is_none() && is_quote(c) {
            outer_quote = Some(c);
        }
        i += 1;
    }
    None
}

/// Angular's `_stripComments`: the text before a `//` comment, and whether there was one.
pub(crate) fn strip_comments(input: &str) -> (&str, bool) {
    match comment_start(input) {
        Some(i) => (&input[..i], true),
        None => (input, false),
    }
}

/// Angular's `_checkNoInterpolation` (including its quirk of testing whether the whole input
/// starts with `{{`).
///
/// Angular rescans the rest of the input from every unquoted character (quadratic); the
/// result of a scan from position `p` in quote state `q` depends only on `(p, q)`, so
/// [`EndIndexTable`] computes all of them in one backward pass.
pub(crate) fn check_no_interpolation(
    input: &str,
    absolute_offset: u32,
    errors: &mut Vec<ParseError>,
) {
    if !input.starts_with(INTERP_START) {
        return;
    }
    let table = EndIndexTable::new(input);
    let mut start_index: Option<usize> = None;
    let mut end_index: Option<usize> = None;
    for i in unquoted_positions(input, 0) {
        match start_index {
            None => start_index = Some(i),
            Some(_) => {
                end_index = table.end_index_from(i);
                if end_index.is_some() {
                    break;
                }
            }
        }
    }
    if let (Some(start), Some(end)) = (start_index, end_index) {
        let col = utf16_col(input, start);
        let span = AbsoluteSpan::new(
            absolute_offset + start as u32,
            absolute_offset + (end + 2) as u32,
        );
        errors.push(ParseError::new(
            "Got interpolation ({{}}) where expression was expected",
            format!("at column {col} in"),
            input,
            span,
        ));
    }
}

/// `interpolation_end_index(input, "}}", p)` for every `p`, computed backwards over the
/// scanner states (current quote × parity of preceding backslashes).
struct EndIndexTable {
    /// `results[p * 8 + state]`: the end index found scanning from `p` in `state`, or `NONE`.
    results: Vec<u32>,
}

impl EndIndexTable {
    const NONE: u32 = u32::MAX;

    fn state(quote: Option<u8>, odd_escapes: bool) -> usize {
        let q = match quote {
            None => 0,
            Some(b'\'') => 1,
            Some(b'"') => 2,
            Some(_) => 3,
        };
        q * 2 + odd_escapes as usize
    }

    fn quote_of(state: usize) -> Option<u8> {
        [None, Some(b'\''), Some(b'"'), Some(b'`')][state / 2]
    }

    fn new(input: &str) -> EndIndexTable {
        let b = input.as_bytes();
        let n = b.len();
        let mut results = vec![Self::NONE; (n + 1) * 8];
        for p in (0..n).rev() {
            let c = b[p];
            for state in 0..8 {
                let quote = Self::quote_of(state);
                let odd = state % 2 == 1;
                let value = if is_continuation(c) {
                    results[(p + 1) * 8 + state]
                } else {
                    let mut yielded = false;
                    let mut next_quote = quote;
                    if is_quote(c) && (quote.is_none() || quote == Some(c)) && !odd {
                        next_quote = if quote.is_none() { Some(c) } else { None };
                    } else if quote.is_none() {
                        yielded = true;
                    }
                    let rest = &input[p..];
                    if yielded && rest.starts_with(INTERP_END) {
                        p as u32
                    } else if yielded && rest.starts_with("//") {
                        rest.find(INTERP_END).map_or(Self::NONE, |i| (i + p) as u32)
                    } else {
                        let next_odd = c == b'\\' && !odd;
                        results[(p + 1) * 8 + Self::state(next_quote, next_odd)]
                    }
                };
                results[p * 8 + state] = value;
            }
        }
        EndIndexTable { results }
    }

    fn end_index_from(&self, p: usize) -> Option<usize> {
        let r = self.results.get(p * 8)?;
        (*r != Self::NONE).then_some(*r as usize)
    }
}

/// Maps a position in the (entity-decoded) input to the original template using an index
/// map of `(consumed_in_input, consumed_in_original)` pairs (Angular's
/// `getIndexMapForOriginalTemplate`).
fn map_index(index_map: Option<&[(u32, u32)]>, pos: u32) -> u32 {
    index_map
        .and_then(|map| {
            map.iter()
                .rev()
                .find(|(input, _)| *input == pos)
                .map(|(_, original)| *original)
        })
        .unwrap_or(pos)
}

/// Angular's `getIndexMapForOriginalTemplate`: builds the `index_map` of
/// [`split_interpolation`] from the HTML lexer's tokens of an interpolated text, given as
/// `(decoded_len, original_len)` per token — equal lengths for text and interpolation tokens,
/// the decoded and the encoded length for an encoded entity (`&amp;` → `(1, 5)`). Byte lengths.
pub fn index_map_for_original_template(
    tokens: impl IntoIterator<Item = (u32, u32)>,
) -> Vec<(u32, u32)> {
    let mut consumed_in_input = 0;
    let mut consumed_in_original = 0;
    tokens
        .into_iter()
        .map(|(decoded, original)| {
            consumed_in_input += decoded;
            consumed_in_original += original;
            (consumed_in_input, consumed_in_original)
        })
        .collect()
}

/// Splits `input` at `{{ }}` with Angular's rules: quotes inside an interpolation hide `}}`,
/// a `//` comment runs to the next `}}`, an unterminated `{{` stays text. Blank expressions
/// are reported.
///
/// `index_map` is Angular's map from positions in the decoded text to the original template
/// (built from the HTML lexer's interpolation tokens when text contained entities): a list of
/// `(consumed_in_input, consumed_in_original)` pairs in order. Pass `None` when the text is
/// the template text itself.
pub fn split_interpolation(
    input: &str,
    absolute_offset: u32,
    index_map: Option<&[(u32, u32)]>,
) -> (SplitInterpolation, Vec<ParseError>) {
    let mut errors = Vec::new();
    let mut result = SplitInterpolation::default();
    let mut i = 0usize;
    let mut at_interpolation = false;
    let mut extend_last_string = false;
    while i < input.len() {
        if !at_interpolation {
            let start = i;
            i = input[i..]
                .find(INTERP_START)
                .map(|p| p + i)
                .unwrap_or(input.len());
            result.strings.push(InterpolationPiece {
                text: input[start..i].to_string(),
                start: start as u32,
                end: i as u32,
            });
            at_interpolation = true;
        } else {
            let full_start = i;
            let expr_start = full_start + INTERP_START.len();
            let Some(expr_end) = interpolation_end_index(input, INTERP_END, expr_start) else {
                at_interpolation = false;
                extend_last_string = true;
                break;
            };
            let full_end = expr_end + INTERP_END.len();
            let text = &input[expr_start..expr_end];
            if text.trim().is_empty() {
                let col = utf16_col(input, i);
                errors.push(ParseError::new(
                    "Blank expressions are not allowed in interpolated strings",
                    format!("at column {col} in"),
                    input,
                    AbsoluteSpan::new(
                        absolute_offset + full_start as u32,
                        absolute_offset + full_end as u32,
                    ),
                ));
            }
            result.expressions.push(InterpolationPiece {
                text: text.to_string(),
                start: full_start as u32,
                end: full_end as u32,
            });
            let start_in_original = map_index(index_map, full_start as u32);
            result
                .offsets
                .push(start_in_original + INTERP_START.len() as u32);
            i = full_end;
            at_interpolation = false;
        }
    }
    if !at_interpolation {
        if extend_last_string {
            if let Some(piece) = result.strings.last_mut() {
                piece.text.push_str(&input[i..]);
                piece.end = input.len() as u32;
            }
        } else {
            result.strings.push(InterpolationPiece {
                text: input[i..].to_string(),
                start: i as u32,
                end: input.len() as u32,
            });
        }
    }
    (result, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_index_table_matches_the_direct_scan() {
        let alphabet = ["}", "}}", "{{", "'", "\"", "`", "\\", "//", "a", " ", "é"];
        let mut seed = 12345u32;
        for _ in 0..3000 {
            let mut input = String::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                input.push_str(alphabet[(seed % alphabet.len() as u32) as usize]);
            }
            seed = seed.wrapping_add(1);
            let table = EndIndexTable::new(&input);
            for p in unquoted_positions(&input, 0) {
                assert_eq!(
                    table.end_index_from(p),
                    interpolation_end_index(&input, INTERP_END, p),
                    "{input:?} at {p}"
                );
            }
        }
    }
}
