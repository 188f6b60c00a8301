/**
 * Error objects of the vehicle link: link-level errors the master sends on the `error` topic,
 * and the VDA 5050 2.1 order error types a vehicle reports in state.errors.
 */
import type { z } from 'zod';
import type { VdaError } from './state.ts';

export const LINK_ERROR_TYPES = [
  'MALFORMED_MESSAGE',
  'UNKNOWN_TOPIC',
  'TOPIC_NOT_ALLOWED',
  'VALIDATION_FAILURE',
  'UNSUPPORTED_VERSION',
  'MESSAGE_TOO_LARGE',
  'RATE_LIMITED',
  'REPLAYED_HEADER_ID',
  'IDENTITY_MISMATCH',
  'UNKNOWN_MAP_ID',
] as const;
export type LinkErrorType = (typeof LINK_ERROR_TYPES)[number];

export const ORDER_ERROR_TYPES = ['validationError', 'orderError', 'orderUpdateError', 'noOrderToCancel'] as const;
export type OrderErrorType = (typeof ORDER_ERROR_TYPES)[number];

export type ErrorReferences = Readonly<Record<string, string | number>>;

/** A VDA error object; references become `{referenceKey, referenceValue}` with values as strings. */
export function vdaError(errorType: string, description: string, references: ErrorReferences = {}, level: VdaError['errorLevel'] = 'WARNING'): VdaError {
  return {
    errorType,
    errorLevel: level,
    errorDescription: description,
    errorReferences: Object.entries(references).map(([referenceKey, v]) => ({ referenceKey, referenceValue: String(v) })),
  };
}

/** A link-level error (WARNING) answering a bad message; references e.g. {topic, headerId, path}. */
export function linkError(type: LinkErrorType, description: string, references?: ErrorReferences): VdaError {
  return vdaError(type, description, references);
}

/** A vehicle-side order error (WARNING), reported in state.errors until a new order is accepted. */
export function orderErrorOf(type: OrderErrorType, description: string, references?: ErrorReferences): VdaError {
  return vdaError(type, description, references);
}

/** A zod path as `edges[2].sequenceId`; the empty path is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

/** "path: message; path: message" for the first `max` issues, noting how many were left out. */
export function describeZodError(err: z.ZodError, max = 5): string {
  const shown = err.issues.slice(0, max).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const rest = err.issues.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; … ${rest} more` : shown.join('; ');
}
