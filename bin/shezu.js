#!/usr/bin/env node
// `npx shezu …`: the command line, run as compiled JavaScript from dist/cli (compiled first when missing or older than
// its sources; the messages go to stderr so that the command's own output stays clean).
import { ensureBuild } from '../scripts/ensure-build.mjs';

await ensureBuild(['server'], (m) => console.error(m));
await import('../dist/cli/shezu.js');
