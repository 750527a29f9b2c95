// The sample documents (sample/valid) inside the emulator's bundle: `--samples` makes them live, with the showcase,
// in an emulator that has no files beside it (the one Start Local Emulator runs from the installed extension).
import training from '../../sample/valid/training.network.json';
import webServers from '../../sample/valid/web-servers.address-group.json';
import type { ScenarioDocument } from './scenario';

export const SAMPLE_DOCUMENTS: readonly ScenarioDocument[] = [
  { path: 'training.network.json', text: JSON.stringify(training) },
  { path: 'web-servers.address-group.json', text: JSON.stringify(webServers) },
];
