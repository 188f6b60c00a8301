/**
 * `<dataDir>/tokens.json` (DESIGN §7): loaded when present; otherwise generated on first start
 * with one operator token, one read-only IOC token and one token per vehicle serial, written with
 * mode 0600. Serials added to the fleet later get a token appended on the next start.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TokensSchema, type Tokens } from '../runtime/auth/access.ts';

const newToken = () => randomBytes(24).toString('base64url');

export interface TokensFile {
  readonly path: string;
  readonly tokens: Tokens;
  readonly generated: boolean;
  /** Serials that got a new token this start. */
  readonly added: string[];
}

export function loadOrCreateTokens(dataDir: string, serials: readonly string[]): TokensFile {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'tokens.json');
  let tokens: Tokens;
  let generated = false;
  if (existsSync(path)) {
    const parsed = TokensSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    }
    tokens = parsed.data;
  } else {
    tokens = { operator: [newToken()], ioc: [newToken()], vehicles: {} };
    generated = true;
  }
  const added = serials.filter((s) => tokens.vehicles[s] === undefined);
  if (added.length > 0 || generated) {
    const vehicles = { ...tokens.vehicles };
    for (const s of added) vehicles[s] = newToken();
    tokens = { ...tokens, vehicles };
    writeFileSync(path, JSON.stringify(tokens, null, 2) + '\n', { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  return { path, tokens, generated, added };
}
