import type * as vscode from 'vscode';
import { RESOURCE_SCHEME } from '../live/resourceDocuments';

/** JSON the user writes: not the read-only documents of live resources (Open as JSON), which hold server fields. */
export const isJson = (document: vscode.TextDocument) =>
  (document.languageId === 'json' || document.languageId === 'jsonc') && document.uri.scheme !== RESOURCE_SCHEME;
