// One sample of the cold row of bench/calls.mjs, in a fresh process:
//   node coldCall.cjs ours|bare|sdk URL PROJECT_ID BUNDLE_DIR
// requires what that client needs, makes its first list call against the emulator at URL and prints
// {requireMs, callMs}. CommonJS, and it loads nothing before the timed require, so that all three start equal.
'use strict';
const [, , variant, url, projectId, bundleDir] = process.argv;
const LIMIT = 100;
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function main() {
  const started = now();
  let call;
  if (variant === 'ours') {
    const { HttpClient, AddressGroupsApi, EMULATOR_CREDENTIALS } = require(`${bundleDir}/client.cjs`);
    const groups = new AddressGroupsApi(
      new HttpClient({ signingKey: async () => EMULATOR_CREDENTIALS }),
      url,
      projectId,
    );
    call = async () => (await groups.listPage({ limit: LIMIT })).addressGroups.length;
  } else if (variant === 'bare') {
    const { signRequest, EMULATOR_CREDENTIALS } = require(`${bundleDir}/signer.cjs`);
    call = async () => {
      const target = `${url}/v3/${projectId}/vpc/address-groups?limit=${LIMIT}`;
      const headers = { Accept: 'application/json', 'X-Project-Id': projectId };
      const response = await fetch(target, {
        headers: signRequest({ method: 'GET', url: target, headers }, EMULATOR_CREDENTIALS),
      });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return (await response.json()).address_groups.length;
    };
  } else if (variant === 'sdk') {
    // The packages a user of Huawei's SDK requires for VPC v3 (the lighter v3 entry, not the package's main that
    // loads v2 as well). The credentials are the emulator's well-known pair, as in the other two.
    const core = require('@huaweicloud/huaweicloud-sdk-core');
    const vpc = require('@huaweicloud/huaweicloud-sdk-vpc/v3/public-api');
    const { accessKeyId, secretAccessKey } = JSON.parse(process.env.HWC_BENCH_KEY);
    const credentials = new core.BasicCredentials()
      .withAk(accessKeyId)
      .withSk(secretAccessKey)
      .withProjectId(projectId);
    const client = vpc.VpcClient.newBuilder().withCredential(credentials).withEndpoint(url).build();
    call = async () =>
      (await client.listAddressGroup(new vpc.ListAddressGroupRequest().withLimit(LIMIT))).address_groups.length;
  } else {
    throw new Error(`unknown variant ${variant}`);
  }
  const required = now();
  const items = await call();
  const called = now();
  if (items !== LIMIT) throw new Error(`${variant}: ${items} groups listed, not ${LIMIT}`);
  process.stdout.write(`${JSON.stringify({ requireMs: required - started, callMs: called - required })}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
