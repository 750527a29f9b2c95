// A KooCLI ~/.hcloud/config.json as `hcloud configure` writes it, for the unit and integration tests of the KooCLI
// credential source.

type Profile = Record<string, unknown>;

/** One AKSK profile as KooCLI writes it (keys in plain text), with `fields` in place of its defaults. */
export function koocliProfile(fields: Profile): Profile {
  return {
    mode: 'AKSK',
    securityToken: '',
    region: 'cn-north-4',
    projectId: '',
    domainId: '',
    skipSecureVerify: 'false',
    readTimeout: 10,
    connectTimeout: 5,
    retryCount: 0,
    ...fields,
  };
}
