// Runs inside a fresh VS Code extension host (loaded through --extensionTestsPath) for bench/vscode-activation.mjs:
// once the host has settled after startup, activates each extension of HWC_BENCH_ORDER for the first time through
// the API, timing each from the activate() call to its promise resolving (what any caller of the extension waits
// for: its code loaded, its context built, its activate() run and settled), then reads VS Code's own record of the
// same activations from Developer: Startup Performance, and writes both to HWC_BENCH_OUT.
'use strict';
const { writeFileSync } = require('node:fs');
const vscode = require('vscode');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the host's event loop has been idle for a while (ten 50 ms timers in a row each late by under 2 ms):
 * the built-in extensions activated at startup must not be running in the middle of a measurement.
 */
async function quiet(deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  let calm = 0;
  while (calm < 10 && Date.now() < deadline) {
    const started = performance.now();
    await sleep(50);
    calm = performance.now() - started - 50 < 2 ? calm + 1 : 0;
  }
  return calm >= 10;
}

/** VS Code's own activation times (whole milliseconds) from the Startup Performance view, by extension id. */
async function vscodeRecord(ids) {
  await vscode.commands.executeCommand('perfview.show');
  const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse('perf:Startup Performance'))).getText();
  const record = {};
  for (const line of text.split('\n')) {
    // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
    const cells = line.split('|').map((cell) => cell.trim());
    if (ids.includes(cells[1])) {
      record[cells[1]] = {
        loadCode: Number(cells[3]),
        callActivate: Number(cells[4]),
        finishActivate: Number(cells[5]),
      };
    }
  }
  return record;
}

/**
 * Where the time of each activation goes, in high resolution: the require of its main file and its activate() call,
 * seen from inside the host's module loader (VS Code's own record has whole milliseconds only). The wrapper adds
 * the same few microseconds to both extensions.
 */
function tracePhases(extensions) {
  const phases = {};
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function tracedLoad(request, ...rest) {
    const extension = extensions.find(
      (candidate) => typeof request === 'string' && request.startsWith(`${candidate.extensionPath}/`),
    );
    if (!extension) return load.call(this, request, ...rest);
    const phase = (phases[extension.id] = { loadStart: performance.now() });
    const loaded = load.call(this, request, ...rest);
    phase.loadEnd = performance.now();
    return {
      ...loaded,
      activate(...args) {
        phase.callStart = performance.now();
        try {
          return loaded.activate(...args);
        } finally {
          phase.callEnd = performance.now();
        }
      },
    };
  };
  return phases;
}

/** A network document with mistakes (a CIDR outside the allowed ranges, a name too long): it gets diagnostics. */
const documentWithMistakes = (name) =>
  JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Network',
      metadata: { name: `${name}-${'x'.repeat(80)}` },
      spec: { cidr: '8.8.8.0/24' },
    },
    null,
    2,
  );

/**
 * From opening an untitled JSON document to the extension's diagnostics on it, in milliseconds: the first time, the
 * features and the checks load with it; the second document's is the check alone.
 */
async function timeCheck(name) {
  let uri;
  let done;
  const shown = new Promise((resolve) => (done = resolve));
  const listener = vscode.languages.onDidChangeDiagnostics((event) => {
    if (uri && event.uris.some((changed) => changed.toString() === uri.toString())) {
      if (vscode.languages.getDiagnostics(uri).some((diagnostic) => diagnostic.source === 'Huawei Cloud')) done();
    }
  });
  try {
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: documentWithMistakes(name) });
    uri = document.uri;
    if (!vscode.languages.getDiagnostics(uri).some((diagnostic) => diagnostic.source === 'Huawei Cloud')) {
      await Promise.race([shown, sleep(10_000).then(() => Promise.reject(new Error('no diagnostics within 10 s')))]);
    }
    return performance.now() - started;
  } finally {
    listener.dispose();
  }
}

exports.run = async function run() {
  const order = JSON.parse(process.env.HWC_BENCH_ORDER);
  const result = { activateMs: {}, settled: [] };
  for (const id of order) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) throw new Error(`${id} is not installed`);
    if (extension.isActive) throw new Error(`${id} was activated before the measurement`);
  }
  const phases = tracePhases(order.map((id) => vscode.extensions.getExtension(id)));
  // Garbage collections of the host, to tell what of an activation's time went there.
  const collections = [];
  const gcObserver = new PerformanceObserver((list) =>
    collections.push(...list.getEntries().map(({ startTime, duration }) => ({ startTime, duration }))),
  );
  gcObserver.observe({ entryTypes: ['gc'] });
  result.phases = {};
  result.settled.push(await quiet(20_000));
  for (const id of order) {
    const extension = vscode.extensions.getExtension(id);
    const started = performance.now();
    await extension.activate();
    const resolved = performance.now();
    result.activateMs[id] = resolved - started;
    const phase = phases[id];
    if (phase?.callEnd !== undefined) {
      result.phases[id] = {
        beforeLoad: phase.loadStart - started,
        load: phase.loadEnd - phase.loadStart,
        beforeCall: phase.callStart - phase.loadEnd,
        call: phase.callEnd - phase.callStart,
        afterCall: resolved - phase.callEnd,
      };
    }
    await sleep(0); // the observer hears of a collection on a later turn
    const during = collections.filter(({ startTime }) => startTime >= started && startTime <= resolved);
    if (result.phases[id]) result.phases[id].gc = during.reduce((sum, { duration }) => sum + duration, 0);
    if (!extension.isActive) throw new Error(`${id} is not active after activate()`);
    result.settled.push(await quiet(10_000));
  }
  gcObserver.disconnect();
  const ours = order.find((id) => id.endsWith('.huaweicloud-networks'));
  if (ours) {
    result.settled.push(await quiet(10_000));
    result.firstCheckMs = await timeCheck('first');
    result.settled.push(await quiet(10_000));
    result.secondCheckMs = await timeCheck('second');
  }
  try {
    result.vscode = await vscodeRecord(order);
  } catch (error) {
    result.vscode = { unavailable: String(error) };
  }
  writeFileSync(process.env.HWC_BENCH_OUT, JSON.stringify(result));
};
