// Runs Angular 22's render3 compilers (compileFactoryFunction, compileInjectable, compileService,
// compileInjector, compileNgModule, compilePipeFromMetadata, compileDirectiveFromMetadata,
// compileComponentFromMetadata, compileClassMetadata, compileComponentClassMetadata,
// compileClassDebugInfo, compileDeferResolverFunction) on metadata given as JSON, and prints what ngc would print for the result:
// the output AST goes through compiler-cli's TypeScript translator (namespace imports i0, i1, …)
// and TypeScript's printer.
//
// Usage: node render3-oracle.mjs NODE_MODULES < cases.json
// Input: [{ kind, meta, template? }]. Expressions in `meta` are {var}, {ext: [module, name]},
// {lit}, {undef: true}, {raw} (source text, parsed as a TypeScript expression), {arr}, {map: [[key, quoted, value]]},
// {call, args, pure}, {prop, name}, {arrow: params, body}, {fn: params, body: [statements]}.
// Output: [{ ok: { text, pieces } } | { error }], where `text` is the constant pool's statements,
// then `const __expression__ = <the expression>;`, then the result's statements, without the type
// annotations TypeScript's emit removes; `pieces` are the parts of a
// definition the template pipeline produces (template, decls, vars, consts, ngContentSelectors,
// hostAttrs, hostVars, hostBindings), printed, for the caller to take as given.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const nodeModules = path.resolve(process.argv[2]);
const load = (p) => import(pathToFileURL(path.join(nodeModules, p)).href);
const ng = await load('@angular/compiler/fesm2022/compiler.mjs');
const ts = (await load('typescript/lib/typescript.js')).default;
const o = ng.outputAst;

// compiler-cli's translator lives in one of its chunks; find it by its export.
const bundles = path.join(nodeModules, '@angular/compiler-cli/bundles');
let translator = null;
for (const file of fs.readdirSync(bundles).filter((f) => /^chunk-.*\.js$/.test(f)).sort()) {
  if (fs.readFileSync(path.join(bundles, file), 'utf8').includes('function translateStatement(')) {
    translator = await import(pathToFileURL(path.join(bundles, file)).href);
    break;
  }
}
if (!translator || !translator.translateStatement) throw new Error('compiler-cli translator not found');

// A source expression as ngc holds it (a TypeScript node), detached from its text so that it
// prints from the tree.
function sourceExpression(text) {
  const file = ts.createSourceFile('source.ts', `(${text});`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const node = file.statements[0].expression.expression;
  const detach = (n) => {
    ts.setTextRange(n, { pos: -1, end: -1 });
    ts.forEachChild(n, detach);
  };
  detach(node);
  return node;
}

// What TypeScript's emit does to the printed definitions: type annotations go.
function stripTypes(root) {
  const result = ts.transform(root, [(context) => {
    const visit = (node) => {
      if (ts.isParameter(node) && node.type) {
        node = ts.factory.updateParameterDeclaration(node, node.modifiers, node.dotDotDotToken, node.name, node.questionToken, undefined, node.initializer);
      } else if (ts.isVariableDeclaration(node) && node.type) {
        node = ts.factory.updateVariableDeclaration(node, node.name, node.exclamationToken, undefined, node.initializer);
      } else if (ts.isFunctionExpression(node) && node.type) {
        node = ts.factory.updateFunctionExpression(node, node.modifiers, node.asteriskToken, node.name, node.typeParameters, node.parameters, undefined, node.body);
      } else if (ts.isArrowFunction(node) && node.type) {
        node = ts.factory.updateArrowFunction(node, node.modifiers, node.typeParameters, node.parameters, undefined, node.equalsGreaterThanToken, node.body);
      } else if (ts.isAsExpression(node)) {
        return ts.visitNode(node.expression, visit);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (node) => ts.visitNode(node, visit);
  }]);
  return result.transformed[0];
}

function expr(j) {
  if (j === null || j === undefined) return null;
  if ('var' in j) return o.variable(j.var);
  if ('ext' in j) return new o.ExternalExpr({ moduleName: j.ext[0], name: j.ext[1] });
  if ('lit' in j) return o.literal(j.lit);
  if ('undef' in j) return o.literal(undefined);
  if ('raw' in j) return new o.WrappedNodeExpr(sourceExpression(j.raw));
  if ('arr' in j) return o.literalArr(j.arr.map(expr));
  if ('map' in j) return o.literalMap(j.map.map(([key, quoted, value]) => ({ key, quoted, value: expr(value) })));
  if ('call' in j) return expr(j.call).callFn(j.args.map(expr), undefined, j.pure);
  if ('prop' in j) return expr(j.prop).prop(j.name);
  if ('arrow' in j) return o.arrowFn(j.arrow.map((p) => new o.FnParam(p)), expr(j.body));
  throw new Error('unknown expression ' + JSON.stringify(j));
}
const ref = (j) => ({ value: expr(j.value), type: expr(j.type) });
const maybeRef = (j) => (j ? { expression: expr(j.expression), forwardRef: j.forwardRef } : j);
const dep = (d) => ({ ...d, token: expr(d.token), attributeNameType: expr(d.attributeNameType) });
const deps = (d) => (Array.isArray(d) ? d.map(dep) : d);
const span = () => {
  const file = new ng.ParseSourceFile('', 'test.ts');
  const loc = new ng.ParseLocation(file, 0, 0, 0);
  return new ng.ParseSourceSpan(loc, loc);
};

function factoryMeta(m) {
  const meta = { name: m.name, type: ref(m.type), typeArgumentCount: m.typeArgumentCount, deps: deps(m.deps), target: m.target };
  if (m.delegate) Object.assign(meta, { delegate: expr(m.delegate), delegateType: m.delegateType, delegateDeps: m.delegateDeps.map(dep) });
  if (m.expression) meta.expression = expr(m.expression);
  return meta;
}

function query(q) {
  return { ...q, predicate: Array.isArray(q.predicate) ? q.predicate : maybeRef(q.predicate), read: expr(q.read) };
}

function directiveMeta(m) {
  const inputs = {};
  for (const [key, input] of m.inputs) inputs[key] = { ...input, transformFunction: expr(input.transformFunction) };
  const outputs = {};
  for (const [key, value] of m.outputs) outputs[key] = value;
  const host = { attributes: {}, listeners: {}, properties: {}, specialAttributes: {} };
  for (const [key, value] of m.host.attributes) host.attributes[key] = expr(value);
  for (const [key, value] of m.host.listeners) host.listeners[key] = value;
  for (const [key, value] of m.host.properties) host.properties[key] = value;
  if (m.host.styleAttr !== null) host.specialAttributes.styleAttr = m.host.styleAttr;
  if (m.host.classAttr !== null) host.specialAttributes.classAttr = m.host.classAttr;
  const mapping = (pairs) => {
    if (pairs === null) return null;
    const result = {};
    for (const [key, value] of pairs) result[key] = value;
    return result;
  };
  return {
    name: m.name,
    type: ref(m.type),
    typeArgumentCount: m.typeArgumentCount,
    typeSourceSpan: span(),
    deps: deps(m.deps),
    selector: m.selector,
    queries: m.queries.map(query),
    viewQueries: m.viewQueries.map(query),
    host,
    lifecycle: { usesOnChanges: m.usesOnChanges },
    inputs,
    outputs,
    usesInheritance: m.usesInheritance,
    controlCreate: m.controlCreate,
    exportAs: m.exportAs,
    providers: expr(m.providers),
    isStandalone: m.isStandalone,
    isSignal: m.isSignal,
    hostDirectives: m.hostDirectives === null ? null : m.hostDirectives.map((h) => ({
      directive: ref(h.directive), isForwardReference: h.isForwardReference, inputs: mapping(h.inputs), outputs: mapping(h.outputs),
    })),
    legacyOptionalChaining: false,
  };
}

function componentMeta(m, template) {
  const parsed = ng.parseTemplate(template, 'test.html', { preserveWhitespaces: false });
  if (parsed.errors && parsed.errors.length) throw new Error('template: ' + parsed.errors.map(String).join('; '));
  return {
    ...directiveMeta(m.directive),
    template: { nodes: parsed.nodes, ngContentSelectors: parsed.ngContentSelectors, preserveWhitespaces: false },
    declarations: m.declarations.map((d) => ({ ...d, type: expr(d.type) })),
    defer: m.deferFn ? { mode: 1, dependenciesFn: expr(m.deferFn) } : { mode: 0, blocks: new Map() },
    declarationListEmitMode: m.declarationListEmitMode,
    styles: m.styles,
    externalStyles: m.externalStyles,
    encapsulation: m.encapsulation,
    animations: expr(m.animations),
    viewProviders: expr(m.viewProviders),
    relativeContextFilePath: 'test.ts',
    i18nUseExternalIds: false,
    changeDetection: m.changeDetection,
    relativeTemplatePath: null,
    hasDirectiveDependencies: m.hasDirectiveDependencies,
    foreignImports: null,
  };
}

function decorators(list) {
  return o.literalArr(list.map((d) => {
    const entries = [{ key: 'type', quoted: false, value: expr(d.type) }];
    if (d.args && d.args.length) entries.push({ key: 'args', quoted: false, value: o.literalArr(d.args.map(expr)) });
    return o.literalMap(entries);
  }));
}

function classMetadata(m) {
  return {
    type: expr(m.type),
    decorators: decorators(m.decorators),
    ctorParameters: m.ctorParameters === null ? null : m.ctorParameters.map((p) => ({
      type: expr(p.type), decorators: p.decorators === null ? null : decorators(p.decorators), suppressTypeErrors: p.suppressTypeErrors,
    })),
    propDecorators: m.propDecorators.length === 0 ? null : o.literalMap(m.propDecorators.map((p) => ({ key: p.name, quoted: p.quoted, value: decorators(p.decorators) }))),
  };
}

function compile(c, pool) {
  const m = c.meta;
  switch (c.kind) {
    case 'factory': return ng.compileFactoryFunction(factoryMeta(m));
    case 'injectable': {
      const meta = { name: m.name, type: ref(m.type), typeArgumentCount: m.typeArgumentCount, providedIn: maybeRef(m.providedIn) };
      for (const key of ['useClass', 'useValue', 'useExisting']) if (m[key]) meta[key] = maybeRef(m[key]);
      if (m.useFactory) meta.useFactory = expr(m.useFactory);
      if (m.deps) meta.deps = m.deps.map(dep);
      return ng.compileInjectable(meta, false);
    }
    case 'service': {
      const meta = { name: m.name, type: ref(m.type), typeArgumentCount: m.typeArgumentCount };
      if (m.autoProvided !== null) meta.autoProvided = m.autoProvided;
      if (m.factory) meta.factory = expr(m.factory);
      return ng.compileService(meta, false);
    }
    case 'injector': return ng.compileInjector({ name: m.name, type: ref(m.type), providers: expr(m.providers), imports: m.imports.map(expr) });
    case 'ngModule': return ng.compileNgModule({
      kind: ng.R3NgModuleMetadataKind.Global,
      type: ref(m.type),
      bootstrap: m.bootstrap.map(ref),
      declarations: m.declarations.map(ref),
      publicDeclarationTypes: null,
      imports: m.imports.map(ref),
      includeImportTypes: true,
      exports: m.exports.map(ref),
      selectorScopeMode: m.selectorScopeMode,
      containsForwardDecls: m.containsForwardDecls,
      schemas: m.schemas === null ? null : m.schemas.map(ref),
      id: expr(m.id),
    });
    case 'pipe': return ng.compilePipeFromMetadata({
      name: m.name, type: ref(m.type), typeArgumentCount: 0, pipeName: m.pipeName, pure: m.pure, isStandalone: m.isStandalone, deps: null,
    });
    case 'directive': return ng.compileDirectiveFromMetadata(directiveMeta(m), pool, ng.makeBindingParser());
    case 'component': return ng.compileComponentFromMetadata(componentMeta(m, c.template), pool, ng.makeBindingParser());
    case 'classMetadata': return { expression: ng.compileClassMetadata(classMetadata(m)), statements: [] };
    case 'componentClassMetadata': return { expression: ng.compileComponentClassMetadata(classMetadata(m.metadata), m.dependencies), statements: [] };
    case 'debugInfo': return {
      expression: ng.compileClassDebugInfo({
        type: expr(m.type), className: o.literal(m.className), filePath: m.filePath === null ? null : o.literal(m.filePath),
        lineNumber: o.literal(m.lineNumber), forbidOrphanRendering: m.forbidOrphanRendering,
      }),
      statements: [],
    };
    case 'deferResolver': return {
      expression: ng.compileDeferResolverFunction({ mode: 0, dependencies: m.map((d) => ({ ...d, typeReference: expr(d.typeReference) })) }),
      statements: [],
    };
    default: throw new Error('unknown kind ' + c.kind);
  }
}

const sourceFile = ts.createSourceFile('test.ts', '', ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = [];
for (const c of cases) {
  try {
    const imports = new translator.ImportManager({ ...translator.presetImportManagerForceNamespaceImports });
    const printExpr = (e) => printer.printNode(ts.EmitHint.Expression, stripTypes(translator.translateExpression(sourceFile, e, imports)), sourceFile);
    const printStmt = (s) => printer.printNode(ts.EmitHint.Unspecified, stripTypes(translator.translateStatement(sourceFile, s, imports)), sourceFile);
    const pool = new ng.ConstantPool();
    const result = compile(c, pool);
    // Print the expression first: namespace aliases are numbered in the order of first use.
    const expression = printExpr(result.expression);
    const statements = result.statements.map(printStmt);
    const poolStatements = pool.statements.map(printStmt);
    const pieces = {};
    if (c.kind === 'directive' || c.kind === 'component') {
      const [map] = result.expression.args;
      for (const entry of map.entries) {
        if (['template', 'decls', 'vars', 'consts', 'ngContentSelectors', 'hostAttrs', 'hostVars', 'hostBindings'].includes(entry.key)) {
          pieces[entry.key] = printExpr(entry.value);
        }
      }
    }
    const text = [...poolStatements, `const __expression__ = ${expression};`, ...statements].join('\n');
    out.push({ ok: { text, pieces } });
  } catch (e) {
    out.push({ error: String(e && e.stack || e) });
  }
}
process.stdout.write(JSON.stringify(out));
