#!/usr/bin/env node
// Entry of the `shishi` command: runs the TypeScript CLI through tsx (no build step for the server).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
