// For integration tests: a connection to the local emulator the extension started, opened on its own, with the
// emulator's well-known key. Its identity equals the extension's own connection's, so what it creates can be
// followed by the extension's tracker.
import * as vscode from 'vscode';
import { type Connection, openConnection } from '../../src/core/api/connection';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import { ProjectIdCache } from '../../src/core/cloud/project';

export function emulatorConnection(url: string): Promise<Connection> {
  return openConnection(
    {
      region: vscode.workspace.getConfiguration('huaweicloud').get<string>('region', 'cn-north-4'),
      projectId: '',
      credentialSource: 'auto',
      endpoints: { modelarts: url, vpc: url, iam: url },
    },
    {
      credentialEnvironment: {
        secret: async () => undefined,
        env: {},
        homedir: '/nonexistent',
        readFile: async () => '',
      },
      credentials: { key: EMULATOR_CREDENTIALS, source: 'emulator', origin: 'the integration test' },
      projectIds: new ProjectIdCache(),
    },
  );
}
