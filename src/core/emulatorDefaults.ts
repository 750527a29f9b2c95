/**
 * The local emulator's well-known test credentials, like Azurite's account key: documented and printed at start,
 * not secrets. Shared by the emulator, which accepts them, and the extension, which signs with them while it
 * uses an emulator it started.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'HWCEMULATORACCESSKEY', secretAccessKey: 'huaweicloud-emulator-well-known-secret-key' } as const;

/** How the identity (`Connection.identity`) of a connection to a local emulator begins. */
export const EMULATOR_IDENTITY_PREFIX = 'emulator:';
