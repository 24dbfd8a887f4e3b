// Shared by the package's Node tests: where things are, the `dvhc` CLI, the test
// tables, and a checker of values against the interfaces of index.d.ts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';

export const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
export const pkg = path.join(root, 'wasm/pkg');
export const pkgGeo = path.join(root, 'wasm/pkg-geo');

/** The `dvhc` CLI of this checkout (built with `cargo build -p dvhc-cli` when missing). */
export function cli() {
  const target = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
  const bin = process.env.DVHC_CLI ?? path.join(target, 'debug/dvhc');
  if (!process.env.DVHC_CLI && !existsSync(bin)) {
    execFileSync('cargo', ['build', '-q', '-p', 'dvhc-cli'], { cwd: root, stdio: 'inherit' });
  }
  return bin;
}

/** Runs the CLI and returns its JSON Lines output, parsed. */
export function runCli(args, input) {
  const out = execFileSync(cli(), args, { input, maxBuffer: 1 << 28, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

/** The rows of a test table in tests/data (comment lines dropped, header kept out). */
export function table(name, { header = false } = {}) {
  const rows = readFileSync(path.join(root, 'tests/data', name), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  return header ? rows.slice(1) : rows;
}

/**
 * The interfaces and type aliases of a declaration file, as a checker: `check(value,
 * 'Translation')` returns the differences between the value and the declared type,
 * recursively (members, their order, and the types of their values).
 */
export function declarations(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map();
  const aliases = new Map();
  const collect = (node) => {
    if (ts.isInterfaceDeclaration(node)) {
      const members = [];
      for (const base of node.heritageClauses ?? []) {
        for (const t of base.types) members.push(...interfaces.get(t.expression.getText()));
      }
      for (const m of node.members) {
        if (ts.isPropertySignature(m)) {
          members.push({ name: m.name.getText(), type: m.type, optional: !!m.questionToken });
        }
      }
      interfaces.set(node.name.text, members);
    } else if (ts.isTypeAliasDeclaration(node)) {
      aliases.set(node.name.text, node.type);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  function checkType(value, type, at, errors) {
    if (ts.isParenthesizedTypeNode(type)) return checkType(value, type.type, at, errors);
    if (ts.isUnionTypeNode(type)) {
      const tries = type.types.map((t) => {
        const e = [];
        checkType(value, t, at, e);
        return e;
      });
      if (!tries.some((e) => e.length === 0)) {
        errors.push(...tries.sort((a, b) => a.length - b.length)[0]);
      }
      return;
    }
    if (ts.isArrayTypeNode(type)) {
      if (!Array.isArray(value)) return errors.push(`${at}: not an array`);
      value.forEach((v, i) => checkType(v, type.elementType, `${at}[${i}]`, errors));
      return;
    }
    if (ts.isLiteralTypeNode(type)) {
      const lit = type.literal;
      const expected =
        lit.kind === ts.SyntaxKind.NullKeyword ? null : ts.isStringLiteral(lit) ? lit.text : Number(lit.getText());
      if (value !== expected) errors.push(`${at}: ${JSON.stringify(value)} is not ${lit.getText()}`);
      return;
    }
    if (type.kind === ts.SyntaxKind.StringKeyword) {
      if (typeof value !== 'string') errors.push(`${at}: not a string`);
      return;
    }
    if (type.kind === ts.SyntaxKind.NumberKeyword) {
      if (typeof value !== 'number') errors.push(`${at}: not a number`);
      return;
    }
    if (type.kind === ts.SyntaxKind.BooleanKeyword) {
      if (typeof value !== 'boolean') errors.push(`${at}: not a boolean`);
      return;
    }
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName.getText();
      if (aliases.has(name)) return checkType(value, aliases.get(name), at, errors);
      if (interfaces.has(name)) return checkInterface(value, name, at, errors);
    }
    errors.push(`${at}: the checker does not know the type ${type.getText()}`);
  }

  function checkInterface(value, name, at, errors) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return errors.push(`${at}: not an object (${name})`);
    }
    const members = interfaces.get(name);
    const declared = members.map((m) => m.name);
    const actual = Object.keys(value);
    if (declared.join() !== actual.join()) {
      errors.push(`${at}: ${name} declares [${declared}] but the value has [${actual}]`);
      return;
    }
    for (const m of members) checkType(value[m.name], m.type, `${at}.${m.name}`, errors);
  }

  return {
    interfaces,
    check(value, name) {
      const errors = [];
      checkInterface(value, name, '$', errors);
      return errors;
    },
  };
}
