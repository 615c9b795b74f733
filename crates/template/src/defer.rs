//! `@defer` blocks: triggers (`on idle|immediate|hover|interaction|viewport|timer(...)`, `when`, `prefetch`,
//! `hydrate`, `hydrate never`), the connected `@placeholder (minimum)`, `@loading (after; minimum)` and `@error`
//! blocks, and Angular's errors for them (`createDeferredBlock`, `OnTriggerParser`).

use crate::blocks::spans_of;
use crate::html_ast as html;
use crate::r3_ast::*;
use crate::r3_transform::Transformer;
use crate::span::{ParseError, Span};

pub(crate) fn is_connected_defer_block(name: &str) -> bool {
    name == "placeholder" || name == "loading" || name == "error"
}

pub(crate) fn create_deferred_block(
    t: &mut Transformer,
    ast: &html::Block,
    connected: &[&html::Block],
) -> (Option<Node>, Vec<ParseError>) {
    let mut errors = Vec::new();
    let (placeholder, loading, error) = parse_connected_blocks(t, connected, &mut errors);
    let (triggers, prefetch_triggers, hydrate_triggers) =
        parse_primary_triggers(t, ast, &mut errors);
    let (end_span, end) = match connected.last() {
        Some(last) => (last.end_span, last.span.end),
        None => (ast.end_span, ast.span.end),
    };
    let span = Span::new(ast.span.start, end);
    let children = t.visit_all(&ast.children);
    let node = DeferredBlock {
        triggers,
        prefetch_triggers,
        hydrate_triggers,
        children,
        placeholder,
        loading,
        error,
        span,
        main_block_span: ast.span,
        spans: BlockSpans {
            span,
            start_span: ast.start_span,
            end_span,
            name_span: ast.name_span,
        },
        i18n: ast.i18n.clone(),
    };
    (Some(Node::DeferredBlock(Box::new(node))), errors)
}

type Sub = Option<DeferredSubBlock>;

fn parse_connected_blocks(
    t: &mut Transformer,
    connected: &[&html::Block],
    errors: &mut Vec<ParseError>,
) -> (Sub, Sub, Sub) {
    let mut placeholder = None;
    let mut loading = None;
    let mut error = None;
    for block in connected {
        let r: Result<(), String> = (|| {
            match block.name.as_str() {
                "placeholder" => {
                    if placeholder.is_some() {
                        errors.push(ParseError::new(
                            "@defer block can only have one @placeholder block",
                            block.start_span,
                        ));
                    } else {
                        let mut minimum = None;
                        for p in &block.parameters {
                            if starts_with_word_ws(&p.expression, "minimum") {
                                if minimum.is_some() {
                                    return Err("@placeholder block can only have one \"minimum\" parameter".into());
                                }
                                minimum = Some(parse_param_time(&p.expression).ok_or(
                                    "Could not parse time value of parameter \"minimum\"",
                                )?);
                            } else {
                                return Err(format!(
                                    "Unrecognized parameter in @placeholder block: \"{}\"",
                                    p.expression
                                ));
                            }
                        }
                        let children = t.visit_all(&block.children);
                        placeholder = Some(DeferredSubBlock {
                            children,
                            minimum_time: minimum,
                            after_time: None,
                            spans: spans_of(block),
                            i18n: block.i18n.clone(),
                        });
                    }
                }
                "loading" => {
                    if loading.is_some() {
                        errors.push(ParseError::new(
                            "@defer block can only have one @loading block",
                            block.start_span,
                        ));
                    } else {
                        let mut after = None;
                        let mut minimum = None;
                        for p in &block.parameters {
                            if starts_with_word_ws(&p.expression, "after") {
                                if after.is_some() {
                                    return Err(
                                        "@loading block can only have one \"after\" parameter"
                                            .into(),
                                    );
                                }
                                after =
                                    Some(parse_param_time(&p.expression).ok_or(
                                        "Could not parse time value of parameter \"after\"",
                                    )?);
                            } else if starts_with_word_ws(&p.expression, "minimum") {
                                if minimum.is_some() {
                                    return Err(
                                        "@loading block can only have one \"minimum\" parameter"
                                            .into(),
                                    );
                                }
                                minimum = Some(parse_param_time(&p.expression).ok_or(
                                    "Could not parse time value of parameter \"minimum\"",
                                )?);
                            } else {
                                return Err(format!(
                                    "Unrecognized parameter in @loading block: \"{}\"",
                                    p.expression
                                ));
                            }
                        }
                        let children = t.visit_all(&block.children);
                        loading = Some(DeferredSubBlock {
                            children,
                            minimum_time: minimum,
                            after_time: after,
                            spans: spans_of(block),
                            i18n: block.i18n.clone(),
                        });
                    }
                }
                _ => {
                    if error.is_some() {
                        errors.push(ParseError::new(
                            "@defer block can only have one @error block",
                            block.start_span,
                        ));
                    } else {
                        if !block.parameters.is_empty() {
                            return Err("@error block cannot have parameters".into());
                        }
                        let children = t.visit_all(&block.children);
                        error = Some(DeferredSubBlock {
                            children,
                            minimum_time: None,
                            after_time: None,
                            spans: spans_of(block),
                            i18n: block.i18n.clone(),
                        });
                    }
                }
            }
            Ok(())
        })();
        if let Err(msg) = r {
            errors.push(ParseError::new(msg, block.start_span));
        }
    }
    (placeholder, loading, error)
}

/// `/^word\s/`
fn starts_with_word_ws(s: &str, word: &str) -> bool {
    s.strip_prefix(word)
        .and_then(|r| r.chars().next())
        .map(crate::lexer::is_js_trim)
        .unwrap_or(false)
}

/// `/^w1\s+w2\s/` (or `/^w1\s+w2(\s*)$/` when `at_end`).
fn starts_with_two_words(s: &str, w1: &str, w2: &str, at_end: bool) -> bool {
    let Some(rest) = s.strip_prefix(w1) else {
        return false;
    };
    let trimmed = rest.trim_start_matches(crate::lexer::is_js_trim);
    if trimmed.len() == rest.len() {
        return false;
    }
    let Some(after) = trimmed.strip_prefix(w2) else {
        return false;
    };
    if at_end {
        after.chars().all(crate::lexer::is_js_trim)
    } else {
        after
            .chars()
            .next()
            .map(crate::lexer::is_js_trim)
            .unwrap_or(false)
    }
}

fn get_trigger_parameters_start(value: &str, start_position: usize) -> Option<usize> {
    let mut found = false;
    for (i, c) in value.char_indices() {
        if i < start_position {
            continue;
        }
        if crate::lexer::is_js_trim(c) {
            found = true;
        } else if found {
            return Some(i);
        }
    }
    None
}

fn parse_param_time(expression: &str) -> Option<f64> {
    // `value.slice(getTriggerParametersStart(value))`: -1 slices the last character.
    let text = match get_trigger_parameters_start(expression, 0) {
        Some(i) => &expression[i..],
        None => {
            let n = expression.chars().last().map(|c| c.len_utf8()).unwrap_or(0);
            &expression[expression.len() - n..]
        }
    };
    parse_deferred_time(text)
}

/// `/^\d+\.?\d*(ms|s)?$/`
pub(crate) fn parse_deferred_time(value: &str) -> Option<f64> {
    let (num, unit) = if let Some(n) = value.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = value.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (value, 1.0)
    };
    let digits = num.len() - num.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = &num[digits..];
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    if !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v: f64 = num
        .parse()
        .ok()
        .or_else(|| num.trim_end_matches('.').parse().ok())?;
    Some(v * unit)
}

fn parse_primary_triggers(
    t: &mut Transformer,
    ast: &html::Block,
    errors: &mut Vec<ParseError>,
) -> (DeferredTriggers, DeferredTriggers, DeferredTriggers) {
    let mut triggers = DeferredTriggers::default();
    let mut prefetch = DeferredTriggers::default();
    let mut hydrate = DeferredTriggers::default();
    let mut defined_name: Option<String> = None;
    for param in &ast.parameters {
        let e = param.expression.as_str();
        if starts_with_word_ws(e, "when") {
            parse_when_trigger(t, param, &mut triggers, errors);
        } else if starts_with_word_ws(e, "on") {
            parse_on_trigger(t, param, &mut triggers, errors);
        } else if starts_with_two_words(e, "prefetch", "when", false) {
            parse_when_trigger(t, param, &mut prefetch, errors);
        } else if starts_with_two_words(e, "prefetch", "on", false) {
            parse_on_trigger(t, param, &mut prefetch, errors);
        } else if starts_with_two_words(e, "hydrate", "when", false) {
            parse_when_trigger(t, param, &mut hydrate, errors);
        } else if starts_with_two_words(e, "hydrate", "on", false) {
            parse_on_trigger(t, param, &mut hydrate, errors);
        } else if starts_with_two_words(e, "hydrate", "never", true) {
            let idx = e.find("never");
            match idx {
                None => errors.push(ParseError::new(
                    "Could not find \"never\" keyword in expression",
                    param.span,
                )),
                Some(i) => {
                    let s = param.span.start + i as u32;
                    let trig = DeferredTrigger {
                        kind: DeferredTriggerKind::Never,
                        value: None,
                        delay: None,
                        reference: None,
                        options: None,
                        span: param.span,
                        name_span: Some(Span::new(s, s + 5)),
                        prefetch_span: None,
                        when_or_on_span: None,
                        hydrate_span: Some(Span::new(param.span.start, param.span.start + 7)),
                    };
                    track_trigger("never", &mut hydrate, errors, trig);
                }
            }
        } else if e
            .strip_prefix("name")
            .map(|r| r.starts_with(crate::lexer::is_js_trim))
            .unwrap_or(false)
        {
            if defined_name.is_some() {
                errors.push(ParseError::new(
                    "Cannot specify multiple name parameters",
                    param.span,
                ));
            } else {
                let name = e
                    .get(5..)
                    .unwrap_or("")
                    .trim_matches(crate::lexer::is_js_trim);
                if name.starts_with('\'')
                    || name.starts_with('"')
                    || name.ends_with('\'')
                    || name.ends_with('"')
                {
                    errors.push(ParseError::new(
                        "Block names cannot be quoted in @defer blocks",
                        param.span,
                    ));
                } else if !crate::blocks::is_identifier(name) {
                    errors.push(ParseError::new(
                        format!("Invalid block name \"{name}\""),
                        param.span,
                    ));
                } else {
                    defined_name = Some(name.to_string());
                }
            }
        } else {
            errors.push(ParseError::new("Unrecognized trigger", param.span));
        }
    }
    let hydrate_count = count(&hydrate);
    if hydrate.never.is_some() && hydrate_count > 1 {
        errors.push(ParseError::new(
            "Cannot specify additional `hydrate` triggers if `hydrate never` is present",
            ast.start_span,
        ));
    }
    (triggers, prefetch, hydrate)
}

fn count(t: &DeferredTriggers) -> usize {
    [
        &t.when,
        &t.idle,
        &t.immediate,
        &t.hover,
        &t.timer,
        &t.interaction,
        &t.viewport,
        &t.never,
    ]
    .iter()
    .filter(|x| x.is_some())
    .count()
}

fn slot<'a>(t: &'a mut DeferredTriggers, name: &str) -> &'a mut Option<Box<DeferredTrigger>> {
    match name {
        "when" => &mut t.when,
        "idle" => &mut t.idle,
        "immediate" => &mut t.immediate,
        "hover" => &mut t.hover,
        "timer" => &mut t.timer,
        "interaction" => &mut t.interaction,
        "viewport" => &mut t.viewport,
        _ => &mut t.never,
    }
}

fn track_trigger(
    name: &str,
    all: &mut DeferredTriggers,
    errors: &mut Vec<ParseError>,
    trigger: DeferredTrigger,
) {
    let s = slot(all, name);
    if s.is_some() {
        errors.push(ParseError::new(
            format!("Duplicate \"{name}\" trigger is not allowed"),
            trigger.span,
        ));
    } else {
        *s = Some(Box::new(trigger));
    }
}

fn prefix_span(e: &str, span: Span, word: &str) -> Option<Span> {
    e.starts_with(word)
        .then(|| Span::new(span.start, span.start + word.len() as u32))
}

fn parse_when_trigger(
    t: &mut Transformer,
    p: &html::BlockParameter,
    triggers: &mut DeferredTriggers,
    errors: &mut Vec<ParseError>,
) {
    let e = p.expression.as_str();
    let Some(when_index) = e.find("when") else {
        errors.push(ParseError::new(
            "Could not find \"when\" keyword in expression",
            p.span,
        ));
        return;
    };
    let when_span = Span::new(
        p.span.start + when_index as u32,
        p.span.start + when_index as u32 + 4,
    );
    let start = get_trigger_parameters_start(e, when_index + 1);
    // `getTriggerParametersStart` returns -1 when nothing follows: Angular then slices the last character and
    // offsets the expression by -1.
    let (text, abs_offset) = match start {
        Some(s) => (&e[s..], p.span.start + s as u32),
        None => (
            &e[e.len()
                .saturating_sub(e.chars().last().map(char::len_utf8).unwrap_or(0))..],
            p.span.start.saturating_sub(1),
        ),
    };
    let parsed = t.bp.parse_binding(text, abs_offset, p.span);
    let trig = DeferredTrigger {
        kind: DeferredTriggerKind::Bound,
        value: Some(parsed),
        delay: None,
        reference: None,
        options: None,
        span: p.span,
        name_span: None,
        prefetch_span: prefix_span(e, p.span, "prefetch"),
        when_or_on_span: Some(when_span),
        hydrate_span: prefix_span(e, p.span, "hydrate"),
    };
    track_trigger("when", triggers, errors, trig);
}

#[derive(Debug, Clone, PartialEq)]
enum TokKind {
    Char(char),
    Ident,
    Keyword,
    Str,
    Num,
    Op,
}

#[derive(Debug, Clone)]
struct Tok {
    kind: TokKind,
    index: usize,
    end: usize,
    text: String,
}

impl Tok {
    fn is_char(&self, c: char) -> bool {
        self.kind == TokKind::Char(c)
    }
}

const KEYWORDS: &[&str] = &[
    "var",
    "let",
    "as",
    "null",
    "undefined",
    "true",
    "false",
    "if",
    "else",
    "this",
    "typeof",
    "void",
    "in",
];

/// A small version of Angular's expression lexer, enough for the trigger list of `on ...`.
fn lex(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let end_of = |j: usize| if j < chars.len() { chars[j].0 } else { s.len() };
        if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let mut j = i + 1;
            while j < chars.len()
                && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '_' || chars[j].1 == '$')
            {
                j += 1;
            }
            let text = s[pos..end_of(j)].to_string();
            let kind = if KEYWORDS.contains(&text.as_str()) {
                TokKind::Keyword
            } else {
                TokKind::Ident
            };
            out.push(Tok {
                kind,
                index: pos,
                end: end_of(j),
                text,
            });
            i = j;
        } else if c.is_ascii_digit()
            || (c == '.'
                && chars
                    .get(i + 1)
                    .map(|x| x.1.is_ascii_digit())
                    .unwrap_or(false))
        {
            let mut j = i + 1;
            while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
                j += 1;
            }
            let text = s[pos..end_of(j)].to_string();
            out.push(Tok {
                kind: TokKind::Num,
                index: pos,
                end: end_of(j),
                text,
            });
            i = j;
        } else if c == '\'' || c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 != c {
                if chars[j].1 == '\\' {
                    j += 1;
                }
                j += 1;
            }
            let end = end_of((j + 1).min(chars.len()));
            let text = s[pos + 1..end_of(j.min(chars.len()))].to_string();
            out.push(Tok {
                kind: TokKind::Str,
                index: pos,
                end,
                text,
            });
            i = j + 1;
        } else if "()[]{},.:;?".contains(c) {
            out.push(Tok {
                kind: TokKind::Char(c),
                index: pos,
                end: pos + c.len_utf8(),
                text: c.to_string(),
            });
            i += 1;
        } else {
            out.push(Tok {
                kind: TokKind::Op,
                index: pos,
                end: pos + c.len_utf8(),
                text: c.to_string(),
            });
            i += 1;
        }
    }
    out
}

struct OnParser<'a, 'b> {
    t: &'a mut Transformer<'b>,
    expression: &'a str,
    start: usize,
    span: Span,
    tokens: Vec<Tok>,
    index: usize,
    is_hydrate: bool,
    prefetch_span: Option<Span>,
    on_span: Span,
    hydrate_span: Option<Span>,
}

fn parse_on_trigger(
    t: &mut Transformer,
    p: &html::BlockParameter,
    triggers: &mut DeferredTriggers,
    errors: &mut Vec<ParseError>,
) {
    let e = p.expression.as_str();
    let Some(on_index) = e.find("on") else {
        errors.push(ParseError::new(
            "Could not find \"on\" keyword in expression",
            p.span,
        ));
        return;
    };
    let on_span = Span::new(
        p.span.start + on_index as u32,
        p.span.start + on_index as u32 + 2,
    );
    let start = get_trigger_parameters_start(e, on_index + 1).unwrap_or(e.len().saturating_sub(1));
    let tokens = lex(e.get(start..).unwrap_or(""));
    let mut parser = OnParser {
        t,
        expression: e,
        start,
        span: p.span,
        tokens,
        index: 0,
        is_hydrate: e.starts_with("hydrate"),
        prefetch_span: prefix_span(e, p.span, "prefetch"),
        on_span,
        hydrate_span: prefix_span(e, p.span, "hydrate"),
    };
    parser.parse(triggers, errors);
}

impl OnParser<'_, '_> {
    fn token(&self) -> Option<&Tok> {
        if self.tokens.is_empty() {
            return None;
        }
        Some(&self.tokens[self.index.min(self.tokens.len() - 1)])
    }
    fn followed_by_or_last(&self, c: char) -> bool {
        if self.index + 1 == self.tokens.len() {
            return true;
        }
        self.tokens
            .get(self.index + 1)
            .map(|t| t.is_char(c))
            .unwrap_or(false)
    }
    fn error(&self, tok: &Tok, msg: impl Into<String>, errors: &mut Vec<ParseError>) {
        let s = self.span.start + (self.start + tok.index) as u32;
        errors.push(ParseError::new(
            msg,
            Span::new(s, s + (tok.end - tok.index) as u32),
        ));
    }
    fn unexpected(&self, tok: &Tok, errors: &mut Vec<ParseError>) {
        self.error(tok, format!("Unexpected token \"{}\"", tok.text), errors);
    }

    fn parse(&mut self, triggers: &mut DeferredTriggers, errors: &mut Vec<ParseError>) {
        while !self.tokens.is_empty() && self.index < self.tokens.len() {
            let Some(token) = self.token().cloned() else {
                break;
            };
            if token.kind != TokKind::Ident {
                self.unexpected(&token, errors);
                break;
            }
            if self.followed_by_or_last(',') {
                self.consume_trigger(&token, vec![], triggers, errors);
                self.index += 1;
            } else if self.followed_by_or_last('(') {
                self.index += 1;
                let before = errors.len();
                let params = self.consume_parameters(errors);
                if errors.len() != before {
                    break;
                }
                self.consume_trigger(&token, params, triggers, errors);
                self.index += 1;
            } else if self.index < self.tokens.len() - 1 {
                let next = self.tokens[self.index + 1].clone();
                self.unexpected(&next, errors);
            }
            self.index += 1;
        }
    }

    fn consume_parameters(&mut self, errors: &mut Vec<ParseError>) -> Vec<(String, usize)> {
        let mut params = Vec::new();
        let Some(tok) = self.token().cloned() else {
            return params;
        };
        if !tok.is_char('(') {
            self.unexpected(&tok, errors);
            return params;
        }
        self.index += 1;
        let mut stack: Vec<char> = Vec::new();
        let mut toks: Vec<Tok> = Vec::new();
        while self.index < self.tokens.len() {
            let Some(token) = self.token().cloned() else {
                break;
            };
            if token.is_char(')') && stack.is_empty() {
                if !toks.is_empty() {
                    params.push((self.range_text(&toks), toks[0].index));
                }
                break;
            }
            if let TokKind::Char(c) = token.kind {
                match c {
                    '{' => stack.push('}'),
                    '[' => stack.push(']'),
                    '(' => stack.push(')'),
                    _ => {}
                }
            }
            if let Some(&top) = stack.last() {
                if token.is_char(top) {
                    stack.pop();
                }
            }
            if stack.is_empty() && token.is_char(',') && !toks.is_empty() {
                params.push((self.range_text(&toks), toks[0].index));
                self.index += 1;
                toks.clear();
                continue;
            }
            toks.push(token);
            self.index += 1;
        }
        if let Some(tok) = self.token().cloned() {
            if !tok.is_char(')') || !stack.is_empty() {
                self.error(&tok, "Unexpected end of expression", errors);
            }
        }
        if self.index + 1 < self.tokens.len() && !self.tokens[self.index + 1].is_char(',') {
            let next = self.tokens[self.index + 1].clone();
            self.unexpected(&next, errors);
        }
        params
    }

    fn range_text(&self, toks: &[Tok]) -> String {
        match (toks.first(), toks.last()) {
            (Some(f), Some(l)) => self
                .expression
                .get(self.start + f.index..self.start + l.end)
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        }
    }

    fn consume_trigger(
        &mut self,
        ident: &Tok,
        params: Vec<(String, usize)>,
        triggers: &mut DeferredTriggers,
        errors: &mut Vec<ParseError>,
    ) {
        let first_index = self.tokens.first().map(|t| t.index).unwrap_or(0);
        let name_start = self.span.start + (self.start + ident.index - first_index) as u32;
        let name_span = Span::new(name_start, name_start + ident.text.len() as u32);
        let cur_end = self.token().map(|t| t.end).unwrap_or(ident.end);
        let end = name_start + (cur_end - ident.index) as u32;
        let is_first = ident.index == 0;
        let span = Span::new(
            if is_first {
                self.span.start
            } else {
                name_start
            },
            end,
        );
        let (on, pre, hyd) = (Some(self.on_span), self.prefetch_span, self.hydrate_span);
        let (first_on, first_pre, first_hyd) = if is_first {
            (on, pre, hyd)
        } else {
            (None, None, None)
        };
        let mk = |kind, delay, reference, on, pre, hyd| DeferredTrigger {
            kind,
            value: None,
            delay,
            reference,
            options: None,
            span,
            name_span: Some(name_span),
            prefetch_span: pre,
            when_or_on_span: on,
            hydrate_span: hyd,
        };
        let validate = |kind: &str, n: usize, is_hydrate: bool| -> Result<(), String> {
            if is_hydrate {
                if kind == "viewport" {
                    if n > 1 {
                        return Err(format!(
                            "Hydration trigger \"{kind}\" cannot have more than one parameter"
                        ));
                    }
                    return Ok(());
                }
                if n > 0 {
                    return Err(format!(
                        "Hydration trigger \"{kind}\" cannot have parameters"
                    ));
                }
            } else if n > 1 {
                return Err(format!(
                    "\"{kind}\" trigger can only have zero or one parameters"
                ));
            }
            Ok(())
        };
        let result: Result<(&str, DeferredTrigger), String> = match ident.text.as_str() {
            "idle" => {
                if params.len() > 1 {
                    Err("\"idle\" trigger can only have zero or one parameters".into())
                } else {
                    match params.first() {
                        Some((p, _)) => match parse_deferred_time(p) {
                            Some(d) => Ok((
                                "idle",
                                mk(
                                    DeferredTriggerKind::Idle,
                                    Some(d),
                                    None,
                                    first_on,
                                    first_pre,
                                    first_hyd,
                                ),
                            )),
                            None => Err("Could not parse time value of trigger \"idle\"".into()),
                        },
                        None => Ok((
                            "idle",
                            mk(
                                DeferredTriggerKind::Idle,
                                None,
                                None,
                                first_on,
                                first_pre,
                                first_hyd,
                            ),
                        )),
                    }
                }
            }
            "timer" => {
                if params.len() != 1 {
                    Err("\"timer\" trigger must have exactly one parameter".into())
                } else {
                    match parse_deferred_time(&params[0].0) {
                        Some(d) => Ok((
                            "timer",
                            mk(DeferredTriggerKind::Timer, Some(d), None, on, pre, hyd),
                        )),
                        None => Err("Could not parse time value of trigger \"timer\"".into()),
                    }
                }
            }
            "immediate" => {
                if !params.is_empty() {
                    Err("\"immediate\" trigger cannot have parameters".into())
                } else {
                    Ok((
                        "immediate",
                        mk(DeferredTriggerKind::Immediate, None, None, on, pre, hyd),
                    ))
                }
            }
            "hover" | "interaction" => {
                validate(&ident.text, params.len(), self.is_hydrate).map(|_| {
                    let kind = if ident.text == "hover" {
                        DeferredTriggerKind::Hover
                    } else {
                        DeferredTriggerKind::Interaction
                    };
                    let name = if ident.text == "hover" {
                        "hover"
                    } else {
                        "interaction"
                    };
                    (
                        name,
                        mk(
                            kind,
                            None,
                            params.first().map(|p| p.0.clone()),
                            on,
                            pre,
                            hyd,
                        ),
                    )
                })
            }
            "viewport" => validate("viewport", params.len(), self.is_hydrate).and_then(|_| {
                let mut trig = mk(DeferredTriggerKind::Viewport, None, None, on, pre, hyd);
                if let Some((p, pstart)) = params.first() {
                    if !p.starts_with('{') {
                        trig.reference = Some(p.clone());
                    } else {
                        let offset = self.span.start + (self.start + pstart) as u32;
                        let parsed = self.t.bp.parse_binding(p, offset, span);
                        let (reference, options) = viewport_options(parsed)?;
                        trig.reference = reference;
                        trig.options = options;
                    }
                }
                if self.is_hydrate && trig.reference.is_some() {
                    return Err("\"viewport\" hydration trigger cannot have a \"trigger\"".into());
                }
                Ok(("viewport", trig))
            }),
            other => Err(format!("Unrecognized trigger type \"{other}\"")),
        };
        match result {
            Ok((name, trig)) => track_trigger(name, triggers, errors, trig),
            Err(msg) => self.error(ident, msg, errors),
        }
    }
}

/// Validates `viewport({...})` options: an object literal of literal values, no spread, no `root`, and an
/// optional `trigger: ref` that becomes the reference.
fn viewport_options(
    mut parsed: crate::expression::Expr,
) -> Result<(Option<String>, Option<crate::expression::Expr>), String> {
    use ngc_expression::{AstKind, LiteralMapKey};
    let AstKind::LiteralMap { keys, values } = &mut parsed.ast.kind else {
        return Err(
            "Options parameter of the \"viewport\" trigger must be an object literal".into(),
        );
    };
    if keys
        .iter()
        .any(|k| matches!(k, LiteralMapKey::Spread { .. }))
    {
        return Err("Spread operator are not allowed in this context".into());
    }
    let is_key = |k: &LiteralMapKey, name: &str| matches!(k, LiteralMapKey::Property { key, .. } if key == name);
    if keys.iter().any(|k| is_key(k, "root")) {
        return Err("The \"root\" option is not supported in the options parameter of the \"viewport\" trigger".into());
    }
    let mut reference = None;
    if let Some(i) = keys.iter().position(|k| is_key(k, "trigger")) {
        match &values[i].kind {
            AstKind::PropertyRead { receiver, name, .. }
                if matches!(receiver.kind, AstKind::ImplicitReceiver) =>
            {
                reference = Some(name.clone());
            }
            _ => {
                return Err(
                    "\"trigger\" option of the \"viewport\" trigger must be an identifier".into(),
                )
            }
        }
        keys.remove(i);
        values.remove(i);
    }
    // Only literal values are allowed in the options.
    let mut stack: Vec<&ngc_expression::Ast> = values.iter().collect();
    while let Some(n) = stack.pop() {
        let name = match &n.kind {
            AstKind::LiteralPrimitive(_)
            | AstKind::LiteralArray(_)
            | AstKind::LiteralMap { .. } => None,
            AstKind::PropertyRead { .. } => Some("PropertyRead"),
            AstKind::SafePropertyRead { .. } => Some("SafePropertyRead"),
            AstKind::KeyedRead { .. } => Some("KeyedRead"),
            AstKind::SafeKeyedRead { .. } => Some("SafeKeyedRead"),
            AstKind::Call { .. } => Some("Call"),
            AstKind::SafeCall { .. } => Some("SafeCall"),
            AstKind::Binary { .. } => Some("Binary"),
            AstKind::Unary { .. } => Some("Unary"),
            AstKind::Conditional { .. } => Some("Conditional"),
            AstKind::Pipe { .. } => Some("BindingPipe"),
            AstKind::PrefixNot(_) => Some("PrefixNot"),
            AstKind::NonNullAssert(_) => Some("NonNullAssert"),
            AstKind::TypeofExpression(_) => Some("TypeofExpression"),
            AstKind::VoidExpression(_) => Some("VoidExpression"),
            AstKind::Parenthesized(_) => Some("ParenthesizedExpression"),
            AstKind::TemplateLiteral(_) => Some("TemplateLiteral"),
            AstKind::TaggedTemplateLiteral { .. } => Some("TaggedTemplateLiteral"),
            AstKind::ArrowFunction { .. } => Some("ArrowFunction"),
            AstKind::RegularExpressionLiteral { .. } => Some("RegularExpressionLiteral"),
            AstKind::SpreadElement(_) => Some("SpreadElement"),
            AstKind::Empty => Some("EmptyExpr"),
            AstKind::ImplicitReceiver => Some("ImplicitReceiver"),
            AstKind::ThisReceiver => Some("ThisReceiver"),
            AstKind::Chain(_) => Some("Chain"),
            AstKind::Interpolation { .. } => Some("Interpolation"),
        };
        if let Some(name) = name {
            return Err(format!(
                "Options of the \"viewport\" trigger must be an object literal containing only literal values, but \"{name}\" was found"
            ));
        }
        n.for_each_child(|c| stack.push(c));
    }
    Ok((reference, Some(parsed)))
}
