// Runs Angular 8.2.14's metadata collector, configured as ngc 8 configured it, over the given files.
// Usage: node collect.js [--strict] FILE...
// Prints one JSON object keyed by the paths as given; each value is
// {"metadata": <module metadata or null>} or {"error": "<message>"}: the error thrown in strict mode,
// or the one JSON.stringify throws for metadata that refers to itself (ngc 8 could not write it).
'use strict';
const fs = require('fs');
const ts = require('typescript');
const { MetadataCollector } = require('@angular/compiler-cli/src/metadata/collector');

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const files = args.filter((a) => a !== '--strict');
const collector = new MetadataCollector({ quotedNames: true });
const out = {};
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  try {
    const metadata = collector.getMetadata(sourceFile, strict && /\.tsx?$/i.test(file));
    // Serialise per file: a circular structure fails this file only.
    out[file] = { metadata: JSON.parse(JSON.stringify(metadata === undefined ? null : metadata)) };
  } catch (e) {
    out[file] = { error: String(e && e.message) };
  }
}
process.stdout.write(JSON.stringify(out));
