// Regenerates the snapshots of the collector fixtures from the Angular 8.2.14 oracle.
//
// Usage: node tests/oracles/ng8/snapshot.js [--check] [CASE...]
//
// For every directory tests/fixtures/collector/<case>/ holding one input file (input.ts,
// input.d.ts or input.tsx) it writes, beside the input:
//   expected.json        JSON.stringify(metadata, null, 2) + "\n" from the non-strict collector
//                        (`null` when the collector returns nothing);
//   expected-strict.txt  "accepted\n" or the message strict mode throws + "\n", with the file
//                        path shortened to the input's file name so snapshots do not depend on
//                        the machine.
// The oracle runs through collect.js (the same harness the Rust differential tests use), once for
// all inputs per mode. With --check nothing is written: it lists stale snapshots and exits 1.
// Every input must parse without syntax errors under TypeScript 3.5, else the script fails: a
// fixture that TypeScript recovers from would test error recovery, not the collector.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const ts = require('typescript');

const INPUT_NAMES = ['input.ts', 'input.d.ts', 'input.tsx'];
const fixturesDir = path.resolve(__dirname, '..', '..', 'fixtures', 'collector');
const collectJs = path.join(__dirname, 'collect.js');

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));

function inputOf(caseName) {
  const found = INPUT_NAMES.filter((n) => fs.existsSync(path.join(fixturesDir, caseName, n)));
  if (found.length !== 1) {
    throw new Error(`${caseName}: expected exactly one of ${INPUT_NAMES.join(', ')}, found ${found.length}`);
  }
  return found[0];
}

function runOracle(relPaths, strict) {
  const argv = [collectJs].concat(strict ? ['--strict'] : [], relPaths);
  const stdout = execFileSync(process.execPath, argv, {
    cwd: fixturesDir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

function main() {
  let cases = fs
    .readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (only.length) {
    const unknown = only.filter((c) => !cases.includes(c));
    if (unknown.length) throw new Error(`unknown case(s): ${unknown.join(', ')}`);
    cases = cases.filter((c) => only.includes(c));
  }

  const problems = [];
  const inputs = new Map();
  for (const c of cases) {
    const input = inputOf(c);
    const rel = `${c}/${input}`;
    inputs.set(c, { input, rel });
    const text = fs.readFileSync(path.join(fixturesDir, rel), 'utf8');
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true);
    for (const d of sf.parseDiagnostics || []) {
      const { line, character } = sf.getLineAndCharacterOfPosition(d.start || 0);
      problems.push(`${rel}:${line + 1}:${character + 1}: TypeScript ${ts.version} syntax error: ` +
        ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    }
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(2);
  }

  const rels = cases.map((c) => inputs.get(c).rel);
  const loose = runOracle(rels, false);
  const strict = runOracle(rels, true);

  let stale = 0;
  let written = 0;
  for (const c of cases) {
    const { input, rel } = inputs.get(c);
    const plain = loose[rel];
    if (!plain || 'error' in plain) {
      throw new Error(`${rel}: the non-strict collector threw: ${plain && plain.error}`);
    }
    const expectedJson = JSON.stringify(plain.metadata, null, 2) + '\n';
    const s = strict[rel];
    const expectedStrict = ('error' in s ? s.error.split(rel).join(input) : 'accepted') + '\n';
    for (const [file, content] of [['expected.json', expectedJson], ['expected-strict.txt', expectedStrict]]) {
      const p = path.join(fixturesDir, c, file);
      const old = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null;
      if (old === content) continue;
      if (check) {
        console.error(`stale: ${c}/${file}`);
        stale++;
      } else {
        fs.writeFileSync(p, content);
        console.log(`wrote ${c}/${file}`);
        written++;
      }
    }
  }
  if (check) {
    if (stale) process.exit(1);
    console.log(`${cases.length} fixtures, all snapshots up to date`);
  } else {
    console.log(`${cases.length} fixtures, ${written} snapshot file(s) written`);
  }
}

main();
