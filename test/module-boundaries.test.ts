import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * One door per module (issue 11 §2, STYLE "Adding a module"): a file under src/server/modules/<a>/ imports another
 * module <b> only through `../<b>/index.js`. Tests beside the code, src/server/demo, bench and test/ may import any file.
 */
const MODULES = join(import.meta.dirname, '../src/server/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module specifier a file names: static and dynamic imports, and re-exports. */
export function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)) {
    found.push(m[1] ?? m[2] ?? m[3]);
  }
  return found;
}

/** The imports of `file` (a path under src/server/modules) that reach into another module past its door. */
export function doorViolations(file: string, source: string): string[] {
  const [own] = file.split('/');
  return specifiersOf(source)
    .filter((spec) => {
      if (!spec.startsWith('.')) return false;
      // Resolved, so `../../modules/orgs/x.js` counts as much as `../orgs/x.js`.
      const target = relative(MODULES, resolve(MODULES, dirname(file), spec)).split(sep);
      if (target[0] === '..' || target.length < 2) return false;
      const [other, ...rest] = target;
      return other !== own && rest.join('/') !== 'index.js';
    })
    .map((spec) => `${file}: ${spec}`);
}

describe('module boundaries', () => {
  it('every module reaches another only through its index.ts', () => {
    const violations: string[] = [];
    for (const own of readdirSync(MODULES)) {
      for (const file of sourceFiles(join(MODULES, own))) {
        violations.push(...doorViolations(relative(MODULES, file).split(sep).join('/'), readFileSync(file, 'utf8')));
      }
    }
    expect(violations).toEqual([]);
  });

  it('catches a file that reaches past a door, and lets doors, lib and its own files through', () => {
    const source = [
      "import { loadOrgFor } from '../orgs/index.js';",
      "import * as orgRepo from '../orgs/orgs.repository.js';",
      "import type { Db } from '../../db/types.js';",
      "import { diffOf } from './applications.mapping.js';",
      "export { placesOf } from '../orgs/orgs.mapping.js';",
      "const lazy = () => import('../users/users.repository.js');",
      "import { x } from '../../modules/regions/regions.service.js';",
    ].join('\n');
    expect(doorViolations('applications/x.ts', source)).toEqual([
      'applications/x.ts: ../orgs/orgs.repository.js',
      'applications/x.ts: ../orgs/orgs.mapping.js',
      'applications/x.ts: ../users/users.repository.js',
      'applications/x.ts: ../../modules/regions/regions.service.js',
    ]);
  });
});
