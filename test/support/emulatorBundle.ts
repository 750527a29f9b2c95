// The emulator's command line (src/emulator/main.ts) bundled as `npm run build` ships it, for tests that run it as
// a process of its own.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

/** Writes the emulator's bundle to `outfile`. */
export async function bundleEmulator(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [join(projectRoot, 'src/emulator/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
}
