//! The import manager of one generated file (ngc's `ImportManager` with
//! `presetImportManagerForceNamespaceImports`): every symbol of another module that generated
//! code refers to goes through a namespace import, `import * as i0 from "@angular/core"`, one
//! per module specifier, named in the order the translator first asks for each module.
//!
//! Names avoid the identifiers of the source file the way ngc's unique-identifier helper does:
//! `i1` is taken as is unless the file already has an identifier `i1`, in which case `i1_1`,
//! `i1_2`, … are tried.

use std::collections::HashSet;

use ngc_output::print::ImportNames;
use ngc_output::ExternalRef;

/// The namespace imports a generated file needs, in request order.
#[derive(Debug, Default)]
pub struct ImportManager {
    /// Identifiers that occur in the source file (TypeScript's `SourceFile.identifiers`).
    file_identifiers: HashSet<String>,
    /// Names this manager generated already.
    generated: HashSet<String>,
    /// `(module specifier, namespace name)`, in creation order.
    namespaces: Vec<(String, String)>,
    next_index: usize,
}

impl ImportManager {
    /// A manager for a file whose source contains `file_identifiers`.
    pub fn new(file_identifiers: HashSet<String>) -> Self {
        ImportManager { file_identifiers, ..Default::default() }
    }

    /// The namespace name for `module`, created on first use.
    pub fn namespace_for(&mut self, module: &str) -> String {
        if let Some((_, name)) = self.namespaces.iter().find(|(m, _)| m == module) {
            return name.clone();
        }
        let base = format!("i{}", self.next_index);
        self.next_index += 1;
        let name = self.unique(&base);
        self.namespaces.push((module.to_string(), name.clone()));
        name
    }

    /// `name` itself when it collides with nothing, else `name_1`, `name_2`, …
    fn unique(&mut self, name: &str) -> String {
        let free =
            |this: &Self, candidate: &str| !this.file_identifiers.contains(candidate) && !this.generated.contains(candidate);
        let chosen = if free(self, name) {
            name.to_string()
        } else {
            let mut counter = 1;
            loop {
                let candidate = format!("{name}_{counter}");
                if free(self, &candidate) {
                    break candidate;
                }
                counter += 1;
            }
        };
        self.generated.insert(chosen.clone());
        chosen
    }

    /// The namespace imports, `(module specifier, name)`, in the order they were created.
    pub fn namespaces(&self) -> &[(String, String)] {
        &self.namespaces
    }

    /// The import statements, one per line, as ngc prints them.
    pub fn import_statements(&self) -> String {
        let mut out = String::new();
        for (module, name) in &self.namespaces {
            out.push_str("import * as ");
            out.push_str(name);
            out.push_str(" from ");
            ngc_output::print::write_string(module, &mut out);
            out.push_str(";\n");
        }
        out
    }
}

impl ImportNames for ImportManager {
    fn reference(&mut self, reference: &ExternalRef) -> String {
        match &reference.module {
            Some(module) => format!("{}.{}", self.namespace_for(module), reference.name),
            None => reference.name.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(module: &str, name: &str) -> ExternalRef {
        ExternalRef { module: Some(module.to_string()), name: name.to_string() }
    }

    #[test]
    fn namespaces_are_numbered_in_request_order_and_reused() {
        let mut imports = ImportManager::new(HashSet::new());
        assert_eq!(imports.reference(&ext("@angular/core", "ɵɵdefineComponent")), "i0.ɵɵdefineComponent");
        assert_eq!(imports.reference(&ext("@angular/common", "NgIf")), "i1.NgIf");
        assert_eq!(imports.reference(&ext("@angular/core", "ɵɵtext")), "i0.ɵɵtext");
        assert_eq!(
            imports.import_statements(),
            "import * as i0 from \"@angular/core\";\nimport * as i1 from \"@angular/common\";\n"
        );
    }

    #[test]
    fn names_avoid_the_identifiers_of_the_file() {
        let identifiers: HashSet<String> = ["i0", "i1", "i1_1"].iter().map(|s| s.to_string()).collect();
        let mut imports = ImportManager::new(identifiers);
        assert_eq!(imports.namespace_for("@angular/core"), "i0_1");
        assert_eq!(imports.namespace_for("./a"), "i1_2");
        assert_eq!(imports.namespace_for("./b"), "i2");
    }

    #[test]
    fn local_references_print_their_name() {
        let mut imports = ImportManager::new(HashSet::new());
        assert_eq!(imports.reference(&ExternalRef { module: None, name: "Foo".into() }), "Foo");
        assert!(imports.namespaces().is_empty());
    }
}
