// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/src/gql/**', '**/coverage/**', '.data/**', 'tests/e2e/screenshots/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Tests and GraphQL result handling legitimately use loosely typed JSON.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The server's boundaries (docs/adr/0010), by eslint-plugin-boundaries on resolved paths, so a
    // relative path cannot sneak around them: platform/ uses only platform/ (and config); a feature
    // module uses platform/ and other modules only through their index.ts; the composition root
    // (src/*.ts, http/, cli/) and the modules list use modules only through their index.ts too.
    files: ['server/src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: 'server/tsconfig.json' } },
      'boundaries/include': ['server/src/**/*.ts'],
      'boundaries/elements': [
        { type: 'config', pattern: 'server/src/config/**', mode: 'file' },
        { type: 'platform', pattern: 'server/src/platform/**', mode: 'file' },
        { type: 'modules-list', pattern: 'server/src/modules/index.ts', mode: 'file' },
        { type: 'module', pattern: 'server/src/modules/*', mode: 'folder', capture: ['module'] },
        { type: 'composition', pattern: ['server/src/*.ts', 'server/src/http/**', 'server/src/cli/**'], mode: 'file' },
      ],
    },
    rules: {
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: '${file.type} may not import ${dependency.type} (docs/adr/0010)',
          rules: [
            { from: 'config', allow: ['config'] },
            { from: 'platform', allow: ['platform', 'config'] },
            { from: 'module', allow: ['platform', 'config', 'module'] },
            { from: 'modules-list', allow: ['platform', 'module'] },
            { from: 'composition', allow: ['composition', 'platform', 'config', 'module', 'modules-list'] },
          ],
        },
      ],
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          message: 'another module is reached only through its index.ts (docs/adr/0010)',
          rules: [
            { target: ['module'], disallow: ['**'] },
            { target: ['module'], allow: ['index.ts'] },
          ],
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    // Raw SQL from a feature module goes through platform/db/scoped-sql.ts (department scope, or an
    // explicit reason to see every department), never straight to the driver.
    files: ['server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(execute|getKnex|getConnection)$/]',
          message: 'Raw SQL in a module goes through scopedSql / unscopedSql (platform/db/scoped-sql.ts).',
        },
        {
          selector: "CallExpression[callee.name='rawQuery']",
          message: 'Raw SQL in a module goes through unscopedRawQuery (platform/db/scoped-sql.ts).',
        },
      ],
    },
  },
  {
    files: ['admin-web/src/**/*.{ts,tsx}', 'liff-app/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    // Plain Node scripts: TypeScript is not checking them, so allow Node's globals.
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-undef': 'off' },
  },
);
