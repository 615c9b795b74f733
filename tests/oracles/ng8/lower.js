// Runs ngc 8.2.14's expression lowering over the given files and prints the JavaScript it emits.
// Usage: node lower.js FILE...
// This is ngc 8's own code path: its MetadataCollector with the LowerMetadataTransform (as
// collect.js --lower runs them) records the lowering requests, and TypeScript 3.5 emits each file
// (ES2015, ES modules, legacy decorators) with ngc 8's `getExpressionLoweringTransformFactory` as
// the `before` transform, as ngc 8's program did. View Engine's own code generation (factories,
// summaries) is not run: what ngc 8 changed in the file itself for lowering is all there is to see.
// Prints one JSON object: path as given -> emitted JavaScript.
'use strict';
const ts = require('typescript');
const { MetadataCollector } = require('@angular/compiler-cli/src/metadata/collector');
const {
  LowerMetadataTransform,
  getExpressionLoweringTransformFactory,
} = require('@angular/compiler-cli/src/transformers/lower_expressions');

const LOWER_FIELDS = ['useValue', 'useFactory', 'data', 'id', 'loadChildren'];
const files = process.argv.slice(2);
const options = {
  target: ts.ScriptTarget.ES2015,
  module: ts.ModuleKind.ESNext,
  experimentalDecorators: true,
  noResolve: true,
  noLib: true,
  skipLibCheck: true,
};
const program = ts.createProgram(files, options);
// ngc 8 collected metadata from a checked program: binding sets the parent pointers that the
// lowering's field test (`isLiteralFieldNamed`) reads.
program.getTypeChecker();
const transform = new LowerMetadataTransform(LOWER_FIELDS);
const collector = new MetadataCollector({ quotedNames: true });
for (const file of files) {
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) throw new Error(`cannot read ${file}`);
  // ngc 8's MetadataCache: lowering applies to module files that are not declarations.
  if (!sourceFile.isDeclarationFile && ts.isExternalModule(sourceFile)) {
    collector.getMetadata(sourceFile, false, transform.start(sourceFile));
  }
}
const out = {};
for (const file of files) {
  program.emit(
    program.getSourceFile(file),
    (name, text) => {
      if (name.endsWith('.js')) out[file] = text;
    },
    undefined,
    false,
    { before: [getExpressionLoweringTransformFactory(transform, program)] },
  );
}
process.stdout.write(JSON.stringify(out));
