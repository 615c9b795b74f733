//! Evaluation of expressions and types into metadata values, folding what can be folded.
//!
//! This follows Angular 8's `Evaluator` rule for rule: which forms fold (`isFoldable`), which
//! become symbolic nodes (`call`, `new`, `select`, `index`, `pre`, `binop`, `if`, `spread`,
//! `reference`), which become error nodes, and at which node each result is recorded (the
//! first recording of an imported reference gives it its `line`/`character`).

use std::collections::{HashMap, HashSet};

use ngc_diagnostics::Span;
use swc_common::Spanned;
use swc_ecma_ast::{
    ArrayLit, ArrowFunctionBody, AssignTarget, BinaryOp, CallExpr, Callee, Expr, ExprOrSpread,
    Lit, MemberExpr, MemberProp, ObjectLit, Prop, PropName, PropOrSpread, SimpleAssignTarget,
    SuperPropExpr, Tpl, TsEntityName, TsKeywordTypeKind, TsType, TsTypeRef,
    TsUnionOrIntersectionType, UnaryOp, UpdateExpr,
};

use crate::source::{span_of, SourceFile};
use crate::symbols::Symbols;
use crate::value::{fold_binary, FoldableOp, Value};

/// Where each object was first recorded: the `nodeMap` of the original, keyed by identity.
/// Holding a clone of the value keeps its address from being reused.
#[derive(Default)]
pub(crate) struct NodeMap {
    map: HashMap<usize, (Value, Span)>,
}

impl NodeMap {
    /// Byte offset of the node `value` was first recorded at.
    pub fn start_of(&self, value: &Value) -> Option<u32> {
        self.span_of(value).map(|span| span.start)
    }

    /// The node `value` was first recorded at.
    pub fn span_of(&self, value: &Value) -> Option<Span> {
        value.identity().and_then(|id| self.map.get(&id)).map(|(_, span)| *span)
    }
}

/// ngc 8's `LowerMetadataTransform`: function expressions, and the values of the fields in
/// [`LOWERABLE_FIELDS`], evaluated where lowering is allowed, become references to exported
/// `ɵN` symbols whose metadata is the original value.
#[derive(Default)]
pub(crate) struct Lowering {
    /// Names exported from the file (with `export` or in an `export {…}` clause).
    pub export_table: HashSet<String>,
    /// Whether the expression being evaluated may be lowered (decorators, module-scope
    /// variables; not class members, functions or enums).
    pub eligible: bool,
    /// Field values being evaluated that are themselves lowerable, outermost first.
    fields: Vec<Span>,
    /// `ɵN` symbols made so far, in order; the walker moves them into the metadata.
    pub lowered: Vec<(String, Value)>,
    /// Every `ɵN` symbol made, with the node it stands for (ngc 8's lowering requests, which
    /// its file transform rewrote in the emitted JavaScript).
    pub requests: Vec<(String, Span)>,
    next: usize,
}

/// What a module-local (non-exported) top-level declaration is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LocalKind {
    Class,
    Function,
    Variable,
}

/// The state of Ivy-mode evaluation.
#[derive(Default)]
pub(crate) struct IvyMode {
    /// The file's non-exported top-level declarations that local references may name.
    pub locals: HashMap<String, LocalKind>,
    /// The local declarations referenced so far, in order of first reference.
    pub referenced: Vec<String>,
    queued: HashSet<String>,
    /// The values View Engine has an error node for (a container of one, a local reference),
    /// by identity; holding them keeps their addresses from being reused.
    view_engine_errors: HashMap<usize, Value>,
}

impl IvyMode {
    pub fn new(locals: HashMap<String, LocalKind>) -> Self {
        IvyMode { locals, referenced: Vec::new(), queued: HashSet::new(), view_engine_errors: HashMap::new() }
    }
}

/// Evaluates the expressions of one file.
pub(crate) struct Evaluator<'a, 's> {
    symbols: Symbols,
    pub node_map: NodeMap,
    pub source: &'a SourceFile<'s>,
    quoted_names: bool,
    /// Lowering, when enabled.
    pub lowering: Option<Lowering>,
    /// Ivy mode, for the Ivy metadata (`crate::ivy`): error nodes stay where they occur instead
    /// of replacing the object, array or call around them, and module-local declarations are
    /// referenced instead of being errors.
    pub ivy: Option<IvyMode>,
    /// `isFoldable` by expression address. Foldability depends only on the expression and the
    /// symbol table, so the cache is cleared whenever a symbol is defined. Without it, a chain
    /// `a.b.c.…` asks the same question of every prefix: quadratic time.
    foldable_cache: HashMap<usize, bool>,
}

/// The metadata fields whose function expressions ngc 8 rewrote into exported `ɵ0` consts
/// (`LOWER_FIELDS` of its program).
pub(crate) const LOWERABLE_FIELDS: &[&str] = &["useValue", "useFactory", "data", "id", "loadChildren"];

/// A node's position: `start` is TypeScript's `getStart()`, `end` its end.
pub(crate) fn at<T: Spanned>(node: &T) -> Span {
    span_of(node.span())
}

impl<'a, 's> Evaluator<'a, 's> {
    pub fn new(symbols: Symbols, source: &'a SourceFile<'s>, quoted_names: bool) -> Self {
        Evaluator {
            symbols,
            node_map: NodeMap::default(),
            source,
            quoted_names,
            lowering: None,
            ivy: None,
            foldable_cache: HashMap::new(),
        }
    }

    /// Whether View Engine's metadata has an error node for `value`: it is one, or, in Ivy
    /// mode, it stands for one (an object, array or call holding one, where View Engine lets the
    /// error replace it; a local reference).
    fn is_view_engine_error(&self, value: &Value) -> bool {
        value.is_error()
            || self.ivy.as_ref().is_some_and(|ivy| value.identity().is_some_and(|id| ivy.view_engine_errors.contains_key(&id)))
    }

    /// In Ivy mode, notes that View Engine's metadata has an error node for `value`.
    fn mark_view_engine_error(&mut self, value: &Value) {
        if let (Some(ivy), Some(id)) = (&mut self.ivy, value.identity()) {
            ivy.view_engine_errors.insert(id, value.clone());
        }
    }

    fn invalidate_foldable_cache(&mut self) {
        if !self.foldable_cache.is_empty() {
            self.foldable_cache = HashMap::new();
        }
    }

    /// Defines a module-local symbol.
    pub fn define(&mut self, name: &str, value: Value) {
        self.invalidate_foldable_cache();
        self.symbols.define(name, value);
    }

    /// Defines the reference an exported constant resolves to where a reference is preferred.
    pub fn define_reference(&mut self, name: &str, value: Value) {
        self.invalidate_foldable_cache();
        self.symbols.define_reference(name, value);
    }

    /// `recordEntry`: lowers the entry when its node is lowerable, then `recordMapEntry`.
    pub fn record(&mut self, entry: Value, node: Span) -> Value {
        self.record_node(entry, node, false)
    }

    /// `recordEntry` for a node that is a function expression when `is_lambda`.
    fn record_node(&mut self, entry: Value, node: Span, is_lambda: bool) -> Value {
        // View Engine lowers no value it has an error node for, but a lambda (checked first).
        let view_engine_error = !is_lambda && self.ivy.is_some() && self.is_view_engine_error(&entry);
        let entry = match &mut self.lowering {
            Some(lowering) if !entry.is_primitive() && !is_lowered_reference(&entry) && !view_engine_error => {
                // `isLowerable`: the node should be lowered and no ancestor should be.
                let lowerable = match lowering.fields.as_slice() {
                    [] => is_lambda && lowering.eligible,
                    [only] => *only == node,
                    _ => false,
                };
                if lowerable {
                    let name = format!("\u{275}{}", lowering.next);
                    lowering.next += 1;
                    lowering.lowered.push((name.clone(), entry));
                    lowering.requests.push((name.clone(), node));
                    Value::global_reference(&name)
                } else {
                    entry
                }
            }
            _ => entry,
        };
        self.record_in_map(entry, node)
    }

    /// `recordMapEntry`: remembers the first node of an object and gives an imported
    /// reference the position of that node.
    fn record_in_map(&mut self, entry: Value, node: Span) -> Value {
        if let Some(id) = entry.identity() {
            if let std::collections::hash_map::Entry::Vacant(slot) = self.node_map.map.entry(id) {
                slot.insert((entry.clone(), node));
                if (entry.is_imported_symbol_reference() || entry.is_import_default_reference())
                    && matches!(entry.prop("line"), None | Some(Value::Null) | Some(Value::Undefined))
                {
                    let (line, character) = self.source.line_char(node.start);
                    entry.set_prop("line", Value::Num(f64::from(line)));
                    entry.set_prop("character", Value::Num(f64::from(character)));
                }
            }
        }
        entry
    }

    /// `errorSymbol`: an error node at `node`, not yet recorded.
    pub fn error(&self, message: &str, node: Span, context: Option<Value>) -> Value {
        let (line, character) = self.source.line_char(node.start);
        let error = Value::object(vec![
            ("__symbolic", Value::str("error")),
            ("message", Value::str(message)),
            ("line", Value::Num(f64::from(line))),
            ("character", Value::Num(f64::from(character))),
        ]);
        if let Some(context) = context {
            error.set_prop("context", context);
        }
        if let Value::Object(o) = &error {
            o.borrow_mut().error_span = Some(node);
        }
        error
    }

    fn unsupported(&mut self, node: Span) -> Value {
        let error = self.error("Expression form not supported", node, None);
        self.record(error, node)
    }

    /// `nameOf` for a property name: an identifier's text, a string, or an error node.
    pub fn name_of(&mut self, name: &PropName) -> Result<String, Value> {
        match name {
            PropName::Ident(ident) => Ok(ident.sym.to_string()),
            PropName::Str(s) => Ok(crate::jsstr::from_wtf8(&s.value)),
            PropName::Num(n) => {
                let node = at(n);
                let received = self.source.slice(node).to_string();
                Err(self.error("Name expected", node, Some(Value::object(vec![("received", Value::str(&received))]))))
            }
            PropName::Computed(c) => Err(self.unsupported(at(c))),
            PropName::BigInt(b) => Err(self.unsupported(at(b))),
        }
    }

    /// `shouldBeLowered` for the value of a lowerable field: lowering is allowed here and the
    /// value is not an exported symbol (`X`) or a property of one (`X.y`).
    fn begin_lowerable_field(&mut self, value: &Expr, node: Span) -> bool {
        let Some(lowering) = &mut self.lowering else { return false };
        let exported = |name: &str| lowering.export_table.contains(name);
        let exported_reference = match value {
            Expr::Ident(i) => exported(&i.sym),
            Expr::Member(m) => matches!(&*m.obj, Expr::Ident(i) if exported(&i.sym)),
            _ => false,
        };
        if !lowering.eligible || exported_reference {
            return false;
        }
        lowering.fields.push(node);
        true
    }

    fn end_lowerable_field(&mut self, pushed: bool) {
        if let (true, Some(lowering)) = (pushed, &mut self.lowering) {
            lowering.fields.pop();
        }
    }

    // ---- isFoldable -------------------------------------------------------------------------

    /// Whether `expr` folds into a literal value (`isFoldable`).
    pub fn is_foldable(&mut self, expr: &Expr) -> bool {
        let key = expr as *const Expr as usize;
        if let Some(&known) = self.foldable_cache.get(&key) {
            return known;
        }
        let foldable = stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.is_foldable_inner(expr));
        self.foldable_cache.insert(key, foldable);
        foldable
    }

    fn is_foldable_inner(&mut self, expr: &Expr) -> bool {
        match expr {
            Expr::Object(obj) => obj.props.iter().all(|p| match p {
                PropOrSpread::Prop(prop) => match &**prop {
                    Prop::KeyValue(kv) => self.is_foldable(&kv.value),
                    _ => false,
                },
                PropOrSpread::Spread(_) => false,
            }),
            Expr::Array(arr) => arr.elems.iter().all(|e| match e {
                Some(ExprOrSpread { spread: None, expr }) => self.is_foldable(expr),
                _ => false,
            }),
            Expr::Call(call) => self.is_foldable_call(call),
            Expr::Lit(Lit::Str(_) | Lit::Num(_) | Lit::Null(_) | Lit::Bool(_)) => true,
            Expr::Tpl(tpl) => tpl.exprs.iter().all(|e| self.is_foldable(e)),
            Expr::Paren(p) => self.is_foldable(&p.expr),
            Expr::Bin(bin) => match bin.op {
                BinaryOp::Add
                | BinaryOp::Sub
                | BinaryOp::Mul
                | BinaryOp::Div
                | BinaryOp::Mod
                | BinaryOp::LogicalAnd
                | BinaryOp::LogicalOr => self.is_foldable(&bin.left) && self.is_foldable(&bin.right),
                _ => false,
            },
            Expr::Member(m) => match &m.prop {
                MemberProp::Ident(_) => self.is_foldable(&m.obj),
                MemberProp::Computed(c) => self.is_foldable(&m.obj) && self.is_foldable(&c.expr),
                MemberProp::PrivateName(_) => false,
            },
            Expr::Ident(ident) => self
                .symbols
                .resolve(&ident.sym, false)
                .is_some_and(|v| !v.is_undefined() && v.is_primitive()),
            _ => false,
        }
    }

    // ---- evaluateNode -----------------------------------------------------------------------

    /// `evaluateNode` for an expression.
    pub fn evaluate(&mut self, expr: &Expr, prefer_reference: bool) -> Value {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.evaluate_inner(expr, prefer_reference))
    }

    fn resolve_name(&mut self, name: &str, prefer_reference: bool, node: Span) -> Value {
        match self.symbols.resolve(name, prefer_reference) {
            None => self.record(Value::global_reference(name), node),
            Some(reference) if reference.is_reference() => self.record(reference.shallow_copy(), node),
            Some(value) => match self.local_reference(name, &value) {
                Some(local) => self.record(local, node),
                None => value,
            },
        }
    }

    /// In Ivy mode, a reference to a module-local declaration where View Engine has an error
    /// node (a non-exported class or function, a local variable whose value holds an error):
    /// `{__symbolic: 'reference', name, local: true, error?}`, with View Engine's error when the
    /// reference itself is one. The declaration is queued for the Ivy metadata.
    fn local_reference(&mut self, name: &str, value: &Value) -> Option<Value> {
        let ivy = self.ivy.as_mut()?;
        let kind = *ivy.locals.get(name)?;
        let is_error = value.is_error();
        if !(is_error || kind == LocalKind::Variable && value.contains_error()) {
            return None;
        }
        if ivy.queued.insert(name.to_string()) {
            ivy.referenced.push(name.to_string());
        }
        let reference = Value::object(vec![
            ("__symbolic", Value::str("reference")),
            ("name", Value::str(name)),
            ("local", Value::Bool(true)),
        ]);
        if is_error {
            reference.set_prop("error", value.clone());
            self.mark_view_engine_error(&reference);
        }
        Some(reference)
    }

    fn evaluate_inner(&mut self, expr: &Expr, prefer_reference: bool) -> Value {
        let node = at(expr);
        match expr {
            Expr::Object(obj) => self.evaluate_object(obj),
            Expr::Array(arr) => self.evaluate_array(arr),
            Expr::Call(call) => self.evaluate_call(call),
            Expr::New(new) => {
                let args: Vec<Value> = new.args.iter().flatten().map(|a| self.evaluate_argument(a)).collect();
                let target = self.evaluate(&new.callee, false);
                let target_error = self.is_view_engine_error(&target);
                if target_error && self.ivy.is_none() {
                    return self.record(target, node);
                }
                let call = Value::object(vec![("__symbolic", Value::str("new")), ("expression", target)]);
                if target_error {
                    self.mark_view_engine_error(&call);
                }
                if !args.is_empty() {
                    call.set_prop("arguments", Value::array(args));
                }
                self.record(call, node)
            }
            Expr::Member(member) => self.evaluate_member(member),
            Expr::SuperProp(sp) => self.evaluate_super_prop(sp),
            Expr::Ident(ident) => self.resolve_name(&ident.sym, prefer_reference, node),
            Expr::Lit(Lit::Str(s)) => Value::str(&crate::jsstr::from_wtf8(&s.value)),
            Expr::Lit(Lit::Num(n)) => Value::Num(n.value),
            Expr::Lit(Lit::Bool(b)) => Value::Bool(b.value),
            Expr::Lit(Lit::Null(_)) => Value::Null,
            Expr::Tpl(tpl) => self.evaluate_template(tpl),
            Expr::Paren(p) => self.evaluate(&p.expr, false),
            Expr::TsTypeAssertion(t) => self.evaluate(&t.expr, false),
            Expr::TsAs(t) => self.evaluate(&t.expr, false),
            Expr::TsConstAssertion(t) => self.evaluate(&t.expr, false),
            Expr::Unary(unary) => {
                let op = match unary.op {
                    UnaryOp::Plus => "+",
                    UnaryOp::Minus => "-",
                    UnaryOp::Tilde => "~",
                    UnaryOp::Bang => "!",
                    UnaryOp::TypeOf | UnaryOp::Void | UnaryOp::Delete => return self.unsupported(node),
                };
                let operand = self.evaluate(&unary.arg, false);
                if !operand.is_undefined() && operand.is_primitive() {
                    return match unary.op {
                        UnaryOp::Plus => Value::Num(operand.to_number()),
                        UnaryOp::Minus => Value::Num(-operand.to_number()),
                        UnaryOp::Tilde => fold_binary(FoldableOp::BitXor, &operand, &Value::Num(-1.0)),
                        _ => Value::Bool(!operand.truthy()),
                    };
                }
                let pre = Value::object(vec![
                    ("__symbolic", Value::str("pre")),
                    ("operator", Value::str(op)),
                    ("operand", operand),
                ]);
                self.record(pre, node)
            }
            Expr::Update(update) => self.evaluate_update(update, node),
            Expr::Bin(bin) => {
                let left = self.evaluate(&bin.left, false);
                let right = self.evaluate(&bin.right, false);
                self.binary(left, right, Some(bin.op), bin.op.as_str(), node)
            }
            Expr::Assign(assign) => {
                let left = self.evaluate_assign_target(&assign.left);
                let right = self.evaluate(&assign.right, false);
                self.binary(left, right, None, assign.op.as_str(), node)
            }
            Expr::Seq(seq) => self.evaluate_sequence(&seq.exprs),
            Expr::Cond(cond) => {
                let condition = self.evaluate(&cond.test, false);
                let then_expression = self.evaluate(&cond.cons, false);
                let else_expression = self.evaluate(&cond.alt, false);
                if condition.is_primitive() {
                    return if condition.truthy() { then_expression } else { else_expression };
                }
                let value = Value::object(vec![
                    ("__symbolic", Value::str("if")),
                    ("condition", condition),
                    ("thenExpression", then_expression),
                    ("elseExpression", else_expression),
                ]);
                self.record(value, node)
            }
            Expr::Fn(_) | Expr::Arrow(_) => {
                let error = self.error("Lambda not supported", node, None);
                self.record_node(error, node, true)
            }
            Expr::TaggedTpl(_) => {
                let error = self.error("Tagged template expressions are not supported in metadata", node, None);
                self.record(error, node)
            }
            Expr::Class(_) => Value::object(vec![("__symbolic", Value::str("class"))]),
            _ => self.unsupported(node),
        }
    }

    /// A binary expression once both operands are evaluated. `foldable` is `None` for
    /// assignment operators, which never fold.
    fn binary(&mut self, left: Value, right: Value, op: Option<BinaryOp>, text: &str, node: Span) -> Value {
        if left.is_undefined() || right.is_undefined() {
            return self.unsupported(node);
        }
        if left.is_primitive() && right.is_primitive() {
            if let Some(op) = op.and_then(foldable_op) {
                return fold_binary(op, &left, &right);
            }
        }
        let value = Value::object(vec![
            ("__symbolic", Value::str("binop")),
            ("operator", Value::str(text)),
            ("left", left),
            ("right", right),
        ]);
        self.record(value, node)
    }

    /// `a, b, c` is the left-nested binary expression `((a, b), c)` in TypeScript.
    fn evaluate_sequence(&mut self, exprs: &[Box<Expr>]) -> Value {
        let Some(first) = exprs.first() else { return Value::Undefined };
        let start = at(&**first).start;
        let mut left = self.evaluate(first, false);
        for expr in &exprs[1..] {
            let right = self.evaluate(expr, false);
            let node = Span::new(start, at(&**expr).end);
            left = self.binary(left, right, None, ",", node);
        }
        left
    }

    fn evaluate_update(&mut self, update: &UpdateExpr, node: Span) -> Value {
        if !update.prefix {
            return self.unsupported(node);
        }
        // `++x`: the operand is evaluated, then the original falls out of its operator switch.
        self.evaluate(&update.arg, false);
        Value::Undefined
    }

    fn evaluate_assign_target(&mut self, target: &AssignTarget) -> Value {
        match target {
            AssignTarget::Simple(simple) => match simple {
                SimpleAssignTarget::Ident(binding) => self.resolve_name(&binding.id.sym, false, at(&binding.id)),
                SimpleAssignTarget::Member(member) => self.evaluate_member(member),
                SimpleAssignTarget::SuperProp(sp) => self.evaluate_super_prop(sp),
                SimpleAssignTarget::Paren(p) => self.evaluate(&p.expr, false),
                SimpleAssignTarget::TsAs(t) => self.evaluate(&t.expr, false),
                SimpleAssignTarget::TsTypeAssertion(t) => self.evaluate(&t.expr, false),
                other => self.unsupported(at(other)),
            },
            AssignTarget::Pat(pat) => self.unsupported(at(pat)),
        }
    }

    fn evaluate_object(&mut self, obj: &ObjectLit) -> Value {
        let node = at(obj);
        let result = Value::new_object();
        let mut quoted: Vec<Value> = Vec::new();
        let mut view_engine_error = false;
        for prop in &obj.props {
            let prop = match prop {
                PropOrSpread::Prop(prop) => prop,
                PropOrSpread::Spread(spread) => {
                    // View Engine drops spreads in object literals; Ivy reads the properties of
                    // an object it can fold.
                    if self.ivy.is_some() {
                        if let value @ Value::Object(_) = self.evaluate(&spread.expr, false) {
                            if value.symbolic().is_none() {
                                let props = match &value {
                                    Value::Object(o) => o.borrow().props.clone(),
                                    _ => Vec::new(),
                                };
                                for (key, value) in props {
                                    if &*key != "$quoted$" {
                                        set_own(&result, &key, value);
                                    }
                                }
                            }
                        }
                    }
                    continue;
                }
            };
            match &**prop {
                Prop::KeyValue(kv) => {
                    if let PropName::Str(s) = &kv.key {
                        quoted.push(Value::str(&crate::jsstr::from_wtf8(&s.value)));
                    }
                    let name = match self.name_of(&kv.key) {
                        Ok(name) => name,
                        Err(error) => return error,
                    };
                    let value_node = at(&*kv.value);
                    let lowerable_field = matches!(kv.key, PropName::Ident(_)) && LOWERABLE_FIELDS.contains(&name.as_str());
                    let pushed = lowerable_field && self.begin_lowerable_field(&kv.value, value_node);
                    let value = self.evaluate(&kv.value, true);
                    if self.is_view_engine_error(&value) {
                        self.end_lowerable_field(pushed);
                        if self.ivy.is_none() {
                            return value;
                        }
                        view_engine_error = true;
                        set_own(&result, &name, value);
                        continue;
                    }
                    let value = self.record(value, value_node);
                    self.end_lowerable_field(pushed);
                    set_own(&result, &name, value);
                }
                Prop::Shorthand(ident) => {
                    let value = self.resolve_name(&ident.sym, true, node);
                    if self.is_view_engine_error(&value) {
                        if self.ivy.is_none() {
                            return value;
                        }
                        view_engine_error = true;
                    }
                    set_own(&result, &ident.sym, value);
                }
                Prop::Assign(assign) => {
                    let value = self.resolve_name(&assign.key.sym, true, node);
                    if self.is_view_engine_error(&value) {
                        if self.ivy.is_none() {
                            return value;
                        }
                        view_engine_error = true;
                    }
                    set_own(&result, &assign.key.sym, value);
                }
                Prop::Getter(_) | Prop::Setter(_) | Prop::Method(_) => {}
            }
        }
        if self.quoted_names && !quoted.is_empty() {
            result.set_prop("$quoted$", Value::array(quoted));
        }
        if view_engine_error {
            self.mark_view_engine_error(&result);
        }
        self.record(result, node)
    }

    fn evaluate_array(&mut self, arr: &ArrayLit) -> Value {
        let node = at(arr);
        let mut items = Vec::new();
        let mut view_engine_error = false;
        // Where the next element begins: holes have no span in swc, TypeScript puts them at the
        // next token after the previous comma.
        let mut cursor = node.start + 1;
        for (i, elem) in arr.elems.iter().enumerate() {
            if i > 0 {
                let comma = self.source.skip_trivia(cursor);
                cursor = comma + 1;
            }
            match elem {
                None => {
                    let hole = self.source.skip_trivia(cursor);
                    let error = self.unsupported(Span::new(hole, hole));
                    if self.ivy.is_none() {
                        return error;
                    }
                    view_engine_error = true;
                    items.push(error);
                }
                Some(element) => {
                    cursor = at(&*element.expr).end;
                    let value = match element.spread {
                        Some(_) => self.evaluate_argument(element),
                        None => self.evaluate(&element.expr, true),
                    };
                    if self.is_view_engine_error(&value) {
                        if self.ivy.is_none() {
                            return value;
                        }
                        view_engine_error = true;
                    }
                    if value.is_symbolic("spread") {
                        if let Some(Value::Array(spread)) = value.prop("expression") {
                            items.extend(spread.borrow().iter().cloned());
                            continue;
                        }
                    }
                    items.push(value);
                }
            }
        }
        let array = Value::array(items);
        if view_engine_error {
            self.mark_view_engine_error(&array);
        }
        self.record(array, node)
    }

    /// A call or `new` argument, or an array element: a spread becomes a `spread` node.
    fn evaluate_argument(&mut self, arg: &ExprOrSpread) -> Value {
        match arg.spread {
            Some(dots) => {
                let expression = self.evaluate(&arg.expr, false);
                let node = Span::new(span_of(dots).start, at(&*arg.expr).end);
                let spread = Value::object(vec![("__symbolic", Value::str("spread")), ("expression", expression)]);
                self.record(spread, node)
            }
            None => self.evaluate(&arg.expr, false),
        }
    }

    fn evaluate_call(&mut self, call: &CallExpr) -> Value {
        let node = at(call);
        if is_call_of(call, "forwardRef") && call.args.len() == 1 && call.args[0].spread.is_none() {
            if let Expr::Arrow(arrow) = &*call.args[0].expr {
                let value = match &*arrow.body {
                    ArrowFunctionBody::Expr(body) => self.evaluate(body, false),
                    ArrowFunctionBody::FunctionBody(block) => self.unsupported(at(block)),
                };
                return self.record(value, node);
            }
        }
        let args: Vec<Value> = call.args.iter().map(|a| self.evaluate_argument(a)).collect();
        if self.is_foldable_call(call) {
            if let Some(array_node) = method_call_target(call, "concat") {
                let array = self.evaluate(array_node, false);
                if array.is_error() {
                    return array;
                }
                let mut items = match &array {
                    Value::Array(a) => a.borrow().clone(),
                    other => vec![other.clone()],
                };
                match args.first() {
                    Some(Value::Array(more)) => items.extend(more.borrow().iter().cloned()),
                    Some(other) => items.push(other.clone()),
                    None => {}
                }
                return Value::array(items);
            }
        }
        if is_call_of(call, "CONST_EXPR") && call.args.len() == 1 {
            let first = args.into_iter().next().unwrap_or(Value::Undefined);
            return self.record(first, node);
        }
        let expression = match &call.callee {
            Callee::Expr(callee) => self.evaluate(callee, false),
            Callee::Super(s) => self.unsupported(at(s)),
            Callee::Import(i) => self.unsupported(at(i)),
        };
        let callee_error = self.is_view_engine_error(&expression);
        if callee_error && self.ivy.is_none() {
            return self.record(expression, node);
        }
        let result = Value::object(vec![("__symbolic", Value::str("call")), ("expression", expression)]);
        if !args.is_empty() {
            result.set_prop("arguments", Value::array(args));
        }
        if callee_error {
            self.mark_view_engine_error(&result);
        }
        self.record(result, node)
    }

    /// `isFoldable` of a call: `<array>.concat(<v>)` and `CONST_EXPR(<v>)` fold.
    fn is_foldable_call(&mut self, call: &CallExpr) -> bool {
        if let (Some(array_node), 1) = (method_call_target(call, "concat"), call.args.len()) {
            if call.args[0].spread.is_none()
                && self.is_foldable(array_node)
                && self.is_foldable(&call.args[0].expr)
                && matches!(self.evaluate(array_node, false), Value::Array(_))
            {
                return true;
            }
        }
        if is_call_of(call, "CONST_EXPR") && call.args.len() == 1 {
            return call.args[0].spread.is_none() && self.is_foldable(&call.args[0].expr);
        }
        false
    }

    fn evaluate_member(&mut self, member: &MemberExpr) -> Value {
        let node = at(member);
        let expression = self.evaluate(&member.obj, false);
        let object_error = self.is_view_engine_error(&expression);
        if object_error && self.ivy.is_none() {
            return self.record(expression, node);
        }
        match &member.prop {
            MemberProp::Ident(name) => {
                let name = name.sym.to_string();
                if expression.truthy() && self.is_foldable(&member.obj) {
                    return expression.get_member(&name);
                }
                if expression.is_module_reference() {
                    let module = expression.prop("module").unwrap_or(Value::Undefined);
                    let reference = Value::object(vec![
                        ("__symbolic", Value::str("reference")),
                        ("module", module),
                        ("name", Value::str(&name)),
                    ]);
                    return self.record(reference, node);
                }
                let select = Value::object(vec![
                    ("__symbolic", Value::str("select")),
                    ("expression", expression),
                    ("member", Value::str(&name)),
                ]);
                if object_error {
                    self.mark_view_engine_error(&select);
                }
                self.record(select, node)
            }
            MemberProp::Computed(computed) => {
                let index = self.evaluate(&computed.expr, false);
                if self.is_foldable(&member.obj) && self.is_foldable(&computed.expr) {
                    return expression.get_member(&index.to_property_key());
                }
                let value = Value::object(vec![
                    ("__symbolic", Value::str("index")),
                    ("expression", expression),
                    ("index", index),
                ]);
                if object_error {
                    self.mark_view_engine_error(&value);
                }
                self.record(value, node)
            }
            MemberProp::PrivateName(p) => self.unsupported(at(p)),
        }
    }

    /// `super.x` / `super[x]`: `super` itself is not an expression the evaluator supports.
    fn evaluate_super_prop(&mut self, sp: &SuperPropExpr) -> Value {
        let error = self.unsupported(at(&sp.obj));
        self.record(error, at(sp))
    }

    fn evaluate_template(&mut self, tpl: &Tpl) -> Value {
        let quasi = |i: usize| -> Value {
            tpl.quasis
                .get(i)
                .and_then(|q| q.cooked.as_ref())
                .map(|c| Value::str(&crate::jsstr::from_wtf8(c)))
                .unwrap_or_else(|| Value::str(""))
        };
        if tpl.exprs.is_empty() {
            return quasi(0);
        }
        let foldable = tpl.exprs.iter().all(|e| self.is_foldable(e));
        let mut previous = quasi(0);
        for (i, expr) in tpl.exprs.iter().enumerate() {
            let value = self.evaluate(expr, false);
            let literal = quasi(i + 1);
            if foldable {
                previous = crate::value::js_add(&crate::value::js_add(&previous, &value), &literal);
                continue;
            }
            if value.is_error() {
                previous = value;
                continue;
            }
            if let (Value::Str(p), Value::Str(v), Value::Str(l)) = (&previous, &value, &literal) {
                previous = Value::str(&crate::jsstr::concat(&crate::jsstr::concat(p, v), l));
                continue;
            }
            let mut result = value;
            if !matches!(&previous, Value::Str(p) if p.is_empty()) {
                result = Value::object(vec![
                    ("__symbolic", Value::str("binop")),
                    ("operator", Value::str("+")),
                    ("left", previous),
                    ("right", result),
                ]);
            }
            if !matches!(&literal, Value::Str(l) if l.is_empty()) {
                result = Value::object(vec![
                    ("__symbolic", Value::str("binop")),
                    ("operator", Value::str("+")),
                    ("left", result),
                    ("right", literal),
                ]);
            }
            previous = result;
        }
        previous
    }

    // ---- types ------------------------------------------------------------------------------

    /// `evaluateNode` for a type node (constructor parameter types and their arguments).
    pub fn evaluate_type(&mut self, ty: &TsType) -> Value {
        stacker::maybe_grow(64 * 1024, 4 * 1024 * 1024, || self.evaluate_type_inner(ty))
    }

    fn evaluate_type_inner(&mut self, ty: &TsType) -> Value {
        let node = at(ty);
        match ty {
            TsType::TsTypeRef(type_ref) => self.evaluate_type_reference(type_ref),
            TsType::TsUnionOrIntersectionType(TsUnionOrIntersectionType::TsUnionType(union)) => {
                // Every member is evaluated first (recording positions), then inspected.
                let references: Vec<Value> = union
                    .types
                    .iter()
                    .filter(|member| {
                        !matches!(&***member, TsType::TsKeywordType(k)
                            if matches!(k.kind, TsKeywordTypeKind::TsNullKeyword | TsKeywordTypeKind::TsUndefinedKeyword))
                    })
                    .map(|member| self.evaluate_type(member))
                    .collect();
                let mut candidate: Option<Value> = None;
                for reference in references {
                    if !reference.is_reference() {
                        return reference;
                    }
                    candidate = match candidate {
                        None => Some(reference),
                        Some(current) => {
                            let same = same_prop(&reference, &current, "name")
                                && same_prop(&reference, &current, "module")
                                && !reference.prop("arguments").is_some_and(|a| a.truthy());
                            Some(if same { reference } else { current })
                        }
                    };
                }
                match candidate {
                    Some(candidate) => candidate,
                    None => self.unsupported(node),
                }
            }
            // TypeScript 3.5 parses the `null` type as the `null` keyword, which evaluates to null.
            TsType::TsKeywordType(keyword) if keyword.kind == TsKeywordTypeKind::TsNullKeyword => Value::Null,
            TsType::TsKeywordType(keyword) => {
                let name = match keyword.kind {
                    TsKeywordTypeKind::TsAnyKeyword => "any",
                    TsKeywordTypeKind::TsStringKeyword => "string",
                    TsKeywordTypeKind::TsNumberKeyword => "number",
                    TsKeywordTypeKind::TsBooleanKeyword => "boolean",
                    _ => return self.unsupported(node),
                };
                self.record(Value::global_reference(name), node)
            }
            TsType::TsArrayType(array) => {
                let element = self.evaluate_type(&array.elem_type);
                let value = Value::object(vec![
                    ("__symbolic", Value::str("reference")),
                    ("name", Value::str("Array")),
                    ("arguments", Value::array(vec![element])),
                ]);
                self.record(value, node)
            }
            _ => self.unsupported(node),
        }
    }

    fn evaluate_type_reference(&mut self, type_ref: &TsTypeRef) -> Value {
        let node = at(type_ref);
        let type_name_node = at(&type_ref.type_name);
        let reference = match &type_ref.type_name {
            TsEntityName::TsQualifiedName(qualified) => {
                let left = match &qualified.left {
                    TsEntityName::Ident(ident) => self.resolve_name(&ident.sym, false, at(ident)),
                    other => self.unsupported(at(other)),
                };
                let right = qualified.right.sym.to_string();
                if left.is_module_reference() {
                    let module = left.prop("module").unwrap_or(Value::Undefined);
                    let reference = Value::object(vec![
                        ("__symbolic", Value::str("reference")),
                        ("module", module),
                        ("name", Value::str(&right)),
                    ]);
                    self.record(reference, type_name_node)
                } else {
                    Value::object(vec![
                        ("__symbolic", Value::str("select")),
                        ("expression", left),
                        ("member", Value::str(&right)),
                    ])
                }
            }
            TsEntityName::Ident(ident) => match self.symbols.resolve(&ident.sym, false) {
                Some(symbol) if symbol.is_error() => match self.local_reference(&ident.sym, &symbol) {
                    Some(local) => self.record(local, type_name_node),
                    None => self.record(symbol, type_name_node),
                },
                Some(symbol) if symbol.is_reference() => self.record(symbol, type_name_node),
                _ => {
                    let context = Value::object(vec![("typeName", Value::str(&ident.sym))]);
                    let error = self.error("Could not resolve type", type_name_node, Some(context));
                    self.record(error, type_name_node)
                }
            },
        };
        if reference.is_error() {
            return self.record(reference, node);
        }
        if let Some(params) = &type_ref.type_params {
            if !reference.is_module_reference() && !params.params.is_empty() {
                let args: Vec<Value> = params.params.iter().map(|t| self.evaluate_type(t)).collect();
                reference.set_prop("arguments", Value::array(args));
            }
        }
        self.record(reference, node)
    }
}

/// `isRewritten`: a global reference to a lowered symbol (`ɵ` followed by digits).
fn is_lowered_reference(value: &Value) -> bool {
    value.is_global_reference()
        && matches!(value.prop("name"), Some(Value::Str(name)) if name.split('\u{275}').skip(1).any(|rest| rest.starts_with(|c: char| c.is_ascii_digit())))
}

/// JavaScript assignment `obj[name] = value` on a plain object: `__proto__` sets the
/// prototype rather than a property, so it never shows in the JSON.
fn set_own(obj: &Value, name: &str, value: Value) {
    if name != "__proto__" {
        obj.set_prop(name, value);
    }
}

fn same_prop(a: &Value, b: &Value, key: &str) -> bool {
    match (a.prop(key), b.prop(key)) {
        (None | Some(Value::Undefined), None | Some(Value::Undefined)) => true,
        (Some(x), Some(y)) => crate::value::loose_equals(&x, &y),
        (Some(x), None) | (None, Some(x)) => matches!(x, Value::Null | Value::Undefined),
    }
}

/// `isCallOf(call, ident)`: a call of the plain identifier `ident`.
fn is_call_of(call: &CallExpr, ident: &str) -> bool {
    matches!(&call.callee, Callee::Expr(e) if matches!(&**e, Expr::Ident(i) if &*i.sym == ident))
}

/// For `x.member(...)`, the expression `x`.
fn method_call_target<'e>(call: &'e CallExpr, member: &str) -> Option<&'e Expr> {
    let Callee::Expr(callee) = &call.callee else { return None };
    let Expr::Member(m) = &**callee else { return None };
    match &m.prop {
        MemberProp::Ident(name) if &*name.sym == member => Some(&m.obj),
        _ => None,
    }
}

fn foldable_op(op: BinaryOp) -> Option<FoldableOp> {
    use FoldableOp as F;
    Some(match op {
        BinaryOp::LogicalOr => F::Or,
        BinaryOp::LogicalAnd => F::And,
        BinaryOp::BitAnd => F::BitAnd,
        BinaryOp::BitOr => F::BitOr,
        BinaryOp::BitXor => F::BitXor,
        BinaryOp::EqEq => F::Eq,
        BinaryOp::NotEq => F::NotEq,
        BinaryOp::EqEqEq => F::StrictEq,
        BinaryOp::NotEqEq => F::StrictNotEq,
        BinaryOp::Lt => F::Lt,
        BinaryOp::Gt => F::Gt,
        BinaryOp::LtEq => F::LtEq,
        BinaryOp::GtEq => F::GtEq,
        BinaryOp::LShift => F::Shl,
        BinaryOp::RShift => F::Shr,
        BinaryOp::ZeroFillRShift => F::UShr,
        BinaryOp::Add => F::Add,
        BinaryOp::Sub => F::Sub,
        BinaryOp::Mul => F::Mul,
        BinaryOp::Div => F::Div,
        BinaryOp::Mod => F::Mod,
        _ => return None,
    })
}
