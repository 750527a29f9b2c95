import * as assert from 'node:assert/strict';
import { HuaweiCloudError } from '../../src/core/cloud/errors';

/** The HuaweiCloudError a promise rejects with; fails when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>, context = ''): Promise<HuaweiCloudError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof HuaweiCloudError,
      `${context}not a HuaweiCloudError: ${error instanceof Error ? error.stack : String(error)}`,
    );
    return error;
  }
  return assert.fail(`${context}it did not fail`);
}
