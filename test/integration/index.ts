// Runs inside the VS Code extension host (loaded through --extensionTestsPath): mocha over every *.test.js beside it.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Stack traces of failures point into the .ts sources.
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.HWC_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, failures: failed = 0 } = runner.stats ?? {};
      // The test script sums this with the other layers into the closing `N passed, N failed` line.
      const resultsFile = process.env.HWC_TEST_RESULTS_FILE;
      if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ passed: passes, failed }));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
