// Validates the Kubernetes manifests offline: renders every kustomization with `kubectl kustomize` (no cluster
// needed), checks every document against the Kubernetes OpenAPI schema compiled into `kubernetes-models`
// (`new Model(obj).validate()`), rejects fields that schema does not define, and applies our own policy:
// non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, requests and limits,
// probes on long-running workloads, and no secret values in the repository.
//
// Usage: node validate-k8s.mjs [DIR...]   (default: k8s/ beside this repository's tests/)
// Each DIR is a kustomization (holds kustomization.yaml) or a folder searched for kustomizations.
// Exit 0 when every document passes, 1 with one line per problem otherwise, 2 on a usage or tool error.
// KUBECTL names the kubectl binary (default: kubectl on PATH).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const kubectl = process.env.KUBECTL || "kubectl";
const roots = process.argv.slice(2);
if (roots.length === 0) roots.push(path.resolve(here, "..", "..", "k8s"));

const secretName = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|connectionstring)/i;
const secretValue = /(password\s*=|pwd\s*=|-----BEGIN [A-Z ]*PRIVATE KEY-----|^eyJ[A-Za-z0-9_-]{10,}\.)/i;
const longRunning = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]);

const problems = [];
let documents = 0;
const kustomizations = roots.flatMap((root) => findKustomizations(path.resolve(root)));
if (kustomizations.length === 0) fail(`no kustomization.yaml found under ${roots.join(", ")}`);

for (const dir of kustomizations) {
  let rendered;
  try {
    rendered = execFileSync(kubectl, ["kustomize", dir], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") fail(`${kubectl} was not found: install kubectl (Debian: kubernetes-client) or set KUBECTL.`);
    problems.push(`${dir}: kubectl kustomize failed: ${(e.stderr || e.message).toString().trim()}`);
    continue;
  }
  for (const doc of parseAllDocuments(rendered)) {
    if (doc.errors.length > 0) { problems.push(`${dir}: YAML error: ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    documents++;
    const where = `${dir} ${obj.kind ?? "?"}/${obj.metadata?.name ?? "?"}`;
    for (const problem of checkDocument(obj)) problems.push(`${where} ${problem}`);
  }
}

for (const p of problems) console.log(p);
if (problems.length > 0) {
  console.log(`${problems.length} problems in ${documents} documents from ${kustomizations.length} kustomizations`);
  process.exit(1);
}
console.log(`${documents} documents valid in ${kustomizations.length} kustomizations`);

function fail(message) {
  console.error(`validate-k8s: ${message}`);
  process.exit(2);
}

function findKustomizations(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`${dir} is not a folder`);
  const found = [];
  if (existsSync(path.join(dir, "kustomization.yaml"))) found.push(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) found.push(...findKustomizations(path.join(dir, entry.name)));
  }
  return found;
}

function checkDocument(obj) {
  const out = [];
  const Model = modelFor(obj.apiVersion, obj.kind);
  if (!Model) return [`unknown apiVersion/kind ${obj.apiVersion}/${obj.kind}: not a Kubernetes built-in type`];
  try {
    new Model(obj).validate();
  } catch (e) {
    out.push(`schema: ${e.message}`);
  }
  out.push(...unknownFields(Model, obj).map((f) => `schema: ${f} is not a field of ${obj.apiVersion}/${obj.kind}`));
  out.push(...policy(obj));
  return out;
}

// apiVersion "apps/v1" -> kubernetes-models/apps/v1/<Kind>; the core group "v1" -> kubernetes-models/v1/<Kind>.
function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return null;
  try {
    const module = require(`kubernetes-models/${apiVersion}/${kind}`);
    const Model = module[kind];
    return typeof Model === "function" && Model.apiVersion === apiVersion && Model.kind === kind ? Model : null;
  } catch {
    return null;
  }
}

// The compiled schema reads every property it defines (`data.x === undefined` checks) and enumerates the keys of
// free-form maps (labels, data, limits). Running it over proxies shows which keys it never looked at: those are
// fields the schema does not define, which Kubernetes would reject (strict field validation) or silently drop.
function unknownFields(Model, obj) {
  const read = new Map();
  const enumerated = new Set();
  const wrap = (value, at) => {
    if (value === null || typeof value !== "object") return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string" && Object.prototype.hasOwnProperty.call(target, key)) {
          if (!read.has(at)) read.set(at, new Set());
          read.get(at).add(key);
          return wrap(Reflect.get(target, key, receiver), Array.isArray(target) ? `${at}[${key}]` : `${at}.${key}`);
        }
        return Reflect.get(target, key, receiver);
      },
      ownKeys(target) {
        enumerated.add(at);
        return Reflect.ownKeys(target);
      },
    });
  };
  try {
    Model.prototype.validate.call(wrap(obj, "$"));
  } catch {
    // schema errors are reported by checkDocument
  }
  const unknown = [];
  const walk = (value, at) => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) { value.forEach((v, i) => walk(v, `${at}[${i}]`)); return; }
    for (const key of Object.keys(value)) {
      const child = `${at}.${key}`;
      if (!enumerated.has(at) && !read.get(at)?.has(key)) unknown.push(child);
      else walk(value[key], child);
    }
  };
  walk(obj, "$");
  return unknown;
}

function podSpecOf(obj) {
  switch (obj.kind) {
    case "Pod": return obj.spec;
    case "CronJob": return obj.spec?.jobTemplate?.spec?.template?.spec;
    case "Deployment": case "StatefulSet": case "DaemonSet": case "ReplicaSet": case "Job": return obj.spec?.template?.spec;
    default: return undefined;
  }
}

function policy(obj) {
  const out = [];
  if (obj.kind === "Secret" && (obj.data || obj.stringData)) {
    out.push("policy: a Secret with values is committed; create Secrets out of band and reference them by name");
  }
  if (obj.kind === "ConfigMap") {
    for (const [key, value] of Object.entries({ ...obj.data, ...obj.binaryData })) {
      if (secretName.test(key)) out.push(`policy: ConfigMap key ${key} looks like a secret; put it in a Secret`);
      else if (typeof value === "string" && secretValue.test(value)) out.push(`policy: ConfigMap key ${key} holds a secret-looking value`);
    }
  }
  if (obj.kind === "NetworkPolicy") {
    // A peer in another namespace (kube-dns, the ingress controller) never carries our app's labels: kustomize's
    // commonLabels copy them into peer selectors, which then select nothing and silently cut DNS or ingress.
    const rules = [...(obj.spec?.ingress ?? []).map((r) => r.from ?? []), ...(obj.spec?.egress ?? []).map((r) => r.to ?? [])];
    for (const peer of rules.flat()) {
      const labels = peer.podSelector?.matchLabels ?? {};
      if (peer.namespaceSelector && (labels["app.kubernetes.io/part-of"] === "mbcfhiredu" || labels["app.kubernetes.io/name"] === "mbcfhiredu")) {
        out.push(`policy: NetworkPolicy ${obj.metadata?.name} selects pods labelled mbcfhiredu in another namespace (${JSON.stringify(peer.namespaceSelector.matchLabels ?? {})}); commonLabels wrote them into a peer selector`);
      }
    }
  }
  const pod = podSpecOf(obj);
  if (!pod) return out;
  const podSecurity = pod.securityContext ?? {};
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) out.push("policy: pod shares the host's network, PID or IPC namespace");
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const c of containers) {
    const at = `container ${c.name}`;
    const sc = c.securityContext ?? {};
    const nonRoot = sc.runAsNonRoot ?? podSecurity.runAsNonRoot;
    const user = sc.runAsUser ?? podSecurity.runAsUser;
    if (nonRoot !== true) out.push(`policy: ${at} must set runAsNonRoot: true`);
    if (user === 0) out.push(`policy: ${at} runs as UID 0`);
    if (sc.readOnlyRootFilesystem !== true) out.push(`policy: ${at} must set readOnlyRootFilesystem: true`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`policy: ${at} must set allowPrivilegeEscalation: false`);
    if (sc.privileged === true) out.push(`policy: ${at} is privileged`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) out.push(`policy: ${at} must drop ALL capabilities`);
    if ((sc.capabilities?.add ?? []).length > 0) out.push(`policy: ${at} adds capabilities`);
    const seccomp = sc.seccompProfile?.type ?? podSecurity.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") out.push(`policy: ${at} needs a seccompProfile (RuntimeDefault)`);
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (c.resources?.[kind]?.[resource] === undefined) out.push(`policy: ${at} has no ${resource} ${kind}`);
      }
    }
    if (longRunning.has(obj.kind) && !(pod.initContainers ?? []).includes(c)) {
      if (!c.livenessProbe) out.push(`policy: ${at} has no livenessProbe`);
      if (!c.readinessProbe) out.push(`policy: ${at} has no readinessProbe`);
    }
    for (const env of c.env ?? []) {
      if (env.value !== undefined && secretName.test(env.name)) out.push(`policy: ${at} env ${env.name} has a literal value; use valueFrom.secretKeyRef`);
      else if (typeof env.value === "string" && secretValue.test(env.value)) out.push(`policy: ${at} env ${env.name} holds a secret-looking value`);
    }
  }
  return out;
}
