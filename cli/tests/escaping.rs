//! Template-derived strings cannot break out of the JavaScript string literals they are
//! emitted in: quotes, backslashes, backticks, `${`, line terminators (U+2028/U+2029 included),
//! `</script` and NUL come out escaped, the file parses (`node --check`), and every string keeps
//! its exact value (read back with the token comparer, which cooks escapes).

mod common;

use std::process::Command;

use common::{ngc, tempdir, write};
use ngc_output::js_tokens::{tokenize, TokenKind};

use common::oracle_modules;

const TSCONFIG: &str = r#"{
  "compilerOptions": {
    "target": "ES2022", "module": "ES2022", "moduleResolution": "bundler", "lib": ["ES2022", "dom"],
    "strict": true, "skipLibCheck": true, "experimentalDecorators": true, "rootDir": "src", "outDir": "out"
  },
  "include": ["src/**/*.ts"]
}"#;

/// Text that a template may contain and that must survive as a string value.
const HOSTILE: &str = "q\"uote s'ingle back\\slash tick` dollar${x} close</script><script>alert(1)</SCRIPT> ls\u{2028}ps\u{2029}end";

/// `text` with the characters HTML or Angular's template syntax would read as markup written as
/// entities, so that the parsed template holds exactly `text`.
fn entities(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('{', "&#123;")
        .replace('}', "&#125;")
}

#[test]
fn hostile_template_text_stays_inside_its_string_literals() {
    let dir = tempdir();
    write(dir.path(), "tsconfig.json", TSCONFIG);
    // The template is an external file so that its text reaches the compiler unchanged.
    let html = entities(HOSTILE);
    write(dir.path(), "src/hostile.component.html", format!("<p title=\"{html}\">{html}</p>"));
    write(
        dir.path(),
        "src/hostile.component.ts",
        "import { Component } from '@angular/core';\n\n@Component({ selector: 'app-hostile', templateUrl: './hostile.component.html' })\nexport class HostileComponent {}\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(oracle_modules(), dir.path().join("node_modules")).expect("link node_modules");

    ngc(dir.path(), &["build", "-p", "tsconfig.json"]).expect_code(0);
    let out = dir.path().join("out/hostile.component.js");
    let js = std::fs::read_to_string(&out).expect("emitted JavaScript");

    assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'), "raw line separators in:\n{js}");
    assert!(!js.to_ascii_lowercase().contains("</script"), "`</script` not escaped in:\n{js}");

    // The text node and the attribute value both keep the exact text.
    let values: Vec<String> = tokenize(&js).into_iter().filter(|t| t.kind == TokenKind::String).map(|t| t.text).collect();
    let uses = values.iter().filter(|v| v.as_str() == HOSTILE).count();
    assert!(uses >= 2, "expected the template text twice among the string literals, got {values:?}");

    // As an ES module (`.mjs`), which is what the emitted `import` statements need.
    let module = dir.path().join("hostile.component.mjs");
    std::fs::copy(&out, &module).expect("copy as .mjs");
    let check = Command::new("node").arg("--check").arg(&module).output().expect("run node --check");
    assert!(check.status.success(), "emitted file does not parse:\n{}\n{js}", String::from_utf8_lossy(&check.stderr));
}
