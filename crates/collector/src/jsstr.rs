//! JavaScript strings in Rust `String`s.
//!
//! A JavaScript string is a sequence of UTF-16 code units and may hold lone surrogates, which a
//! `str` cannot. A lone surrogate `0xD800 + k` is carried as the noncharacter U+FDD0 followed
//! by the private-use character U+E000 + k; a real U+FDD0 is carried as two U+FDD0. Every
//! other character stands for itself, so ordinary strings are unchanged. Length, indexing,
//! comparison and concatenation work on code units, and serialisation writes lone surrogates
//! as `\udXXX`, as `JSON.stringify` does.

use swc_atoms::wtf8::Wtf8;

/// Starts an escape: a lone surrogate or a literal U+FDD0 follows.
const ESCAPE: char = '\u{FDD0}';
const CARRIER_BASE: u32 = 0xE000;

/// One piece of an encoded string.
pub(crate) enum Piece {
    Char(char),
    LoneSurrogate(u16),
}

/// The pieces of an encoded string, in order.
pub(crate) fn pieces(s: &str) -> impl Iterator<Item = Piece> + '_ {
    let mut chars = s.chars();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        if c != ESCAPE {
            return Some(Piece::Char(c));
        }
        Some(match chars.next() {
            Some(next) if next == ESCAPE => Piece::Char(ESCAPE),
            Some(next) if (CARRIER_BASE..CARRIER_BASE + 0x800).contains(&(next as u32)) => {
                Piece::LoneSurrogate((0xD800 + (next as u32 - CARRIER_BASE)) as u16)
            }
            // Not produced by this module; kept as it is.
            _ => Piece::Char(ESCAPE),
        })
    })
}

fn push_unit(out: &mut String, unit: u16) {
    out.push(ESCAPE);
    out.push(char::from_u32(CARRIER_BASE + u32::from(unit) - 0xD800).unwrap_or(ESCAPE));
}

fn push_char(out: &mut String, c: char) {
    if c == ESCAPE {
        out.push(ESCAPE);
    }
    out.push(c);
}

/// A string literal's value as JavaScript sees it.
pub(crate) fn from_wtf8(value: &Wtf8) -> String {
    let mut out = String::new();
    for cp in value.code_points() {
        match cp.to_u32() {
            unit @ 0xD800..=0xDFFF => push_unit(&mut out, unit as u16),
            other => push_char(&mut out, char::from_u32(other).unwrap_or('\u{FFFD}')),
        }
    }
    out
}

/// The UTF-16 code units of an encoded string.
pub(crate) fn utf16_units(s: &str) -> Vec<u16> {
    let mut units = Vec::with_capacity(s.len());
    let mut buf = [0u16; 2];
    for piece in pieces(s) {
        match piece {
            Piece::Char(c) => units.extend_from_slice(c.encode_utf16(&mut buf)),
            Piece::LoneSurrogate(unit) => units.push(unit),
        }
    }
    units
}

/// The encoded string of a sequence of UTF-16 code units.
pub(crate) fn from_units(units: &[u16]) -> String {
    let mut out = String::new();
    for decoded in char::decode_utf16(units.iter().copied()) {
        match decoded {
            Ok(c) => push_char(&mut out, c),
            Err(e) => push_unit(&mut out, e.unpaired_surrogate()),
        }
    }
    out
}

/// `a + b`: a high and a low surrogate meeting at the seam become one character.
pub(crate) fn concat(a: &str, b: &str) -> String {
    if a.contains(ESCAPE) || b.contains(ESCAPE) {
        let mut units = utf16_units(a);
        units.extend(utf16_units(b));
        from_units(&units)
    } else {
        let mut s = String::with_capacity(a.len() + b.len());
        s.push_str(a);
        s.push_str(b);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_survive_and_pair_up_when_concatenated() {
        let high = from_units(&[0xD83D]);
        let low = from_units(&[0xDE00]);
        assert_eq!(utf16_units(&high), vec![0xD83D]);
        assert_eq!(concat(&high, &low), "😀");
        assert_eq!(utf16_units("a😀\u{10FFFF}"), vec![0x61, 0xD83D, 0xDE00, 0xDBFF, 0xDFFF]);
        let escape = from_units(&[0xFDD0]);
        assert_eq!(utf16_units(&escape), vec![0xFDD0]);
        assert_eq!(utf16_units(&concat(&escape, &high)), vec![0xFDD0, 0xD83D]);
    }
}
