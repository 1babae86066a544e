import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// STYLE.md "Adding a module": a web feature is features/<name>/ with its <name>.api.ts (query keys, queryOptions,
// mutation hooks) and one <name>.messages.ts; shared components never import a feature. Read as text, like a lint.

const WEB = resolve(import.meta.dirname, '../src/web');
const FEATURES = join(WEB, 'features');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The relative imports of a file (static, dynamic and re-exports), resolved to absolute paths. */
function relativeImports(file: string, text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => resolve(dirname(file), s));
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);

describe('web features take one shape', () => {
  it('no file under src/web/components imports from src/web/features', () => {
    const offenders = filesUnder(join(WEB, 'components')).flatMap((file) =>
      relativeImports(file, readFileSync(file, 'utf8'))
        .filter((target) => inside(target, FEATURES))
        .map((target) => `${relative(WEB, file)} → ${relative(WEB, target)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the import check sees static, dynamic and re-exported imports', () => {
    const file = join(WEB, 'components', 'X.tsx');
    const text = [
      "import { A } from '../features/orgs/orgs.api.js';",
      "export { B } from '../features/users/users.api.js';",
      "const C = lazy(() => import('../features/stats/StatsPage.js'));",
      "import '../features/regions/regions.css';",
      "import { D } from '../lib/hooks.js';",
    ].join('\n');
    expect(relativeImports(file, text).filter((t) => inside(t, FEATURES)).length).toBe(4);
  });

  it('every feature has its <name>.api.ts and <name>.messages.ts', () => {
    const features = readdirSync(FEATURES).filter((n) => statSync(join(FEATURES, n)).isDirectory());
    expect(features.length).toBeGreaterThan(0);
    const missing = features.flatMap((n) =>
      [`${n}.api.ts`, `${n}.messages.ts`].filter((f) => !readdirSync(join(FEATURES, n)).includes(f)).map((f) => `features/${n}/${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('strings are chosen by language only in i18n.ts and the messages files', () => {
    // A page that reads the language itself holds its strings another way (a local table, an inline ternary).
    // App.tsx picks antd's locale, LangSwitch shows the choice.
    const allowed = new Set(['i18n.ts', 'App.tsx', join('components', 'LangSwitch.tsx')]);
    const offenders = filesUnder(WEB)
      .filter((f) => !f.endsWith('.messages.ts') && !allowed.has(relative(WEB, f)))
      .filter((f) => /\buseLang\(\)|\blang === ['"]zh['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(WEB, f));
    expect(offenders).toEqual([]);
  });
});
