/**
 * Broken invariants in the engine core. An `IgvError` means a bug or bad input that should have
 * been rejected earlier (at the map validator, at the HTTP edge); expected refusals such as "no
 * route" are values with reason codes, never exceptions.
 *
 * Messages read `[component] text [values]`, so a log line says where it came from and which
 * values broke the rule.
 */

/** Every error code the core throws. Add new codes here, never inline. */
export const IGV_ERR = {
  DUPLICATE_LANE: 'IGV_ERR_DUPLICATE_LANE',
  UNKNOWN_NODE: 'IGV_ERR_UNKNOWN_NODE',
  INVALID_CONFIG: 'IGV_ERR_INVALID_CONFIG',
  SPACE_OVERLAP: 'IGV_ERR_SPACE_OVERLAP',
  UNKNOWN_LANE: 'IGV_ERR_UNKNOWN_LANE',
} as const;
export type IgvErrorCode = (typeof IGV_ERR)[keyof typeof IGV_ERR];

export class IgvError extends Error {
  readonly code: IgvErrorCode;

  /**
   * @param component short name of the module that found the problem, e.g. `lane-graph`
   * @param text what is wrong, in words
   * @param values the offending values, printed in brackets
   */
  constructor(code: IgvErrorCode, component: string, text: string, values?: Readonly<Record<string, unknown>>) {
    super(`[${component}] ${text}${values ? ` [${formatValues(values)}]` : ''}`);
    this.name = 'IgvError';
    this.code = code;
  }
}

function formatValues(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}
