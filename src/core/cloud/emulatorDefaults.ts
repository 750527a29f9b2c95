/**
 * The local emulator's well-known test credentials, like Azurite's account key: documented and printed at start,
 * not secrets. Shared by the emulator, which accepts them, and the extension, which signs with them while it
 * uses an emulator it started.
 */
export const EMULATOR_CREDENTIALS = {
  accessKeyId: 'HWCEMULATORACCESSKEY',
  secretAccessKey: 'huaweicloud-emulator-well-known-secret-key',
} as const;

/** How the identity (`Connection.identity`) of a connection to a local emulator begins. */
export const EMULATOR_IDENTITY_PREFIX = 'emulator:';

/** What the emulator answers at `GET /__emulator/identity`: a proxy to the cloud on a loopback port says otherwise. */
export const EMULATOR_IDENTITY = { emulator: 'huaweicloud-networks' } as const;

/** The extension host's environment names an emulator someone else started (`npm start`) to connect to. */
export const EMULATOR_URL_ENV = 'HUAWEICLOUD_EMULATOR_URL';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The base URL of an emulator given by `HUAWEICLOUD_EMULATOR_URL` (`http://127.0.0.1:4790`), or a sentence saying
 * what is wrong with it: only plain http on a loopback host, with nothing after the port, names an emulator.
 */
export function emulatorUrlFrom(value: string): { url: string } | { problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return {
      problem: `${EMULATOR_URL_ENV} is not a URL; it takes the emulator's address, such as http://127.0.0.1:4790`,
    };
  }
  if (
    parsed.protocol !== 'http:' ||
    !LOOPBACK_HOSTS.has(parsed.hostname) ||
    parsed.username ||
    parsed.password ||
    parsed.search ||
    parsed.hash ||
    parsed.pathname !== '/'
  ) {
    return {
      problem: `${EMULATOR_URL_ENV} names ${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : '/…'}; it takes a local emulator's address only: http on 127.0.0.1, localhost or [::1], such as http://127.0.0.1:4790`,
    };
  }
  return { url: parsed.origin };
}
