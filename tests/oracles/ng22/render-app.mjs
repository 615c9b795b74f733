// Renders a compiled Angular app on the server, route by route, and writes the HTML as JSON.
//
// Usage: node render-app.mjs APP_DIR OUT_DIR BUNDLE_FILE RESULT_FILE
//
//   APP_DIR      the app's sources: `runtime.json` (the scenarios) and `src/index.html` (the page)
//   OUT_DIR      the compiler's output for the app (ngc's or ngc-rs's), with `main.server.js`
//   BUNDLE_FILE  where the esbuild bundle of OUT_DIR is written
//   RESULT_FILE  where the result is written: {bundleError?, scenarios: [{name, url, html?,
//                initial?, stepped?, errors, warnings, error?}]}
//
// OUT_DIR/main.server.js default-exports either the app's server NgModule or a bootstrap function
// `(context: BootstrapContext) => Promise<ApplicationRef>` (the Angular CLI's two conventions).
// The bundle also holds `@angular/compiler`, because Angular's own npm packages are partially
// compiled (`ɵɵngDeclare*`) and need its JIT fallback; the app's code itself is what the compiler
// under test emitted.
//
// A scenario is `{name, url, steps?}`. Each runs on a fresh server platform: bootstrap, wait until
// the app is stable, then run the steps, each followed by a change-detection tick and a wait for
// stability, and serialise the page as `renderApplication` does. Steps (every one names a CSS
// selector; the first match is used, and a selector matching nothing is an error):
//   {"click": SEL}                    a bubbling click
//   {"input": SEL, "value": V}        sets `value`, dispatches `input` (text fields, textareas)
//   {"select": SEL, "value": V}       sets `value`, dispatches `change` (select elements)
//   {"check": SEL}                    toggles `checked`, dispatches `change` (checkboxes, radios)
//   {"blur": SEL}                     dispatches `blur` (marks form controls touched)
//   {"keyup": SEL, "key": K}          a keyup event with `key`; the server's event plugin handles
//                                     every event itself, so key-name listeners such as
//                                     `(keyup.enter)` do not fire on the server: use `(keyup)`
//   {"submit": SEL}                   dispatches `submit` on a form
// `errors` lists what the app logged with console.error and unhandled rejections, `warnings` what
// it logged with console.warn (Angular warns there when it sanitises a value).
// `initial` and `stepped` (only for scenarios with steps) are the document before the first step
// and after the last, serialised the same way, so a caller can check that the steps had an effect.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const SCENARIO_TIMEOUT_MS = 15000;

const [appDir, outDir, bundleFile, resultFile] = process.argv.slice(2).map((p) => path.resolve(p));
if (!resultFile) {
  process.stderr.write('usage: node render-app.mjs APP_DIR OUT_DIR BUNDLE_FILE RESULT_FILE\n');
  process.exit(2);
}
const { scenarios } = JSON.parse(fs.readFileSync(path.join(appDir, 'runtime.json'), 'utf8'));
const page = fs.readFileSync(path.join(appDir, 'src/index.html'), 'utf8');

function describe(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

async function bundle() {
  const entry = [
    "import '@angular/compiler';",
    "import '@angular/platform-server/init';",
    "export { default as app } from './main.server.js';",
    "export * as core from '@angular/core';",
    "export * as server from '@angular/platform-server';",
  ].join('\n');
  try {
    await esbuild.build({
      stdin: { contents: entry, resolveDir: outDir, sourcefile: 'render-entry.mjs', loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundleFile,
      logLevel: 'silent',
      // Some of Angular's dependencies are CommonJS and `require` Node built-ins.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    return null;
  } catch (e) {
    const messages = e.errors?.map((m) => (m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text));
    return messages?.length ? messages.join('\n') : describe(e);
  }
}

function dispatch(doc, step) {
  const kinds = ['click', 'input', 'select', 'check', 'blur', 'keyup', 'submit'];
  const kind = kinds.find((k) => k in step);
  if (!kind) throw new Error(`unknown step ${JSON.stringify(step)}`);
  const element = doc.querySelector(step[kind]);
  if (!element) throw new Error(`step ${JSON.stringify(step)}: no element matches ${step[kind]}`);
  // Domino's event subclasses ignore their constructor arguments: every event is an `Event`,
  // with the fields handlers read defined on it.
  const win = doc.defaultView;
  const event = (type, fields = {}) => {
    const e = new win.Event(type, { bubbles: true, cancelable: true });
    for (const [key, value] of Object.entries(fields)) Object.defineProperty(e, key, { value });
    return e;
  };
  const modifiers = { ctrlKey: false, shiftKey: false, altKey: false, metaKey: false };
  switch (kind) {
    case 'click':
      element.dispatchEvent(event('click', { button: 0, ...modifiers }));
      break;
    case 'input':
      element.value = step.value;
      element.dispatchEvent(event('input'));
      break;
    case 'select':
      element.value = step.value;
      element.dispatchEvent(event('change'));
      break;
    case 'check':
      element.checked = !element.checked;
      element.dispatchEvent(event('change'));
      break;
    case 'blur':
      element.dispatchEvent(new win.Event('blur'));
      break;
    case 'keyup':
      element.dispatchEvent(event('keyup', { key: step.key, ...modifiers }));
      break;
    case 'submit':
      element.dispatchEvent(event('submit'));
      break;
  }
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${SCENARIO_TIMEOUT_MS} ms`)), SCENARIO_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runScenario(m, scenario) {
  const { core, server } = m;
  const platformRef = server.platformServer([{ provide: server.INITIAL_CONFIG, useValue: { document: page, url: scenario.url } }]);
  try {
    let appRef;
    if (typeof m.app === 'function' && 'ɵmod' in m.app) {
      const moduleRef = await platformRef.bootstrapModule(m.app);
      appRef = moduleRef.injector.get(core.ApplicationRef);
    } else if (typeof m.app === 'function') {
      appRef = await m.app({ platformRef });
    } else {
      throw new Error('main.server.js must default-export an NgModule or a bootstrap function');
    }
    await appRef.whenStable();
    const result = {};
    const state = platformRef.injector.get(server.PlatformState);
    const steps = scenario.steps ?? [];
    if (steps.length) result.initial = state.renderToString();
    for (const step of steps) {
      dispatch(state.getDocument(), step);
      appRef.tick();
      await appRef.whenStable();
    }
    if (steps.length) result.stepped = state.renderToString();
    result.html = await server.ɵrenderInternal(platformRef, appRef);
    return result;
  } finally {
    platformRef.destroy();
  }
}

async function main() {
  const result = { scenarios: [] };
  const bundleError = await bundle();
  if (bundleError) {
    result.bundleError = bundleError;
  } else {
    const errors = [];
    const warnings = [];
    const log = { error: console.error, warn: console.warn, log: console.log };
    console.error = (...args) => errors.push(args.map(describe).join(' '));
    console.warn = (...args) => warnings.push(args.map(describe).join(' '));
    // Angular announces development mode with console.log; the page is the output.
    console.log = () => {};
    process.on('unhandledRejection', (reason) => errors.push(`unhandled rejection: ${describe(reason)}`));
    let m;
    try {
      m = await import(pathToFileURL(bundleFile).href);
    } catch (e) {
      result.bundleError = `the bundle does not load: ${describe(e)}`;
    }
    for (const scenario of m ? scenarios : []) {
      errors.length = 0;
      warnings.length = 0;
      const entry = { name: scenario.name, url: scenario.url };
      try {
        Object.assign(entry, await withTimeout(runScenario(m, scenario), `scenario ${scenario.name}`));
      } catch (e) {
        entry.error = describe(e);
      }
      entry.errors = [...errors];
      entry.warnings = [...warnings];
      result.scenarios.push(entry);
    }
    Object.assign(console, log);
  }
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
}

await main();
// Timers an app left behind must not keep the process alive.
process.exit(0);
