#!/usr/bin/env node
// The `igv` command. Loads the TypeScript CLI through tsx so `npx igv …` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli.ts');
process.exitCode = await main(process.argv.slice(2));
