// Asks a real IAM policy engine (@cloud-copilot/iam-simulate, AGPL-3.0-or-later, a CI tool only,
// installed under target/policy-engine by .ci/policy-engine-check.sh, never shipped) for each
// decision in a cases file, and prints one line for every decision that is not as expected.
// usage: node .ci/policy-engine/decide.mjs CASES.json
//   CASES.json: {"policies": {name: document}, "cases": [{"policy", "boundary" (a name or null),
//   "action", "resource", "context", "expect" ("Allowed" | "Denied"), "why"}]}
// (PolicyEngineDecisionsTest writes it from RunCalls.) Exit 0: every decision as expected;
// 1: some not; 2: bad input or the engine refused a case.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const engine = path.join(root, 'target/policy-engine/node_modules/@cloud-copilot/iam-simulate/dist/esm/index.js');
if (!fs.existsSync(engine)) {
  console.log(`[policy-engine] not installed: ${engine} (run .ci/policy-engine-check.sh)`);
  process.exit(2);
}
const { runSimulation } = await import(engine);
const file = process.argv[2];
if (!file) {
  console.log('[policy-engine] usage: node .ci/policy-engine/decide.mjs CASES.json');
  process.exit(2);
}
const { policies, cases } = JSON.parse(fs.readFileSync(file, 'utf8'));
const account = '123456789012';
let unexpected = 0;
let refused = 0;
for (const c of cases) {
  const simulation = {
    request: {
      principal: `arn:aws:iam::${account}:role/ci`,
      action: c.action,
      resource: { resource: c.resource, accountId: account },
      contextVariables: c.context || {},
    },
    identityPolicies: [{ name: c.policy, policy: policies[c.policy] }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    permissionBoundaryPolicies: c.boundary ? [{ name: c.boundary, policy: policies[c.boundary] }] : undefined,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') {
    refused++;
    console.log(`[policy-engine] REFUSED ${c.action} on ${c.resource}: ${result.errors.message}`);
    continue;
  }
  const decision = result.overallResult === 'Allowed' ? 'Allowed' : 'Denied';
  if (decision !== c.expect) {
    unexpected++;
    const ignored = (result.result?.ignoredContextKeys || []).join(', ');
    console.log(
      `[policy-engine] expected ${c.expect}, got ${result.overallResult}: ${c.action} on ${c.resource}` +
        ` ${JSON.stringify(c.context || {})} (${c.why}; policy ${c.policy}${c.boundary ? ' + boundary ' + c.boundary : ''})` +
        (ignored ? ` [context keys that do not apply to it: ${ignored}]` : ''),
    );
  }
}
console.log(`[policy-engine] ${cases.length} decisions, ${unexpected} not as expected, ${refused} refused`);
process.exit(refused ? 2 : unexpected ? 1 : 0);
