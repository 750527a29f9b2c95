// Telling the local emulator from anything else on a loopback port: a proxy to the cloud there answers API paths
// just as the emulator does, so only what the emulator says of itself counts.
import * as l10n from '@vscode/l10n';
import { EMULATOR_IDENTITY } from './emulatorDefaults';
import { HuaweiCloudError } from './errors';
import type { HttpClient } from './http';
import type { RequestOptions } from './requests';

/**
 * Resolves when the server at `baseUrl` answers `GET /__emulator/identity` as the emulator does; otherwise throws a
 * configuration error saying what answered, before any API request is sent. A cancellation is passed on as it is.
 */
export async function confirmEmulatorIdentity(
  http: HttpClient,
  baseUrl: string,
  origin: string,
  options: RequestOptions = {},
): Promise<void> {
  let said: string;
  try {
    const answer = await http.send<unknown>({
      method: 'GET',
      baseUrl,
      path: '/__emulator/identity',
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const body = answer.body;
    if (
      typeof body === 'object' &&
      body !== null &&
      !Array.isArray(body) &&
      Object.hasOwn(body, 'emulator') &&
      (body as Record<string, unknown>).emulator === EMULATOR_IDENTITY.emulator
    ) {
      return;
    }
    said = l10n.t("HTTP {0} without the emulator's identity", answer.status);
  } catch (error) {
    if (!(error instanceof HuaweiCloudError) || error.kind === 'cancelled') throw error;
    said = error.message;
  }
  throw new HuaweiCloudError(
    l10n.t(
      "{0} did not answer as the local emulator ({1}): no API request was sent with the emulator's key. Start the emulator again (npm start), or Stop Local Emulator to use your settings",
      origin,
      said,
    ),
    { kind: 'configuration', notSent: true },
  );
}
