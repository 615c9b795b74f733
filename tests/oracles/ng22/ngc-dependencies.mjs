// Compiles an Angular app with ngc 22 and prints {components, factories}: for every component,
// the `dependencies` of its ɵcmp definition together with those of its `@defer` blocks (the
// `<Class>_…_DepsFn` functions: `import("…").then(m => m.X)` for a lazily loaded one, a plain
// reference otherwise), which ngc leaves out of `dependencies`; for every class with a ɵfac, its constructor
// dependencies (`inject`/`directiveInject` with token and flags, `injectAttribute` with the
// attribute name) or `inherited`/`invalid`. References are {module, name}: the import specifier
// and exported name, or module null for a class of the same file.
// Usage: node ngc-dependencies.mjs APP_DIR   (APP_DIR has tsconfig.json and a node_modules link)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.resolve(process.argv[2]);
const ngc = path.join(here, 'node_modules/@angular/compiler-cli/bundles/src/bin/ngc.js');
const run = spawnSync(process.execPath, [ngc, '-p', path.join(appDir, 'tsconfig.json')], { encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(run.stdout + run.stderr);
  process.exit(1);
}
const outDir = path.join(appDir, 'out');
const components = [];
const factories = [];
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.js')) scan(full);
  }
}
// Every `ɵɵdirectiveInject(...)`, `ɵɵinject(...)` and `ɵɵinjectAttribute(...)` call in `text`,
// as [kind, argument text], with nested parentheses in the arguments.
function injectCalls(text) {
  const calls = [];
  for (const m of text.matchAll(/ɵɵ(directiveInject|inject|injectAttribute)\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth--;
    }
    calls.push([m[1], text.slice(start, i - 1)]);
  }
  return calls;
}
function topLevelCommas(args) {
  const commas = [];
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    if ('([{'.includes(args[i])) depth++;
    else if (')]}'.includes(args[i])) depth--;
    else if (args[i] === ',' && depth === 0) commas.push(i);
  }
  return commas;
}
function scan(file) {
  const text = fs.readFileSync(file, 'utf8');
  const namespaces = new Map();
  const named = new Map();
  for (const m of text.matchAll(/import \* as (\w+) from ["']([^"']+)["'];/g)) namespaces.set(m[1], m[2]);
  for (const m of text.matchAll(/import \{([^}]*)\} from ["']([^"']+)["'];/g)) {
    for (const part of m[1].split(',').map((s) => s.trim()).filter(Boolean)) {
      const [orig, local] = part.split(/\s+as\s+/);
      named.set((local || orig).trim(), { module: m[2], name: orig.trim() });
    }
  }
  const reference = (expr) => {
    const dot = expr.indexOf('.');
    if (dot > 0 && namespaces.has(expr.slice(0, dot))) return { module: namespaces.get(expr.slice(0, dot)), name: expr.slice(dot + 1) };
    if (named.has(expr)) return named.get(expr);
    return { module: null, name: expr };
  };
  for (const m of text.matchAll(/static ɵfac = (.*?);\n/gs)) {
    const body = m[1];
    const cls = /function (\w+)_Factory/.exec(body);
    if (!cls) continue;
    const entry = { file: path.relative(outDir, file).split(path.sep).join('/'), class: cls[1] };
    if (body.includes('ɵɵgetInheritedFactory')) entry.kind = 'inherited';
    else if (body.includes('ɵɵinvalidFactory')) entry.kind = 'invalid';
    else {
      entry.kind = 'known';
      entry.dependencies = injectCalls(body).map(([kind, args]) => {
        if (kind === 'injectAttribute') return { attribute: args.trim().slice(1, -1) };
        // The token may be `forwardRef(() => X)`: split at the last top-level comma.
        const comma = topLevelCommas(args).pop();
        const [token, flags] = comma === undefined ? [args, ''] : [args.slice(0, comma), args.slice(comma + 1)];
        const forward = /^forwardRef\(\s*\(\)\s*=>\s*([\w.]+)\s*\)$/.exec(token.trim());
        return { inject: kind, token: reference(forward ? forward[1] : token.trim()), flags: flags.trim() ? Number(flags) : 0 };
      });
    }
    factories.push(entry);
  }
  // The dependency functions of `@defer` blocks, by name.
  const depsFns = [];
  for (const m of text.matchAll(/const (\w+)_DepsFn = \(\) => \[(.*?)\];\n/gs)) {
    const refs = [];
    const eager = m[2]
      .replace(/\/\*.*?\*\//gs, '')
      .replace(/import\("([^"]+)"\)\.then\(m => m\.(\w+)\)/g, (_, module, name) => {
        refs.push({ module, name });
        return '';
      });
    for (const part of eager.split(',').map((s) => s.trim()).filter(Boolean)) refs.push(reference(part));
    depsFns.push({ name: m[1], refs });
  }
  for (const m of text.matchAll(/ɵɵdefineComponent\(\{ type: (\w+),/g)) {
    // The definition ends where the next class's code starts.
    const rest = text.slice(m.index + m[0].length);
    const ends = [rest.indexOf('ɵɵdefineComponent('), rest.indexOf('ɵsetClassMetadata(')].filter((i) => i >= 0);
    const def = rest.slice(0, ends.length ? Math.min(...ends) : undefined);
    const deps = /dependencies: (?:\(\) => )?\[([^\]]*)\]/.exec(def);
    const list = deps ? deps[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
    const dependencies = list.map(reference);
    for (const fn of depsFns.filter((f) => f.name.startsWith(`${m[1]}_`))) {
      for (const ref of fn.refs) {
        if (!dependencies.some((d) => d.module === ref.module && d.name === ref.name)) dependencies.push(ref);
      }
    }
    components.push({ file: path.relative(outDir, file).split(path.sep).join('/'), class: m[1], dependencies });
  }
}
walk(outDir);
process.stdout.write(JSON.stringify({ components, factories }, null, 2) + '\n');
