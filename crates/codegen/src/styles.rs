//! Component style scoping, as `@angular/compiler` 22.2 does it.
//!
//! [`shim_css_text`] is Angular's `ShadowCss.shimCssText`: it rewrites a stylesheet for
//! `ViewEncapsulation.Emulated` — `:host`, `:host(..)`, `:host-context(..)`, `::ng-deep`
//! (`/deep/`, `>>>`), top-level `@keyframes` names and the `animation`/`animation-name`
//! declarations that use them, nested at-rules (`@media`, `@supports`, `@container`,
//! `@layer`, `@scope`, `@document`, `@starting-style`), comments (dropped except
//! `sourceMappingURL` ones, newlines kept), strings and escapes.
//! [`encapsulate_style`] is Angular's exported `encapsulateStyle(style)`.
//! [`compile_component_styles`] is what `compileComponentFromMetadata` puts in a component's
//! `styles` array: CSS custom properties namespaced ([`namespace_css_variables`]) for every
//! encapsulation, then scoped for Emulated only, empty styles dropped.
//!
//! Angular does this with regular expressions; every one of them is re-implemented here by
//! hand as a linear scan that reproduces the regular expression's (backtracking) result, so
//! that the output is byte-identical. Known deliberate divergences:
//! - Angular keeps the `lastIndex` of its global `::ng-deep` regular expression between
//!   components of one compilation; we start each call afresh (the oracle resets it too).
//! - Nesting deeper than [`MAX_DEPTH`] blocks or pseudo-functions is left unscoped instead of
//!   recursing further (Angular recurses until the JS stack overflows).
//! - `:host-context` combinations that would produce more than [`MAX_HOST_CONTEXT_COMBINATIONS`]
//!   selectors are not expanded (Angular's output grows as 3^n).

use std::collections::HashSet;

/// Deepest nesting of blocks / pseudo-functions that is still scoped.
pub const MAX_DEPTH: usize = 200;
/// Cap on the selectors one `:host-context(..)` chain may expand to.
pub const MAX_HOST_CONTEXT_COMBINATIONS: usize = 10_000;

const CONTENT_ATTR: &str = "_ngcontent-%COMP%";
const HOST_ATTR: &str = "_nghost-%COMP%";

const POLYFILL_HOST: &str = "-shadowcsshost";
const POLYFILL_HOST_CONTEXT: &str = "-shadowcsscontext";
const HOST_NO_COMBINATOR: &str = "-shadowcsshost-no-combinator";
const COMMENT_PLACEHOLDER: &str = "%COMMENT%";
const BLOCK_PLACEHOLDER: &str = "%BLOCK%";
const SCOPED_AT_RULES: [&str; 7] = [
    "@media",
    "@supports",
    "@document",
    "@layer",
    "@container",
    "@scope",
    "@starting-style",
];
const ANIMATION_KEYWORDS: [&str; 27] = [
    "inherit",
    "initial",
    "revert",
    "unset",
    "alternate",
    "alternate-reverse",
    "normal",
    "reverse",
    "backwards",
    "both",
    "forwards",
    "none",
    "paused",
    "running",
    "ease",
    "ease-in",
    "ease-in-out",
    "ease-out",
    "linear",
    "step-start",
    "step-end",
    "end",
    "jump-both",
    "jump-end",
    "jump-none",
    "jump-start",
    "start",
];

/// The view encapsulation of a component, as far as styles are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encapsulation {
    /// `ViewEncapsulation.Emulated` (the default): styles are scoped with attributes.
    Emulated,
    /// `ViewEncapsulation.None`.
    None,
    /// `ViewEncapsulation.ShadowDom` (and the isolated variant): no rewriting.
    ShadowDom,
}

/// `ShadowCss.shimCssText(css, contentAttr, hostAttr)`.
pub fn shim_css_text(css: &str, content_attr: &str, host_attr: &str) -> String {
    ShadowCss::default().shim_css_text(css, content_attr, host_attr)
}

/// Angular's `encapsulateStyle(style)`: the style scoped with `_ngcontent-%COMP%` /
/// `_nghost-%COMP%`.
pub fn encapsulate_style(css: &str) -> String {
    shim_css_text(css, CONTENT_ATTR, HOST_ATTR)
}

/// The `styles` array values `compileComponentFromMetadata` emits for a component.
pub fn compile_component_styles(styles: &[&str], encapsulation: Encapsulation) -> Vec<String> {
    let mut shadow = ShadowCss::default();
    styles
        .iter()
        .map(|s| namespace_css_variables(s))
        .map(|s| match encapsulation {
            Encapsulation::Emulated => shadow.shim_css_text(&s, CONTENT_ATTR, HOST_ATTR),
            Encapsulation::None | Encapsulation::ShadowDom => s,
        })
        .filter(|s| !js_trim(s).is_empty())
        .collect()
}

/// Angular's `namespaceCssVariables`: `--x:` and `var(--x` / `@property --x` become
/// `--%NS%x` (`--global--x` becomes `--x`).
pub fn namespace_css_variables(css: &str) -> String {
    let b = css.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n + 16);
    let mut p = 0;
    let mut copied = 0;
    while p < n {
        let c = b[p];
        if c != b'-' && c != b'v' && c != b'@' {
            p += 1;
            continue;
        }
        let mut name_start = None;
        if css[p..].starts_with("var(") {
            let q = ws_end(css, p + 4);
            if css[q..].starts_with("--") {
                name_start = Some(q);
            }
        } else if css[p..].starts_with("@property") {
            let q = ws_end(css, p + 9);
            if q > p + 9 && css[q..].starts_with("--") {
                name_start = Some(q);
            }
        }
        let has_prefix = name_start.is_some();
        let start = name_start.unwrap_or(p);
        if !css[start..].starts_with("--") {
            p += 1;
            continue;
        }
        let mut e = start + 2;
        for ch in css[e..].chars() {
            if ch.is_ascii_alphanumeric() || ch == '_' || ch == '-' || !ch.is_ascii() {
                e += ch.len_utf8();
            } else {
                break;
            }
        }
        if e == start + 2 {
            p += 1;
            continue;
        }
        let w = ws_end(css, e);
        let colon_end = if css[w..].starts_with(':') { Some(w + 1) } else { None };
        let end = colon_end.unwrap_or(e);
        if has_prefix || colon_end.is_some() {
            out.push_str(&css[copied..start]);
            let name = &css[start..e];
            if let Some(rest) = name.strip_prefix("--global--") {
                out.push_str("--");
                out.push_str(rest);
            } else {
                out.push_str("--%NS%");
                out.push_str(&name[2..]);
            }
            out.push_str(&css[e..end]);
            copied = end;
        }
        p = end;
    }
    out.push_str(&css[copied..]);
    out
}

// ---------------------------------------------------------------------------------------
// Character helpers (JavaScript semantics)

fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{b}'
            | '\u{c}'
            | '\r'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

fn js_trim_end(s: &str) -> &str {
    s.trim_end_matches(is_js_space)
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|t| t.chars().next())
}

/// End of the run of JS whitespace starting at `i`.
fn ws_end(s: &str, i: usize) -> usize {
    let mut j = i;
    while let Some(c) = char_at(s, j) {
        if is_js_space(c) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

fn starts_with_ci(s: &str, i: usize, pat: &str) -> bool {
    s.as_bytes()
        .get(i..i + pat.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(pat.as_bytes()))
}

fn find_ci(s: &str, from: usize, pat: &str) -> Option<usize> {
    let b = s.as_bytes();
    let p = pat.as_bytes();
    if p.is_empty() || from > b.len() {
        return None;
    }
    (from..=b.len().saturating_sub(p.len()))
        .find(|&i| b.get(i..i + p.len()).is_some_and(|t| t.eq_ignore_ascii_case(p)))
}

/// Byte index -> UTF-16 index (for emulating `lastIndex`).
fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn byte_index_of_utf16(s: &str, units: usize) -> Option<usize> {
    let mut count = 0;
    for (i, c) in s.char_indices() {
        if count >= units {
            return Some(i);
        }
        count += c.len_utf16();
    }
    if count >= units {
        Some(s.len())
    } else {
        None
    }
}

/// Emulates the lookahead `[^)(]*(?:\((?:...)\)[^)(]*)*\)` (parens nested at most three deep):
/// entry `i` is true when scanning from byte `i` reaches a `)` that closes nothing.
fn paren_close_ahead(s: &str) -> Vec<bool> {
    let b = s.as_bytes();
    let n = b.len();
    let mut close = vec![usize::MAX; n];
    let mut height = vec![0usize; n];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for (i, &c) in b.iter().enumerate() {
        if c == b'(' {
            stack.push((i, 0));
        } else if c == b')' {
            if let Some((open, child)) = stack.pop() {
                let h = child + 1;
                close[open] = i;
                height[open] = h;
                if let Some(parent) = stack.last_mut() {
                    parent.1 = parent.1.max(h);
                }
            }
        }
    }
    let mut f = vec![false; n + 1];
    for i in (0..n).rev() {
        f[i] = match b[i] {
            b')' => true,
            b'(' => close[i] != usize::MAX && height[i] <= 3 && f[close[i] + 1],
            _ => f[i + 1],
        };
    }
    f
}

/// Emulates `\(((?:\((?:\([^)(]*\)|[^)(]*)+?\)|[^)(]*)+?)\)` at `i`: returns the content range
/// end (index of the closing paren) when it matches.
fn paren_suffix(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    if b.get(i) != Some(&b'(') {
        return None;
    }
    let mut depth = 0usize;
    for (j, &c) in b.iter().enumerate().skip(i) {
        if c == b'(' {
            depth += 1;
            if depth > 3 {
                return None;
            }
        } else if c == b')' {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// `ShadowCss._splitOnTopLevelCommas`.
fn split_top_level_commas(text: &str, return_on_closing_paren: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut parens: i64 = 0;
    let mut prev = 0;
    for (i, c) in text.bytes().enumerate() {
        match c {
            b'(' => parens += 1,
            b')' => {
                parens -= 1;
                if parens < 0 && return_on_closing_paren {
                    out.push(&text[prev..i]);
                    return out;
                }
            }
            b',' if parens == 0 => {
                out.push(&text[prev..i]);
                prev = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[prev..]);
    out
}

/// `selector.split(/ ?,(?!<inside parens>) ?/)`.
fn split_selector_commas(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let n = b.len();
    if !b.contains(&b',') {
        return vec![s];
    }
    let f = paren_close_ahead(s);
    let mut parts = Vec::new();
    let (mut last, mut p) = (0, 0);
    while p < n {
        let (start, comma) = if b[p] == b' ' && b.get(p + 1) == Some(&b',') {
            (p, p + 1)
        } else if b[p] == b',' {
            (p, p)
        } else {
            p += 1;
            continue;
        };
        if f[comma + 1] {
            p += 1;
            continue;
        }
        let mut end = comma + 1;
        if b.get(end) == Some(&b' ') {
            end += 1;
        }
        parts.push(&s[last..start]);
        last = end;
        p = end;
    }
    parts.push(&s[last..]);
    parts
}

const DEEP_COMBINATORS: [&str; 3] = [">>>", "/deep/", "::ng-deep"];

/// Finds the next `>>>` / `/deep/` / `::ng-deep` at or after `from`: (start, end).
fn find_deep(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    (from..b.len()).find_map(|i| {
        DEEP_COMBINATORS
            .iter()
            .find(|d| b[i..].starts_with(d.as_bytes()))
            .map(|d| (i, i + d.len()))
    })
}

fn split_deep(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut last, mut from) = (0, 0);
    while let Some((a, e)) = find_deep(s, from) {
        out.push(&s[last..a]);
        last = e;
        from = e;
    }
    out.push(&s[last..]);
    out
}

fn replace_deep(s: &str, with: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut last, mut from) = (0, 0);
    while let Some((a, e)) = find_deep(s, from) {
        out.push_str(&s[last..a]);
        out.push_str(with);
        last = e;
        from = e;
    }
    out.push_str(&s[last..]);
    out
}

/// Replaces every ASCII-case-insensitive occurrence of `pat`.
fn replace_all_ci(s: &str, pat: &str, with: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut last, mut from) = (0, 0);
    while let Some(i) = find_ci(s, from, pat) {
        out.push_str(&s[last..i]);
        out.push_str(with);
        last = i + pat.len();
        from = last;
    }
    out.push_str(&s[last..]);
    out
}

/// `s.match(/([^:]*)(:*)([\s\S]*)/)`: (before, colons, after).
fn split_at_colons(s: &str) -> (&str, &str, &str) {
    let a = s.find(':').unwrap_or(s.len());
    let rest = &s[a..];
    let c = rest.len() - rest.trim_start_matches(':').len();
    (&s[..a], &rest[..c], &rest[c..])
}

// ---------------------------------------------------------------------------------------
// processRules

struct CssRule {
    selector: String,
    content: String,
    is_block: bool,
}

const STRING_ESCAPES: [(char, &str); 5] = [
    (';', "%SEMI_IN_PLACEHOLDER%"),
    (',', "%COMMA_IN_PLACEHOLDER%"),
    (':', "%COLON_IN_PLACEHOLDER%"),
    ('{', "%LBRACE_IN_PLACEHOLDER%"),
    ('}', "%RBRACE_IN_PLACEHOLDER%"),
];

fn escape_in_strings(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut quote: Option<char> = None;
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(c);
            if let Some(next) = chars.next() {
                out.push(next);
            }
            continue;
        }
        match quote {
            Some(q) if c == q => {
                quote = None;
                out.push(c);
            }
            Some(_) => match STRING_ESCAPES.iter().find(|(k, _)| *k == c) {
                Some((_, ph)) => out.push_str(ph),
                None => out.push(c),
            },
            None => {
                if c == '\'' || c == '"' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

fn unescape_in_strings(input: &str) -> String {
    // Same order as Angular: comma, semicolon, colon, left brace, right brace.
    let mut s = input.replace("%COMMA_IN_PLACEHOLDER%", ",");
    for (c, ph) in [
        (";", "%SEMI_IN_PLACEHOLDER%"),
        (":", "%COLON_IN_PLACEHOLDER%"),
        ("{", "%LBRACE_IN_PLACEHOLDER%"),
        ("}", "%RBRACE_IN_PLACEHOLDER%"),
    ] {
        if s.contains(ph) {
            s = s.replace(ph, c);
        }
    }
    s
}

/// `escapeBlocks(input, {'{': '}'}, '%BLOCK%')`.
fn escape_blocks(input: &str) -> (String, Vec<String>) {
    let b = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut non_block_start = 0;
    let mut block_start: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\\' {
            i += 1;
            // Skip one whole character.
            if let Some(ch) = char_at(input, i) {
                i += ch.len_utf8();
            }
            continue;
        }
        if depth > 0 && c == b'}' {
            depth -= 1;
            if depth == 0 {
                let start = block_start.unwrap_or(i);
                blocks.push(input[start..i].to_string());
                out.push_str(BLOCK_PLACEHOLDER);
                non_block_start = i;
                block_start = None;
            }
        } else if depth > 0 && c == b'{' {
            depth += 1;
        } else if depth == 0 && c == b'{' {
            depth = 1;
            block_start = Some(i + 1);
            out.push_str(&input[non_block_start..i + 1]);
        }
        i += 1;
    }
    match block_start {
        Some(start) => {
            blocks.push(input[start.min(input.len())..].to_string());
            out.push_str(BLOCK_PLACEHOLDER);
        }
        None => out.push_str(&input[non_block_start..]),
    }
    (out, blocks)
}

struct RuleMatch {
    sel_start: usize,
    sel_end: usize,
    g3_end: usize,
    end: usize,
    block: bool,
}

/// Emulates `_ruleRe` at position `p`.
fn match_rule(s: &str, p: usize) -> Option<RuleMatch> {
    let b = s.as_bytes();
    let n = b.len();
    let mut start = ws_end(s, p);
    while s[start..].starts_with(COMMENT_PLACEHOLDER) {
        start = ws_end(s, start + COMMENT_PLACEHOLDER.len());
    }
    let q = (start..n).find(|&i| matches!(b[i], b';' | b'{' | b'}')).unwrap_or(n);
    enum End {
        Eof,
        Semi,
        Block,
    }
    let end_kind = if q == n {
        End::Eof
    } else if b[q] == b';' {
        End::Semi
    } else if s[q..].starts_with("{%BLOCK%") {
        End::Block
    } else {
        return None;
    };
    if start == q {
        if start == p {
            return None;
        }
        let last = s[..start].chars().next_back()?;
        start = if is_js_space(last) {
            start - last.len_utf8()
        } else {
            start.checked_sub(COMMENT_PLACEHOLDER.len())?
        };
    }
    let mut t = q;
    while t > start {
        match s[..t].chars().next_back() {
            Some(c) if is_js_space(c) => t -= c.len_utf8(),
            _ => break,
        }
    }
    let first_len = char_at(s, start).map_or(1, char::len_utf8);
    let sel_end = t.max(start + first_len);
    let (end, block) = match end_kind {
        End::Eof => (q, false),
        End::Semi => (q + 1, false),
        End::Block => {
            let mut e = q + 1 + BLOCK_PLACEHOLDER.len();
            if b.get(e) == Some(&b'}') {
                e += 1;
            }
            e = ws_end(s, e);
            if b.get(e) == Some(&b';') {
                e += 1;
            }
            (e, true)
        }
    };
    Some(RuleMatch { sel_start: start, sel_end, g3_end: q, end, block })
}

fn process_rules(input: &str, cb: &mut dyn FnMut(CssRule) -> CssRule) -> String {
    let escaped = escape_in_strings(input);
    let (s, blocks) = escape_blocks(&escaped);
    let mut blocks = blocks.into_iter();
    let b = s.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut p = 0;
    while p < n {
        match match_rule(&s, p) {
            Some(m) => {
                let mut suffix = &s[m.g3_end..m.end];
                let mut content = String::new();
                let mut prefix = "";
                if m.block {
                    content = blocks.next().unwrap_or_default();
                    suffix = &suffix[1 + BLOCK_PLACEHOLDER.len()..];
                    prefix = "{";
                }
                let rule = cb(CssRule {
                    selector: s[m.sel_start..m.sel_end].to_string(),
                    content,
                    is_block: m.block,
                });
                out.push_str(&s[p..m.sel_start]);
                out.push_str(&rule.selector);
                out.push_str(&s[m.sel_end..m.g3_end]);
                out.push_str(prefix);
                out.push_str(&rule.content);
                out.push_str(suffix);
                p = m.end;
            }
            None => {
                let q = (p..n).find(|&i| matches!(b[i], b';' | b'{' | b'}')).unwrap_or(n);
                let stop = (q + 1).min(n);
                out.push_str(&s[p..stop]);
                p = stop;
            }
        }
    }
    unescape_in_strings(&out)
}

// ---------------------------------------------------------------------------------------
// Keyframes

/// `unescapeQuotes(str, isQuoted)`.
fn unescape_quotes(s: &str, quoted: bool) -> String {
    if !quoted {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut run = 0usize;
    for c in s.chars() {
        if c == '\\' {
            run += 1;
            continue;
        }
        let keep = if (c == '\'' || c == '"') && run % 2 == 1 { run - 1 } else { run };
        out.extend(std::iter::repeat_n('\\', keep));
        run = 0;
        out.push(c);
    }
    out.extend(std::iter::repeat_n('\\', run));
    out
}

fn is_quote(c: char) -> bool {
    c == '\'' || c == '"'
}

/// `(['"]?)(.+?)\2(\s*)$` style tail after `s0` (quoted: closing quote is the last non-space).
fn quoted_tail(s: &str, s0: usize) -> Option<(char, usize, usize)> {
    let q = char_at(s, s0).filter(|c| is_quote(*c))?;
    let body_start = s0 + 1;
    let t = js_trim_end(&s[body_start..]);
    let name = t.strip_suffix(q)?;
    if name.is_empty() || name.chars().any(is_line_terminator) {
        return None;
    }
    Some((q, body_start, body_start + name.len()))
}

/// Emulates `/(^@(?:-webkit-)?keyframes(?:\s+))(['"]?)(.+)\2(\s*)$/`:
/// returns (prefix end, quote, name range).
fn match_keyframes_selector(s: &str) -> Option<(usize, Option<char>, usize, usize)> {
    let kw = if s.starts_with("@keyframes") {
        "@keyframes".len()
    } else if s.starts_with("@-webkit-keyframes") {
        "@-webkit-keyframes".len()
    } else {
        return None;
    };
    let s0 = ws_end(s, kw);
    if s0 == kw {
        return None;
    }
    if s0 < s.len() {
        if let Some((q, a, e)) = quoted_tail(s, s0) {
            return Some((s0, Some(q), a, e));
        }
        let lt = s[s0..].find(is_line_terminator).map_or(s.len(), |i| s0 + i);
        if s[lt..].chars().all(is_js_space) {
            return Some((s0, None, s0, lt));
        }
        return None;
    }
    // Only whitespace after the keyword: the regex backtracks into it.
    let (j, c) = s[kw..].char_indices().rev().find(|(_, c)| !is_line_terminator(*c))?;
    let j = kw + j;
    if j == kw {
        return None;
    }
    Some((j, None, j, j + c.len_utf8()))
}

/// Emulates `/^(\s*)(['"]?)(.+?)\2(\s*)$/` -> (s1 end, quote, name range).
fn match_keyframe_use(s: &str) -> Option<(usize, Option<char>, usize, usize)> {
    let s1 = ws_end(s, 0);
    if s1 < s.len() {
        if let Some((q, a, e)) = quoted_tail(s, s1) {
            return Some((s1, Some(q), a, e));
        }
        let e = s1 + js_trim_end(&s[s1..]).len();
        if s[s1..e].chars().any(is_line_terminator) {
            return None;
        }
        return Some((s1, None, s1, e));
    }
    let (j, c) = s.char_indices().rev().find(|(_, c)| !is_line_terminator(*c))?;
    Some((j, None, j, j + c.len_utf8()))
}

fn scope_animation_keyframe(k: &str, scope: &str, names: &HashSet<String>) -> String {
    let Some((s1, quote, a, e)) = match_keyframe_use(k) else {
        return k.to_string();
    };
    let name = &k[a..e];
    let mut out = String::with_capacity(k.len() + scope.len() + 1);
    out.push_str(&k[..s1]);
    if let Some(q) = quote {
        out.push(q);
    }
    if names.contains(&unescape_quotes(name, quote.is_some())) {
        out.push_str(scope);
        out.push('_');
    }
    out.push_str(name);
    let tail_start = if let Some(q) = quote {
        out.push(q);
        e + q.len_utf8()
    } else {
        e
    };
    out.push_str(&k[tail_start..]);
    out
}

/// Emulates `_animationDeclarationKeyframesRe` replacement over one declaration value.
fn scope_animation_value(v: &str, scope: &str, names: &HashSet<String>) -> String {
    let b = v.as_bytes();
    let n = b.len();
    let lookahead_ok = |j: usize| j >= n || b[j] == b',' || char_at(v, j).is_some_and(is_js_space);
    let mut out = String::with_capacity(n);
    let mut copied = 0;
    let mut p = 0;
    while p < n || (p == 0 && n == 0) {
        if n == 0 {
            break;
        }
        let mut starts: Vec<usize> = Vec::new();
        if p == 0 {
            starts.push(0);
        }
        let we = ws_end(v, p);
        if we > p {
            starts.push(we);
        }
        if b[p] == b',' {
            starts.push(p + 1);
        }
        let mut found = None;
        for &st in &starts {
            // Quoted name.
            if let Some(q) = char_at(v, st).filter(|c| is_quote(*c)) {
                if let Some(close) = quoted_body(v, st + 1, q, &lookahead_ok) {
                    found = Some((st, close + 1, true));
                    break;
                }
                continue;
            }
            // Unquoted name.
            let mut e = st;
            if b.get(e) == Some(&b'-') {
                e += 1;
            }
            if !b.get(e).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            e += 1;
            while b.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-') {
                e += 1;
            }
            if lookahead_ok(e) {
                found = Some((st, e, false));
                break;
            }
        }
        match found {
            Some((st, e, quoted)) => {
                let name = &v[st..e];
                if quoted || !ANIMATION_KEYWORDS.contains(&name) {
                    out.push_str(&v[copied..st]);
                    out.push_str(&scope_animation_keyframe(name, scope, names));
                    copied = e;
                }
                p = e;
            }
            None => p += char_at(v, p).map_or(1, char::len_utf8),
        }
    }
    out.push_str(&v[copied..]);
    out
}

/// `((?:\\\\|\\\2|(?!\2).)+)\2(?=[,\s]|$)` from `start`: index of the closing quote.
fn quoted_body(v: &str, start: usize, q: char, lookahead_ok: &dyn Fn(usize) -> bool) -> Option<usize> {
    let n = v.len();
    if start > n {
        return None;
    }
    // f[i]: first success (closing quote index) from an iteration boundary at i.
    let mut f: Vec<Option<usize>> = vec![None; n - start + 2];
    let ext = |i: usize, f: &Vec<Option<usize>>| -> Option<usize> {
        let rest = &v[i..];
        let get = |j: usize| f.get(j - start).copied().flatten();
        if rest.starts_with("\\\\") {
            if let Some(r) = get(i + 2) {
                return Some(r);
            }
        }
        if rest.starts_with('\\') && rest[1..].starts_with(q) {
            if let Some(r) = get(i + 1 + q.len_utf8()) {
                return Some(r);
            }
        }
        let c = rest.chars().next()?;
        if c != q && !is_line_terminator(c) {
            return get(i + c.len_utf8());
        }
        None
    };
    let boundaries: Vec<usize> = (start..=n).filter(|&i| v.is_char_boundary(i)).collect();
    for &i in boundaries.iter().rev() {
        let term = (v[i..].starts_with(q) && lookahead_ok(i + q.len_utf8())).then_some(i);
        let r = ext(i, &f).or(term);
        f[i - start] = r;
    }
    ext(start, &f)
}

/// Emulates `/((?:^|[\s;{])(?:-webkit-)?<prop>\s*:\s*)([^;}]+)/g` with a value rewriter.
fn replace_animation_decls(content: &str, prop: &str, rewrite: &dyn Fn(&str) -> String) -> String {
    let b = content.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut copied = 0;
    let mut p = 0;
    let try_at = |c: usize| -> Option<(usize, usize)> {
        let mut i = c;
        if content[i..].starts_with("-webkit-") && content[i + 8..].starts_with(prop) {
            i += 8;
        }
        if !content[i..].starts_with(prop) {
            return None;
        }
        i = ws_end(content, i + prop.len());
        if b.get(i) != Some(&b':') {
            return None;
        }
        let ws = ws_end(content, i + 1);
        let vend = (ws..n).find(|&k| b[k] == b';' || b[k] == b'}').unwrap_or(n);
        if vend > ws {
            return Some((ws, vend));
        }
        // Backtrack one whitespace character into the value.
        let last = content[i + 1..ws].chars().next_back()?;
        Some((ws - last.len_utf8(), vend))
    };
    while p < n {
        let mut found = None;
        if p == 0 {
            found = try_at(0);
        }
        let c = char_at(content, p).unwrap_or(' ');
        let clen = c.len_utf8();
        if found.is_none() && (is_js_space(c) || c == ';' || c == '{') {
            found = try_at(p + clen);
        }
        match found {
            Some((vs, ve)) => {
                out.push_str(&content[copied..vs]);
                out.push_str(&rewrite(&content[vs..ve]));
                copied = ve;
                p = ve;
            }
            None => p += clen,
        }
    }
    out.push_str(&content[copied..]);
    out
}

// ---------------------------------------------------------------------------------------
// SafeSelector

#[derive(Default)]
struct SafeSelector {
    placeholders: Vec<String>,
}

impl SafeSelector {
    fn new(selector: &str) -> (SafeSelector, String) {
        let mut ss = SafeSelector::default();
        // 1. Attribute selectors.
        let mut s1 = String::with_capacity(selector.len());
        let mut rest = selector;
        while let Some(a) = rest.find('[') {
            match rest[a..].find(']') {
                Some(e) => {
                    s1.push_str(&rest[..a]);
                    s1.push_str(&format!("__ph-{}__", ss.placeholders.len()));
                    ss.placeholders.push(rest[a..a + e + 1].to_string());
                    rest = &rest[a + e + 1..];
                }
                None => break,
            }
        }
        s1.push_str(rest);
        // 2. Escapes.
        let mut s2 = String::with_capacity(s1.len());
        let mut chars = s1.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if c == '\\' {
                if let Some(&(_, next)) = chars.peek() {
                    if !is_line_terminator(next) {
                        chars.next();
                        s2.push_str(&format!("__esc-ph-{}__", ss.placeholders.len()));
                        ss.placeholders.push(format!("\\{next}"));
                        continue;
                    }
                }
            }
            s2.push(c);
        }
        // 3. :nth-*(...) arguments.
        let mut s3 = String::with_capacity(s2.len());
        let b = s2.as_bytes();
        let (mut copied, mut from) = (0, 0);
        while let Some(off) = s2[from..].find(":nth-") {
            let a = from + off;
            let mut e = a + 5;
            while b.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-') {
                e += 1;
            }
            if e > a + 5 {
                if let Some(close) = paren_suffix(&s2, e) {
                    s3.push_str(&s2[copied..e]);
                    s3.push_str(&format!("__ph-{}__", ss.placeholders.len()));
                    ss.placeholders.push(s2[e..close + 1].to_string());
                    copied = close + 1;
                    from = close + 1;
                    continue;
                }
            }
            from = a + 1;
        }
        s3.push_str(&s2[copied..]);
        (ss, s3)
    }

    fn restore(&self, content: &str) -> String {
        let mut out = String::with_capacity(content.len());
        let b = content.as_bytes();
        let (mut copied, mut i) = (0, 0);
        while let Some(off) = content[i..].find("__") {
            let a = i + off;
            let after = if content[a + 2..].starts_with("ph-") {
                a + 5
            } else if content[a + 2..].starts_with("esc-ph-") {
                a + 9
            } else {
                i = a + 1;
                continue;
            };
            let mut e = after;
            while b.get(e).is_some_and(u8::is_ascii_digit) {
                e += 1;
            }
            if e == after || !content[e..].starts_with("__") {
                i = a + 1;
                continue;
            }
            out.push_str(&content[copied..a]);
            let index = content[after..e].parse::<usize>().ok();
            match index.and_then(|k| self.placeholders.get(k)) {
                Some(ph) => out.push_str(ph),
                None => out.push_str("undefined"),
            }
            copied = e + 2;
            i = e + 2;
        }
        out.push_str(&content[copied..]);
        out
    }
}

fn has_esc_placeholder(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(off) = s[from..].find("__esc-ph-") {
        let mut e = from + off + 9;
        let d = e;
        while b.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
        if e > d && s[e..].starts_with("__") {
            return true;
        }
        from = from + off + 1;
    }
    false
}

// ---------------------------------------------------------------------------------------
// ShadowCss

#[derive(Default)]
struct ShadowCss {
    /// `lastIndex` (UTF-16 units) of Angular's global `_shadowDeepSelectors` regex.
    deep_last_index: usize,
    should_scope_indicator: bool,
    safe_selector: SafeSelector,
}

struct Scope<'a> {
    content: &'a str,
    host: &'a str,
}

impl ShadowCss {
    fn shim_css_text(&mut self, css: &str, selector: &str, host_selector: &str) -> String {
        let mut comments: Vec<String> = Vec::new();
        let mut text = String::with_capacity(css.len());
        let mut rest = css;
        while let Some(a) = rest.find("/*") {
            let Some(e) = rest[a + 2..].find("*/") else { break };
            let comment = &rest[a..a + 2 + e + 2];
            text.push_str(&rest[..a]);
            text.push_str(COMMENT_PLACEHOLDER);
            if is_source_mapping_comment(comment) {
                comments.push(comment.to_string());
            } else {
                let mut nl = String::new();
                let cb = comment.as_bytes();
                for (i, &c) in cb.iter().enumerate() {
                    if c == b'\n' {
                        if i > 0 && cb[i - 1] == b'\r' {
                            nl.push('\r');
                        }
                        nl.push('\n');
                    }
                }
                comments.push(nl);
            }
            rest = &rest[a + 2 + e + 2..];
        }
        text.push_str(rest);
        let scoped = self.scope_css_text(&text, selector, host_selector);
        let mut out = String::with_capacity(scoped.len());
        let mut idx = 0;
        let mut rest = scoped.as_str();
        while let Some(a) = rest.find(COMMENT_PLACEHOLDER) {
            out.push_str(&rest[..a]);
            match comments.get(idx) {
                Some(c) => out.push_str(c),
                None => out.push_str("undefined"),
            }
            idx += 1;
            rest = &rest[a + COMMENT_PLACEHOLDER.len()..];
        }
        out.push_str(rest);
        out
    }

    fn scope_css_text(&mut self, css: &str, scope: &str, host: &str) -> String {
        let css = insert_polyfill_host(css);
        let css = convert_colon_host(&css);
        let mut css = convert_colon_host_context(&css);
        if !scope.is_empty() {
            css = scope_keyframes_related_css(&css, scope);
            css = self.scope_selectors(&css, &Scope { content: scope, host }, 0);
        }
        js_trim(&css).to_string()
    }

    fn contains_deep(&mut self, selector: &str) -> bool {
        for part in split_selector_commas(selector) {
            let found = byte_index_of_utf16(part, self.deep_last_index)
                .and_then(|from| find_deep(part, from));
            match found {
                Some((_, e)) => {
                    self.deep_last_index = utf16_len(&part[..e]);
                    return true;
                }
                None => self.deep_last_index = 0,
            }
        }
        false
    }

    fn scope_selectors(&mut self, css: &str, scope: &Scope<'_>, depth: usize) -> String {
        if depth > MAX_DEPTH {
            return css.to_string();
        }
        process_rules(css, &mut |rule: CssRule| {
            let mut selector = rule.selector;
            let mut content = rule.content;
            if !selector.starts_with('@') {
                if rule.is_block {
                    let contains_deep = self.contains_deep(&selector);
                    selector = self.scope_selector(&selector, scope, true, depth);
                    content = if !contains_deep && content.contains('{') {
                        self.scope_selectors(&content, scope, depth + 1)
                    } else {
                        self.strip_scoping_selectors(&content)
                    };
                }
            } else if SCOPED_AT_RULES.iter().any(|a| selector.starts_with(a)) {
                content = self.scope_selectors(&content, scope, depth + 1);
            } else if selector.starts_with("@font-face") || selector.starts_with("@page") {
                content = self.strip_scoping_selectors(&content);
            }
            CssRule { selector, content, is_block: rule.is_block }
        })
    }

    fn strip_scoping_selectors(&mut self, css: &str) -> String {
        process_rules(css, &mut |rule: CssRule| {
            self.deep_last_index = 0;
            let s = replace_deep(&rule.selector, " ");
            let selector = match s.find(HOST_NO_COMBINATOR) {
                Some(a) => {
                    let mut e = a + HOST_NO_COMBINATOR.len();
                    while let Some(c) = char_at(&s, e) {
                        if is_js_space(c) || c == ',' {
                            break;
                        }
                        e += c.len_utf8();
                    }
                    format!("{} {}", &s[..a], &s[e..])
                }
                None => s,
            };
            CssRule { selector, content: rule.content, is_block: rule.is_block }
        })
    }

    fn scope_selector(&mut self, selector: &str, scope: &Scope<'_>, is_parent: bool, depth: usize) -> String {
        let mut parts = Vec::new();
        for part in split_selector_commas(selector) {
            let deep = split_deep(part);
            let mut pieces: Vec<String> = Vec::with_capacity(deep.len());
            let shallow = deep.first().copied().unwrap_or("");
            if selector_needs_scoping(shallow, scope.content) {
                pieces.push(self.apply_selector_scope(shallow, scope, is_parent, depth));
            } else {
                pieces.push(shallow.to_string());
            }
            pieces.extend(deep.iter().skip(1).map(|s| s.to_string()));
            parts.push(pieces.join(" "));
        }
        parts.join(", ")
    }

    fn apply_selector_scope(&mut self, selector: &str, scope: &Scope<'_>, is_parent: bool, depth: usize) -> String {
        let scope_selector = strip_is_attr(scope.content);
        let attr_name = format!("[{scope_selector}]");
        let selector = if is_parent {
            let (ss, content) = SafeSelector::new(selector);
            self.safe_selector = ss;
            content
        } else {
            selector.to_string()
        };
        let has_host = selector.contains(HOST_NO_COMBINATOR);
        if is_parent || self.should_scope_indicator {
            self.should_scope_indicator = !has_host;
        }
        let b = selector.as_bytes();
        let n = b.len();
        let f = paren_close_ahead(&selector);
        let mut scoped = String::with_capacity(n + 32);
        let mut start_index = 0;
        let mut p = 0;
        let ctx = PartCtx { scope, scope_selector: &scope_selector, attr_name: &attr_name };
        while p < n {
            let c = b[p];
            let is_sep = matches!(c, b' ' | b'>' | b'+') || (c == b'~' && b.get(p + 1) != Some(&b'='));
            if !is_sep || f[p + 1] {
                p += 1;
                continue;
            }
            let end = ws_end(&selector, p + 1);
            let part = &selector[start_index..p];
            if has_esc_placeholder(part) && b.get(p + 1).is_some_and(u8::is_ascii_hexdigit) {
                p = end;
                continue;
            }
            let scoped_part = self.pseudo_aware_scope_part(part, &ctx, depth);
            scoped.push_str(&scoped_part);
            scoped.push(' ');
            scoped.push(c as char);
            scoped.push(' ');
            start_index = end;
            p = end;
        }
        let last = self.pseudo_aware_scope_part(&selector[start_index..], &ctx, depth);
        scoped.push_str(&last);
        self.safe_selector.restore(&scoped)
    }

    fn pseudo_aware_scope_part(&mut self, part: &str, ctx: &PartCtx<'_>, depth: usize) -> String {
        let b = part.as_bytes();
        let mut pieces: Vec<(usize, usize, usize)> = Vec::new(); // (start, prefix end, end)
        let mut covered = 0usize;
        let mut from = 0;
        while let Some((a, pe)) = find_is_where(part, from) {
            let mut open = 1;
            let mut i = pe;
            while i < b.len() {
                let c = b[i];
                i += 1;
                if c == b'(' {
                    open += 1;
                } else if c == b')' {
                    open -= 1;
                    if open == 0 {
                        break;
                    }
                }
            }
            if a == covered {
                covered = i;
            } else {
                covered = usize::MAX;
            }
            pieces.push((a, pe, i));
            from = i;
        }
        let all_pseudo = covered == b.len() || (pieces.is_empty() && part.is_empty());
        if all_pseudo {
            let mut out = String::new();
            for (a, pe, e) in pieces {
                let prefix = &part[a..pe];
                let piece = &part[a..e];
                // `selectorPart.slice(prefix.length, -1)`
                let inner_end = piece.char_indices().next_back().map_or(0, |(i, _)| i);
                let inner = if inner_end > prefix.len() { &piece[prefix.len()..inner_end] } else { "" };
                if inner.contains(HOST_NO_COMBINATOR) {
                    self.should_scope_indicator = true;
                }
                let scoped_inner = if depth >= MAX_DEPTH {
                    inner.to_string()
                } else {
                    self.scope_selector(inner, ctx.scope, false, depth + 1)
                };
                out.push_str(prefix);
                out.push_str(&scoped_inner);
                out.push(')');
            }
            out
        } else {
            self.should_scope_indicator = self.should_scope_indicator || part.contains(HOST_NO_COMBINATOR);
            if self.should_scope_indicator {
                scope_selector_part(part, ctx)
            } else {
                part.to_string()
            }
        }
    }
}

struct PartCtx<'a> {
    scope: &'a Scope<'a>,
    scope_selector: &'a str,
    attr_name: &'a str,
}

/// `/:(where|is)\(/gi` from `from`: (match start, match end).
fn find_is_where(s: &str, from: usize) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    (from..b.len()).find_map(|i| {
        if b[i] != b':' {
            return None;
        }
        if starts_with_ci(s, i + 1, "where(") {
            Some((i, i + 7))
        } else if starts_with_ci(s, i + 1, "is(") {
            Some((i, i + 4))
        } else {
            None
        }
    })
}

fn strip_is_attr(scope: &str) -> String {
    // scopeSelector.replace(/\[is=([^\]]*)\]/g, '$1')
    let mut out = String::with_capacity(scope.len());
    let mut rest = scope;
    while let Some(a) = rest.find("[is=") {
        match rest[a + 4..].find(']') {
            Some(e) => {
                out.push_str(&rest[..a]);
                out.push_str(&rest[a + 4..a + 4 + e]);
                rest = &rest[a + 4 + e + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// `!/^(<scope>)([>\s~+[.,{:][\s\S]*)?$/m.test(selector)`.
fn selector_needs_scoping(selector: &str, scope: &str) -> bool {
    let mut line_start = Some(0);
    let mut idx = selector.char_indices();
    loop {
        if let Some(ls) = line_start.take() {
            if selector[ls..].starts_with(scope) {
                let e = ls + scope.len();
                match char_at(selector, e) {
                    None => return false,
                    Some(c) if is_js_space(c) || ">~+[.,{:".contains(c) => return false,
                    _ => {}
                }
            }
        }
        match idx.next() {
            Some((i, c)) if is_line_terminator(c) => line_start = Some(i + c.len_utf8()),
            Some(_) => {}
            None => return true,
        }
    }
}

fn scope_selector_part(p: &str, ctx: &PartCtx<'_>) -> String {
    let trimmed = js_trim(p);
    if trimmed.is_empty() || trimmed == "&" {
        return p.to_string();
    }
    if p.contains(HOST_NO_COMBINATOR) {
        let mut scoped = apply_simple_selector_scope(p, ctx.scope_selector, ctx.scope.host);
        if !host_outside_pseudo_function(p) {
            let (before, colon, after) = split_at_colons(&scoped);
            scoped = format!("{before}{}{colon}{after}", ctx.attr_name);
        }
        scoped
    } else {
        let t = replace_all_ci(p, POLYFILL_HOST, "");
        if t.is_empty() {
            return trimmed.to_string();
        }
        let (before, colon, after) = split_at_colons(&t);
        format!("{before}{}{colon}{after}", ctx.attr_name)
    }
}

/// `p.match(/-shadowcsshost-no-combinator(?![^(]*\))/g)` is non-null.
fn host_outside_pseudo_function(p: &str) -> bool {
    let mut from = 0;
    while let Some(off) = p[from..].find(HOST_NO_COMBINATOR) {
        let e = from + off + HOST_NO_COMBINATOR.len();
        let next = p[e..].find(['(', ')']).map(|i| p.as_bytes()[e + i]);
        if next != Some(b')') {
            return true;
        }
        from = from + off + 1;
    }
    false
}

fn apply_simple_selector_scope(selector: &str, scope: &str, host: &str) -> String {
    if find_ci(selector, 0, POLYFILL_HOST).is_none() {
        return format!("{scope} {selector}");
    }
    let replace_by = format!("[{host}]");
    let mut result = selector.to_string();
    let mut guard = result.matches(HOST_NO_COMBINATOR).count() + 1;
    while let Some(a) = result.find(HOST_NO_COMBINATOR) {
        if guard == 0 {
            break;
        }
        guard -= 1;
        let mut e = a + HOST_NO_COMBINATOR.len();
        while let Some(c) = char_at(&result, e) {
            if is_js_space(c) || c == ',' {
                break;
            }
            e += c.len_utf8();
        }
        let g1 = &result[a + HOST_NO_COMBINATOR.len()..e];
        // g1.replace(/([^:\)]*)(:*)(.*)/, before + replaceBy + colon + after)
        let before_end = g1.find([':', ')']).unwrap_or(g1.len());
        let rest = &g1[before_end..];
        let colons = rest.len() - rest.trim_start_matches(':').len();
        let replaced = format!("{}{}{}{}", &g1[..before_end], replace_by, &rest[..colons], &rest[colons..]);
        result = format!("{}{}{}", &result[..a], replaced, &result[e..]);
    }
    replace_all_ci(&result, POLYFILL_HOST, &replace_by)
}

fn is_source_mapping_comment(comment: &str) -> bool {
    // /\/\*\s*#\s*source(Mapping)?URL=/
    let mut from = 0;
    while let Some(off) = comment[from..].find("/*") {
        let a = from + off;
        let i = ws_end(comment, a + 2);
        if comment[i..].starts_with('#') {
            let j = ws_end(comment, i + 1);
            if comment[j..].starts_with("sourceURL=") || comment[j..].starts_with("sourceMappingURL=") {
                return true;
            }
        }
        from = a + 1;
    }
    false
}

/// `_insertPolyfillHostInCssText`.
fn insert_polyfill_host(css: &str) -> String {
    let b = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(a) = find_ci(css, from, ":host") {
        let e = a + 5;
        if starts_with_ci(css, e, "-context") {
            // `:host-context(?=\(\s*[^)\s])`
            let c = e + 8;
            let ok = b.get(c) == Some(&b'(') && {
                let w = ws_end(css, c + 1);
                char_at(css, w).is_some_and(|ch| ch != ')')
            };
            if ok {
                out.push_str(&css[copied..a]);
                out.push_str(POLYFILL_HOST_CONTEXT);
                copied = c;
                from = c;
            } else {
                from = e;
            }
            continue;
        }
        out.push_str(&css[copied..a]);
        out.push_str(POLYFILL_HOST);
        copied = e;
        from = e;
    }
    out.push_str(&css[copied..]);
    out
}

/// `_convertColonHost`.
fn convert_colon_host(css: &str) -> String {
    let b = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(a) = find_ci(css, from, POLYFILL_HOST) {
        let after = a + POLYFILL_HOST.len();
        let (host_selectors, other_start) = match paren_suffix(css, after) {
            Some(close) => (Some(&css[after + 1..close]), close + 1),
            None => (None, after),
        };
        let other_end = (other_start..b.len()).find(|&i| b[i] == b',' || b[i] == b'{').unwrap_or(b.len());
        let other = &css[other_start..other_end];
        out.push_str(&css[copied..a]);
        match host_selectors.filter(|h| !h.is_empty()) {
            Some(hs) => {
                let parts = split_top_level_commas(hs, true);
                if parts.len() > 1 {
                    out.push_str(":host(");
                    out.push_str(hs);
                    out.push(')');
                    out.push_str(other);
                } else {
                    let trimmed = js_trim(parts.first().copied().unwrap_or(""));
                    out.push_str(HOST_NO_COMBINATOR);
                    if !trimmed.is_empty() {
                        out.push_str(&trimmed.replacen(POLYFILL_HOST, "", 1));
                    }
                    out.push_str(other);
                }
            }
            None => {
                out.push_str(HOST_NO_COMBINATOR);
                out.push_str(other);
            }
        }
        copied = other_end;
        from = other_end.max(a + 1);
    }
    out.push_str(&css[copied..]);
    out
}

/// `_convertColonHostContext`.
fn convert_colon_host_context(css: &str) -> String {
    if find_ci(css, 0, POLYFILL_HOST_CONTEXT).is_none() {
        return css.to_string();
    }
    split_top_level_commas(css, false)
        .into_iter()
        .map(convert_colon_host_context_part)
        .collect::<Vec<_>>()
        .join(",")
}

fn convert_colon_host_context_part(css: &str) -> String {
    let b = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(h) = find_ci(css, from, POLYFILL_HOST_CONTEXT) {
        let Some(close) = paren_suffix(css, h + POLYFILL_HOST_CONTEXT.len()) else {
            from = h + 1;
            continue;
        };
        // An optional `:is(` / `:where(` immediately before.
        let mut start = h;
        for pre in [":where(", ":is("] {
            if h >= pre.len() && starts_with_ci(css, h - pre.len(), pre) && h - pre.len() >= copied {
                start = h - pre.len();
                break;
            }
        }
        let end = (close..b.len()).find(|&i| b[i] == b'{').unwrap_or(b.len());
        let pseudo_prefix = &css[start..h];
        out.push_str(&css[copied..start]);
        out.push_str(&host_context_replacement(&css[start..end], pseudo_prefix));
        copied = end;
        from = end.max(h + 1);
    }
    out.push_str(&css[copied..]);
    out
}

fn host_context_replacement(selector_text: &str, pseudo_prefix: &str) -> String {
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    let mut text = selector_text.to_string();
    let mut start = text.find(POLYFILL_HOST_CONTEXT);
    while let Some(si) = start {
        let after = text[si + POLYFILL_HOST_CONTEXT.len()..].to_string();
        if !after.starts_with('(') {
            start = after.find(POLYFILL_HOST_CONTEXT);
            text = after;
            continue;
        }
        let mut new_selectors = Vec::new();
        let mut end_index = 0usize;
        for sel in split_top_level_commas(&after[1..], true) {
            end_index += sel.len() + 1;
            let t = js_trim(sel);
            if !t.is_empty() {
                new_selectors.push(t.to_string());
            }
        }
        let len = groups.len();
        if len.saturating_mul(new_selectors.len().max(1)) > MAX_HOST_CONTEXT_COMBINATIONS {
            return selector_text.to_string();
        }
        for _ in 1..new_selectors.len() {
            for j in 0..len {
                let g = groups[j].clone();
                groups.push(g);
            }
        }
        for (i, ns) in new_selectors.iter().enumerate() {
            for j in 0..len {
                groups[j + i * len].push(ns.clone());
            }
        }
        text = after.get(end_index + 1..).unwrap_or("").to_string();
        start = text.find(POLYFILL_HOST_CONTEXT);
    }
    let mut results = Vec::with_capacity(groups.len());
    for g in groups {
        match combine_host_context_selectors(g, &text, pseudo_prefix) {
            Some(r) => results.push(r),
            None => return selector_text.to_string(),
        }
    }
    results.join(", ")
}

fn combine_host_context_selectors(mut ctx: Vec<String>, other: &str, pseudo: &str) -> Option<String> {
    let marker = HOST_NO_COMBINATOR;
    let other_has_host = find_ci(other, 0, POLYFILL_HOST).is_some();
    if ctx.is_empty() {
        return Some(format!("{marker}{other}"));
    }
    let mut combined = vec![ctx.pop().unwrap_or_default()];
    while let Some(cs) = ctx.pop() {
        let len = combined.len();
        if len.saturating_mul(3) > MAX_HOST_CONTEXT_COMBINATIONS {
            return None;
        }
        combined.resize(len * 3, String::new());
        for i in 0..len {
            let prev = combined[i].clone();
            combined[len * 2 + i] = format!("{prev} {cs}");
            combined[len + i] = format!("{cs} {prev}");
            combined[i] = format!("{cs}{prev}");
        }
    }
    Some(
        combined
            .iter()
            .map(|s| {
                if other_has_host {
                    format!("{pseudo}{s}{other}")
                } else {
                    format!("{pseudo}{s}{marker}{other}, {pseudo}{s} {marker}{other}")
                }
            })
            .collect::<Vec<_>>()
            .join(","),
    )
}

fn scope_keyframes_related_css(css: &str, scope: &str) -> String {
    let mut names: HashSet<String> = HashSet::new();
    let declared = process_rules(css, &mut |rule: CssRule| {
        let selector = match match_keyframes_selector(&rule.selector) {
            Some((pre, quote, a, e)) => {
                let s = &rule.selector;
                let name = &s[a..e];
                names.insert(unescape_quotes(name, quote.is_some()));
                let q = quote.map(String::from).unwrap_or_default();
                let tail_start = e + quote.map_or(0, char::len_utf8);
                format!("{}{q}{scope}_{name}{q}{}", &s[..pre], &s[tail_start..])
            }
            None => rule.selector,
        };
        CssRule { selector, content: rule.content, is_block: rule.is_block }
    });
    process_rules(&declared, &mut |rule: CssRule| {
        let content = replace_animation_decls(&rule.content, "animation", &|v| scope_animation_value(v, scope, &names));
        let content = replace_animation_decls(&content, "animation-name", &|v| {
            v.split(',').map(|k| scope_animation_keyframe(k, scope, &names)).collect::<Vec<_>>().join(",")
        });
        CssRule { selector: rule.selector, content, is_block: rule.is_block }
    })
}
