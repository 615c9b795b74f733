//! Constructor dependencies of Angular classes: what a factory (`ɵfac`) injects, read from the
//! collected `__ctor__` metadata — parameter types, `@Inject(token)`, `@Attribute(name)` and
//! the `@Optional`/`@Self`/`@SkipSelf`/`@Host` flags — or inherited from the base class.

use ngc_collector::Json;

use crate::evaluate::{escape, symbolic, Evaluator, Site, StaticValue};
use crate::modules::SymbolId;

/// `InjectFlags` of the runtime, as factories pass them.
pub mod flags {
    pub const HOST: u32 = 1;
    pub const SELF: u32 = 2;
    pub const SKIP_SELF: u32 = 4;
    pub const OPTIONAL: u32 = 8;
}

/// What one constructor parameter injects.
#[derive(Debug, Clone, PartialEq)]
pub enum Dependency {
    /// A token (a class or an `InjectionToken` constant) with `InjectFlags`.
    Token { token: SymbolId, flags: u32 },
    /// `@Attribute('name')`: the static attribute of the host element.
    Attribute(String),
}

/// How a class's factory gets its constructor arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstructorDeps {
    /// The class's own constructor (or none: no arguments).
    Known(Vec<Dependency>),
    /// No constructor of its own, but a base class: the base class's factory is used.
    Inherited,
    /// A parameter whose token cannot be determined (`ɵɵinvalidFactory`).
    Invalid { parameter: usize },
}

/// The constructor dependencies of a program class.
pub fn constructor_deps(ev: &mut Evaluator<'_, '_>, symbol: &SymbolId) -> ConstructorDeps {
    let Some(entry) = ev.modules.metadata(symbol.module).and_then(|m| m.get(&symbol.name)).cloned() else {
        return ConstructorDeps::Known(Vec::new());
    };
    let ctor = entry.get("members").and_then(|m| m.get("__ctor__")).and_then(|list| match list {
        Json::Array(items) => items.last().cloned(),
        _ => None,
    });
    let Some(ctor) = ctor else {
        return if entry.get("extends").is_some() { ConstructorDeps::Inherited } else { ConstructorDeps::Known(Vec::new()) };
    };
    let site = Site { module: symbol.module, pointer: format!("/metadata/{}/members/__ctor__/0", escape(&symbol.name)) };
    let types: Vec<Json> = match ctor.get("parameters") {
        Some(Json::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let decorators: Vec<Json> = match ctor.get("parameterDecorators") {
        Some(Json::Array(items)) => items.clone(),
        _ => Vec::new(),
    };
    let mut deps = Vec::new();
    for (i, ty) in types.iter().enumerate() {
        let mut token = None;
        let mut attribute = None;
        let mut inject_flags = 0;
        if let Some(Json::Array(list)) = decorators.get(i) {
            for (j, decorator) in list.iter().enumerate() {
                let decorator_site = site.child("parameterDecorators").child(&i.to_string()).child(&j.to_string());
                let callee = if symbolic(decorator) == Some("call") { decorator.get("expression") } else { Some(decorator) };
                let Some(callee) = callee else { continue };
                let name = match ev.evaluate(callee, &decorator_site.child("expression"), &Default::default()) {
                    StaticValue::Symbol(s) if ev.is_angular_core(&s) => s.name,
                    _ => continue,
                };
                let argument = match decorator.get("arguments") {
                    Some(Json::Array(args)) if !args.is_empty() => {
                        let arg_site = decorator_site.child("arguments").child("0");
                        match ev.reference_symbol(&args[0], &arg_site) {
                            Some(symbol) => Some(StaticValue::Symbol(symbol)),
                            None => Some(ev.evaluate(&args[0], &arg_site, &Default::default())),
                        }
                    }
                    _ => None,
                };
                match name.as_str() {
                    "Inject" => token = argument,
                    "Attribute" => attribute = argument.and_then(|a| a.as_str().map(str::to_string)),
                    "Optional" => inject_flags |= flags::OPTIONAL,
                    "Self" => inject_flags |= flags::SELF,
                    "SkipSelf" => inject_flags |= flags::SKIP_SELF,
                    "Host" => inject_flags |= flags::HOST,
                    _ => {}
                }
            }
        }
        if let Some(name) = attribute {
            deps.push(Dependency::Attribute(name));
            continue;
        }
        let token = match token {
            Some(token) => token,
            None => ev.evaluate(ty, &site.child("parameters").child(&i.to_string()), &Default::default()),
        };
        match token {
            StaticValue::Symbol(token) => deps.push(Dependency::Token { token, flags: inject_flags }),
            _ => return ConstructorDeps::Invalid { parameter: i },
        }
    }
    ConstructorDeps::Known(deps)
}
