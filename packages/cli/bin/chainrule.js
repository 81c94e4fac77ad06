#!/usr/bin/env node
// `chainrule` runs straight from the TypeScript sources: tsx compiles them as they are imported,
// so `npx chainrule` works in a fresh checkout with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
