//! What the rest of the program says about the file being compiled, asked of the reflector:
//! references to declarations turned into what generated code writes for them (ngc's
//! reference emitter), evaluated decorator arguments, and the keys of the file's own bindings.
//!
//! A reference is written, in this order of preference (ngc's strategies):
//! 1. the declaration's own name when it is declared in the file being compiled;
//! 2. an identifier of the file that names it (decided where the reference is used, from the
//!    syntax of the expression it came from: see `identity`);
//! 3. for a declaration in a package, its exported name in the package entry point it was
//!    imported through (`AbsoluteModuleStrategy`);
//! 4. otherwise the relative path from the file to the declaring file (`RelativePathStrategy`).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use ngc_reflector::declarations::{read_library_class, Declaration};
use ngc_reflector::dts::DtsExport;
use ngc_reflector::evaluate::{Evaluator, StaticValue};
use ngc_reflector::modules::Edge;
use ngc_reflector::{Analysis, ModuleId, SymbolId};

use crate::value::{EmitRef, RefKind, RefValue, Value};

/// Reference emission and evaluation over a whole-program analysis.
pub struct ProgramRefs<'a, 'h> {
    pub analysis: &'a mut Analysis<'h>,
    /// Non-relative module specifiers imported by program files: the entry points a package
    /// declaration may be written through.
    package_specifiers: Vec<String>,
    /// Entry point and exported name of library declarations, once found.
    library_names: HashMap<SymbolId, Option<(String, String)>>,
    /// The local names of classes recorded under an exported alias (`export { X as default }`).
    pub local_names: HashMap<SymbolId, String>,
}

impl<'a, 'h> ProgramRefs<'a, 'h> {
    /// `specifiers` are the module specifiers the program's import declarations use.
    pub fn new(analysis: &'a mut Analysis<'h>, specifiers: impl IntoIterator<Item = String>) -> Self {
        let mut package_specifiers: Vec<String> = specifiers.into_iter().filter(|s| !is_relative(s)).collect();
        package_specifiers.sort();
        package_specifiers.dedup();
        ProgramRefs { analysis, package_specifiers, library_names: HashMap::new(), local_names: HashMap::new() }
    }

    /// A stable identity for a declaration across the program.
    pub fn key(&self, symbol: &SymbolId) -> String {
        format!("{}#{}", self.analysis.modules.path(symbol.module).display(), symbol.name)
    }

    /// What kind of Angular declaration `symbol` is, and whether it is standalone.
    pub fn kind_of(&mut self, symbol: &SymbolId) -> (RefKind, bool) {
        let declaration = match self.analysis.declaration(symbol) {
            Some(d) => d.clone(),
            None => match symbol.module {
                ModuleId::Library(_) => {
                    let mut ev = Evaluator::new(&mut self.analysis.modules);
                    let d = read_library_class(&mut ev, symbol);
                    self.analysis.library.insert(symbol.clone(), d.clone());
                    d
                }
                ModuleId::Program(_) => Declaration::Other,
            },
        };
        match declaration {
            Declaration::Directive(d) => (if d.is_component { RefKind::Component } else { RefKind::Directive }, d.standalone),
            Declaration::Pipe(p) => (RefKind::Pipe, p.standalone),
            Declaration::NgModule(_) => (RefKind::NgModule, false),
            Declaration::Other => (RefKind::Other, false),
        }
    }

    /// Whether `symbol` is a class.
    fn is_class(&self, symbol: &SymbolId) -> bool {
        match symbol.module {
            ModuleId::Program(_) => self
                .analysis
                .modules
                .metadata(symbol.module)
                .and_then(|m| m.get(&symbol.name))
                .is_some_and(|e| ngc_reflector::evaluate::symbolic(e) == Some("class")),
            ModuleId::Library(_) => {
                self.analysis.modules.library(symbol.module).is_some_and(|l| l.dts.classes.iter().any(|c| c.name == symbol.name))
            }
        }
    }

    /// The reference to `symbol` as seen from `context`, without local identities.
    pub fn reference(&mut self, context: ModuleId, symbol: &SymbolId) -> RefValue {
        let (kind, standalone) = self.kind_of(symbol);
        let emit = self.emit(context, symbol);
        RefValue { key: self.key(symbol), name: symbol.name.clone(), kind, standalone, emit, is_class: self.is_class(symbol) }
    }

    fn emit(&mut self, context: ModuleId, symbol: &SymbolId) -> EmitRef {
        if symbol.module == context {
            // A class exported under another name is recorded under that name; the file
            // calls it by its own (`local_names`, filled from the file's syntax).
            let local = self.local_names.get(symbol).cloned();
            return EmitRef::Local(local.unwrap_or_else(|| symbol.name.clone()));
        }
        match symbol.module {
            ModuleId::Library(_) => match self.library_name(context, symbol) {
                Some((module, name)) => EmitRef::Import { module, name },
                None => {
                    let module = self.analysis.modules.package_name(symbol.module).unwrap_or_default();
                    EmitRef::Import { module, name: symbol.name.clone() }
                }
            },
            ModuleId::Program(_) => {
                let from = self.analysis.modules.path(context).to_path_buf();
                let to = self.analysis.modules.path(symbol.module).to_path_buf();
                EmitRef::Import { module: relative_import(&from, &to), name: symbol.name.clone() }
            }
        }
    }

    /// The package entry point and exported name a library declaration is written through.
    fn library_name(&mut self, context: ModuleId, symbol: &SymbolId) -> Option<(String, String)> {
        if let Some(known) = self.library_names.get(symbol) {
            return known.clone();
        }
        let package = self.analysis.modules.package_name(symbol.module)?;
        // The bare package first, then its other entry points in name order.
        let mut candidates = vec![package.clone()];
        candidates
            .extend(self.package_specifiers.iter().filter(|s| **s != package && s.starts_with(&format!("{package}/"))).cloned());
        let mut found = None;
        for specifier in candidates {
            let Some(entry) = self.analysis.modules.resolve(context, &specifier, Edge::Import) else { continue };
            if let Some(name) = self.exported_name(entry, symbol) {
                found = Some((specifier, name));
                break;
            }
        }
        self.library_names.insert(symbol.clone(), found.clone());
        found
    }

    /// The name under which `module` exports `symbol` (its own name preferred).
    fn exported_name(&mut self, module: ModuleId, symbol: &SymbolId) -> Option<String> {
        if self.analysis.modules.find_export(module, &symbol.name).as_ref() == Some(symbol) {
            return Some(symbol.name.clone());
        }
        let mut names = Vec::new();
        let mut seen = Vec::new();
        self.export_names(module, &mut names, &mut seen);
        names.into_iter().find(|name| self.analysis.modules.find_export(module, name).as_ref() == Some(symbol))
    }

    /// Every name a library module exports, following `export *`.
    fn export_names(&mut self, module: ModuleId, out: &mut Vec<String>, seen: &mut Vec<ModuleId>) {
        if seen.contains(&module) {
            return;
        }
        seen.push(module);
        let Some(library) = self.analysis.modules.library(module) else { return };
        let exports = library.dts.exports.clone();
        for export in exports {
            match export {
                DtsExport::Local { exported, .. } => out.push(exported),
                DtsExport::From { names: Some(names), .. } => out.extend(names.into_iter().map(|(_, exported)| exported)),
                DtsExport::From { module: from, names: None } => {
                    if let Some(target) = self.analysis.modules.resolve(module, &from, Edge::ReExport) {
                        self.export_names(target, out, seen);
                    }
                }
                #[allow(unreachable_patterns)]
                _ => {}
            }
        }
    }

    /// The declaration an import binding of `context` names.
    pub fn imported_symbol(&mut self, context: ModuleId, specifier: &str, name: &str) -> Option<SymbolId> {
        let target = self.analysis.modules.resolve(context, specifier, Edge::Import)?;
        self.analysis.modules.find_export(target, name)
    }

    /// A reflector value as seen from `context`.
    pub fn value(&mut self, context: ModuleId, value: &StaticValue) -> Value {
        match value {
            StaticValue::Undefined => Value::Undefined,
            StaticValue::Null => Value::Null,
            StaticValue::Bool(b) => Value::Bool(*b),
            StaticValue::Number(n) => Value::Number(*n),
            StaticValue::String(s) => Value::String(s.clone()),
            StaticValue::Array(items) => Value::Array(items.iter().map(|i| self.value(context, i)).collect()),
            StaticValue::Object(fields) => {
                Value::Object(fields.iter().map(|(k, v)| (k.clone(), self.value(context, v))).collect())
            }
            StaticValue::Symbol(symbol) => Value::Ref(self.reference(context, symbol)),
            StaticValue::ModuleWithProviders(symbol) => Value::ModuleWithProviders(self.reference(context, symbol)),
            StaticValue::EnumMember(symbol, member) => {
                let from_core = self.analysis.modules.package_name(symbol.module).as_deref() == Some("@angular/core");
                Value::EnumMember { enum_name: symbol.name.clone(), member: member.clone(), from_core }
            }
            StaticValue::Global(name) => Value::Dynamic(format!("the global '{name}'")),
            StaticValue::Unknown(reason) => Value::Dynamic(reason.clone()),
            other => Value::Dynamic(format!("{other:?}")),
        }
    }

    /// The module of a program file, by path.
    pub fn program_module(&self, path: &Path) -> Option<ModuleId> {
        self.analysis.modules.program.iter().position(|f| f.path == path).map(ModuleId::Program)
    }
}

fn is_relative(specifier: &str) -> bool {
    specifier.starts_with("./") || specifier.starts_with("../") || specifier == "." || specifier == ".."
}

/// ngc's `toRelativeImport(stripExtension(relative(dirname(from), to)))`.
pub fn relative_import(from: &Path, to: &Path) -> String {
    let dir = from.parent().unwrap_or(Path::new(""));
    let relative = relative_path(dir, to);
    let text = relative.to_string_lossy().replace('\\', "/");
    let stripped = strip_extension(&text);
    if stripped.starts_with("..") || stripped.starts_with('/') {
        stripped.to_string()
    } else {
        format!("./{stripped}")
    }
}

/// `(?:\.d)?\.ts$|\.tsx$|\.js$` removed.
fn strip_extension(path: &str) -> &str {
    if let Some(s) = path.strip_suffix(".d.ts") {
        return s;
    }
    for ext in [".ts", ".tsx", ".js"] {
        if let Some(s) = path.strip_suffix(ext) {
            return s;
        }
    }
    path
}

/// The path from directory `from` to `to`, both absolute and normalised.
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component<'_>> = from.components().collect();
    let to_components: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to_components).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for c in &to_components[common..] {
        out.push(c.as_os_str());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_imports_are_written_as_ngc_writes_them() {
        let from = Path::new("/p/src/app/widgets/stats.component.ts");
        assert_eq!(relative_import(from, Path::new("/p/src/app/shared/badge.component.ts")), "../shared/badge.component");
        assert_eq!(relative_import(from, Path::new("/p/src/app/widgets/panel.component.ts")), "./panel.component");
        assert_eq!(relative_import(from, Path::new("/p/src/app/widgets/sub/x.tsx")), "./sub/x");
        assert_eq!(relative_import(from, Path::new("/p/types/y.d.ts")), "../../../types/y");
    }
}
