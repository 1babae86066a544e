#!/usr/bin/env node
// `npx shezu …`: the command line, run from its TypeScript source through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/shezu.ts');
