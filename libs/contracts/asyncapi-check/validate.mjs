// Validates AsyncAPI documents with the AsyncAPI project's own parser.
// Usage: node validate.mjs [file ...]   (default: ../asyncapi.yaml beside this folder)
// Exits 1 and prints every diagnostic of severity "error"; warnings are listed but do not fail.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, Parser, fromFile } from '@asyncapi/parser';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.length > 2 ? process.argv.slice(2) : [path.join(here, '..', 'asyncapi.yaml')];

function describe(diagnostic) {
  const where = diagnostic.path && diagnostic.path.length ? diagnostic.path.join('/') : '(document)';
  const line = diagnostic.range ? diagnostic.range.start.line + 1 : '?';
  return `${diagnostic.code} at ${where} (line ${line}): ${diagnostic.message}`;
}

async function check(parser, file) {
  let output;
  try {
    output = await fromFile(parser, file).parse();
  } catch (error) {
    console.error(`${file}: cannot be read or parsed: ${error.message}`);
    return false;
  }
  const errors = output.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
  const warnings = output.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning);
  for (const diagnostic of errors) console.error(`${file}: error ${describe(diagnostic)}`);
  for (const diagnostic of warnings) console.error(`${file}: warning ${describe(diagnostic)}`);
  if (errors.length > 0 || output.document === undefined) {
    console.error(`${file}: INVALID (${errors.length} error(s), ${warnings.length} warning(s))`);
    return false;
  }
  const version = output.document.version();
  console.log(`${file}: valid AsyncAPI ${version} (${warnings.length} warning(s))`);
  return true;
}

const parser = new Parser();
let ok = true;
for (const file of files) {
  ok = (await check(parser, path.resolve(file))) && ok;
}
process.exit(ok ? 0 : 1);
