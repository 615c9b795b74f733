//! Legacy decorators (`experimentalDecorators`) that the caller keeps, as tsc emits them: member
//! decorators become `__decorate([...], C.prototype, "m", null);` after the class, and class
//! (or constructor parameter) decorators turn `class C {}` into `let C = class C {};` followed by
//! `C = __decorate([...], C);`, with the `__decorate`/`__param` helpers inlined at the top of the
//! file or imported from `tslib` (`importHelpers`).

use swc_atoms::Atom;
use swc_common::Spanned;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::emit::Emitter;

/// tsc's `__decorate` helper.
pub(crate) const DECORATE_HELPER: &str = r#"var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};"#;

/// tsc's `__param` helper.
pub(crate) const PARAM_HELPER: &str = r#"var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};"#;

/// How a decorated class statement is exported.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClassExport {
    None,
    Named,
    Default,
}

/// Helpers the file needs.
#[derive(Default)]
pub(crate) struct Helpers {
    pub decorate: bool,
    pub param: bool,
}

impl<'a> Emitter<'a> {
    fn kept_decorators<'d>(&self, decorators: &'d [Decorator]) -> Vec<&'d Decorator> {
        decorators.iter().filter(|d| !self.removed_decorators.contains(&self.lo(d.span))).collect()
    }

    /// Whether a class has decorators that stay after the caller's removals.
    pub(crate) fn has_kept_decorators(&self, class: &Class) -> bool {
        let members = class.body.iter().any(|m| match m {
            ClassMember::ClassProp(p) => !self.kept_decorators(&p.decorators).is_empty(),
            ClassMember::PrivateProp(p) => !self.kept_decorators(&p.decorators).is_empty(),
            ClassMember::Method(m) => {
                !self.kept_decorators(&m.function.decorators).is_empty()
                    || m.function.params.iter().any(|p| !self.kept_decorators(&p.decorators).is_empty())
            }
            ClassMember::PrivateMethod(m) => !self.kept_decorators(&m.function.decorators).is_empty(),
            ClassMember::AutoAccessor(a) => !self.kept_decorators(&a.decorators).is_empty(),
            ClassMember::Constructor(c) => c.params.iter().any(|p| match p {
                ParamOrTsParamProp::Param(p) => !self.kept_decorators(&p.decorators).is_empty(),
                ParamOrTsParamProp::TsParamProp(pp) => !self.kept_decorators(&pp.decorators).is_empty(),
            }),
            _ => false,
        });
        members || !self.kept_decorators(&class.decorators).is_empty()
    }

    fn decorator_list(&self, decorators: &[&Decorator], params: &[(usize, Vec<&Decorator>)], indent: &str) -> String {
        let mut items: Vec<String> = decorators.iter().map(|d| self.decorator_expression(d)).collect();
        for (index, decs) in params {
            for d in decs {
                items.push(format!("__param({index}, {})", self.decorator_expression(d)));
            }
        }
        let inner: Vec<String> = items.iter().map(|i| format!("{indent}    {i}")).collect();
        format!("[\n{}\n{indent}]", inner.join(",\n"))
    }

    /// A decorator's expression as written after `@` (swc drops the parentheses of `@(x)`).
    fn decorator_expression(&self, d: &Decorator) -> String {
        let (lo, hi) = self.range(d.span);
        self.p.render(lo + 1, hi, false).trim().to_string()
    }

    fn param_decorators<'p>(&self, params: impl Iterator<Item = &'p [Decorator]>) -> Vec<(usize, Vec<&'p Decorator>)> {
        params
            .enumerate()
            .map(|(i, decs)| (i, self.kept_decorators(decs)))
            .filter(|(_, decs)| !decs.is_empty())
            .collect()
    }

    /// Rewrites a class statement whose decorators stay (after its members were visited).
    pub(crate) fn legacy_decorated_class(
        &mut self,
        class: &Class,
        name: Option<(&Atom, u32)>,
        stmt: swc_common::Span,
        export: ClassExport,
    ) -> bool {
        let Some((name, name_lo)) = name.map(|(n, lo)| (n.clone(), lo)) else {
            self.unsupported(class.span, "a decorated anonymous class", "give the class a name");
            return false;
        };
        let indent = if self.namespaces.is_empty() { "" } else { "    " };
        let mut after = String::new();
        // Members: instance ones first, then static ones, each in order.
        for pass_static in [false, true] {
            for member in &class.body {
                let (key, is_static, decorators, params, is_prop): (
                    Option<&PropName>,
                    bool,
                    &[Decorator],
                    Vec<&[Decorator]>,
                    bool,
                ) = match member {
                    ClassMember::ClassProp(p) => (Some(&p.key), p.is_static, &p.decorators, Vec::new(), true),
                    ClassMember::Method(m) => (
                        Some(&m.key),
                        m.is_static,
                        &m.function.decorators,
                        m.function.params.iter().map(|p| p.decorators.as_slice()).collect(),
                        false,
                    ),
                    ClassMember::PrivateProp(p) => {
                        if !self.kept_decorators(&p.decorators).is_empty() {
                            self.unsupported(p.span, "a decorator on a private member", "decorate a public member");
                        }
                        continue;
                    }
                    ClassMember::PrivateMethod(m) => {
                        if !self.kept_decorators(&m.function.decorators).is_empty() {
                            self.unsupported(m.span, "a decorator on a private member", "decorate a public member");
                        }
                        continue;
                    }
                    _ => continue,
                };
                if is_static != pass_static {
                    continue;
                }
                let kept = self.kept_decorators(decorators);
                let param_decs = self.param_decorators(params.into_iter());
                if kept.is_empty() && param_decs.is_empty() {
                    continue;
                }
                for d in &kept {
                    self.delete(d.span);
                }
                for (_, decs) in &param_decs {
                    for d in decs {
                        self.delete(d.span);
                    }
                }
                let Some(key) = key.and_then(|k| self.member_key_literal(k)) else {
                    self.unsupported(member.span(), "a decorator on a member with a computed name", "use a plain name");
                    continue;
                };
                let target = if is_static { name.to_string() } else { format!("{name}.prototype") };
                let desc = if is_prop { "void 0" } else { "null" };
                after.push_str(&format!(
                    "\n{indent}__decorate({}, {target}, {key}, {desc});",
                    self.decorator_list(&kept, &param_decs, indent)
                ));
                self.helpers.decorate = true;
                self.helpers.param |= !param_decs.is_empty();
            }
        }
        // The class itself and its constructor parameters.
        let class_decs = self.kept_decorators(&class.decorators);
        let ctor_params: Vec<&[Decorator]> = class
            .body
            .iter()
            .find_map(|m| match m {
                ClassMember::Constructor(c) if c.body.is_some() => Some(
                    c.params
                        .iter()
                        .map(|p| match p {
                            ParamOrTsParamProp::Param(p) => p.decorators.as_slice(),
                            ParamOrTsParamProp::TsParamProp(pp) => pp.decorators.as_slice(),
                        })
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_default();
        let ctor_decs = self.param_decorators(ctor_params.into_iter());
        let (lo, hi) = self.range(stmt);
        if class_decs.is_empty() && ctor_decs.is_empty() {
            self.p.insert(hi, after);
            return false;
        }
        // A class that refers to itself gets an alias the decorated value is assigned to.
        let self_refs = self.references_to_class(class, name_lo);
        let alias = if self_refs.is_empty() {
            None
        } else if self.namespaces.is_empty() && self.at_file_level() {
            Some(format!("{name}_1"))
        } else {
            self.unsupported(
                class.span,
                "a decorated class that refers to itself by name inside a function or namespace",
                "move the class to the top level of the file, or refer to it through `this` in static members",
            );
            return false;
        };
        let mut class_head = format!("let {name} = ");
        if let Some(alias) = &alias {
            // tsc leaves shorthand properties (`{ C }`) as they are.
            for (lo, hi, _) in self_refs.iter().filter(|r| !r.2) {
                self.p.replace(*lo, *hi, alias.clone());
            }
            let has_statics = class.body.iter().any(|m| match m {
                ClassMember::ClassProp(p) => p.is_static,
                ClassMember::PrivateProp(p) => p.is_static,
                ClassMember::StaticBlock(_) => true,
                _ => false,
            });
            if has_statics {
                if let Some(open) = self.class_body_open(class) {
                    self.p.replace(open, open + 1, format!("{{\n    static {{ {alias} = this; }}"));
                }
            } else {
                class_head.push_str(&format!("{alias} = "));
            }
            self.class_aliases.push(alias.clone());
        }
        for d in class_decs.iter().copied().chain(ctor_decs.iter().flat_map(|(_, d)| d.iter().copied())) {
            self.delete(d.span);
        }
        self.helpers.decorate = true;
        self.helpers.param |= !ctor_decs.is_empty();
        let class_lo = self.class_keyword(class);
        let body = self.p.render(class_lo, self.hi(class.span), false);
        let list = self.decorator_list(&class_decs, &ctor_decs, indent);
        let assigned = match &alias {
            Some(alias) => format!("{name} = {alias}"),
            None => name.to_string(),
        };
        let mut text = format!("{class_head}{body};{after}\n{indent}{assigned} = __decorate({list}, {name});");
        if let Some(ns) = self.namespaces.last().map(|n| n.name.clone()).filter(|_| export == ClassExport::Named) {
            text.push_str(&format!("\n{indent}{ns}.{name} = {name};"));
        } else {
            match export {
                ClassExport::Named => text.push_str(&format!("\n{indent}export {{ {name} }};")),
                ClassExport::Default => text.push_str(&format!("\n{indent}export default {name};")),
                ClassExport::None => {}
            }
        }
        self.p.replace(lo, hi, text);
        true
    }

    /// The offset of the `class` keyword (after decorators and modifiers).
    fn class_keyword(&self, class: &Class) -> u32 {
        let mut from = self.lo(class.span) as usize;
        for d in &class.decorators {
            from = from.max(self.hi(d.span) as usize);
        }
        crate::emit::find_word(self.src, from, self.hi(class.span) as usize, "class").unwrap_or(from) as u32
    }

    /// A member name as the string literal `__decorate` takes.
    fn member_key_literal(&self, key: &PropName) -> Option<String> {
        Some(match key {
            PropName::Ident(i) => crate::syntax::js_string(&i.sym),
            PropName::Str(s) => crate::syntax::js_string(&s.value.to_string_lossy()),
            PropName::Num(n) => crate::syntax::js_string(&crate::syntax::js_number(n.value)),
            _ => return None,
        })
    }

    /// The value references to the class inside its body: `(lo, hi, is_shorthand_property)`.
    fn references_to_class(&self, class: &Class, name_lo: u32) -> Vec<(u32, u32, bool)> {
        let Some(&binding) = self.res.declarations.get(&name_lo) else { return Vec::new() };
        struct Find<'r, 'a> {
            res: &'r crate::scope::Resolution<'a>,
            binding: usize,
            base: u32,
            out: Vec<(u32, u32, bool)>,
        }
        impl Find<'_, '_> {
            fn check(&mut self, i: &Ident, shorthand: bool) {
                if self.res.refs.get(&i.span.lo.0) == Some(&self.binding) {
                    self.out.push((i.span.lo.0 - self.base, i.span.hi.0 - self.base, shorthand));
                }
            }
        }
        impl Visit for Find<'_, '_> {
            fn visit_expr(&mut self, e: &Expr) {
                match e {
                    Expr::Ident(i) => self.check(i, false),
                    _ => e.visit_children_with(self),
                }
            }
            fn visit_prop(&mut self, p: &Prop) {
                match p {
                    Prop::Shorthand(i) => self.check(i, true),
                    _ => p.visit_children_with(self),
                }
            }
            fn visit_decorator(&mut self, _: &Decorator) {}
            fn visit_ts_type(&mut self, _: &TsType) {}
        }
        let mut find = Find { res: &self.res, binding, base: self.base, out: Vec::new() };
        class.body.visit_with(&mut find);
        find.out
    }

    /// The helper declarations (or the `tslib` import) the file's decorators need.
    pub(crate) fn helper_text(&self) -> Option<String> {
        if !self.helpers.decorate {
            return None;
        }
        if self.opts.import_helpers {
            let names = if self.helpers.param { "__decorate, __param" } else { "__decorate" };
            return Some(format!("import {{ {names} }} from \"tslib\";\n"));
        }
        let mut out = format!("{DECORATE_HELPER}\n");
        if self.helpers.param {
            out.push_str(PARAM_HELPER);
            out.push('\n');
        }
        Some(out)
    }
}
