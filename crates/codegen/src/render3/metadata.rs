//! The R3 metadata: what the render3 compilers of `@angular/compiler` take as input
//! (`R3ComponentMetadata`, `R3DirectiveMetadata`, `R3FactoryMetadata`, …), as plain data.
//!
//! The Angular file transform fills these from the decorators (through the reflector), the way
//! ngc's decorator handlers (`ComponentDecoratorHandler`, `DirectiveDecoratorHandler`,
//! `InjectableDecoratorHandler`, `NgModuleDecoratorHandler`, `PipeDecoratorHandler`,
//! `ServiceDecoratorHandler` of compiler-cli) fill Angular's. Each field says what it means and
//! where ngc takes it from.
//!
//! Conventions:
//! - Expressions are output AST ([`Expr`]). A source expression copied verbatim from the
//!   user's file (a `providers` array, a `useFactory` arrow, a token, decorator arguments) is
//!   [`Expr::Raw`] with the text ngc prints for it (TypeScript's printer re-prints source nodes
//!   with their original text; string literals keep their quotes). A class of the same file is
//!   `Expr::Var(name)`; a class imported from another module is the [`Expr::External`] ngc's
//!   reference emitter produces (`i1.Foo` once printed).
//! - Angular's string-keyed objects (`inputs`, `outputs`, host bindings) are vectors of pairs in
//!   the object's insertion order (the order of the decorator, then of the members).
//! - `Option` stands for Angular's `null`/`undefined`; a `bool` that Angular leaves undefined
//!   is `false`.
//!
//! Once published, these types are only extended (new fields), never reshaped.

use ngc_diagnostics::Span;
use ngc_output::Expr;
use ngc_template::r3_ast::Node;

/// `R3Reference`: a reference to a class, as a value and as a type. In full compilation both
/// are usually the same expression; the type is what `.d.ts` declarations would name.
#[derive(Debug, Clone, PartialEq)]
pub struct R3Reference {
    /// The class as a runtime value (`Foo`, `i1.Foo`).
    pub value: Expr,
    /// The class as a type (`Foo`, `i1.Foo`); used only for type declarations.
    pub type_expr: Expr,
}

impl R3Reference {
    /// A reference whose value and type are the same expression (ngc's `wrapReference` and
    /// `toR3Reference` for local classes).
    pub fn same(expr: Expr) -> Self {
        R3Reference { value: expr.clone(), type_expr: expr }
    }
}

/// `ForwardRefHandling`: whether an expression was written inside `forwardRef(() => …)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ForwardRefHandling {
    /// Not wrapped in `forwardRef()`: safe to use as is.
    #[default]
    None,
    /// Still wrapped: the expression is the `forwardRef(...)` call itself.
    Wrapped,
    /// Was wrapped, and the compiler unwrapped it (the expression is the inner reference);
    /// where it must stay lazy, the compilers wrap it again (`forwardRef(() => X)`).
    Unwrapped,
}

/// `MaybeForwardRefExpression`: an expression together with how it was forward-referenced.
#[derive(Debug, Clone, PartialEq)]
pub struct MaybeForwardRefExpr {
    pub expression: Expr,
    pub forward_ref: ForwardRefHandling,
}

impl MaybeForwardRefExpr {
    /// An expression that was not in a `forwardRef()`.
    pub fn plain(expression: Expr) -> Self {
        MaybeForwardRefExpr { expression, forward_ref: ForwardRefHandling::None }
    }
}

/// `FactoryTarget`: the kind of class a factory is for. It picks the injection function
/// (`ɵɵdirectiveInject` for components, directives and pipes; `ɵɵinject` otherwise) and, for
/// pipes, adds the `ForPipe` flag (16) to every injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactoryTarget {
    Directive = 0,
    Component = 1,
    Injectable = 2,
    Pipe = 3,
    NgModule = 4,
    Service = 5,
}

/// `R3DependencyMetadata`: one constructor parameter (or one `deps` entry of a provider).
///
/// ngc's `getConstructorDependencies` (reflector: `ngc_reflector::di`) fills it from the
/// parameter's type and its `@Inject`, `@Attribute`, `@Optional`, `@Self`, `@SkipSelf` and
/// `@Host` decorators; `deps` arrays of `@Injectable` are read the same way (`[new Optional(),
/// Token]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct R3DependencyMetadata {
    /// The token to inject: `@Inject(token)`'s argument, or the parameter's type as a value. For
    /// `@Attribute('name')`, the attribute name expression (`'name'` as written). `None` when the
    /// dependency cannot be resolved: the factory then calls `ɵɵinvalidFactoryDep(index)`.
    pub token: Option<Expr>,
    /// For `@Attribute(...)`: the literal type of the attribute name (its string literal), or
    /// any expression when the name is not a literal. `None` without `@Attribute`. When set,
    /// the factory injects with `ɵɵinjectAttribute(token)`.
    pub attribute_name_type: Option<Expr>,
    /// `@Host()` (flag 1).
    pub host: bool,
    /// `@Optional()` (flag 8).
    pub optional: bool,
    /// `@Self()` (flag 2).
    pub self_: bool,
    /// `@SkipSelf()` (flag 4).
    pub skip_self: bool,
}

/// The constructor dependencies of a factory (`deps` of `R3ConstructorFactoryMetadata`).
#[derive(Debug, Clone, PartialEq)]
pub enum R3FactoryDeps {
    /// The class has its own constructor (possibly without parameters): inject each.
    Valid(Vec<R3DependencyMetadata>),
    /// Angular's `null`: the class has no constructor of its own and inherits it; the factory
    /// uses `ɵɵgetInheritedFactory` in its IIFE form.
    Inherited,
    /// Angular's `'invalid'`: a parameter could not be resolved (ngc reports that separately,
    /// or not at all for abstract directives); the factory calls `ɵɵinvalidFactory()`.
    Invalid,
}

/// `R3FactoryDelegateType`: how a delegated factory creates its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum R3FactoryDelegateType {
    /// `new Delegate(...deps)` (`useClass` with `deps`).
    Class,
    /// `delegate(...deps)` (`useFactory` with `deps`).
    Function,
}

/// What a factory does besides calling the constructor (which
/// `R3FactoryMetadata` variant Angular has).
#[derive(Debug, Clone, PartialEq)]
pub enum R3FactoryKind {
    /// `R3ConstructorFactoryMetadata`: construct the type itself.
    Constructor,
    /// `R3DelegatedFnOrClassMetadata`: when called without a subclass type, build the value
    /// with `delegate` and `delegate_deps` instead.
    Delegated { delegate: Expr, delegate_type: R3FactoryDelegateType, delegate_deps: Vec<R3DependencyMetadata> },
    /// `R3ExpressionFactoryMetadata`: when called without a subclass type, return
    /// `expression` (a `useValue`, or `ɵɵinject(existing)` for `useExisting`).
    Expression(Expr),
}

/// `R3FactoryMetadata`: input of `compileFactoryFunction` (the `ɵfac` field).
///
/// Every handler builds it with `toFactoryMetadata(meta, target)`: the class's name, type,
/// generic arity and constructor dependencies. Injectables also build delegated and
/// expression factories for their `ɵprov`.
#[derive(Debug, Clone, PartialEq)]
pub struct R3FactoryMetadata {
    /// The class name; names the factory function (`Foo_Factory`) and the inherited-factory
    /// variable (`ɵFoo_BaseFactory`).
    pub name: String,
    /// The class being constructed.
    pub type_ref: R3Reference,
    /// Number of generic type parameters of the class (types only).
    pub type_argument_count: usize,
    pub deps: R3FactoryDeps,
    pub target: FactoryTarget,
    pub kind: R3FactoryKind,
}

/// Which provider form an `@Injectable` uses (at most one of Angular's `useClass`,
/// `useFactory`, `useValue`, `useExisting` is set; compiler-cli checks them in the order
/// `useValue`, `useExisting`, `useClass`, `useFactory`).
#[derive(Debug, Clone, PartialEq)]
pub enum R3InjectableProvider {
    /// No provider property: the class's own factory (`Foo.ɵfac`).
    None,
    /// `useClass: X`, unwrapped from `forwardRef` when it was wrapped.
    UseClass(MaybeForwardRefExpr),
    /// `useFactory: fn` (the source expression).
    UseFactory(Expr),
    /// `useValue: v`.
    UseValue(MaybeForwardRefExpr),
    /// `useExisting: T`.
    UseExisting(MaybeForwardRefExpr),
}

/// `R3InjectableMetadata`: input of `compileInjectable` (the `ɵprov` field of an
/// `@Injectable`).
#[derive(Debug, Clone, PartialEq)]
pub struct R3InjectableMetadata {
    pub name: String,
    pub type_ref: R3Reference,
    pub type_argument_count: usize,
    /// `providedIn` (`'root'`, `'platform'`, `'any'`, an NgModule class), as written. `None`
    /// when absent or `null`: the definition has no `providedIn`.
    pub provided_in: Option<MaybeForwardRefExpr>,
    pub provider: R3InjectableProvider,
    /// The decorator's `deps` array (each entry read as a dependency), when it has one. With
    /// `useClass` or `useFactory` it makes a delegated factory that injects these.
    pub deps: Option<Vec<R3DependencyMetadata>>,
}

/// `R3ServiceMetadata`: input of `compileService` (the `ɵprov` field of Angular 22's
/// `@Service`).
#[derive(Debug, Clone, PartialEq)]
pub struct R3ServiceMetadata {
    pub name: String,
    pub type_ref: R3Reference,
    pub type_argument_count: usize,
    /// The decorator's `autoProvided` (`None` when absent); `Some(false)` emits
    /// `autoProvided: false`.
    pub auto_provided: Option<bool>,
    /// The decorator's `factory` function (source expression); `None` uses the class's own
    /// factory.
    pub factory: Option<Expr>,
}

/// `R3InjectorMetadata`: input of `compileInjector` (the `ɵinj` field of an NgModule).
#[derive(Debug, Clone, PartialEq)]
pub struct R3InjectorMetadata {
    pub name: String,
    pub type_ref: R3Reference,
    /// The `providers` of the NgModule decorator (source expression), when present.
    pub providers: Option<Expr>,
    /// The injector imports ngc computes in its resolve phase (`injectorImports`): the entries
    /// of `imports` (and of `exports`) that are NgModules or `ModuleWithProviders`, as source
    /// expressions or references, in ngc's order.
    pub imports: Vec<Expr>,
}

/// `R3SelectorScopeMode`: how an NgModule's declarations, imports and exports are emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum R3SelectorScopeMode {
    /// In the `ɵmod` definition itself.
    Inline,
    /// In a separate `ɵɵsetNgModuleScope` call guarded by `ngJitMode` (ngc's default in full
    /// mode, unless `supportJitMode` is false).
    SideEffect,
    /// Not at all (`supportJitMode: false`).
    Omit,
}

/// A component declared by an NgModule whose template needs the compilation scope set at
/// run time (`ɵɵsetComponentScope`), because importing it directly would make an import
/// cycle (ngc's "remote scoping").
#[derive(Debug, Clone, PartialEq)]
pub struct R3RemoteScope {
    pub component: Expr,
    pub directives: Vec<Expr>,
    pub pipes: Vec<Expr>,
}

/// `R3NgModuleMetadataGlobal`: input of `compileNgModule` in full compilation mode (the
/// `ɵmod` field), plus the handler's remote-scoping data.
#[derive(Debug, Clone, PartialEq)]
pub struct R3NgModuleMetadata {
    pub type_ref: R3Reference,
    /// `bootstrap` components.
    pub bootstrap: Vec<R3Reference>,
    /// `declarations`, flattened and resolved.
    pub declarations: Vec<R3Reference>,
    /// The declarations visible to consumers (types only); `None` means all.
    pub public_declaration_types: Option<Vec<Expr>>,
    /// `imports`, flattened and resolved (modules, standalone components, directives, pipes).
    pub imports: Vec<R3Reference>,
    /// Whether `imports` appear in the type declaration (types only).
    pub include_import_types: bool,
    /// `exports`, flattened and resolved.
    pub exports: Vec<R3Reference>,
    pub selector_scope_mode: R3SelectorScopeMode,
    /// Some reference is a forward reference: the lists become `() => [...]` closures.
    pub contains_forward_decls: bool,
    /// `schemas` (`CUSTOM_ELEMENTS_SCHEMA`, `NO_ERRORS_SCHEMA`). ngc's full compilation always
    /// passes an empty list (`Some(vec![])`): the decorator's schemas are not emitted.
    pub schemas: Option<Vec<R3Reference>>,
    /// `id` (source expression): adds `id` to the definition and an
    /// `ɵɵregisterNgModuleType(Type, id)` statement.
    pub id: Option<Expr>,
    /// Components of this module that need `ɵɵsetComponentScope` (see [`R3RemoteScope`]).
    pub remote_scopes: Vec<R3RemoteScope>,
    /// Wrap the remote-scope lists in `function () { return [...]; }`.
    pub remote_scopes_may_require_cycle_protection: bool,
}

/// `R3PipeMetadata`: input of `compilePipeFromMetadata` (the `ɵpipe` field).
#[derive(Debug, Clone, PartialEq)]
pub struct R3PipeMetadata {
    /// The class name.
    pub name: String,
    pub type_ref: R3Reference,
    pub type_argument_count: usize,
    /// The decorator's `name`; `None` falls back to the class name (as Angular does).
    pub pipe_name: Option<String>,
    /// Constructor dependencies, for the pipe's factory.
    pub deps: R3FactoryDeps,
    /// The decorator's `pure` (default true).
    pub pure: bool,
    /// Standalone (`standalone` of the decorator; default true since Angular 19).
    pub is_standalone: bool,
}

/// `R3InputMetadata`: one input of a directive.
#[derive(Debug, Clone, PartialEq)]
pub struct R3InputMetadata {
    /// The class member that receives the value.
    pub class_property_name: String,
    /// The public name templates bind to (the alias, or the member name).
    pub binding_property_name: String,
    /// `required: true` (decorator input option, or `input.required()`).
    pub required: bool,
    /// A signal input (`input()`, `input.required()`, `model()`).
    pub is_signal: bool,
    /// The `transform` function of a decorator input (source expression). Always `None` for
    /// signal inputs, whose transform is part of the signal.
    pub transform_function: Option<Expr>,
}

/// The predicate of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum R3QueryPredicate {
    /// A type or `InjectionToken` (`@ViewChild(Foo)`, `viewChild(Foo)`).
    Type(MaybeForwardRefExpr),
    /// String selectors (`@ViewChild('a')`), each possibly a comma list (`'a, b'`), which the
    /// compiler splits.
    Selectors(Vec<String>),
}

/// `R3QueryMetadata`: one view or content query.
#[derive(Debug, Clone, PartialEq)]
pub struct R3QueryMetadata {
    /// The class member the results go to.
    pub property_name: String,
    /// `@ViewChild`/`@ContentChild`/`viewChild()`/`contentChild()`: only the first result.
    pub first: bool,
    pub predicate: R3QueryPredicate,
    /// `descendants` (view queries: always true; content queries: the option, default false
    /// for `@ContentChildren`, true for `@ContentChild`).
    pub descendants: bool,
    /// `emitDistinctChangesOnly` (default true).
    pub emit_distinct_changes_only: bool,
    /// `read: Token` (source expression).
    pub read: Option<Expr>,
    /// `static: true`.
    pub is_static: bool,
    /// A signal query (`viewChild()`, `contentChildren()`, …).
    pub is_signal: bool,
}

/// `specialAttributes` of `R3HostMetadata`: the static `class` and `style` host attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct R3HostSpecialAttributes {
    pub style_attr: Option<String>,
    pub class_attr: Option<String>,
}

/// `R3HostMetadata`: the host bindings of a directive, from the decorator's `host` object
/// (split by `parseHostBindings`) and the `@HostBinding`/`@HostListener` members (added by
/// `extractHostBindings` after the `host` entries).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct R3HostMetadata {
    /// Static attributes (`'role': 'button'`): attribute name → value (a string literal, or
    /// the source expression for a non-string value).
    pub attributes: Vec<(String, Expr)>,
    /// Event bindings: `click` or `document:keydown` (the key without parentheses; for
    /// `@HostListener('click', ['$event'])` ngc writes `click` → `handler($event)`) → the
    /// unparsed handler expression.
    pub listeners: Vec<(String, String)>,
    /// Property bindings: `class.active`, `attr.role`, `style.width.px`, `@trigger` (the key
    /// without brackets) → the unparsed expression.
    pub properties: Vec<(String, String)>,
    pub special_attributes: R3HostSpecialAttributes,
}

impl R3HostMetadata {
    /// Whether there is nothing to compile.
    pub fn is_empty(&self) -> bool {
        self.attributes.is_empty()
            && self.listeners.is_empty()
            && self.properties.is_empty()
            && self.special_attributes.style_attr.is_none()
            && self.special_attributes.class_attr.is_none()
    }
}

/// `R3HostDirectiveMetadata`: one entry of `hostDirectives`.
#[derive(Debug, Clone, PartialEq)]
pub struct R3HostDirectiveMetadata {
    /// The host directive class.
    pub directive: R3Reference,
    /// Written as `forwardRef(() => X)`: the feature argument becomes a function.
    pub is_forward_reference: bool,
    /// Exposed inputs as Angular's `parseMappingStringArray` builds them: the host
    /// directive's input name → the public name on the host (`inputs: ['a: b']` gives
    /// `("a", "b")`, `'a'` gives `("a", "a")`), one entry per name (a repeated name keeps its
    /// first position and its last value). `None` when the entry has no `inputs`.
    pub inputs: Option<Vec<(String, String)>>,
    /// Exposed outputs, like `inputs`.
    pub outputs: Option<Vec<(String, String)>>,
}

/// `R3DirectiveMetadata`: input of `compileDirectiveFromMetadata` (the `ɵdir` field), and
/// the directive part of a component.
#[derive(Debug, Clone, PartialEq)]
pub struct R3DirectiveMetadata {
    /// The class name; names generated functions (`Foo_HostBindings`, `Foo_Query`, …).
    pub name: String,
    pub type_ref: R3Reference,
    pub type_argument_count: usize,
    /// The class declaration in the TypeScript file (errors of host bindings point here).
    pub type_source_span: Span,
    /// Constructor dependencies, for the factory.
    pub deps: R3FactoryDeps,
    /// The decorator's `selector`, unparsed; `None` when absent (abstract directives,
    /// selectorless components).
    pub selector: Option<String>,
    /// Content queries in ngc's order (`parseQueriesOfClassFields`): the signal queries
    /// (`contentChild()`, `contentChildren()`) in member order, then the `@ContentChild`
    /// members, then the `@ContentChildren` members, then the decorator's `queries` entries.
    /// The order matters: string predicates become pool constants in this order.
    pub queries: Vec<R3QueryMetadata>,
    /// View queries, ordered the same way: signal queries (`viewChild()`, `viewChildren()`),
    /// then `@ViewChild`, then `@ViewChildren` members, then the decorator's `queries`.
    pub view_queries: Vec<R3QueryMetadata>,
    pub host: R3HostMetadata,
    /// The class has an `ngOnChanges` method (adds `ɵɵNgOnChangesFeature`).
    pub uses_on_changes: bool,
    /// Class property name → input, in ngc's order (decorator `inputs` first, then members).
    pub inputs: Vec<(String, R3InputMetadata)>,
    /// Class property name → public name of each output (decorator `outputs`, `@Output()`,
    /// `output()`, the change outputs of `model()`).
    pub outputs: Vec<(String, String)>,
    /// The class extends another (adds `ɵɵInheritDefinitionFeature`).
    pub uses_inheritance: bool,
    /// The private `ɵngControlCreate` hook: `Some(pass_through_input)` adds
    /// `ɵɵControlFeature(passThroughInput)`; `None` when the class has no such hook.
    pub control_create: Option<Option<String>>,
    /// `exportAs`, split at commas and trimmed.
    pub export_as: Option<Vec<String>>,
    /// `providers` (source expression).
    pub providers: Option<Expr>,
    /// Standalone (default true since Angular 19); `false` emits `standalone: false`.
    pub is_standalone: bool,
    /// `signals: true` of the decorator.
    pub is_signal: bool,
    /// `hostDirectives`, when present.
    pub host_directives: Option<Vec<R3HostDirectiveMetadata>>,
    /// Use `null` instead of `undefined` for safe navigation in bindings (an option of the
    /// compilation; default false).
    pub legacy_optional_chaining: bool,
}

/// `R3TemplateDependencyKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum R3TemplateDependencyKind {
    Directive,
    Pipe,
    NgModule,
}

/// `R3TemplateDependencyMetadata`: one entry of a component's `dependencies`: a directive or
/// pipe the template uses, or an NgModule a standalone component imports.
#[derive(Debug, Clone, PartialEq)]
pub struct R3TemplateDependency {
    pub kind: R3TemplateDependencyKind,
    /// The class as emitted in the file (`NgIf`, `i1.NgIf`).
    pub type_expr: Expr,
    /// Directives: the selector.
    pub selector: Option<String>,
    /// Directives: public input names.
    pub inputs: Vec<String>,
    /// Directives: public output names.
    pub outputs: Vec<String>,
    /// Directives: `exportAs`.
    pub export_as: Option<Vec<String>>,
    /// Directives: whether it is a component.
    pub is_component: bool,
    /// Pipes: the pipe name.
    pub pipe_name: Option<String>,
}

/// `DeclarationListEmitMode`: how `dependencies` is emitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationListEmitMode {
    /// `dependencies: [A, B]`.
    Direct,
    /// `dependencies: () => [A, B]`: some dependency is a forward reference (or the import
    /// graph would make a cycle otherwise).
    Closure,
    /// `dependencies: () => [A, B].map(i0.resolveForwardRef)` (JIT only).
    ClosureResolved,
    /// `dependencies: i0.ɵɵgetComponentDepsFactory(Type, rawImports)` (local compilation).
    RuntimeResolved,
}

/// `ViewEncapsulation`, with the runtime's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewEncapsulation {
    Emulated = 0,
    None = 2,
    ShadowDom = 3,
    ExperimentalIsolatedShadowDom = 4,
}

/// `changeDetection` of a component.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeDetection {
    /// A statically known `ChangeDetectionStrategy`: 0 is `OnPush` (Angular 22's default,
    /// not emitted), 1 is `Default`/`Eager` (emitted as `changeDetection: 1`).
    Strategy(u8),
    /// An expression that could not be evaluated (local compilation), emitted as is.
    Expr(Expr),
}

/// `R3DeferPerBlockDependency`: a dependency of one `@defer` block.
#[derive(Debug, Clone, PartialEq)]
pub struct R3DeferPerBlockDependency {
    /// The dependency as referenced eagerly (used when it cannot be deferred).
    pub type_reference: Expr,
    /// Its exported name (`m.Name` in the loader).
    pub symbol_name: String,
    /// Whether it can be loaded lazily with a dynamic `import()`.
    pub is_deferrable: bool,
    /// The import path of the dynamic import.
    pub import_path: Option<String>,
    /// The symbol is the module's default export (`m.default`).
    pub is_default_import: bool,
}

/// `R3DeferPerComponentDependency`: a deferred dependency of a component (local
/// compilation, and `setClassMetadataAsync`).
#[derive(Debug, Clone, PartialEq)]
pub struct R3DeferPerComponentDependency {
    pub symbol_name: String,
    pub import_path: String,
    pub is_default_import: bool,
}

/// `R3ComponentDeferMetadata`: the dependency loaders of a component's `@defer` blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum R3ComponentDeferMetadata {
    /// Full compilation: one loader per block. `blocks` names each `@defer` block by its
    /// source span in the template (`DeferredBlock::span`) with its loader (the output of
    /// [`compile_defer_resolver_function`](super::defer::compile_defer_resolver_function)), or
    /// `None` when it has nothing to load.
    PerBlock { blocks: Vec<(ngc_template::Span, Option<Expr>)> },
    /// Local compilation: one loader for the whole component.
    PerComponent { dependencies_fn: Option<Expr> },
}

/// A component imported through the experimental foreign-component API (`foreignImports`).
#[derive(Debug, Clone, PartialEq)]
pub struct R3ForeignComponentMetadata {
    pub name: String,
    pub component: Expr,
}

/// The parsed template of a component (`template` of `R3ComponentMetadata`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct R3ComponentTemplate {
    /// The Render3 nodes (`ngc_template::parse_template` with the component's options).
    pub nodes: Vec<Node>,
    /// The `select` of each `<ng-content>` (`*` for none), in document order.
    pub ng_content_selectors: Vec<String>,
    /// `preserveWhitespaces` the template was parsed with.
    pub preserve_whitespaces: bool,
}

/// `R3ComponentMetadata`: input of `compileComponentFromMetadata` (the `ɵcmp` field).
#[derive(Debug, Clone, PartialEq)]
pub struct R3ComponentMetadata {
    /// The directive part (selector, inputs, queries, host, features, …).
    pub directive: R3DirectiveMetadata,
    pub template: R3ComponentTemplate,
    /// The directives and pipes the template uses and, for standalone components, the
    /// imported NgModules — ngc's `dependencies`, in its order.
    pub declarations: Vec<R3TemplateDependency>,
    pub defer: R3ComponentDeferMetadata,
    pub declaration_list_emit_mode: DeclarationListEmitMode,
    /// The style sheets (`styles`, the contents of `styleUrl(s)`, inline `<style>`s of the
    /// template), unscoped, in ngc's order.
    pub styles: Vec<String>,
    /// External style sheet URLs (`externalRuntimeStyles`; adds `ɵɵExternalStylesFeature`).
    pub external_styles: Vec<String>,
    /// `encapsulation`; `None` means `Emulated`. Emulated without any style becomes `None`.
    pub encapsulation: Option<ViewEncapsulation>,
    /// `animations` (source expression): emitted as `data: { animation: ... }`.
    pub animations: Option<Expr>,
    /// `viewProviders` (source expression).
    pub view_providers: Option<Expr>,
    /// The component file's path relative to the compilation root (i18n message names).
    pub relative_context_file_path: String,
    /// `i18nUseExternalIds` of the compilation.
    pub i18n_use_external_ids: bool,
    /// `changeDetection`, when set.
    pub change_detection: Option<ChangeDetection>,
    /// The template's path relative to the project root, for debug information.
    pub relative_template_path: Option<String>,
    /// Some dependency is a directive (a standalone component without directive dependencies
    /// is compiled in the DOM-only template mode).
    pub has_directive_dependencies: bool,
    /// The decorator's `imports` (source expression); only for `RuntimeResolved`.
    pub raw_imports: Option<Expr>,
    pub foreign_imports: Option<Vec<R3ForeignComponentMetadata>>,
    /// Add source locations of elements to the DOM (a debugging option).
    pub enable_template_source_locations: bool,
}

/// `R3ClassMetadataCtorParameter`: one constructor parameter in `ɵsetClassMetadata`.
#[derive(Debug, Clone, PartialEq)]
pub struct R3CtorParameter {
    /// The parameter's type as a value (`i1.HttpClient`); `None` prints `undefined` (no type,
    /// a type-only or unresolvable type).
    pub type_expr: Option<Expr>,
    /// The Angular decorators of the parameter (`[{ type: Inject, args: [TOKEN] }]`), or
    /// `None` to omit `decorators`.
    pub decorators: Option<Vec<R3DecoratorMetadata>>,
    /// Put `/* @ts-ignore */` before the type (compiler-cli only does so for types it could
    /// not verify as values, in local compilation).
    pub suppress_type_errors: bool,
}

/// One Angular decorator as `ɵsetClassMetadata` records it: `{ type: Injectable, args: [...] }`.
#[derive(Debug, Clone, PartialEq)]
pub struct R3DecoratorMetadata {
    /// The decorator's identifier as written (`Component`, `core.Component`).
    pub type_expr: Expr,
    /// The call arguments as written (source expressions); `None` or empty omits `args`. For
    /// `@Component`, ngc first replaces `templateUrl`/`styleUrl(s)` by the resolved
    /// `template`/`styles` (its `transformDecoratorResources`).
    pub args: Option<Vec<Expr>>,
}

/// The decorators of one decorated class member, for `propDecorators`.
#[derive(Debug, Clone, PartialEq)]
pub struct R3PropDecorators {
    /// The member name.
    pub name: String,
    /// The name was written as a string literal (`'a-b': ...`): the key is quoted.
    pub quoted: bool,
    pub decorators: Vec<R3DecoratorMetadata>,
}

/// `R3ClassMetadata`: input of `compileClassMetadata` (the `ɵsetClassMetadata` call that
/// keeps the original decorators for TestBed).
#[derive(Debug, Clone, PartialEq)]
pub struct R3ClassMetadata {
    /// The class.
    pub type_expr: Expr,
    /// The class's Angular decorators (only those imported from `@angular/core`).
    pub decorators: Vec<R3DecoratorMetadata>,
    /// The constructor's parameters; `None` when the class declares no constructor.
    pub ctor_parameters: Option<Vec<R3CtorParameter>>,
    /// Decorated non-static members (and signal-API members, which ngc describes as the
    /// decorators they stand for), in member order; empty gives `null`.
    pub prop_decorators: Vec<R3PropDecorators>,
}

/// `R3ClassDebugInfo`: input of `compileClassDebugInfo` (`ɵsetClassDebugInfo`, components
/// only).
#[derive(Debug, Clone, PartialEq)]
pub struct R3ClassDebugInfo {
    /// The class.
    pub type_expr: Expr,
    /// The class name.
    pub class_name: String,
    /// The source file relative to the project's root directories (`app/foo.component.ts`);
    /// `None` when the file is outside them (then no line number either).
    pub file_path: Option<String>,
    /// The 1-based line of the class name.
    pub line_number: u32,
    /// `forbidOrphanRendering` (HMR development builds only).
    pub forbid_orphan_rendering: bool,
}
