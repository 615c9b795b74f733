//! Edits on the source text: the output is the original text with ranges replaced.
//!
//! tsc re-prints unchanged code token for token as written (literals, parentheses, trailing
//! commas, arrow parameter lists), so the emitter keeps the source and edits it: type syntax is
//! deleted, TypeScript-only declarations are replaced by their JavaScript, statements get the
//! semicolons tsc prints.
//!
//! An edit replaces `lo..hi` (empty for an insertion) and has a sequence number. Walks record
//! children before parents; a parent that moves or rewrites a subtree renders it with
//! [`Patches::render`] (which applies the children's edits) and then replaces the whole range.
//! A later edit covering `lo..=hi` supersedes every earlier one inside it, so the children's
//! edits are not applied twice. A deletion renders nothing of its range, so an insertion at
//! its start stays (`f(a,)` with text inserted after `a` and the comma deleted).

use std::collections::BTreeMap;

#[derive(Debug)]
struct Edit {
    hi: u32,
    text: String,
}

/// The edits of one file.
pub(crate) struct Patches<'a> {
    src: &'a str,
    /// Keyed by `(lo, seq)`.
    edits: BTreeMap<(u32, u32), Edit>,
    seq: u32,
}

impl<'a> Patches<'a> {
    pub fn new(src: &'a str) -> Self {
        Patches { src, edits: BTreeMap::new(), seq: 0 }
    }

    /// Replaces `lo..hi` with `text`.
    pub fn replace(&mut self, lo: u32, hi: u32, text: impl Into<String>) {
        let hi = hi.max(lo);
        self.seq += 1;
        self.edits.insert((lo, self.seq), Edit { hi, text: text.into() });
    }

    pub fn delete(&mut self, lo: u32, hi: u32) {
        if hi > lo {
            self.replace(lo, hi, String::new());
        }
    }

    pub fn insert(&mut self, at: u32, text: impl Into<String>) {
        self.replace(at, at, text);
    }

    /// The text of `lo..hi` with the edits inside it applied. Insertions at `hi` are included
    /// only with `include_end` (a statement's added semicolon belongs to the statement, not to
    /// its last expression).
    pub fn render(&self, lo: u32, hi: u32, include_end: bool) -> String {
        // Candidates: edits starting in lo..=hi and ending by hi.
        let mut candidates: Vec<(u32, u32, &Edit)> = self
            .edits
            .range((lo, 0)..=(hi, u32::MAX))
            .filter(|((start, _), e)| e.hi <= hi && (include_end || *start < hi || e.hi > *start))
            .map(|((start, seq), e)| (*start, *seq, e))
            .collect();
        // Latest first: keep an edit unless a later one covers it.
        candidates.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut kept: Vec<(u32, u32, &Edit)> = Vec::with_capacity(candidates.len());
        // Ranges of the kept replacements, with whether each is a pure deletion.
        let mut covering: Vec<(u32, u32, bool)> = Vec::new();
        for (start, seq, edit) in candidates {
            let is_insertion = edit.hi == start;
            let covered = covering.iter().any(|&(l, h, deletion)| {
                l <= start && edit.hi <= h && !(deletion && is_insertion && start == l)
            });
            let overlaps =
                covering.iter().any(|&(l, h, _)| start < h && edit.hi > l && !(l <= start && edit.hi <= h));
            if covered || overlaps {
                continue;
            }
            if !is_insertion {
                covering.push((start, edit.hi, edit.text.is_empty()));
            }
            kept.push((start, seq, edit));
        }
        // Source order; at one position insertions (in sequence) come before a replacement.
        kept.sort_by_key(|k| (k.0, k.2.hi > k.0, k.1));
        let mut out = String::with_capacity((hi - lo) as usize + 16);
        let mut cursor = lo;
        for (start, _, edit) in kept {
            if start < cursor {
                continue;
            }
            out.push_str(self.slice(cursor, start));
            out.push_str(&edit.text);
            cursor = edit.hi.max(start);
        }
        out.push_str(self.slice(cursor, hi));
        out
    }

    pub fn slice(&self, lo: u32, hi: u32) -> &'a str {
        self.src.get(lo as usize..hi as usize).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_edits_supersede_the_ones_they_cover() {
        let mut p = Patches::new("let a: T = (b as any);");
        p.delete(5, 8);
        p.delete(13, 20);
        p.replace(11, 21, "b");
        p.insert(22, ";");
        assert_eq!(p.render(0, 22, true), "let a = b;;");
        assert_eq!(p.render(0, 22, false), "let a = b;");
    }

    #[test]
    fn an_insertion_at_the_start_of_a_later_deletion_stays() {
        let mut p = Patches::new("f(a,)");
        p.insert(3, ", b");
        p.delete(3, 4);
        assert_eq!(p.render(0, 5, true), "f(a, b)");
        // A rewrite of the range renders the insertion itself: it is not applied twice.
        p.replace(2, 4, "A, b");
        assert_eq!(p.render(0, 5, true), "f(A, b)");
    }

    #[test]
    fn insertions_before_a_replacement_at_the_same_position() {
        let mut p = Patches::new("abc");
        p.replace(1, 2, "X");
        p.insert(1, "(");
        assert_eq!(p.render(0, 3, true), "a(Xc");
    }
}
