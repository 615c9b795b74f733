// Prints the pages tests/oracles/ng22/render-app.mjs rendered, one scenario after the other, and
// writes each whole page to PAGES_DIR/<scenario>.html. Exits 1 when the output did not bundle, a
// scenario failed or the app logged errors.
//
// Usage: node show-pages.mjs RESULT_FILE PAGES_DIR
import fs from 'node:fs';
import path from 'node:path';

const [resultFile, pagesDir] = process.argv.slice(2);
if (!pagesDir) {
  process.stderr.write('usage: node show-pages.mjs RESULT_FILE PAGES_DIR\n');
  process.exit(2);
}
const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
if (result.bundleError) {
  process.stderr.write(`the compiled app does not bundle:\n${result.bundleError}\n`);
  process.exit(1);
}
fs.mkdirSync(pagesDir, { recursive: true });

/** The root element of the page: the first element of its body, with everything inside it. */
function rootElement(html) {
  const body = html.match(/<body[^>]*>\s*/);
  if (!body) return html;
  const rest = html.slice(body.index + body[0].length);
  const tag = rest.match(/^<([a-z][a-z0-9-]*)/);
  const end = tag ? rest.indexOf(`</${tag[1]}>`) : -1;
  return end < 0 ? rest : rest.slice(0, end + tag[1].length + 3);
}

const problems = [];
for (const scenario of result.scenarios) {
  console.log(`\n── ${scenario.name}: ${scenario.url}${scenario.stepped === undefined ? '' : ', after its steps'} ──`);
  if (scenario.error) {
    problems.push(`${scenario.name}: ${scenario.error}`);
    console.log(`(failed: ${scenario.error})`);
    continue;
  }
  const file = path.join(pagesDir, `${scenario.name}.html`);
  fs.writeFileSync(file, scenario.html);
  const title = scenario.html.match(/<title>([^<]*)<\/title>/);
  console.log(`<title>${title ? title[1] : ''}</title>  (whole page: ${file})`);
  console.log(rootElement(scenario.html));
  for (const warning of scenario.warnings) console.log(`warning: ${warning}`);
  for (const error of scenario.errors) problems.push(`${scenario.name}: ${error}`);
}
if (problems.length) {
  process.stderr.write(`\nthe app failed or logged errors while rendering:\n${problems.join('\n')}\n`);
  process.exit(1);
}
console.log(`\n${result.scenarios.length} pages rendered; the whole pages are in ${pagesDir}/`);
