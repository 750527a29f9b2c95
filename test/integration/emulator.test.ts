import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../src/vscode/commands/checkConnection';

describe('Start / Stop Local Emulator', () => {
  it('runs the emulator as a child process and points this session at it, leaving settings and secrets alone', async () => {
    const config = () => vscode.workspace.getConfiguration('huaweicloud');
    const endpointsBefore = config().inspect('endpoints')?.globalValue;
    const url = await vscode.commands.executeCommand<string>('huaweicloud.startEmulator');
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const report = await vscode.commands.executeCommand<ConnectionReport>('huaweicloud.checkConnection');
      assert.ok(report, 'Check Connection failed against the emulator');
      assert.equal(report.credentialSource, 'emulator');
      assert.deepEqual(report.endpoints, { modelarts: url, vpc: url, iam: url });
      assert.equal(report.projectIdOrigin, 'IAM');
      assert.match(report.projectId, /^[0-9a-f]{32}$/);
      assert.deepEqual(config().inspect('endpoints')?.globalValue, endpointsBefore);
      assert.equal(config().inspect('credentialSource')?.globalValue, undefined);
    } finally {
      await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    }
    // Stopped: nothing answers there any more, and the session is back to the settings.
    await assert.rejects(fetch(`${url}/v3/projects`, { signal: AbortSignal.timeout(2000) }));
    const after = await vscode.commands.executeCommand<ConnectionReport | undefined>('huaweicloud.checkConnection');
    assert.notEqual(after?.credentialSource, 'emulator');
  });

  it('started twice at once: one emulator, handed to both; nothing left running after Stop', async () => {
    const [first, second] = await Promise.all([
      vscode.commands.executeCommand<string>('huaweicloud.startEmulator'),
      vscode.commands.executeCommand<string>('huaweicloud.startEmulator'),
    ]);
    try {
      assert.match(first ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(second, first, 'a second emulator was spawned');
    } finally {
      await vscode.commands.executeCommand('huaweicloud.stopEmulator');
    }
    await assert.rejects(fetch(`${first}/v3/projects`, { signal: AbortSignal.timeout(2000) }));
  });
});
