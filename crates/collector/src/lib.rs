//! Phase 1 of ngc-rs: the metadata collector.
//!
//! [`collect`] parses one TypeScript file with swc and produces its module metadata in
//! Angular's View Engine format, schema version 4, exactly as Angular 8.2.14's
//! `MetadataCollector({quotedNames: true})` did: decorators, members, folded constants and
//! error nodes. With [`CollectOptions::strict`], error nodes that the original would reject
//! in `strictMetadataEmit` mode become diagnostics instead.

mod collector;
mod diagnostics;
mod evaluator;
mod facts;
mod ivy;
mod json;
mod jsstr;
mod source;
mod span_tree;
mod symbols;
mod validate;
mod value;

pub use facts::{DeclaredName, ExprFact, ExprSyntax, ImportFact, ImportedName, InitializerCall, PropertyFact};
pub use ivy::IvyMetadata;
pub use json::{js_number_to_string, Json};
pub use span_tree::SpanTree;

use ngc_diagnostics::{nesting, Diagnostic, Span};

/// How to collect a file.
#[derive(Debug, Clone, Copy)]
pub struct CollectOptions {
    /// `strictMetadataEmit`: error nodes in exported class metadata are diagnostics.
    pub strict: bool,
    /// Record quoted object-literal keys under `$quoted$` (ngc always did).
    pub quoted_names: bool,
    /// Apply ngc 8's `LowerMetadataTransform`, as ngc 8 did before writing `.metadata.json`:
    /// function expressions in decorators and module-scope variables, and the values of
    /// `useValue`, `useFactory`, `data`, `id` and `loadChildren`, become references to
    /// exported `ɵN` symbols that hold the original metadata. Only in module files.
    pub lower_expressions: bool,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions { strict: false, quoted_names: true, lower_expressions: false }
    }
}

/// The result of collecting one file.
#[derive(Debug, Clone)]
pub struct Collected {
    /// The module metadata; `None` when the file exports nothing the collector records, when it
    /// does not parse, or when strict mode refused it.
    pub metadata: Option<Json>,
    /// Syntax errors and, in strict mode, metadata errors. Empty on success.
    pub diagnostics: Vec<Diagnostic>,
    /// Source positions and facts the metadata format has no field for.
    pub facts: SourceFacts,
}

/// What later phases need to know about a file beyond its metadata, from the same parse.
#[derive(Debug, Clone, Default)]
pub struct SourceFacts {
    /// Source span of metadata objects and arrays, in the shape of the module object
    /// (look up `/metadata/AppComponent/decorators/0`).
    pub spans: SpanTree,
    /// Decorated members of exported classes and of the non-exported classes the Ivy metadata
    /// records, with their accessibility.
    pub decorated_members: Vec<MemberFact>,
    /// The local name of the default export (`export default class X`, `export default X`),
    /// which the metadata records under its own name.
    pub default_export: Option<String>,
    /// The bindings of the file's top-level imports, in order.
    pub imports: Vec<ImportFact>,
    /// Top-level classes, functions, enums and variables, exported or not, with the span of
    /// their name (error nodes locate a non-exported class at its first decorator).
    pub declared_names: Vec<DeclaredName>,
    /// Members of exported classes, and of the non-exported classes the Ivy metadata records,
    /// initialised with a call (`name = input<string>()`): what Angular's signal-based inputs,
    /// outputs and queries are declared with.
    pub initializer_calls: Vec<InitializerCall>,
    /// Decorator metadata for the Ivy compiler where View Engine's has error nodes, and for
    /// non-exported decorated classes and the module-local declarations they refer to.
    pub ivy: IvyMetadata,
    /// The expressions lowering replaced by `ɵN` references in the metadata, in the order
    /// they were named; each name is an entry of the metadata. Empty without lowering.
    pub lowered: Vec<LoweredExpression>,
}

/// An expression ngc 8's expression lowering turned into the exported symbol `name`: its
/// file transform rewrote the emitted JavaScript to match (`const ɵ0 = <expression>;`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoweredExpression {
    pub name: String,
    /// The expression's span (from its first token, as TypeScript's `getStart()`).
    pub span: Span,
}

/// A decorated class member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFact {
    /// The class's exported name (its key in the metadata).
    pub class: String,
    pub member: String,
    pub accessibility: Accessibility,
    pub is_static: bool,
    /// The member's name in the source.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accessibility {
    Public,
    Protected,
    Private,
}

/// Collects the metadata of one TypeScript source. `file_name` decides `.d.ts`/`.tsx` handling.
pub fn collect(file_name: &str, text: &str, options: &CollectOptions) -> Collected {
    // swc's parser recurses once per nesting level: deep input gets a stack of its own.
    let depth = match nesting::estimate(text, nesting::Grammar::Source, source::MAX_NESTING) {
        nesting::Nesting::Within(depth) => depth,
        nesting::Nesting::Excessive(offset) => {
            let diagnostic = diagnostics::nesting_too_deep(Span::new(offset, offset + 1), source::MAX_NESTING);
            return Collected { metadata: None, diagnostics: vec![diagnostic], facts: SourceFacts::default() };
        }
    };
    nesting::with_stack_for(depth, || collect_on_stack(file_name, text, options))
}

fn collect_on_stack(file_name: &str, text: &str, options: &CollectOptions) -> Collected {
    let (module, source) = match source::parse(file_name, text) {
        Ok(parsed) => parsed,
        Err(diagnostics) => return Collected { metadata: None, diagnostics, facts: SourceFacts::default() },
    };
    let symbols = symbols::Symbols::new(&module, &source);
    let mut evaluator = evaluator::Evaluator::new(symbols, &source, options.quoted_names);
    let is_module = module.body.iter().any(|item| matches!(item, swc_ecma_ast::ModuleItem::ModuleDecl(_)));
    if options.lower_expressions && is_module && !source.is_declaration_file {
        evaluator.lowering = Some(evaluator::Lowering::default());
    }
    let walk = collector::walk_module(&module, &mut evaluator, &source);
    let mut diagnostics = Vec::new();
    if options.strict && is_ts_file(file_name) {
        if let Some(metadata) = &walk.metadata {
            let class_node = |name: &str| walk.class_nodes.get(name).copied();
            diagnostics = validate::validate(metadata, &evaluator.node_map, &source, &class_node);
        }
    }
    let mut facts = SourceFacts {
        spans: SpanTree::default(),
        decorated_members: walk.decorated_members.clone(),
        default_export: default_export(&module),
        imports: facts::imports(&module),
        declared_names: facts::declared_names(&module),
        initializer_calls: Vec::new(),
        ivy: IvyMetadata::default(),
        lowered: Vec::new(),
    };
    if !diagnostics.is_empty() {
        facts.initializer_calls = facts::initializer_calls(&walk.classes, &mut evaluator, &source);
        return Collected { metadata: None, diagnostics, facts };
    }
    let module_object = collector::module_object(&walk, source.amd_module_name());
    let metadata = module_object.map(|m| {
        let mut cyclic = false;
        let span_of = |v: &value::Value| evaluator.node_map.span_of(v);
        let (json, spans) = value::to_json(&m, &span_of, &mut cyclic);
        facts.spans = spans;
        if cyclic {
            diagnostics.push(diagnostics::circular_metadata(Span::new(0, 0)));
        }
        json
    });
    // The requests whose symbols the metadata holds (all of them: every `ɵN` made is recorded).
    if let Some(lowering) = &mut evaluator.lowering {
        let entries = metadata.as_ref().and_then(|m| m.get("metadata"));
        facts.lowered = std::mem::take(&mut lowering.requests)
            .into_iter()
            .filter(|(name, _)| entries.and_then(|e| e.get(name)).is_some())
            .map(|(name, span)| LoweredExpression { name, span })
            .collect();
    }
    // After serialisation: evaluating for the Ivy metadata and the initializers cannot change
    // the metadata.
    let ivy = ivy::ivy_metadata(&module, &mut evaluator, &source, &walk);
    facts.ivy = ivy.metadata;
    facts.decorated_members.extend(ivy.decorated_members);
    let classes: Vec<_> = walk.classes.iter().cloned().chain(ivy.classes).collect();
    facts.initializer_calls = facts::initializer_calls(&classes, &mut evaluator, &source);
    if !diagnostics.is_empty() {
        return Collected { metadata: None, diagnostics, facts };
    }
    Collected { metadata, diagnostics, facts }
}

fn default_export(module: &swc_ecma_ast::Module) -> Option<String> {
    use swc_ecma_ast::{DefaultDecl, Expr, ModuleDecl, ModuleItem};
    module.body.iter().rev().find_map(|item| match item {
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultDecl(d)) => match &d.decl {
            DefaultDecl::Class(c) => c.ident.as_ref().map(|i| i.sym.to_string()),
            DefaultDecl::Fn(f) => f.ident.as_ref().map(|i| i.sym.to_string()),
            DefaultDecl::TsInterfaceDecl(i) => Some(i.id.sym.to_string()),
        },
        ModuleItem::ModuleDecl(ModuleDecl::ExportDefaultExpr(e)) => match &*e.expr {
            Expr::Ident(i) => Some(i.sym.to_string()),
            _ => None,
        },
        _ => None,
    })
}

/// The original validates only `.ts`/`.tsx` files in strict mode (`/\.tsx?$/i`).
fn is_ts_file(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.ends_with(".ts") || lower.ends_with(".tsx")
}
