// Runs Angular 8.2.14's metadata collector, configured as ngc 8 configured it, over the given files.
// Usage: node collect.js [--strict] [--lower] FILE...
// --lower applies ngc 8's LowerMetadataTransform (lambdas and the values of `useValue`,
// `useFactory`, `data`, `id` and `loadChildren` become exported `ɵN` symbols), as ngc 8 did
// before writing .metadata.json files.
// Prints one JSON object keyed by the paths as given; each value is
// {"metadata": <module metadata or null>} or {"error": "<message>"}: the error thrown in strict mode,
// or the one JSON.stringify throws for metadata that refers to itself (ngc 8 could not write it).
'use strict';
const fs = require('fs');
const ts = require('typescript');
const { MetadataCollector } = require('@angular/compiler-cli/src/metadata/collector');

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const lower = args.includes('--lower');
const files = args.filter((a) => a !== '--strict' && a !== '--lower');
const { LowerMetadataTransform } = require('@angular/compiler-cli/src/transformers/lower_expressions');
const LOWER_FIELDS = ['useValue', 'useFactory', 'data', 'id', 'loadChildren'];
const collector = new MetadataCollector({ quotedNames: true });
const out = {};
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  try {
    let substitute;
    if (lower && !sourceFile.isDeclarationFile && ts.isExternalModule(sourceFile)) {
      const transform = new LowerMetadataTransform(LOWER_FIELDS);
      substitute = transform.start(sourceFile);
    }
    const metadata = collector.getMetadata(sourceFile, strict && /\.tsx?$/i.test(file), substitute);
    // Serialise per file: a circular structure fails this file only.
    out[file] = { metadata: JSON.parse(JSON.stringify(metadata === undefined ? null : metadata)) };
  } catch (e) {
    out[file] = { error: String(e && e.message) };
  }
}
process.stdout.write(JSON.stringify(out));
