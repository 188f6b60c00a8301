/**
 * The as-is scenario file (`igv-as-is/1`): a named, described set of as-is parameters, such as
 * the calibrated 2025 baseline in `simulator/scenarios/as-is-2025.json`.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AsIsParamsSchema } from './as-is-params.ts';

export const AsIsScenarioSchema = z
  .object({
    format: z.literal('igv-as-is/1'),
    name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).describe('short identifier, e.g. as-is-2025'),
    description: z.string().min(1).describe('what the scenario represents and why its values were chosen'),
    params: AsIsParamsSchema,
  })
  .strict();

export type AsIsScenario = z.infer<typeof AsIsScenarioSchema>;

/**
 * Reads and checks an as-is scenario file. Never throws: a failure is a list of one-line
 * messages, each starting with the path (and the JSON path of the offending field).
 */
export async function loadAsIsScenario(path: string): Promise<{ ok: true; scenario: AsIsScenario } | { ok: false; errors: string[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    return { ok: false, errors: [`${path}: cannot read it as JSON (${(err as Error).message})`] };
  }
  const parsed = AsIsScenarioSchema.safeParse(json);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => `${path}: $${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`),
  };
}
