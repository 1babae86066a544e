// One lint configuration for the whole repository (`npm run lint`, run by .ci/run before the tests):
// ESLint's and typescript-eslint's recommended rules everywhere, the React hooks rules on the web app.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'data/', 'node_modules/', 'bench/results/', 'test-results/', '.vitest-results/', '**/*.tmp.*']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // The ideographic space (U+3000) is typesetting in Chinese text (print layouts, exported headers): allowed in
      // strings, templates and JSX text, still an error in code.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true }],
      // `let [a, b] = …` where only one of them is reassigned stays one declaration.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two rules of hooks only: the plugin's React Compiler rules judge code written for the compiler, which this app does not use.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
