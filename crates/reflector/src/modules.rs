//! The module universe: program files with their collected metadata, and library `.d.ts`
//! modules loaded on demand; the module graph (petgraph) of imports and re-exports between
//! them; and symbol lookup through exports, re-exports and barrel files.
//!
//! The reflector reads a program file's metadata as the Ivy compiler needs it: the View Engine
//! metadata with the file's Ivy metadata ([`ngc_collector::IvyMetadata`]) in place of the
//! entries View Engine could not represent, and with entries added for the module-local
//! declarations (non-exported decorated classes, and what those entries refer to). Added
//! entries are not exports of the file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ngc_collector::{Json, SourceFacts};
use petgraph::graph::{DiGraph, NodeIndex};

use crate::dts::{self, DtsExport, DtsModule, ImportBinding};
use crate::resolve::{ResolveOptions, Resolver};
use crate::Host;

/// One file of the program, as the collector left it.
#[derive(Debug, Clone)]
pub struct ProgramFile {
    /// Absolute, normalised path.
    pub path: PathBuf,
    pub text: Arc<str>,
    /// The module object (`{"__symbolic": "module", ...}`), when the file has metadata.
    pub metadata: Option<Json>,
    pub facts: SourceFacts,
}

/// A module: a program file or a library declaration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModuleId {
    Program(usize),
    Library(usize),
}

/// A declaration: a module and the name it has there (a metadata key, a `.d.ts` class name).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymbolId {
    pub module: ModuleId,
    pub name: String,
}

/// A library declaration file.
pub struct LibraryModule {
    pub path: PathBuf,
    pub dts: DtsModule,
}

/// How one module refers to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Import,
    ReExport,
}

/// All modules the analysis has touched, and the graph between them.
pub struct Modules<'h> {
    pub program: Vec<ProgramFile>,
    /// For each program file with Ivy metadata, its `metadata` object with the Ivy entries in.
    metadata_views: Vec<Option<Json>>,
    program_by_path: HashMap<PathBuf, usize>,
    pub libraries: Vec<LibraryModule>,
    library_by_path: HashMap<PathBuf, usize>,
    /// Failed library loads, so they are tried once.
    missing: HashSet<PathBuf>,
    pub graph: DiGraph<ModuleId, Edge>,
    nodes: HashMap<ModuleId, NodeIndex>,
    /// One resolver for the whole analysis, so package.json files are read once.
    resolver: Resolver<'h>,
    host: &'h dyn Host,
    resolutions: HashMap<(ModuleId, String), Option<ModuleId>>,
    /// `find_export` answers: a barrel such as `@angular/core`'s is searched once per name.
    exports: HashMap<(ModuleId, String), Option<SymbolId>>,
}

impl<'h> Modules<'h> {
    pub fn new(program: Vec<ProgramFile>, resolve_options: ResolveOptions, host: &'h dyn Host) -> Self {
        let program_by_path = program.iter().enumerate().map(|(i, f)| (f.path.clone(), i)).collect();
        let metadata_views = program.iter().map(metadata_view).collect();
        let mut modules = Modules {
            program,
            metadata_views,
            program_by_path,
            libraries: Vec::new(),
            library_by_path: HashMap::new(),
            missing: HashSet::new(),
            graph: DiGraph::new(),
            nodes: HashMap::new(),
            resolver: Resolver::new(resolve_options, host),
            host,
            resolutions: HashMap::new(),
            exports: HashMap::new(),
        };
        for i in 0..modules.program.len() {
            modules.node(ModuleId::Program(i));
        }
        modules
    }

    fn node(&mut self, id: ModuleId) -> NodeIndex {
        if let Some(&n) = self.nodes.get(&id) {
            return n;
        }
        let n = self.graph.add_node(id);
        self.nodes.insert(id, n);
        n
    }

    fn add_edge(&mut self, from: ModuleId, to: ModuleId, edge: Edge) {
        let (a, b) = (self.node(from), self.node(to));
        if self.graph.find_edge(a, b).is_none() {
            self.graph.add_edge(a, b, edge);
        }
    }

    pub fn path(&self, id: ModuleId) -> &Path {
        match id {
            ModuleId::Program(i) => &self.program[i].path,
            ModuleId::Library(i) => &self.libraries[i].path,
        }
    }

    pub fn program_file(&self, id: ModuleId) -> Option<&ProgramFile> {
        match id {
            ModuleId::Program(i) => self.program.get(i),
            ModuleId::Library(_) => None,
        }
    }

    pub fn library(&self, id: ModuleId) -> Option<&LibraryModule> {
        match id {
            ModuleId::Library(i) => self.libraries.get(i),
            ModuleId::Program(_) => None,
        }
    }

    /// The `metadata` object of a program module, as the reflector reads it: with the file's
    /// Ivy metadata in (see the module documentation).
    pub fn metadata(&self, id: ModuleId) -> Option<&Json> {
        if let ModuleId::Program(i) = id {
            if let Some(Some(view)) = self.metadata_views.get(i) {
                return Some(view);
            }
        }
        self.program_file(id)?.metadata.as_ref()?.get("metadata")
    }

    /// Whether `symbol` is a declaration of a program file that the file does not export (a
    /// non-exported class, function or variable, known through the Ivy metadata).
    pub fn is_module_local(&self, symbol: &SymbolId) -> bool {
        self.program_file(symbol.module).is_some_and(|f| f.facts.ivy.is_local(&symbol.name))
    }

    /// Whether `symbol` names a class (of a program file, exported or not, or of a library).
    pub fn is_class(&self, symbol: &SymbolId) -> bool {
        match symbol.module {
            ModuleId::Program(_) => self
                .metadata(symbol.module)
                .and_then(|m| m.get(&symbol.name))
                .is_some_and(|e| crate::evaluate::symbolic(e) == Some("class")),
            ModuleId::Library(_) => self.library(symbol.module).is_some_and(|l| l.dts.class(&symbol.name).is_some()),
        }
    }

    /// The module a specifier written in `from` refers to.
    pub fn resolve(&mut self, from: ModuleId, specifier: &str, edge: Edge) -> Option<ModuleId> {
        let key = (from, specifier.to_string());
        if let Some(known) = self.resolutions.get(&key) {
            return *known;
        }
        let containing = self.path(from).to_path_buf();
        let resolved = self.resolver.resolve(specifier, &containing);
        let target = resolved.and_then(|r| self.module_at(&r.path));
        if let Some(target) = target {
            self.add_edge(from, target, edge);
        }
        self.resolutions.insert(key, target);
        target
    }

    /// The module of a resolved file: a program file, or a declaration file loaded now.
    fn module_at(&mut self, path: &Path) -> Option<ModuleId> {
        if let Some(&i) = self.program_by_path.get(path) {
            return Some(ModuleId::Program(i));
        }
        if let Some(&i) = self.library_by_path.get(path) {
            return Some(ModuleId::Library(i));
        }
        let name = path.to_string_lossy();
        if !name.ends_with(".d.ts") && !name.ends_with(".d.mts") && !name.ends_with(".d.cts") {
            return None;
        }
        if self.missing.contains(path) {
            return None;
        }
        let Some(text) = self.host.read_file(path) else {
            self.missing.insert(path.to_path_buf());
            return None;
        };
        let module = dts::read_dts(&name, &text);
        let index = self.libraries.len();
        self.libraries.push(LibraryModule { path: path.to_path_buf(), dts: module });
        self.library_by_path.insert(path.to_path_buf(), index);
        let id = ModuleId::Library(index);
        self.node(id);
        Some(id)
    }

    /// The declaration `name` exported by `module`, following re-exports (`export *`,
    /// `export {a as b} from`, imports re-exported by name) through barrel files.
    pub fn find_export(&mut self, module: ModuleId, name: &str) -> Option<SymbolId> {
        let key = (module, name.to_string());
        if let Some(known) = self.exports.get(&key) {
            return known.clone();
        }
        let mut seen = HashSet::new();
        let found = self.find_export_inner(module, name, &mut seen);
        self.exports.insert(key, found.clone());
        found
    }

    fn find_export_inner(&mut self, module: ModuleId, name: &str, seen: &mut HashSet<(ModuleId, String)>) -> Option<SymbolId> {
        if !seen.insert((module, name.to_string())) {
            return None;
        }
        match module {
            ModuleId::Program(_) => {
                let symbol = SymbolId { module, name: name.to_string() };
                if self.metadata(module).and_then(|m| m.get(name)).is_some() && !self.is_module_local(&symbol) {
                    return Some(symbol);
                }
                if name == "default" {
                    let local = self.program_file(module).and_then(|f| f.facts.default_export.clone());
                    if let Some(local) = local {
                        if self.metadata(module).and_then(|m| m.get(&local)).is_some() {
                            return Some(SymbolId { module, name: local });
                        }
                    }
                }
                let exports: Vec<Json> = match self.program_file(module).and_then(|f| f.metadata.as_ref()) {
                    Some(m) => match m.get("exports") {
                        Some(Json::Array(items)) => items.clone(),
                        _ => Vec::new(),
                    },
                    None => Vec::new(),
                };
                for export in exports {
                    let Some(Json::String(from)) = export.get("from") else { continue };
                    match export.get("export") {
                        Some(Json::Array(names)) => {
                            for entry in names {
                                let (orig, exported) = match entry {
                                    Json::String(s) => (s.clone(), s.clone()),
                                    other => match (other.get("name"), other.get("as")) {
                                        (Some(Json::String(n)), Some(Json::String(a))) => (n.clone(), a.clone()),
                                        _ => continue,
                                    },
                                };
                                if exported == name {
                                    let target = self.resolve(module, from, Edge::ReExport)?;
                                    return self.find_export_inner(target, &orig, seen);
                                }
                            }
                        }
                        _ => {
                            if let Some(target) = self.resolve(module, from, Edge::ReExport) {
                                if let Some(found) = self.find_export_inner(target, name, seen) {
                                    return Some(found);
                                }
                            }
                        }
                    }
                }
                None
            }
            ModuleId::Library(i) => {
                let exports = self.libraries[i].dts.exports.clone();
                for export in &exports {
                    match export {
                        DtsExport::Local { local, exported } if exported == name => {
                            return self.find_local(module, local, seen);
                        }
                        DtsExport::From { module: from, names: Some(names) } => {
                            if let Some((orig, _)) = names.iter().find(|(_, exported)| exported == name) {
                                let target = self.resolve(module, from, Edge::ReExport)?;
                                return self.find_export_inner(target, orig, seen);
                            }
                        }
                        DtsExport::From { module: from, names: None } => {
                            if let Some(target) = self.resolve(module, from, Edge::ReExport) {
                                if let Some(found) = self.find_export_inner(target, name, seen) {
                                    return Some(found);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                None
            }
        }
    }

    /// A name declared or imported in a library module.
    fn find_local(&mut self, module: ModuleId, local: &str, seen: &mut HashSet<(ModuleId, String)>) -> Option<SymbolId> {
        let library = self.library(module)?;
        if library.dts.classes.iter().any(|c| c.name == local) {
            return Some(SymbolId { module, name: local.to_string() });
        }
        let import = library.dts.imports.iter().find(|i| i.local == local).map(|i| i.binding.clone());
        match import {
            Some(ImportBinding::Named { module: from, name }) => {
                let target = self.resolve(module, &from, Edge::Import)?;
                self.find_export_inner(target, &name, seen)
            }
            Some(_) => None,
            // Declared but not a class (a const, function, enum or type): still a symbol.
            None => Some(SymbolId { module, name: local.to_string() }),
        }
    }

    /// A name used in a library module (`typeof i1.NgIf` → namespace `i1`, name `NgIf`).
    pub fn resolve_library_type(&mut self, module: ModuleId, namespace: Option<&str>, name: &str) -> Option<SymbolId> {
        let library = self.library(module)?;
        match namespace {
            Some(ns) => {
                let from = library.dts.imports.iter().find_map(|i| match &i.binding {
                    ImportBinding::Namespace { module } if i.local == ns => Some(module.clone()),
                    _ => None,
                })?;
                let target = self.resolve(module, &from, Edge::Import)?;
                self.find_export(target, name)
            }
            None => {
                let mut seen = HashSet::new();
                self.find_local(module, name, &mut seen)
            }
        }
    }

    /// The npm package a library module belongs to (`@angular/common`), for display.
    pub fn package_name(&self, id: ModuleId) -> Option<String> {
        let path = self.path(id).to_string_lossy().replace('\\', "/");
        let after = path.rsplit_once("/node_modules/")?.1;
        let mut parts = after.split('/');
        let first = parts.next()?;
        if first.starts_with('@') {
            Some(format!("{first}/{}", parts.next()?))
        } else {
            Some(first.to_string())
        }
    }
}

/// The `metadata` object of a program file with its Ivy entries in: each replaces the entry of
/// the same name in place, or is added after the others. `None` without Ivy metadata.
fn metadata_view(file: &ProgramFile) -> Option<Json> {
    let ivy = &file.facts.ivy;
    if ivy.is_empty() {
        return None;
    }
    let mut entries: Vec<(String, Json)> = match file.metadata.as_ref().and_then(|m| m.get("metadata")) {
        Some(Json::Object(entries)) => entries.clone(),
        _ => Vec::new(),
    };
    for (name, entry) in &ivy.entries {
        match entries.iter_mut().find(|(n, _)| n == name) {
            Some(existing) => existing.1 = entry.clone(),
            None => entries.push((name.clone(), entry.clone())),
        }
    }
    Some(Json::Object(entries))
}
