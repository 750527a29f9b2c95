// Answers are checked before they are trusted: a success status whose body is not the resource (empty, HTML that
// slipped through as JSON, another shape) becomes an "unexpected answer" error with the status and request id,
// never a value typed as a Network or an AddressGroup.
import * as l10n from '@vscode/l10n';
import { HuaweiCloudError } from './errors';
import type { HttpResponse } from './http';

/** The error for a 2xx answer that does not hold what the API returns; `what` says what was missing. */
export function unexpectedAnswer(
  response: Pick<HttpResponse<unknown>, 'status' | 'requestId'>,
  what: string,
): HuaweiCloudError {
  return new HuaweiCloudError(l10n.t('HTTP {0}: unexpected answer, {1}', response.status, what), {
    kind: 'unexpected',
    status: response.status,
    requestId: response.requestId,
  });
}
