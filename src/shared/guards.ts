// The small type guards every trust boundary is checked with (network JSON, the device, messages, files).

/** A plain object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isString = (v: unknown): v is string => typeof v === 'string';

/** A whole number, zero or more. */
export const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
