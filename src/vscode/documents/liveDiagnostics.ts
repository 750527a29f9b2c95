// Live-aware diagnostics (a CIDR overlapping an existing network, a name that exists) from what the explorer
// already holds. Activation only listens for the explorer being loaded: until the Resources view is shown or a
// command needs the explorer, nothing is known, so nothing is checked, evaluated or sent.
import type { Services } from '../services';

export function registerLiveDiagnostics(ctx: Services): void {
  ctx.own(
    ctx.onDidLoadExplorer((explorer) => {
      void import('./checking')
        .then(({ LiveDiagnostics }) => ctx.own(new LiveDiagnostics(ctx, explorer)))
        .catch((error: unknown) =>
          ctx.log.error(
            `Live-aware checks could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          ),
        );
    }),
  );
}
