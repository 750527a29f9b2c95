// The anchor of the call rows: one request signed with the extension's own signer and sent with the global fetch,
// its JSON read; nothing else (no time-out, no retry, no bounded read, no shape checks).

/**
 * @param {(request: object, key: object) => Record<string, string>} signRequest the extension's signer
 * @param {{ accessKeyId: string, secretAccessKey: string }} key
 * @param {{ method: string, url: string, projectId: string, body?: unknown }} request
 */
export async function bareSignedFetch(signRequest, key, { method, url, projectId, body }) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  // The headers the extension's client sends, so that both put the same request on the wire.
  const headers = {
    Accept: 'application/json',
    'X-Project-Id': projectId,
    ...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  const response = await fetch(url, {
    method,
    headers: signRequest({ method, url, headers, body: text }, key),
    ...(text === undefined ? {} : { body: text }),
  });
  if (response.status >= 300) throw new Error(`${method} ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? (await response.arrayBuffer(), undefined) : response.json();
}
