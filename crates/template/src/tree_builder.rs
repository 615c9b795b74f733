//! The tree builder (Angular's `_TreeBuilder`): turns the token list into the HTML AST with an explicit
//! container stack, applying the tag-definition rules (implicit end tags, void elements, namespaces).
//!
//! Open containers live on the stack and are attached to their parent when they are closed, so the depth of
//! the input never turns into recursion.

use crate::html_ast::*;
use crate::lexer::{Token, TokenKind};
use crate::span::{ParseError, Span};
use crate::tag_definitions::{
    get_html_tag_definition, get_ns_prefix, merge_ns_and_name, split_ns_name, TagDefinition,
};

pub struct TreeResult {
    pub root_nodes: Vec<Node>,
    pub errors: Vec<ParseError>,
}

pub fn build_tree(source: &str, tokens: Vec<Token>) -> TreeResult {
    let mut b = TreeBuilder::new(source, tokens);
    b.build();
    TreeResult {
        root_nodes: b.root_nodes,
        errors: b.errors,
    }
}

struct TreeBuilder<'s> {
    source: &'s str,
    tokens: Vec<Token>,
    index: usize,
    stack: Vec<Node>,
    root_nodes: Vec<Node>,
    errors: Vec<ParseError>,
}

fn eof_token() -> Token {
    Token {
        kind: TokenKind::Eof,
        parts: vec![],
        span: Span::default(),
        full_start: 0,
    }
}

fn tag_def_of(node: &Node) -> Option<TagDefinition> {
    match node {
        Node::Element(e) => Some(get_html_tag_definition(&e.name)),
        _ => None,
    }
}

impl<'s> TreeBuilder<'s> {
    fn new(source: &'s str, mut tokens: Vec<Token>) -> Self {
        if tokens.last().map(|t| t.kind) != Some(TokenKind::Eof) {
            let mut eof = eof_token();
            if let Some(last) = tokens.last() {
                eof.span = Span::empty(last.span.end);
                eof.full_start = last.span.end;
            }
            tokens.push(eof);
        }
        TreeBuilder {
            source,
            tokens,
            index: 0,
            stack: Vec::new(),
            root_nodes: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn peek(&self) -> &Token {
        &self.tokens[self.index]
    }
    fn peek_kind(&self) -> TokenKind {
        self.tokens[self.index].kind
    }
    fn advance(&mut self) -> Token {
        if self.index < self.tokens.len() - 1 {
            // The token is consumed: move it out instead of cloning it.
            let placeholder = Token {
                kind: TokenKind::Eof,
                parts: Vec::new(),
                span: Span::default(),
                full_start: 0,
            };
            let t = std::mem::replace(&mut self.tokens[self.index], placeholder);
            self.index += 1;
            t
        } else {
            self.tokens[self.index].clone()
        }
    }
    fn advance_if(&mut self, kind: TokenKind) -> Option<Token> {
        if self.peek_kind() == kind {
            Some(self.advance())
        } else {
            None
        }
    }

    fn build(&mut self) {
        while self.peek_kind() != TokenKind::Eof {
            match self.peek_kind() {
                TokenKind::TagOpenStart | TokenKind::IncompleteTagOpen => {
                    let t = self.advance();
                    self.consume_element_start_tag(t);
                }
                TokenKind::TagClose => {
                    let t = self.advance();
                    self.consume_element_end_tag(t);
                }
                TokenKind::CdataStart => {
                    self.close_void_element();
                    self.advance();
                    let t = self.advance();
                    self.consume_text(t);
                    self.advance_if(TokenKind::CdataEnd);
                }
                TokenKind::CommentStart => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_comment(t);
                }
                TokenKind::Text | TokenKind::RawText | TokenKind::EscapableRawText => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_text(t);
                }
                TokenKind::ExpansionFormStart => {
                    let t = self.advance();
                    self.consume_expansion(t);
                }
                TokenKind::BlockOpenStart => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_block_open(t);
                }
                TokenKind::BlockClose => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_block_close(t);
                }
                TokenKind::IncompleteBlockOpen => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_incomplete_block(t);
                }
                TokenKind::LetStart => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_let(t);
                }
                TokenKind::IncompleteLet => {
                    self.close_void_element();
                    let t = self.advance();
                    self.consume_incomplete_let(t);
                }
                _ => {
                    self.advance();
                }
            }
        }
        for c in &self.stack {
            if let Node::Block(b) = c {
                self.errors.push(ParseError::new(
                    format!("Unclosed block \"{}\"", b.name),
                    b.span,
                ));
            }
        }
        // Attach whatever is still open, innermost first.
        while let Some(node) = self.stack.pop() {
            self.add_to_parent(node);
        }
    }

    fn consume_comment(&mut self, token: Token) {
        let text = self.advance_if(TokenKind::RawText);
        let end = self.advance_if(TokenKind::CommentEnd);
        let value = text.map(|t| {
            t.parts
                .first()
                .map(|p| p.trim_matches(crate::lexer::is_js_trim).to_string())
                .unwrap_or_default()
        });
        let span = match end {
            Some(e) => Span::new(token.span.start, e.span.end),
            None => token.span,
        };
        self.add_to_parent(Node::Comment(Comment { value, span }));
    }

    fn consume_expansion(&mut self, token: Token) {
        let switch_value = self.advance();
        let kind = self.advance();
        let mut cases = Vec::new();
        while self.peek_kind() == TokenKind::ExpansionCaseValue {
            match self.parse_expansion_case() {
                Some(c) => cases.push(c),
                None => return,
            }
        }
        if self.peek_kind() != TokenKind::ExpansionFormEnd {
            let s = self.peek().span;
            self.errors
                .push(ParseError::new("Invalid ICU message. Missing '}'.", s));
            return;
        }
        let span = Span::new(token.span.start, self.peek().span.end);
        let node = Expansion {
            switch_value: switch_value.parts.first().cloned().unwrap_or_default(),
            kind: kind.parts.first().cloned().unwrap_or_default(),
            cases,
            span,
            switch_value_span: switch_value.span,
        };
        self.add_to_parent(Node::Expansion(node));
        self.advance();
    }

    fn parse_expansion_case(&mut self) -> Option<ExpansionCase> {
        let value = self.advance();
        if self.peek_kind() != TokenKind::ExpansionCaseExpStart {
            let s = self.peek().span;
            self.errors
                .push(ParseError::new("Invalid ICU message. Missing '{'.", s));
            return None;
        }
        let start = self.advance();
        let mut exp = self.collect_expansion_exp_tokens(&start)?;
        let end = self.advance();
        exp.push(Token {
            kind: TokenKind::Eof,
            parts: vec![],
            span: end.span,
            full_start: end.full_start,
        });
        let mut sub = TreeBuilder::new(self.source, exp);
        // Nested ICU cases build nested tree builders (as Angular does): grow the stack as needed.
        stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || sub.build());
        if !sub.errors.is_empty() {
            self.errors.extend(sub.errors);
            return None;
        }
        Some(ExpansionCase {
            value: value.parts.first().cloned().unwrap_or_default(),
            expression: sub.root_nodes,
            span: Span::new(value.span.start, end.span.end),
            value_span: value.span,
            exp_span: Span::new(start.span.start, end.span.end),
        })
    }

    fn collect_expansion_exp_tokens(&mut self, start: &Token) -> Option<Vec<Token>> {
        let mut exp = Vec::new();
        let mut stack = vec![TokenKind::ExpansionCaseExpStart];
        loop {
            let k = self.peek_kind();
            if k == TokenKind::ExpansionFormStart || k == TokenKind::ExpansionCaseExpStart {
                stack.push(k);
            }
            if k == TokenKind::ExpansionCaseExpEnd {
                if stack.last() == Some(&TokenKind::ExpansionCaseExpStart) {
                    stack.pop();
                    if stack.is_empty() {
                        return Some(exp);
                    }
                } else {
                    self.errors.push(ParseError::new(
                        "Invalid ICU message. Missing '}'.",
                        start.span,
                    ));
                    return None;
                }
            }
            if k == TokenKind::ExpansionFormEnd {
                if stack.last() == Some(&TokenKind::ExpansionFormStart) {
                    stack.pop();
                } else {
                    self.errors.push(ParseError::new(
                        "Invalid ICU message. Missing '}'.",
                        start.span,
                    ));
                    return None;
                }
            }
            if k == TokenKind::Eof {
                self.errors.push(ParseError::new(
                    "Invalid ICU message. Missing '}'.",
                    start.span,
                ));
                return None;
            }
            exp.push(self.advance());
        }
    }

    fn consume_text(&mut self, token: Token) {
        let start_span = token.span;
        let full_start = token.full_start;
        let mut token = token;
        let mut text = token.parts.first().cloned().unwrap_or_default();
        let mut tokens = Vec::new();
        if text.starts_with('\n') {
            if let Some(parent) = self.stack.last() {
                let ignore = match parent {
                    Node::Element(e) => {
                        e.children.is_empty() && get_html_tag_definition(&e.name).ignore_first_lf
                    }
                    _ => false,
                };
                if ignore {
                    text = text[1..].to_string();
                    token.parts = vec![text.clone()];
                }
            }
        }
        let mut end_span = token.span;
        tokens.push(token);
        while matches!(
            self.peek_kind(),
            TokenKind::Interpolation | TokenKind::Text | TokenKind::EncodedEntity
        ) {
            let t = self.advance();
            match t.kind {
                TokenKind::Interpolation => text.push_str(&decode_entities_in(&t.parts.concat())),
                TokenKind::EncodedEntity => {
                    text.push_str(t.parts.first().map(String::as_str).unwrap_or(""))
                }
                _ => text.push_str(&t.parts.concat()),
            }
            end_span = t.span;
            tokens.push(t);
        }
        if !text.is_empty() {
            self.add_to_parent(Node::Text(Text {
                value: text,
                span: Span::new(start_span.start, end_span.end),
                full_start,
                tokens,
            }));
        }
    }

    fn close_void_element(&mut self) {
        if let Some(Node::Element(e)) = self.stack.last() {
            // `is_void` was taken from the tag definition when the element was created.
            if e.is_void {
                self.pop_top();
            }
        }
    }

    fn consume_element_start_tag(&mut self, start_tag: Token) {
        let mut attrs = Vec::new();
        while matches!(
            self.peek_kind(),
            TokenKind::AttrName | TokenKind::StartTagComment
        ) {
            let t = self.advance();
            if t.kind == TokenKind::AttrName {
                attrs.push(self.consume_attr(t));
            }
        }
        let full_name = self.get_element_full_name(&start_tag);
        let tag_def = get_html_tag_definition(&full_name);
        let mut self_closing = false;
        let local = start_tag.parts.get(1).cloned().unwrap_or_default();
        if self.peek_kind() == TokenKind::TagOpenEndVoid {
            self.advance();
            self_closing = true;
            if !(tag_def.can_self_close || get_ns_prefix(&full_name).is_some() || tag_def.is_void) {
                self.errors.push(ParseError::new(
                    format!(
                        "Only void, custom and foreign elements can be self closed \"{local}\""
                    ),
                    start_tag.span,
                ));
            }
        } else if self.peek_kind() == TokenKind::TagOpenEnd {
            self.advance();
        }
        let end = self.peek().full_start;
        let span = Span::new(start_tag.span.start, end);
        let el = Element {
            name: full_name.clone(),
            attrs,
            children: Vec::new(),
            is_self_closing: self_closing,
            span,
            start_span: span,
            end_span: None,
            is_void: tag_def.is_void,
            i18n: None,
        };
        let closed_by_child = match self.stack.last() {
            Some(p) => tag_def_of(p)
                .map(|d| d.is_closed_by_child(&el.name))
                .unwrap_or(false),
            None => false,
        };
        self.push_container(Node::Element(el), closed_by_child);
        if self_closing {
            self.pop_container(Some(&full_name), true, Some(span));
        } else if start_tag.kind == TokenKind::IncompleteTagOpen {
            self.pop_container(Some(&full_name), true, None);
            self.errors.push(ParseError::new(
                format!("Opening tag \"{full_name}\" not terminated."),
                span,
            ));
        }
    }

    fn push_container(&mut self, node: Node, closed_by_child: bool) {
        if closed_by_child {
            self.pop_top();
        }
        self.stack.push(node);
    }

    /// Pops the innermost container and attaches it to its parent.
    fn pop_top(&mut self) {
        if let Some(node) = self.stack.pop() {
            self.add_to_parent(node);
        }
    }

    fn consume_element_end_tag(&mut self, token: Token) {
        let full_name = self.get_element_full_name(&token);
        let local = token.parts.get(1).cloned().unwrap_or_default();
        if get_html_tag_definition(&full_name).is_void {
            self.errors.push(ParseError::new(
                format!("Void elements do not have end tags \"{local}\""),
                token.span,
            ));
        } else if !self.pop_container(Some(&full_name), true, Some(token.span)) {
            self.errors.push(ParseError::new(
                format!("Unexpected closing tag \"{full_name}\". It may happen when the tag has already been closed by another tag. For more info see https://www.w3.org/TR/html5/syntax.html#closing-elements-that-have-implied-end-tags"),
                token.span,
            ));
        }
    }

    /// Angular's `_popContainer`: `element` selects Element (with `name`) or Block (any name).
    fn pop_container(&mut self, name: Option<&str>, element: bool, end_span: Option<Span>) -> bool {
        let mut unexpected = false;
        let mut i = self.stack.len();
        while i > 0 {
            i -= 1;
            let matches = match &self.stack[i] {
                Node::Element(e) => element && name.map(|n| n == e.name).unwrap_or(true),
                Node::Block(_) => !element,
                _ => false,
            };
            if matches {
                match &mut self.stack[i] {
                    Node::Element(e) => {
                        e.end_span = end_span;
                        if let Some(s) = end_span {
                            e.span.end = s.end;
                        }
                    }
                    Node::Block(b) => {
                        b.end_span = end_span;
                        if let Some(s) = end_span {
                            b.span.end = s.end;
                        }
                    }
                    _ => {}
                }
                while self.stack.len() > i {
                    self.pop_top();
                }
                return !unexpected;
            }
            let closed_by_parent = match &self.stack[i] {
                Node::Block(_) => false,
                n => tag_def_of(n).map(|d| d.closed_by_parent).unwrap_or(false),
            };
            if !closed_by_parent {
                unexpected = true;
            }
        }
        false
    }

    fn consume_attr(&mut self, name_token: Token) -> Attribute {
        let prefix = name_token.parts.first().map(String::as_str).unwrap_or("");
        let local = name_token.parts.get(1).map(String::as_str).unwrap_or("");
        let full_name = merge_ns_and_name(prefix, local);
        let mut attr_end = name_token.span.end;
        if self.peek_kind() == TokenKind::AttrQuote {
            self.advance();
        }
        let mut value = String::new();
        let mut value_tokens = Vec::new();
        let mut value_start: Option<Span> = None;
        let mut value_full_start = 0;
        let mut value_end = None;
        if self.peek_kind() == TokenKind::AttrValueText {
            value_start = Some(self.peek().span);
            value_full_start = self.peek().full_start;
            value_end = Some(self.peek().span.end);
            while matches!(
                self.peek_kind(),
                TokenKind::AttrValueText
                    | TokenKind::AttrValueInterpolation
                    | TokenKind::EncodedEntity
            ) {
                let t = self.advance();
                match t.kind {
                    TokenKind::AttrValueInterpolation => {
                        value.push_str(&decode_entities_in(&t.parts.concat()))
                    }
                    TokenKind::EncodedEntity => {
                        value.push_str(t.parts.first().map(String::as_str).unwrap_or(""))
                    }
                    _ => value.push_str(&t.parts.concat()),
                }
                value_end = Some(t.span.end);
                attr_end = t.span.end;
                value_tokens.push(t);
            }
        }
        if self.peek_kind() == TokenKind::AttrQuote {
            let q = self.advance();
            attr_end = q.span.end;
        }
        let value_span = match (value_start, value_end) {
            (Some(s), Some(e)) => Some(Span::new(s.start, e)),
            _ => None,
        };
        Attribute {
            name: full_name,
            value,
            span: Span::new(name_token.span.start, attr_end),
            key_span: name_token.span,
            value_span,
            value_full_start,
            value_tokens,
            i18n: None,
        }
    }

    fn consume_block_open(&mut self, token: Token) {
        let mut parameters = Vec::new();
        while self.peek_kind() == TokenKind::BlockParameter {
            let p = self.advance();
            parameters.push(BlockParameter {
                expression: p.parts.first().cloned().unwrap_or_default(),
                span: p.span,
            });
        }
        if self.peek_kind() == TokenKind::BlockOpenEnd {
            self.advance();
        }
        let end = self.peek().full_start;
        let span = Span::new(token.span.start, end);
        let block = Block {
            name: token.parts.first().cloned().unwrap_or_default(),
            parameters,
            children: Vec::new(),
            span,
            name_span: token.span,
            start_span: span,
            end_span: None,
            i18n: None,
        };
        self.push_container(Node::Block(block), false);
    }

    fn consume_block_close(&mut self, token: Token) {
        let initial = self.stack.len();
        let top_name = match self.stack.last() {
            Some(Node::Element(e)) => Some(e.name.clone()),
            Some(Node::Block(b)) => Some(b.name.clone()),
            _ => None,
        };
        if !self.pop_container(None, false, Some(token.span)) {
            if self.stack.len() < initial {
                self.errors.push(ParseError::new(
                    format!("Unexpected closing block. The block may have been closed earlier. Did you forget to close the <{}> element? If you meant to write the `}}` character, you should use the \"&#125;\" HTML entity instead.", top_name.unwrap_or_default()),
                    token.span,
                ));
                return;
            }
            self.errors.push(ParseError::new(
                "Unexpected closing block. The block may have been closed earlier. If you meant to write the `}` character, you should use the \"&#125;\" HTML entity instead.",
                token.span,
            ));
        }
    }

    fn consume_incomplete_block(&mut self, token: Token) {
        let mut parameters = Vec::new();
        while self.peek_kind() == TokenKind::BlockParameter {
            let p = self.advance();
            parameters.push(BlockParameter {
                expression: p.parts.first().cloned().unwrap_or_default(),
                span: p.span,
            });
        }
        let end = self.peek().full_start;
        let span = Span::new(token.span.start, end);
        let name = token.parts.first().cloned().unwrap_or_default();
        let block = Block {
            name: name.clone(),
            parameters,
            children: Vec::new(),
            span,
            name_span: token.span,
            start_span: span,
            end_span: None,
            i18n: None,
        };
        self.push_container(Node::Block(block), false);
        self.pop_container(None, false, None);
        self.errors.push(ParseError::new(
            format!("Incomplete block \"{name}\". If you meant to write the @ character, you should use the \"&#64;\" HTML entity instead."),
            span,
        ));
    }

    fn consume_let(&mut self, start: Token) {
        let name = start.parts.first().cloned().unwrap_or_default();
        if self.peek_kind() != TokenKind::LetValue {
            self.errors.push(ParseError::new(
                format!("Invalid @let declaration \"{name}\". Declaration must have a value."),
                start.span,
            ));
            return;
        }
        let value = self.advance();
        if self.peek_kind() != TokenKind::LetEnd {
            self.errors.push(ParseError::new(
                format!("Unterminated @let declaration \"{name}\". Declaration must be terminated with a semicolon."),
                start.span,
            ));
            return;
        }
        let end = self.advance();
        let span = Span::new(start.span.start, end.span.end);
        let name_span = let_name_span(self.source, &start, &name);
        self.add_to_parent(Node::LetDeclaration(LetDeclaration {
            name,
            value: value.parts.first().cloned().unwrap_or_default(),
            span,
            name_span,
            value_span: value.span,
        }));
    }

    fn consume_incomplete_let(&mut self, token: Token) {
        let name = token.parts.first().cloned().unwrap_or_default();
        let name_string = if name.is_empty() {
            String::new()
        } else {
            format!(" \"{name}\"")
        };
        if !name.is_empty() {
            let name_span = let_name_span(self.source, &token, &name);
            self.add_to_parent(Node::LetDeclaration(LetDeclaration {
                name: name.clone(),
                value: String::new(),
                span: token.span,
                name_span,
                value_span: Span::empty(token.span.start),
            }));
        }
        self.errors.push(ParseError::new(
            format!("Incomplete @let declaration{name_string}. @let declarations must be written as `@let <name> = <value>;`"),
            token.span,
        ));
    }

    fn add_to_parent(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Node::Element(e)) => e.children.push(node),
            Some(Node::Block(b)) => b.children.push(node),
            _ => self.root_nodes.push(node),
        }
    }

    fn get_element_full_name(&self, token: &Token) -> String {
        let prefix = token.parts.first().map(String::as_str).unwrap_or("");
        let local = token.parts.get(1).map(String::as_str).unwrap_or("");
        let mut prefix = prefix.to_string();
        if prefix.is_empty() {
            if let Some(p) = get_html_tag_definition(local).implicit_namespace_prefix {
                prefix = p.to_string();
            }
        }
        if prefix.is_empty() {
            // Closest element-like parent.
            let parent = self.stack.iter().rev().find_map(|n| match n {
                Node::Element(e) => Some(e.name.as_str()),
                _ => None,
            });
            if let Some(parent_name) = parent {
                let parent_local = split_ns_name(parent_name).1;
                let def = get_html_tag_definition(parent_local);
                if !def.prevent_namespace_inheritance {
                    if let Some(p) = get_ns_prefix(parent_name) {
                        prefix = p.to_string();
                    }
                }
            }
        }
        merge_ns_and_name(&prefix, local)
    }
}

fn let_name_span(source: &str, token: &Token, name: &str) -> Span {
    // Angular: the last occurrence of the name in the token's text, up to the token's end.
    let text = token.span.text(source);
    let offset = text.rfind(name).unwrap_or(text.len()) as u32;
    Span::new(token.span.start + offset, token.span.end)
}

/// Angular's `decodeEntity` over `&name;` / `&#123;` / `&#x1F;` sequences inside interpolation text.
pub(crate) fn decode_entities_in(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(';') {
            Some(j) if j > 0 => {
                let entity = &after[..j];
                let decoded = decode_entity(entity);
                match decoded {
                    Some(d) => out.push_str(&d),
                    None => {
                        out.push('&');
                        out.push_str(entity);
                        out.push(';');
                    }
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(entity: &str) -> Option<String> {
    if let Some(v) = crate::lexer::lookup_entity(entity) {
        return Some(v.to_string());
    }
    let lower = entity.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix("#x") {
        if !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    if let Some(dec) = entity.strip_prefix('#') {
        if !dec.is_empty() && dec.chars().all(|c| c.is_ascii_digit()) {
            return dec
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)
                .map(String::from);
        }
    }
    None
}
