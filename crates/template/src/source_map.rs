//! Offset mapping for inline templates: a template written as a JavaScript string literal in a `.ts` file is
//! parsed in its cooked form (escapes resolved); [`SourceMap`] maps offsets of that cooked text back to byte
//! offsets in the file, so that spans point at what the user wrote.

use crate::span::Span;

/// Maps offsets in a template text to offsets in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    /// `(template_offset, file_offset)` at the start of each run of verbatim characters and of each escape,
    /// sorted by template offset.
    points: Vec<(u32, u32)>,
    template_len: u32,
    /// File offset just after the template's last character (the closing quote's offset).
    file_end: u32,
}

impl SourceMap {
    /// An external template: offset `o` of the template is offset `base + o` in its file.
    pub fn identity(template_len: u32, base: u32) -> Self {
        SourceMap {
            points: vec![(0, base)],
            template_len,
            file_end: base + template_len,
        }
    }

    /// Cooks a JavaScript string literal (`'...'`, `"..."` or a template literal without substitutions,
    /// quotes included) that starts at `file_offset` in its file. Returns the template text and its map, or
    /// `None` when the text is not such a literal.
    pub fn from_js_string_literal(literal: &str, file_offset: u32) -> Option<(String, SourceMap)> {
        let quote = literal.chars().next()?;
        if !matches!(quote, '\'' | '"' | '`') || literal.len() < 2 || !literal.ends_with(quote) {
            return None;
        }
        let body = &literal[1..literal.len() - 1];
        let mut out = String::with_capacity(body.len());
        let mut points: Vec<(u32, u32)> = Vec::new();
        let base = file_offset + 1;
        let bytes = body.as_bytes();
        let mut i = 0usize;
        let mut verbatim_run = false;
        while i < bytes.len() {
            if bytes[i] == b'\\' {
                points.push((out.len() as u32, base + i as u32));
                verbatim_run = false;
                let (consumed, cooked) = cook_escape(&body[i + 1..])?;
                out.push_str(&cooked);
                i += 1 + consumed;
                continue;
            }
            if quote == '`' && body[i..].starts_with("${") {
                return None;
            }
            if !verbatim_run {
                points.push((out.len() as u32, base + i as u32));
                verbatim_run = true;
            }
            let c = body[i..].chars().next()?;
            // CRLF in template literals cooks to LF.
            if quote == '`' && c == '\r' {
                out.push('\n');
                i += if body[i..].starts_with("\r\n") { 2 } else { 1 };
                verbatim_run = false;
                continue;
            }
            out.push(c);
            i += c.len_utf8();
        }
        if points.is_empty() {
            points.push((0, base));
        }
        let len = out.len() as u32;
        Some((
            out,
            SourceMap {
                points,
                template_len: len,
                file_end: base + body.len() as u32,
            },
        ))
    }

    /// The file offset of template offset `offset`. Inside an escape sequence's cooked characters, the offset
    /// of the escape itself.
    pub fn to_file(&self, offset: u32) -> u32 {
        if offset >= self.template_len {
            return self.file_end;
        }
        let idx = self.points.partition_point(|(t, _)| *t <= offset);
        if idx == 0 {
            return self.points.first().map(|p| p.1).unwrap_or(0);
        }
        let (t, f) = self.points[idx - 1];
        // Verbatim runs map one to one; an escape maps all its cooked bytes to its start.
        let next_t = self
            .points
            .get(idx)
            .map(|p| p.0)
            .unwrap_or(self.template_len);
        let next_f = self.points.get(idx).map(|p| p.1).unwrap_or(self.file_end);
        if next_f - f == next_t - t {
            f + (offset - t)
        } else {
            f
        }
    }

    pub fn span_to_file(&self, span: Span) -> Span {
        Span::new(self.to_file(span.start), self.to_file(span.end))
    }
}

/// Cooks one escape (the text after the backslash): (bytes consumed, cooked text).
fn cook_escape(s: &str) -> Option<(usize, String)> {
    let c = s.chars().next()?;
    Some(match c {
        'n' => (1, "\n".into()),
        'r' => (1, "\r".into()),
        't' => (1, "\t".into()),
        'b' => (1, "\u{8}".into()),
        'f' => (1, "\u{c}".into()),
        'v' => (1, "\u{b}".into()),
        '0' if !s[1..].starts_with(|c: char| c.is_ascii_digit()) => (1, "\0".into()),
        'x' => {
            let hex = s.get(1..3)?;
            (
                3,
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)?.to_string(),
            )
        }
        'u' => {
            if s[1..].starts_with('{') {
                let end = s.find('}')?;
                let v = u32::from_str_radix(&s[2..end], 16).ok()?;
                (end + 1, char::from_u32(v)?.to_string())
            } else {
                let hex = s.get(1..5)?;
                let v = u32::from_str_radix(hex, 16).ok()?;
                // A surrogate pair written as two escapes.
                if (0xd800..0xdc00).contains(&v) && s[5..].starts_with("\\u") {
                    let lo = u32::from_str_radix(s.get(7..11)?, 16).ok()?;
                    let cp = 0x10000 + ((v - 0xd800) << 10) + (lo.checked_sub(0xdc00)?);
                    (11, char::from_u32(cp)?.to_string())
                } else {
                    (5, char::from_u32(v).unwrap_or('\u{fffd}').to_string())
                }
            }
        }
        '\r' => (if s.starts_with("\r\n") { 2 } else { 1 }, String::new()),
        '\n' | '\u{2028}' | '\u{2029}' => (c.len_utf8(), String::new()),
        other => (other.len_utf8(), other.to_string()),
    })
}
