//! JavaScript strings in Rust `String`s.
//!
//! A JavaScript string is a sequence of UTF-16 code units and may hold lone surrogates, which a
//! `str` cannot. They are carried as the plane-16 private-use characters U+10F800–U+10FFFF
//! (one per surrogate code unit) and turned back into `\udXXX` escapes when serialised, as
//! `JSON.stringify` writes them. Length, indexing and concatenation work on code units.

use swc_atoms::wtf8::Wtf8;

const CARRIER_BASE: u32 = 0x10F800;

/// The lone surrogate a carrier character stands for.
pub(crate) fn lone_surrogate(c: char) -> Option<u16> {
    let c = c as u32;
    (CARRIER_BASE..=CARRIER_BASE + 0x7FF).contains(&c).then(|| (0xD800 + (c - CARRIER_BASE)) as u16)
}

fn carrier(unit: u16) -> char {
    char::from_u32(CARRIER_BASE + u32::from(unit) - 0xD800).unwrap_or('\u{FFFD}')
}

fn has_carrier(s: &str) -> bool {
    s.chars().any(|c| lone_surrogate(c).is_some())
}

/// A string literal's value as JavaScript sees it.
pub(crate) fn from_wtf8(value: &Wtf8) -> String {
    value
        .code_points()
        .map(|cp| {
            let cp = cp.to_u32();
            match cp {
                0xD800..=0xDFFF => carrier(cp as u16),
                _ => char::from_u32(cp).unwrap_or('\u{FFFD}'),
            }
        })
        .collect()
}

/// The UTF-16 code units of a string.
pub(crate) fn utf16_units(s: &str) -> Vec<u16> {
    let mut units = Vec::with_capacity(s.len());
    let mut buf = [0u16; 2];
    for c in s.chars() {
        match lone_surrogate(c) {
            Some(unit) => units.push(unit),
            None => units.extend_from_slice(c.encode_utf16(&mut buf)),
        }
    }
    units
}

/// The string of a sequence of UTF-16 code units.
pub(crate) fn from_units(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or_else(|e| carrier(e.unpaired_surrogate())))
        .collect()
}

/// `a + b`: a high and a low surrogate meeting at the seam become one character.
pub(crate) fn concat(a: &str, b: &str) -> String {
    if has_carrier(a) || has_carrier(b) {
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
        assert_eq!(utf16_units("a😀"), vec![0x61, 0xD83D, 0xDE00]);
    }
}
