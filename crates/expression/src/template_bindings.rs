//! Structural-directive microsyntax (`*ngFor="let item of items; index as i; trackBy: fn"`):
//! a port of Angular 22.2's `parseTemplateBindings`.

use crate::ast::{
    AbsoluteSpan, AstWithSource, ExpressionBinding, TemplateBinding, TemplateBindingIdentifier,
    VariableBinding,
};
use crate::parser::{substring, Parser};
use crate::text::{byte_at_utf16, utf16_col};

impl Parser<'_> {
    fn expect_template_binding_key(&mut self) -> TemplateBindingIdentifier {
        let mut result = String::new();
        let start = self.current_absolute_offset();
        loop {
            result.push_str(&self.expect_identifier_or_keyword_or_string());
            let operator_found = self.consume_optional_operator("-");
            if operator_found {
                result.push('-');
            } else {
                break;
            }
        }
        // Angular's key span is `start + key.length` (UTF-16 units), whatever the key's source
        // looked like (quotes, spaces around `-`).
        let rel_start = start.saturating_sub(self.absolute_offset) as usize;
        let end_col = utf16_col(self.input, rel_start) + result.encode_utf16().count();
        let end = self.absolute_offset + byte_at_utf16(self.input, end_col) as u32;
        TemplateBindingIdentifier {
            source: result,
            span: AbsoluteSpan::new(start, end),
        }
    }

    pub(crate) fn parse_template_bindings(
        &mut self,
        template_key: TemplateBindingIdentifier,
    ) -> Vec<TemplateBinding> {
        let mut bindings = Vec::new();
        bindings.extend(self.parse_directive_keyword_bindings(template_key.clone()));
        while self.index < self.tokens.len() {
            let before = self.index;
            if let Some(let_binding) = self.parse_let_binding() {
                bindings.push(let_binding);
            } else {
                let mut key = self.expect_template_binding_key();
                if let Some(binding) = self.parse_as_binding(&key) {
                    bindings.push(binding);
                } else {
                    let mut chars = key.source.chars();
                    let capitalized = match chars.next() {
                        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                        None => String::new(),
                    };
                    key.source = format!("{}{}", template_key.source, capitalized);
                    bindings.extend(self.parse_directive_keyword_bindings(key));
                }
            }
            self.consume_statement_terminator();
            if self.index == before {
                // Never loop without progress (Angular cannot get here either).
                self.index = self.tokens.len();
            }
        }
        bindings
    }

    fn parse_directive_keyword_bindings(
        &mut self,
        key: TemplateBindingIdentifier,
    ) -> Vec<TemplateBinding> {
        let mut bindings = Vec::new();
        self.consume_optional_character(':');
        let value = self.get_directive_bound_target();
        let mut span_end = self.current_absolute_offset();
        let as_binding = self.parse_as_binding(&key);
        if as_binding.is_none() {
            self.consume_statement_terminator();
            span_end = self.current_absolute_offset();
        }
        let source_span = AbsoluteSpan::new(key.span.start, span_end);
        bindings.push(TemplateBinding::Expression(ExpressionBinding {
            source_span,
            key,
            value,
        }));
        if let Some(binding) = as_binding {
            bindings.push(binding);
        }
        bindings
    }

    fn get_directive_bound_target(&mut self) -> Option<AstWithSource> {
        if self.next_is_eof() || self.next().is_keyword("as") || self.next().is_keyword("let") {
            return None;
        }
        let ast = self.parse_pipe();
        let value = substring(self.input, ast.span.start, ast.span.end).to_string();
        let offset = self.absolute_offset + ast.span.start;
        Some(AstWithSource::new(ast, &value, offset))
    }

    fn parse_as_binding(&mut self, value: &TemplateBindingIdentifier) -> Option<TemplateBinding> {
        if !self.next().is_keyword("as") {
            return None;
        }
        self.advance();
        let key = self.expect_template_binding_key();
        self.consume_statement_terminator();
        let source_span = AbsoluteSpan::new(value.span.start, self.current_absolute_offset());
        Some(TemplateBinding::Variable(VariableBinding {
            source_span,
            key,
            value: Some(value.clone()),
        }))
    }

    fn parse_let_binding(&mut self) -> Option<TemplateBinding> {
        if !self.next().is_keyword("let") {
            return None;
        }
        let span_start = self.current_absolute_offset();
        self.advance();
        let key = self.expect_template_binding_key();
        let mut value = None;
        if self.consume_optional_operator("=") {
            value = Some(self.expect_template_binding_key());
        }
        self.consume_statement_terminator();
        let source_span = AbsoluteSpan::new(span_start, self.current_absolute_offset());
        Some(TemplateBinding::Variable(VariableBinding {
            source_span,
            key,
            value,
        }))
    }
}
