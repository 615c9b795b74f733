//! The compiler options that change what tsc emits for a file, with TypeScript 6's defaults.

/// `compilerOptions.target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Es5,
    Es2015,
    Es2016,
    Es2017,
    Es2018,
    Es2019,
    Es2020,
    Es2021,
    Es2022,
    Es2023,
    Es2024,
    Es2025,
    EsNext,
}

impl Target {
    /// Parses a tsconfig value (any case): `es2022`, `ESNext`, …
    pub fn parse(value: &str) -> Option<Target> {
        Some(match value.to_ascii_lowercase().as_str() {
            "es5" => Target::Es5,
            "es6" | "es2015" => Target::Es2015,
            "es2016" => Target::Es2016,
            "es2017" => Target::Es2017,
            "es2018" => Target::Es2018,
            "es2019" => Target::Es2019,
            "es2020" => Target::Es2020,
            "es2021" => Target::Es2021,
            "es2022" => Target::Es2022,
            "es2023" => Target::Es2023,
            "es2024" => Target::Es2024,
            "es2025" => Target::Es2025,
            "esnext" => Target::EsNext,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Target::Es5 => "ES5",
            Target::Es2015 => "ES2015",
            Target::Es2016 => "ES2016",
            Target::Es2017 => "ES2017",
            Target::Es2018 => "ES2018",
            Target::Es2019 => "ES2019",
            Target::Es2020 => "ES2020",
            Target::Es2021 => "ES2021",
            Target::Es2022 => "ES2022",
            Target::Es2023 => "ES2023",
            Target::Es2024 => "ES2024",
            Target::Es2025 => "ES2025",
            Target::EsNext => "ESNext",
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `compilerOptions.module`, as far as emit is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    /// `es2015`, `es2020`, `es2022`, `esnext`, `preserve`: import and export statements stay.
    EcmaScript,
    /// `commonjs`, `amd`, `umd`, `system`, `node16`, `nodenext`, …: not emitted by this crate.
    Other,
}

/// The options of one program's emit. [`EmitOptions::default`] is what tsc 6 does for a
/// tsconfig that sets `target: ES2022` and `module: ES2022` and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    pub target: Target,
    pub module: ModuleKind,
    /// `useDefineForClassFields`; `None` is tsc's default (true from ES2022 on).
    pub use_define_for_class_fields: Option<bool>,
    /// `experimentalDecorators`: legacy decorators (`__decorate`) for decorators the caller keeps.
    pub experimental_decorators: bool,
    pub emit_decorator_metadata: bool,
    /// `importHelpers`: helpers come from `tslib` instead of being inlined.
    pub import_helpers: bool,
    /// `alwaysStrict` (default: `strict`, which defaults to true in TypeScript 6): a file that is
    /// not a module gets a `"use strict"` prologue.
    pub always_strict: bool,
    pub verbatim_module_syntax: bool,
    /// `isolatedModules`: const enums are emitted as enums and their uses are not inlined.
    pub isolated_modules: bool,
    pub preserve_const_enums: bool,
    /// `removeComments`: also drops the `/* E.A */` comment after inlined const enum values.
    pub remove_comments: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            target: Target::Es2022,
            module: ModuleKind::EcmaScript,
            use_define_for_class_fields: None,
            experimental_decorators: false,
            emit_decorator_metadata: false,
            import_helpers: false,
            always_strict: true,
            verbatim_module_syntax: false,
            isolated_modules: false,
            preserve_const_enums: false,
            remove_comments: false,
        }
    }
}

impl EmitOptions {
    /// `useDefineForClassFields` after defaulting.
    pub fn define_class_fields(&self) -> bool {
        self.use_define_for_class_fields.unwrap_or(self.target >= Target::Es2022)
    }

    /// Whether const enum declarations are emitted (and their uses left alone).
    pub(crate) fn keep_const_enums(&self) -> bool {
        self.preserve_const_enums || self.isolated_modules || self.verbatim_module_syntax
    }

    /// Whether const enum member accesses are replaced by their values.
    pub(crate) fn inline_const_enums(&self) -> bool {
        !(self.isolated_modules || self.verbatim_module_syntax)
    }
}
