//! Byte offset → line and column, in the two units the project needs: UTF-16 code units (what
//! TypeScript and Angular report, and so what metadata positions hold) and characters.

/// Zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Line starts of a text, with TypeScript's line terminators: `\n`, `\r\n`, `\r`, U+2028, U+2029.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0u32];
        let bytes = text.as_bytes();
        let mut i = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                b'\n' => line_starts.push(i as u32 + 1),
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9 in UTF-8.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9)) =>
                {
                    i += 2;
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Line and column in UTF-16 code units, as TypeScript's `getLineAndCharacterOfPosition`.
    pub fn utf16_line_col(&self, text: &str, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(text.len());
        let col = text.get(start..end).map_or(0, |s| s.encode_utf16().count());
        LineCol { line: line as u32, col: col as u32 }
    }
}

impl LineIndex {
    /// The byte offset of a zero-based line and UTF-16 column (the inverse of
    /// [`LineIndex::utf16_line_col`]); `None` past the end of the line's text.
    pub fn offset_of_utf16(&self, text: &str, line: u32, col: u32) -> Option<u32> {
        let start = *self.line_starts.get(line as usize)? as usize;
        let mut units = 0u32;
        for (i, c) in text.get(start..)?.char_indices() {
            if units >= col {
                return Some((start + i) as u32);
            }
            units += c.len_utf16() as u32;
        }
        (units >= col).then_some(text.len() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_utf16_units_and_all_line_terminators() {
        let text = "a\r\nb\rc\u{2028}d\n😀x";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        assert_eq!(idx.utf16_line_col(text, x), LineCol { line: 4, col: 2 });
        let d = text.find('d').unwrap() as u32;
        assert_eq!(idx.utf16_line_col(text, d), LineCol { line: 3, col: 0 });
        assert_eq!(idx.utf16_line_col(text, 0), LineCol { line: 0, col: 0 });
        assert_eq!(idx.offset_of_utf16(text, 4, 2), Some(x));
        assert_eq!(idx.offset_of_utf16(text, 3, 0), Some(d));
    }
}
