//! The `angularCompilerOptions` (and compiler options) that change what the transform emits.

use std::path::PathBuf;

/// Options of the transform, with ngc's defaults.
#[derive(Debug, Clone)]
pub struct TransformOptions {
    /// ngc's root directories (`rootDirs`, else `rootDir`, else the working directory): debug
    /// information names files relative to them.
    pub root_dirs: Vec<PathBuf>,
    /// `preserveWhitespaces` (default false).
    pub preserve_whitespaces: bool,
    /// `strictInjectionParameters` (default false).
    pub strict_injection_parameters: bool,
    /// `i18nUseExternalIds` (default true).
    pub i18n_use_external_ids: bool,
    /// `supportJitMode` (default true): `ɵɵsetNgModuleScope` calls.
    pub support_jit_mode: bool,
    /// `supportTestBed` (default true): `ɵsetClassMetadata` calls.
    pub include_class_metadata: bool,
    /// `legacyOptionalChaining` (default false).
    pub legacy_optional_chaining: bool,
    /// `strictStandalone` (default false).
    pub strict_standalone: bool,
}

impl Default for TransformOptions {
    fn default() -> Self {
        TransformOptions {
            root_dirs: Vec::new(),
            preserve_whitespaces: false,
            strict_injection_parameters: false,
            i18n_use_external_ids: true,
            support_jit_mode: true,
            include_class_metadata: true,
            legacy_optional_chaining: false,
            strict_standalone: false,
        }
    }
}
