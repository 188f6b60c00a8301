import { describe, expect, it } from 'vitest';
import {
  ConnectionSchema,
  FactsheetSchema,
  HeaderSchema,
  InstantActionsSchema,
  OrderSchema,
  StateSchema,
  VisualizationSchema,
  actionParam,
  parseVdaTimestamp,
  vdaTimestamp,
} from '../../engine/protocol/vda5050/index.ts';
import {
  sampleAction,
  sampleConnection,
  sampleFactsheet,
  sampleHeader,
  sampleInstantActions,
  sampleOrder,
  sampleState,
  sampleVisualization,
} from '../../engine/protocol/vda5050/samples.ts';

describe('given the sample messages of every VDA 5050 topic', () => {
  it.each([
    ['state', StateSchema, sampleState()],
    ['visualization', VisualizationSchema, sampleVisualization()],
    ['connection', ConnectionSchema, sampleConnection('CONNECTIONBROKEN')],
    ['factsheet', FactsheetSchema, sampleFactsheet('IGV-07')],
    ['order', OrderSchema, sampleOrder({ releasedNodes: 2 })],
    ['instantActions', InstantActionsSchema, sampleInstantActions()],
  ] as const)('%s parses when it went through JSON', (_topic, schema, message) => {
    const result = schema.safeParse(JSON.parse(JSON.stringify(message)));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('factsheet parses without headerId and timestamp (optional in 2.1)', () => {
    const { headerId: _h, timestamp: _t, ...rest } = sampleFactsheet();
    expect(FactsheetSchema.safeParse(rest).success).toBe(true);
  });

  it('state is rejected when a required 2.1 field is missing', () => {
    const { batteryState: _b, ...rest } = sampleState();
    const r = StateSchema.safeParse(rest);
    expect(r.error?.issues.map((i) => i.path)).toEqual([['batteryState']]);
  });

  it('state accepts PAUSED actions (listed in the 2.1 text though not its schema enum)', () => {
    const s = sampleState({ actionStates: [{ actionId: 'a', actionType: 'pick', actionStatus: 'PAUSED' }] });
    expect(StateSchema.safeParse(s).success).toBe(true);
  });

  it('instantActions is rejected when it has no action', () => {
    expect(InstantActionsSchema.safeParse(sampleInstantActions([])).error?.issues[0]?.path).toEqual(['actions']);
  });

  it('an action parameter may be any JSON value but null', () => {
    const a = sampleAction('pick', 'p1', { actionParameters: [{ key: 'loadId', value: 'MSCU1234565' }, { key: 'dims', value: { l: 12 } }] });
    expect(InstantActionsSchema.safeParse(sampleInstantActions([a])).success).toBe(true);
    expect(actionParam(a, 'dims')).toEqual({ l: 12 });
    expect(actionParam(a, 'missing')).toBeUndefined();
    const bad = sampleAction('pick', 'p1', { actionParameters: [{ key: 'loadId', value: null as never }] });
    expect(InstantActionsSchema.safeParse(sampleInstantActions([bad])).error?.issues[0]?.path).toEqual(['actions', 0, 'actionParameters', 0, 'value']);
  });
});

describe('given the VDA header', () => {
  it('vdaTimestamp writes UTC with two decimals, truncated', () => {
    expect(vdaTimestamp(Date.UTC(2025, 0, 31, 8, 15, 0, 999))).toBe('2025-01-31T08:15:00.99Z');
    expect(vdaTimestamp(0)).toBe('1970-01-01T00:00:00.00Z');
  });

  it('parseVdaTimestamp reads any number of decimals back to ms', () => {
    expect(parseVdaTimestamp('2025-01-31T08:15:00.99Z')).toBe(Date.UTC(2025, 0, 31, 8, 15, 0, 990));
    expect(parseVdaTimestamp('2025-01-31T08:15:00Z')).toBe(Date.UTC(2025, 0, 31, 8, 15, 0));
    expect(parseVdaTimestamp('2025-01-31T08:15:00.1234Z')).toBe(Date.UTC(2025, 0, 31, 8, 15, 0, 123));
  });

  it('parseVdaTimestamp throws when the text is not a UTC timestamp or not a real date', () => {
    for (const s of ['2025-01-31 08:15:00Z', '2025-01-31T08:15:00+01:00', '2025-02-30T00:00:00Z', '2025-13-01T00:00:00Z']) {
      expect(() => parseVdaTimestamp(s), s).toThrow(RangeError);
    }
  });

  it('rejects a headerId beyond uint32, a local timestamp and a version other than 2.x', () => {
    const r = HeaderSchema.safeParse(sampleHeader({ headerId: 2 ** 32, timestamp: '2025-01-31T08:15:00', version: '3.0.0' }));
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(['headerId', 'timestamp', 'version']);
  });
});
