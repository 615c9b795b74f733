//! Prints the output AST as JavaScript, with the tokens ngc's output has.
//!
//! ngc translates Angular's output AST into TypeScript nodes with `ts.factory`, whose
//! parenthesizer rules add the parentheses JavaScript needs and no others, and prints them
//! with TypeScript's printer. This module applies the same rules (`parenthesizerRules` of
//! TypeScript 6: binary operands by precedence and associativity, the left side of member
//! access and calls, `new` callees, conditional conditions, concise arrow bodies that start
//! with `{`, comma-disallowed positions, expression statements that start with `function`
//! or `{`), prints strings with double quotes and layouts close to TypeScript's: object
//! literals on one line, statements of blocks on their own lines.
//!
//! [`Expr::External`] references go through an [`ImportNames`], which owns the file's
//! namespace imports.

use super::{ArrowBody, BinaryOp, Expr, ExternalRef, LeadingComment, Literal, MapEntry, Stmt, TemplateElement, UnaryOp};

/// Names imported symbols while printing (`i0.ɵɵdefineComponent`).
pub trait ImportNames {
    /// The expression text that refers to `reference` in the generated file.
    fn reference(&mut self, reference: &ExternalRef) -> String;
}

/// Prints references as `module.name` placeholders; for tests and debugging.
pub struct PlainImports;

impl ImportNames for PlainImports {
    fn reference(&mut self, reference: &ExternalRef) -> String {
        match &reference.module {
            Some(m) if m == super::CORE => format!("i0.{}", reference.name),
            Some(m) => format!("{m}.{}", reference.name),
            None => reference.name.clone(),
        }
    }
}

/// Prints one expression.
pub fn print_expr(expr: &Expr, imports: &mut dyn ImportNames) -> String {
    let mut p = Printer { out: String::new(), indent: 0, imports };
    p.expr(expr);
    p.out
}

/// Prints one statement (no trailing newline), with `indent` levels of four spaces for the
/// lines after the first.
pub fn print_stmt(stmt: &Stmt, indent: usize, imports: &mut dyn ImportNames) -> String {
    let mut p = Printer { out: String::new(), indent, imports };
    p.stmt(stmt);
    p.out
}

/// Prints statements, one per line.
pub fn print_stmts(stmts: &[Stmt], imports: &mut dyn ImportNames) -> String {
    let mut p = Printer { out: String::new(), indent: 0, imports };
    for stmt in stmts {
        p.stmt(stmt);
        p.out.push('\n');
    }
    p.out
}

/// TypeScript's `OperatorPrecedence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Comma,
    Spread,
    Assignment,
    Conditional,
    /// Also `??` (TypeScript 6's `Coalesce = LogicalOR`).
    LogicalOr,
    LogicalAnd,
    BitwiseOr,
    BitwiseAnd,
    Equality,
    Relational,
    Additive,
    Multiplicative,
    Exponentiation,
    Unary,
    LeftHandSide,
    Member,
    Primary,
}

fn binary_prec(op: BinaryOp) -> Prec {
    use BinaryOp::*;
    if op.is_assignment() {
        return Prec::Assignment;
    }
    match op {
        NullishCoalesce => Prec::LogicalOr,
        Or => Prec::LogicalOr,
        And => Prec::LogicalAnd,
        BitwiseOr => Prec::BitwiseOr,
        BitwiseAnd => Prec::BitwiseAnd,
        Equals | NotEquals | Identical | NotIdentical => Prec::Equality,
        Lower | LowerEquals | Bigger | BiggerEquals | In | InstanceOf => Prec::Relational,
        Plus | Minus => Prec::Additive,
        Multiply | Divide | Modulo => Prec::Multiplicative,
        Exponentiation => Prec::Exponentiation,
        _ => Prec::Assignment,
    }
}

fn right_associative(op: BinaryOp) -> bool {
    op == BinaryOp::Exponentiation || op.is_assignment()
}

/// Strips comment wrappers, which do not change how a node parses.
fn bare(expr: &Expr) -> &Expr {
    match expr {
        Expr::Commented { expr, .. } => bare(expr),
        e => e,
    }
}

/// A pool constant is either a variable or a literal array/object/string: primary.
fn fixup_precedence() -> Prec {
    Prec::Primary
}

/// TypeScript's `getExpressionPrecedence`.
fn precedence(expr: &Expr) -> Prec {
    match bare(expr) {
        Expr::Spread(_) => Prec::Spread,
        Expr::Conditional { .. } => Prec::Conditional,
        Expr::Binary { op, .. } => binary_prec(*op),
        Expr::Not(_) | Expr::Unary(..) | Expr::Typeof(_) | Expr::Void(_) => Prec::Unary,
        Expr::Call { .. } | Expr::DynamicImport { .. } => Prec::LeftHandSide,
        Expr::New { .. } => Prec::Member,
        Expr::Prop { .. } | Expr::Key { .. } | Expr::TaggedTemplate { .. } => Prec::Member,
        // A raw source expression was printed with its own parentheses; it is treated as
        // an opaque operand that is parenthesised unless it is a simple member chain.
        Expr::Raw(text) => raw_precedence(text),
        Expr::Fixup(_) => fixup_precedence(),
        _ => Prec::Primary,
    }
}

/// Whether `text` is an identifier or a dotted member chain (`a`, `i0.X`, `RouterModule`),
/// which can stand anywhere; anything else is parenthesised where precedence matters.
fn is_simple_chain(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            let mut chars = part.chars();
            matches!(chars.next(), Some(c) if c == '_' || c == '$' || c.is_alphabetic())
                && chars.all(|c| c == '_' || c == '$' || c.is_alphanumeric())
        })
}

fn raw_precedence(text: &str) -> Prec {
    if is_simple_chain(text) || is_bracketed_literal(text) {
        return Prec::Primary;
    }
    match raw_shape(text) {
        RawShape::Chain => Prec::Member,
        RawShape::Arrow => Prec::Assignment,
        RawShape::Operators => Prec::Assignment,
        RawShape::Other => Prec::Comma,
    }
}

/// What a raw source expression is at its top level, as far as parentheses go.
#[derive(Debug, PartialEq, Eq)]
enum RawShape {
    /// A primary expression followed by member accesses, calls and tagged templates
    /// (`RouterModule.forRoot(routes)`, `new Foo(1)`, `function f() {}`, `{ a: 1 }`): needs
    /// no parentheses as an operand, argument or callee.
    Chain,
    /// An arrow function (`(v) => v`): assignment precedence.
    Arrow,
    /// Operators without a top-level comma (`a || b`, `x ? y : z`): fine as a list element,
    /// parenthesised as an operand (their exact precedence is not known).
    Operators,
    /// A top-level comma, or text that does not balance.
    Other,
}

/// One top-level piece of a raw expression: a word, a bracketed group, a literal or a
/// punctuator.
#[derive(Debug, PartialEq, Eq)]
enum RawPiece {
    Word(String),
    Group(char),
    Literal,
    Punct(String),
}

/// Splits `text` into top-level pieces (brackets, strings and template literals are one piece
/// each); `None` when the brackets or quotes do not balance.
fn raw_pieces(text: &str) -> Option<Vec<RawPiece>> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '_' || c == '$' || c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && (chars[i] == '_' || chars[i] == '$' || chars[i].is_alphanumeric() || (chars[start].is_ascii_digit() && chars[i] == '.')) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            pieces.push(if chars[start].is_ascii_digit() { RawPiece::Literal } else { RawPiece::Word(word) });
        } else if c == '"' || c == '\'' || c == '`' {
            i = skip_quoted(&chars, i)?;
            pieces.push(if c == '`' { RawPiece::Group('`') } else { RawPiece::Literal });
        } else if matches!(c, '(' | '[' | '{') {
            let mut depth = 0usize;
            let open = c;
            loop {
                let ch = *chars.get(i)?;
                match ch {
                    '"' | '\'' | '`' => {
                        i = skip_quoted(&chars, i)?;
                        continue;
                    }
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            pieces.push(RawPiece::Group(open));
        } else if matches!(c, ')' | ']' | '}') {
            return None;
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let punct = ["...", "?.", "=>"].iter().find(|p| rest.starts_with(**p)).map(|p| p.to_string()).unwrap_or_else(|| c.to_string());
            i += punct.chars().count();
            pieces.push(RawPiece::Punct(punct));
        }
    }
    Some(pieces)
}

/// The index after the string or template literal starting at `start`.
fn skip_quoted(chars: &[char], start: usize) -> Option<usize> {
    let quote = chars[start];
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Classifies a raw expression (see [`RawShape`]).
fn raw_shape(text: &str) -> RawShape {
    let Some(pieces) = raw_pieces(text) else { return RawShape::Other };
    if pieces.is_empty() || pieces.iter().any(|p| matches!(p, RawPiece::Punct(s) if s == ",")) {
        return RawShape::Other;
    }
    if pieces.iter().any(|p| matches!(p, RawPiece::Punct(s) if s == "=>")) {
        // `x => …`, `(a, b) => …`, `async (a) => …`: the arrow's parameters come first.
        let arrow_at = pieces.iter().position(|p| matches!(p, RawPiece::Punct(s) if s == "=>")).unwrap_or(0);
        let params_ok = match &pieces[..arrow_at] {
            [RawPiece::Word(_)] | [RawPiece::Group('(')] => true,
            [RawPiece::Word(w), RawPiece::Group('(')] | [RawPiece::Word(w), RawPiece::Word(_)] => w == "async",
            _ => false,
        };
        return if params_ok { RawShape::Arrow } else { RawShape::Operators };
    }
    let mut rest = &pieces[..];
    // The primary expression.
    match rest {
        [RawPiece::Word(w), RawPiece::Word(_), RawPiece::Group('('), RawPiece::Group('{'), ..] if w == "function" => rest = &rest[4..],
        [RawPiece::Word(w), RawPiece::Group('('), RawPiece::Group('{'), ..] if w == "function" => rest = &rest[3..],
        [RawPiece::Word(w), ..] if w == "new" => {
            // `new X.Y(args)`: the constructor, its member path, then the arguments (`new X`
            // without arguments binds looser than a call).
            let [RawPiece::Word(_), tail @ ..] = &rest[1..] else { return RawShape::Operators };
            rest = tail;
            while let [RawPiece::Punct(p), RawPiece::Word(_), tail @ ..] = rest {
                if p != "." {
                    break;
                }
                rest = tail;
            }
            let [RawPiece::Group('('), tail @ ..] = rest else { return RawShape::Operators };
            rest = tail;
        }
        [RawPiece::Word(w), ..] if !is_operator_word(w) => rest = &rest[1..],
        [RawPiece::Group(_), ..] | [RawPiece::Literal, ..] => rest = &rest[1..],
        _ => return RawShape::Operators,
    }
    // Member accesses, calls, element accesses and tagged templates.
    loop {
        match rest {
            [] => return RawShape::Chain,
            [RawPiece::Punct(p), RawPiece::Word(_), tail @ ..] if p == "." || p == "?." => rest = tail,
            [RawPiece::Punct(p), RawPiece::Group('(' | '['), tail @ ..] if p == "?." => rest = tail,
            [RawPiece::Group('(' | '[' | '`'), tail @ ..] => rest = tail,
            _ => return RawShape::Operators,
        }
    }
}

/// Words that are operators rather than operands.
fn is_operator_word(word: &str) -> bool {
    matches!(word, "typeof" | "void" | "delete" | "await" | "yield" | "in" | "instanceof" | "async" | "class")
}

/// `[...]`, `{...}`, `(...)`, a string or number literal: self-delimiting text.
fn is_bracketed_literal(text: &str) -> bool {
    let t = text.trim();
    let (first, last) = match (t.chars().next(), t.chars().last()) {
        (Some(f), Some(l)) => (f, l),
        _ => return false,
    };
    if !matches!((first, last), ('[', ']') | ('(', ')') | ('"', '"') | ('\'', '\'') | ('`', '`')) {
        return t.parse::<f64>().is_ok();
    }
    // The brackets must enclose the whole text: check that the first one closes at the end.
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in t.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
                if depth == 0 && i + c.len_utf8() != t.len() {
                    return false;
                }
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => {
                quote = Some(c);
            }
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => {
                depth -= 1;
                if depth == 0 && i + 1 != t.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

/// TypeScript's `isLeftHandSideExpression` (what may stand left of `.`, `[` and `(`).
fn is_left_hand_side(expr: &Expr) -> bool {
    match bare(expr) {
        Expr::Prop { .. }
        | Expr::Key { .. }
        | Expr::Call { .. }
        | Expr::New { .. }
        | Expr::TaggedTemplate { .. }
        | Expr::Array(_)
        | Expr::Paren(_)
        | Expr::Map(_)
        | Expr::Function { .. }
        | Expr::Var(_)
        | Expr::External(_)
        | Expr::Regex { .. }
        | Expr::Template { .. }
        | Expr::DynamicImport { .. }
        | Expr::Fixup(_) => true,
        Expr::Literal(Literal::Number(n)) => *n >= 0.0 && !(*n == 0.0 && n.is_sign_negative()),
        Expr::Literal(_) => true,
        Expr::Raw(text) => raw_precedence(text) >= Prec::Member,
        _ => false,
    }
}

/// Whether a node is (or ends as) an optional chain: `a?.b`, `a?.b.c`, `f?.()`.
fn is_optional_chain(expr: &Expr) -> bool {
    match bare(expr) {
        Expr::Prop { receiver, optional, .. } => *optional || is_optional_chain(receiver),
        Expr::Key { receiver, optional, .. } => *optional || is_optional_chain(receiver),
        Expr::Call { callee, optional, .. } => *optional || is_optional_chain(callee),
        _ => false,
    }
}

/// The leftmost sub-expression, as TypeScript's `getLeftmostExpression`.
fn leftmost(expr: &Expr, stop_at_calls: bool) -> &Expr {
    match bare(expr) {
        Expr::Binary { lhs, .. } => leftmost(lhs, stop_at_calls),
        Expr::Conditional { condition, .. } => leftmost(condition, stop_at_calls),
        Expr::Prop { receiver, .. } | Expr::Key { receiver, .. } => leftmost(receiver, stop_at_calls),
        Expr::TaggedTemplate { tag, .. } => leftmost(tag, stop_at_calls),
        Expr::Call { callee, .. } if !stop_at_calls => leftmost(callee, stop_at_calls),
        e => e,
    }
}

struct Printer<'a> {
    out: String,
    indent: usize,
    imports: &'a mut dyn ImportNames,
}

impl Printer<'_> {
    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    fn parens(&mut self, expr: &Expr) {
        self.out.push('(');
        self.expr(expr);
        self.out.push(')');
    }

    fn expr_if(&mut self, expr: &Expr, parenthesize: bool) {
        if parenthesize {
            self.parens(expr)
        } else {
            self.expr(expr)
        }
    }

    /// An expression where a comma would end it (array items, arguments, initialisers).
    fn expr_no_comma(&mut self, expr: &Expr) {
        self.expr_if(expr, precedence(expr) <= Prec::Comma);
    }

    /// The left side of `.`, `[`, `(` or a tagged template.
    fn access_target(&mut self, expr: &Expr, optional_chain: bool) {
        let ok = is_left_hand_side(expr) && (optional_chain || !is_optional_chain(expr));
        self.expr_if(expr, !ok);
    }

    fn comments(&mut self, comments: &[LeadingComment]) {
        for c in comments {
            if c.multiline {
                self.out.push_str("/*");
                self.out.push_str(&c.text);
                self.out.push_str("*/");
                if c.trailing_newline {
                    self.newline();
                } else {
                    self.out.push(' ');
                }
            } else {
                for line in c.text.split('\n') {
                    self.out.push_str("//");
                    self.out.push_str(line);
                    self.newline();
                }
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || self.expr_inner(expr))
    }

    fn expr_inner(&mut self, expr: &Expr) {
        match expr {
            Expr::Var(name) => self.out.push_str(name),
            Expr::External(r) => {
                let text = self.imports.reference(r);
                self.out.push_str(&text);
            }
            Expr::Literal(lit) => self.literal(lit),
            Expr::Raw(text) => self.out.push_str(text),
            Expr::Typeof(e) => {
                self.out.push_str("typeof ");
                self.unary_operand(e);
            }
            Expr::Void(e) => {
                self.out.push_str("void ");
                self.unary_operand(e);
            }
            Expr::Not(e) => {
                self.out.push('!');
                self.unary_operand(e);
            }
            Expr::Unary(op, e) => {
                let sign = match op {
                    UnaryOp::Minus => '-',
                    UnaryOp::Plus => '+',
                };
                self.out.push(sign);
                // `- -x` and `+ +x` would otherwise print as a decrement / increment.
                if let Expr::Unary(inner, _) = bare(e) {
                    if inner == op {
                        self.out.push(' ');
                    }
                }
                if let Expr::Literal(Literal::Number(n)) = bare(e) {
                    if *n < 0.0 && *op == UnaryOp::Minus {
                        self.out.push(' ');
                    }
                }
                self.unary_operand(e);
            }
            Expr::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs),
            Expr::Conditional { condition, true_case, false_case } => {
                self.expr_if(condition, precedence(condition) <= Prec::Conditional);
                self.out.push_str(" ? ");
                self.expr_if(true_case, precedence(true_case) <= Prec::Comma);
                self.out.push_str(" : ");
                self.expr_if(false_case, precedence(false_case) <= Prec::Comma);
            }
            Expr::Prop { receiver, name, optional } => {
                let chain = *optional || is_optional_chain(receiver);
                self.access_target(receiver, chain);
                if let Expr::Literal(Literal::Number(n)) = bare(receiver) {
                    let text = ngc_expression::js_number_to_string(*n);
                    if !text.contains(['.', 'e', 'E']) {
                        self.out.push('.');
                    }
                }
                self.out.push_str(if *optional { "?." } else { "." });
                self.out.push_str(name);
            }
            Expr::Key { receiver, index, optional } => {
                let chain = *optional || is_optional_chain(receiver);
                self.access_target(receiver, chain);
                self.out.push_str(if *optional { "?.[" } else { "[" });
                self.expr(index);
                self.out.push(']');
            }
            Expr::Call { callee, args, pure, optional } => {
                if *pure {
                    self.out.push_str("/*@__PURE__*/ ");
                }
                let chain = *optional || is_optional_chain(callee);
                self.access_target(callee, chain);
                if *optional {
                    self.out.push_str("?.");
                }
                self.args(args);
            }
            Expr::New { class, args } => {
                self.out.push_str("new ");
                let left = leftmost(class, true);
                let parenthesize = match bare(left) {
                    Expr::Call { .. } => true,
                    _ => !is_left_hand_side(class) || is_optional_chain(class),
                };
                self.expr_if(class, parenthesize);
                self.args(args);
            }
            Expr::Array(items) => {
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.expr_no_comma(item);
                }
                self.out.push(']');
            }
            Expr::Map(entries) => self.map(entries),
            Expr::Function { name, params, body } => {
                self.out.push_str("function ");
                if let Some(name) = name {
                    self.out.push_str(name);
                }
                self.params(params);
                self.out.push(' ');
                self.block(body);
            }
            Expr::Arrow { params, body } => {
                if params.len() == 1 {
                    self.out.push_str(&params[0]);
                } else {
                    self.params(params);
                }
                self.out.push_str(" => ");
                match body {
                    ArrowBody::Block(stmts) => self.block(stmts),
                    ArrowBody::Expr(e) => {
                        let starts_with_brace = matches!(bare(leftmost(e, false)), Expr::Map(_));
                        self.expr_if(e, starts_with_brace || precedence(e) <= Prec::Comma);
                    }
                }
            }
            Expr::Template { elements, exprs } => self.template(elements, exprs),
            Expr::TaggedTemplate { tag, elements, exprs } => {
                self.access_target(tag, false);
                self.template(elements, exprs);
            }
            Expr::Regex { body, flags } => {
                self.out.push('/');
                self.out.push_str(body);
                self.out.push('/');
                if let Some(f) = flags {
                    self.out.push_str(f);
                }
            }
            Expr::DynamicImport { url, url_comment } => {
                self.out.push_str("import(");
                if let Some(c) = url_comment {
                    self.out.push_str("/* ");
                    self.out.push_str(c);
                    self.out.push_str(" */ ");
                }
                self.expr(url);
                self.out.push(')');
            }
            Expr::Paren(e) => self.parens(e),
            Expr::Spread(e) => {
                self.out.push_str("...");
                self.expr_no_comma(e);
            }
            Expr::Commented { comments, expr } => {
                self.comments(comments);
                self.expr(expr);
            }
            Expr::Fixup(cell) => {
                let current = cell.borrow().clone();
                self.expr(&current);
            }
        }
    }

    /// Operand of a prefix operator: TypeScript's `parenthesizeOperandOfPrefixUnary`.
    fn unary_operand(&mut self, e: &Expr) {
        let unary = precedence(e) >= Prec::Unary || is_left_hand_side(e);
        self.expr_if(e, !unary);
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr) {
        let prec = binary_prec(op);
        // Left operand.
        let left_parens = match bare(lhs) {
            Expr::Paren(_) => false,
            _ => {
                let p = precedence(lhs);
                p < prec || (p == prec && right_associative(op))
            }
        };
        self.expr_if(lhs, left_parens);
        self.out.push(' ');
        self.out.push_str(op.as_str());
        self.out.push(' ');
        // Right operand.
        let right_parens = match bare(rhs) {
            Expr::Paren(_) => false,
            Expr::Arrow { .. } if prec > Prec::Assignment => true,
            r => {
                let p = precedence(rhs);
                if p < prec {
                    true
                } else if p > prec {
                    false
                } else {
                    let same_op = matches!(r, Expr::Binary { op: inner, .. } if *inner == op);
                    // Associative operators, and `+` joining operands of one literal kind, need none.
                    let associative = matches!(op, BinaryOp::Multiply | BinaryOp::BitwiseOr | BinaryOp::BitwiseAnd)
                        || (op == BinaryOp::Plus
                            && plus_literal_kind(lhs).is_some()
                            && plus_literal_kind(lhs) == plus_literal_kind(r));
                    if same_op && associative {
                        false
                    } else {
                        // Parenthesise a left-associative operand.
                        !matches!(r, Expr::Binary { op: inner, .. } if right_associative(*inner))
                    }
                }
            }
        };
        self.expr_if(rhs, right_parens);
    }

    fn args(&mut self, args: &[Expr]) {
        self.out.push('(');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr_no_comma(a);
        }
        self.out.push(')');
    }

    fn params(&mut self, params: &[String]) {
        self.out.push('(');
        self.out.push_str(&params.join(", "));
        self.out.push(')');
    }

    fn map(&mut self, entries: &[MapEntry]) {
        if entries.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push_str("{ ");
        for (i, entry) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            match entry {
                MapEntry::Property { key, quoted, value } => {
                    if *quoted {
                        write_string(key, &mut self.out);
                    } else {
                        self.out.push_str(key);
                    }
                    self.out.push_str(": ");
                    self.expr_no_comma(value);
                }
                MapEntry::Spread(e) => {
                    self.out.push_str("...");
                    self.expr_no_comma(e);
                }
            }
        }
        self.out.push_str(" }");
    }

    fn template(&mut self, elements: &[TemplateElement], exprs: &[Expr]) {
        self.out.push('`');
        for (i, el) in elements.iter().enumerate() {
            self.out.push_str(&el.raw);
            if let Some(e) = exprs.get(i) {
                self.out.push_str("${");
                self.expr(e);
                self.out.push('}');
            }
        }
        self.out.push('`');
    }

    fn literal(&mut self, lit: &Literal) {
        match lit {
            Literal::Undefined => self.out.push_str("undefined"),
            Literal::Null => self.out.push_str("null"),
            Literal::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Literal::Number(n) => {
                // ngc's `tsNumericExpression`: a negative number is a prefix minus.
                if *n < 0.0 {
                    self.out.push('-');
                    self.out.push_str(&ngc_expression::js_number_to_string(-*n));
                } else {
                    self.out.push_str(&ngc_expression::js_number_to_string(*n));
                }
            }
            Literal::String(s) => write_string(s, &mut self.out),
        }
    }

    fn block(&mut self, stmts: &[Stmt]) {
        if stmts.is_empty() {
            self.out.push_str("{ }");
            return;
        }
        self.out.push('{');
        self.indent += 1;
        for stmt in stmts {
            self.newline();
            self.stmt(stmt);
        }
        self.indent -= 1;
        self.newline();
        self.out.push('}');
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::DeclareVar { name, value, is_const, exported } => {
                if *exported {
                    self.out.push_str("export ");
                }
                self.out.push_str(if *is_const { "const " } else { "let " });
                self.out.push_str(name);
                if let Some(v) = value {
                    self.out.push_str(" = ");
                    self.expr_no_comma(v);
                }
                self.out.push(';');
            }
            Stmt::DeclareFunction { name, params, body } => {
                self.out.push_str("function ");
                self.out.push_str(name);
                self.params(params);
                self.out.push(' ');
                self.block(body);
            }
            Stmt::Expr(e) => {
                // TypeScript's `parenthesizeExpressionOfExpressionStatement`.
                let parenthesize_callee = match bare(e) {
                    Expr::Call { callee, .. } => matches!(bare(callee), Expr::Function { .. } | Expr::Arrow { .. }),
                    _ => false,
                };
                if parenthesize_callee {
                    if let Expr::Call { callee, args, pure, optional } = bare(e) {
                        if *pure {
                            self.out.push_str("/*@__PURE__*/ ");
                        }
                        self.parens(callee);
                        if *optional {
                            self.out.push_str("?.");
                        }
                        self.args(args);
                    }
                } else {
                    let starts_badly = matches!(bare(leftmost(e, false)), Expr::Map(_) | Expr::Function { .. });
                    self.expr_if(e, starts_badly);
                }
                self.out.push(';');
            }
            Stmt::Return(e) => {
                self.out.push_str("return ");
                self.expr(e);
                self.out.push(';');
            }
            Stmt::If { condition, true_case, false_case } => {
                self.out.push_str("if (");
                self.expr(condition);
                self.out.push_str(") ");
                self.block(true_case);
                if !false_case.is_empty() {
                    self.out.push_str(" else ");
                    self.block(false_case);
                }
            }
            Stmt::Commented { comments, stmt } => {
                self.comments(comments);
                self.stmt(stmt);
            }
        }
    }
}

/// For `a + (b + c)`: the literal kind of an operand made only of literals of one kind
/// joined by `+` (TypeScript's `getLiteralKindOfBinaryPlusOperand`).
fn plus_literal_kind(expr: &Expr) -> Option<u8> {
    match bare(expr) {
        Expr::Literal(Literal::String(_)) | Expr::Template { .. } => Some(1),
        Expr::Literal(Literal::Number(_)) => Some(2),
        Expr::Binary { op: BinaryOp::Plus, lhs, rhs } => {
            let l = plus_literal_kind(lhs)?;
            (plus_literal_kind(rhs) == Some(l)).then_some(l)
        }
        _ => None,
    }
}

/// A JavaScript string literal in double quotes, escaped as TypeScript's printer escapes
/// (`escapeString`): quotes, backslash, control characters, line and paragraph separators; a
/// NUL before a digit as `\x00` (`\01` would be an octal escape). `</script` is written
/// `<\/script` so that the code can also be inlined in an HTML `<script>` element; `${` needs
/// no escape inside a double-quoted string.
pub fn write_string(s: &str, out: &mut String) {
    out.push('"');
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\0' if chars.peek().is_some_and(|(_, n)| n.is_ascii_digit()) => out.push_str("\\x00"),
            '\0' => out.push_str("\\0"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '\u{85}' => out.push_str("\\u0085"),
            '<' if s[i..].get(..8).is_some_and(|t| t.eq_ignore_ascii_case("</script")) => {
                out.push_str("<\\/");
                chars.next();
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use crate::*;
    use super::*;

    fn p(e: &Expr) -> String {
        print_expr(e, &mut PlainImports)
    }

    #[test]
    fn binary_parentheses_follow_precedence() {
        let a = || var("a");
        let b = || var("b");
        let c = || var("c");
        assert_eq!(p(&a().binary(BinaryOp::Plus, b()).binary(BinaryOp::Multiply, c())), "(a + b) * c");
        assert_eq!(p(&a().binary(BinaryOp::Multiply, b()).binary(BinaryOp::Plus, c())), "a * b + c");
        assert_eq!(p(&a().binary(BinaryOp::Minus, b().binary(BinaryOp::Minus, c()))), "a - (b - c)");
        assert_eq!(p(&a().binary(BinaryOp::Multiply, b().binary(BinaryOp::Multiply, c()))), "a * b * c");
        assert_eq!(p(&a().binary(BinaryOp::Plus, b().binary(BinaryOp::Plus, c()))), "a + (b + c)");
        assert_eq!(p(&str_lit("x").binary(BinaryOp::Plus, str_lit("y").binary(BinaryOp::Plus, str_lit("z")))), r#""x" + "y" + "z""#);
        assert_eq!(p(&a().binary(BinaryOp::Exponentiation, b()).binary(BinaryOp::Exponentiation, c())), "(a ** b) ** c");
        assert_eq!(p(&a().binary(BinaryOp::Exponentiation, b().binary(BinaryOp::Exponentiation, c()))), "a ** b ** c");
        let two_way = var("f").call(vec![a(), b()]).or(a().set(b()));
        assert_eq!(p(&two_way), "f(a, b) || (a = b)");
    }

    #[test]
    fn access_calls_and_new() {
        assert_eq!(p(&var("a").or(var("b")).prop("c")), "(a || b).c");
        assert_eq!(p(&var("T").or(var("C")).instantiate(vec![])), "new (T || C)()");
        assert_eq!(p(&var("f").call(vec![]).instantiate(vec![])), "new (f())()");
        assert_eq!(p(&core("ɵɵdefineComponent").call_pure(vec![map(vec![("type", var("C"))])])), "/*@__PURE__*/ i0.ɵɵdefineComponent({ type: C })");
        let chain = Expr::Prop { receiver: Box::new(var("a")), name: "b".into(), optional: true }.prop("c");
        assert_eq!(p(&chain), "a?.b.c");
    }

    #[test]
    fn arrows_conditionals_and_literals() {
        assert_eq!(p(&arrow(vec!["a0".into()], map(vec![("odd", var("a0"))]))), "a0 => ({ odd: a0 })");
        assert_eq!(p(&arrow(vec![], var("x"))), "() => x");
        assert_eq!(p(&var("a").conditional(var("b"), var("c")).conditional(var("d"), var("e"))), "(a ? b : c) ? d : e");
        assert_eq!(p(&num(-1.0)), "-1");
        assert_eq!(p(&str_lit("a\"b\\\n\u{2028}</script>${x}")), r#""a\"b\\\n\u2028<\/script>${x}""#);
        assert_eq!(p(&str_lit("</SCRIPT </scrip \u{0}1 \u{0}")), r#""<\/SCRIPT </scrip \x001 \0""#);
        assert_eq!(p(&Expr::Not(Box::new(var("a").and(var("b"))))), "!(a && b)");
        assert_eq!(p(&Expr::Typeof(Box::new(var("ngDevMode")))), "typeof ngDevMode");
    }

    #[test]
    fn raw_source_expressions_get_parentheses_only_where_needed() {
        let items = array(vec![raw("RouterModule.forRoot(routes)"), raw("(v) => v"), raw("{ a: 1 }"), raw("a, b"), raw("new X.Y(1).z"), raw("a || b")]);
        assert_eq!(p(&items), "[RouterModule.forRoot(routes), (v) => v, { a: 1 }, (a, b), new X.Y(1).z, a || b]");
        assert_eq!(p(&raw("() => make('x')").call(vec![])), "(() => make('x'))()");
        assert_eq!(p(&raw("function f(a) { return a; }").call(vec![])), "function f(a) { return a; }()");
        assert_eq!(p(&raw("a.b(c)[d]").prop("e")), "a.b(c)[d].e");
        assert_eq!(p(&raw("a + b").prop("e")), "(a + b).e");
        assert_eq!(p(&raw("'a, b'").prop("length")), "'a, b'.length");
        assert_eq!(p(&raw("new Foo").call(vec![])), "(new Foo)()");
        assert_eq!(p(&raw("new a.Foo(1)").call(vec![])), "new a.Foo(1)()");
    }

    #[test]
    fn statements() {
        let f = Stmt::DeclareFunction {
            name: "C_Template".into(),
            params: vec!["rf".into(), "ctx".into()],
            body: vec![if_stmt(var("rf").binary(BinaryOp::BitwiseAnd, num(1.0)), vec![core("ɵɵtext").call(vec![num(0.0)]).to_stmt()])],
        };
        assert_eq!(
            print_stmt(&f, 0, &mut PlainImports),
            "function C_Template(rf, ctx) {\n    if (rf & 1) {\n        i0.ɵɵtext(0);\n    }\n}"
        );
        let iife = arrow(vec![], var("x")).call(vec![]).to_stmt();
        assert_eq!(print_stmt(&iife, 0, &mut PlainImports), "(() => x)();");
    }
}
