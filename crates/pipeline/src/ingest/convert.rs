//! Binding expressions into IR expressions (Angular's `convertAst`).

use ngc_expression::ast::{self as ex, Ast, AstKind};
use ngc_output as o;
use ngc_template::Span;

use crate::error::PipelineError;
use crate::ir::{
    transform_expr, ArrowBody, BinaryOp, Expr, Literal, MapEntry, UnaryOp, VisitorFlags,
};
use crate::job::JobState;

/// `BINARY_OPERATORS`.
fn binary_op(op: ex::BinaryOp) -> BinaryOp {
    use ex::BinaryOp as E;
    match op {
        E::Add => BinaryOp::Plus,
        E::Sub => BinaryOp::Minus,
        E::Mul => BinaryOp::Multiply,
        E::Div => BinaryOp::Divide,
        E::Rem => BinaryOp::Modulo,
        E::Pow => BinaryOp::Exponentiation,
        E::Eq => BinaryOp::Equals,
        E::NotEq => BinaryOp::NotEquals,
        E::StrictEq => BinaryOp::Identical,
        E::StrictNotEq => BinaryOp::NotIdentical,
        E::Lt => BinaryOp::Lower,
        E::Gt => BinaryOp::Bigger,
        E::LtEq => BinaryOp::LowerEquals,
        E::GtEq => BinaryOp::BiggerEquals,
        E::And => BinaryOp::And,
        E::Or => BinaryOp::Or,
        E::Nullish => BinaryOp::NullishCoalesce,
        E::In => BinaryOp::In,
        E::InstanceOf => BinaryOp::InstanceOf,
        E::Assign => BinaryOp::Assign,
        E::AddAssign => BinaryOp::AdditionAssignment,
        E::SubAssign => BinaryOp::SubtractionAssignment,
        E::MulAssign => BinaryOp::MultiplicationAssignment,
        E::DivAssign => BinaryOp::DivisionAssignment,
        E::RemAssign => BinaryOp::RemainderAssignment,
        E::PowAssign => BinaryOp::ExponentiationAssignment,
        E::AndAssign => BinaryOp::AndAssignment,
        E::OrAssign => BinaryOp::OrAssignment,
        E::NullishAssign => BinaryOp::NullishCoalesceAssignment,
    }
}

fn span_of(ast: &Ast) -> Span {
    Span::new(ast.source_span.start, ast.source_span.end)
}

/// A template-literal piece as Angular's `TemplateLiteralElementExpr` writes it.
pub fn template_element(text: &str) -> o::TemplateElement {
    let raw = text
        .replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "$\\{");
    o::TemplateElement {
        cooked: text.to_string(),
        raw,
    }
}

/// `convertAst`. Errors (constructs Angular does not compile) are recorded in `state.errors`
/// and yield an empty expression.
pub fn convert_ast(ast: &Ast, state: &mut JobState<'_>) -> Expr {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || convert(ast, state))
}

fn boxed(ast: &Ast, state: &mut JobState<'_>) -> Box<Expr> {
    Box::new(convert_ast(ast, state))
}

fn all(asts: &[Ast], state: &mut JobState<'_>) -> Vec<Expr> {
    asts.iter().map(|a| convert_ast(a, state)).collect()
}

fn is_implicit(ast: &Ast) -> bool {
    matches!(ast.kind, AstKind::ImplicitReceiver)
}

fn literal(lit: &ex::Literal) -> Literal {
    match lit {
        ex::Literal::Null => Literal::Null,
        ex::Literal::Undefined => Literal::Undefined,
        ex::Literal::Bool(b) => Literal::Bool(*b),
        ex::Literal::Number(n) => Literal::Number(*n),
        ex::Literal::String(s) => Literal::String(s.clone()),
    }
}

fn convert(ast: &Ast, state: &mut JobState<'_>) -> Expr {
    match &ast.kind {
        AstKind::PropertyRead { receiver, name, .. } => {
            if is_implicit(receiver) {
                Expr::LexicalRead(name.clone())
            } else {
                Expr::ReadProp {
                    receiver: boxed(receiver, state),
                    name: name.clone(),
                    optional: false,
                }
            }
        }
        AstKind::Call { receiver, args, .. } => {
            if is_implicit(receiver) {
                state.errors.push(PipelineError::invalid(
                    "Unexpected ImplicitReceiver",
                    span_of(ast),
                ));
                return Expr::Empty;
            }
            if let AstKind::PropertyRead {
                receiver: r, name, ..
            } = &receiver.kind
            {
                if is_implicit(r)
                    && (name == "$any" || name == "$safeNavigationMigration")
                    && args.len() != 1
                {
                    state.errors.push(PipelineError::invalid(
                        format!("The {name} builtin function expects exactly one argument."),
                        span_of(ast),
                    ));
                    return Expr::Empty;
                }
            }
            Expr::Invoke {
                callee: boxed(receiver, state),
                args: all(args, state),
                optional: false,
                pure: false,
            }
        }
        AstKind::SafeCall { receiver, args, .. } => Expr::Invoke {
            callee: boxed(receiver, state),
            args: all(args, state),
            optional: true,
            pure: false,
        },
        AstKind::LiteralPrimitive(lit) => Expr::Literal(literal(lit)),
        AstKind::Unary { op, expr } => Expr::Unary {
            op: match op {
                ex::UnaryOp::Plus => UnaryOp::Plus,
                ex::UnaryOp::Minus => UnaryOp::Minus,
            },
            expr: boxed(expr, state),
        },
        AstKind::Binary { op, left, right } => Expr::Binary {
            op: binary_op(*op),
            lhs: boxed(left, state),
            rhs: boxed(right, state),
        },
        AstKind::ThisReceiver => Expr::Context(crate::job::ROOT_XREF),
        AstKind::KeyedRead { receiver, key } => Expr::ReadKey {
            receiver: boxed(receiver, state),
            index: boxed(key, state),
            optional: false,
        },
        AstKind::Chain(_) => {
            state.errors.push(PipelineError::invalid(
                "Chain in unknown context",
                span_of(ast),
            ));
            Expr::Empty
        }
        AstKind::LiteralMap { keys, values } => {
            let mut entries = Vec::with_capacity(keys.len());
            for (key, value) in keys.iter().zip(values) {
                let value = convert_ast(value, state);
                entries.push(match key {
                    ex::LiteralMapKey::Spread { .. } => MapEntry::Spread(value),
                    ex::LiteralMapKey::Property { key, quoted, .. } => MapEntry::Property {
                        key: key.clone(),
                        quoted: *quoted,
                        value,
                    },
                });
            }
            Expr::LiteralMap(entries)
        }
        AstKind::LiteralArray(items) => Expr::LiteralArray(all(items, state)),
        AstKind::Conditional {
            condition,
            true_exp,
            false_exp,
        } => Expr::Conditional {
            condition: boxed(condition, state),
            true_case: boxed(true_exp, state),
            false_case: Some(boxed(false_exp, state)),
        },
        AstKind::NonNullAssert(inner) => convert_ast(inner, state),
        AstKind::Pipe {
            exp, name, args, ..
        } => {
            let target = state.allocate_xref();
            let slot = state.new_slot();
            let mut all_args = vec![convert_ast(exp, state)];
            all_args.extend(all(args, state));
            Expr::PipeBinding {
                target,
                slot,
                name: name.clone(),
                args: all_args,
                var_offset: None,
            }
        }
        AstKind::SafeKeyedRead { receiver, key } => Expr::SafeKeyedRead {
            receiver: boxed(receiver, state),
            index: boxed(key, state),
        },
        AstKind::SafePropertyRead { receiver, name, .. } => Expr::SafePropertyRead {
            receiver: boxed(receiver, state),
            name: name.clone(),
        },
        AstKind::Empty => Expr::Empty,
        AstKind::PrefixNot(inner) => Expr::Not(boxed(inner, state)),
        AstKind::TypeofExpression(inner) => Expr::Typeof(boxed(inner, state)),
        AstKind::VoidExpression(inner) => Expr::Void(boxed(inner, state)),
        AstKind::TemplateLiteral(t) => Expr::TemplateLiteral {
            elements: t
                .elements
                .iter()
                .map(|e| template_element(&e.text))
                .collect(),
            exprs: all(&t.expressions, state),
        },
        AstKind::TaggedTemplateLiteral { tag, template } => Expr::TaggedTemplate {
            tag: boxed(tag, state),
            elements: template
                .elements
                .iter()
                .map(|e| template_element(&e.text))
                .collect(),
            exprs: all(&template.expressions, state),
        },
        AstKind::Parenthesized(inner) => Expr::Paren(boxed(inner, state)),
        AstKind::RegularExpressionLiteral { body, flags } => Expr::Regex {
            body: body.clone(),
            flags: flags.clone(),
        },
        AstKind::SpreadElement(inner) => Expr::Spread(boxed(inner, state)),
        AstKind::ArrowFunction { parameters, body } => {
            let params: Vec<String> = parameters.iter().map(|p| p.name.clone()).collect();
            let mut arrow = Expr::ArrowFn {
                params,
                body: ArrowBody::Expr(boxed(body, state)),
            };
            update_parameter_references(&mut arrow);
            arrow
        }
        AstKind::ImplicitReceiver | AstKind::Interpolation { .. } => {
            state.errors.push(PipelineError::internal(format!(
                "unexpected expression node {:?}",
                ast.kind
            )));
            Expr::Empty
        }
    }
}

/// `updateParameterReferences`: reads of arrow-function parameters become plain variable reads.
/// The set of names only grows while walking (children first), as in Angular.
fn update_parameter_references(root: &mut Expr) {
    let mut names: Vec<String> = match root {
        Expr::ArrowFn { params, .. } => params.clone(),
        _ => Vec::new(),
    };
    transform_expr(
        root,
        &mut |e, _| match e {
            Expr::ArrowFn { params, .. } => {
                for p in params.iter() {
                    if !names.contains(p) {
                        names.push(p.clone());
                    }
                }
            }
            Expr::LexicalRead(name) if names.contains(name) => {
                *e = Expr::ReadVar(name.clone());
            }
            _ => {}
        },
        VisitorFlags::NONE,
    );
}
