import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

/**
 * The module boundary (docs/adr/0010) as lint enforces it: each leak the seams issue found is
 * written into the tree for a moment and must be refused; the legitimate imports next to them pass.
 */

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const written: string[] = [];
function write(path: string, text: string): string {
  const file = join(repo, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  written.push(file);
  return file;
}
afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
  rmSync(join(repo, 'server/src/modules/webhook/lint-fixture'), { recursive: true, force: true });
});

async function problems(file: string): Promise<string[]> {
  // The boundaries plugin matches element patterns against paths relative to the process's cwd.
  const cwd = process.cwd();
  process.chdir(repo);
  try {
    const eslint = new ESLint({ cwd: repo });
    const [result] = await eslint.lintFiles([file]);
    return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
  } finally {
    process.chdir(cwd);
  }
}

describe('the module boundary', () => {
  it.each([
    [
      "another module's internal file, from a nested file",
      'server/src/modules/webhook/lint-fixture/nested/leak-a.ts',
      "import { nameTokens } from '../../../residents/name-tokens.js';\nexport const a = nameTokens('x');\n",
    ],
    [
      'an import that goes up through modules/',
      'server/src/modules/webhook/lint-fixture/leak-b.ts',
      "import { ResidentService } from '../../../modules/residents/resident.service.js';\nexport type B = ResidentService;\n",
    ],
    [
      "another module's entity file instead of its index",
      'server/src/modules/webhook/lint-fixture/leak-c.ts',
      "import { LineChannel } from '../../channels/line-channel.entity.js';\nexport const c = LineChannel;\n",
    ],
    [
      'platform/ importing a module',
      'server/src/platform/lint-fixture-leak-d.ts',
      "import { auditModule } from '../modules/audit/index.js';\nexport const d = auditModule;\n",
    ],
    [
      'raw SQL in a module, past the scoped-SQL helper',
      'server/src/modules/webhook/lint-fixture/leak-e.ts',
      "import type { EntityManager } from '@mikro-orm/postgresql';\nexport const e = (em: EntityManager) => em.execute('select * from staff_user');\n",
    ],
  ])(
    'refuses %s',
    async (_what, path, text) => {
      const found = await problems(write(path, text));
      expect(
        found.some((p) => /^(boundaries\/|no-restricted-syntax)/.test(p)),
        found.join('\n'),
      ).toBe(true);
    },
    60_000,
  );

  it('lets a module use another through its index.ts, and platform/ itself', async () => {
    const file = write(
      'server/src/modules/webhook/lint-fixture/fine.ts',
      "import { LineChannel } from '../../channels/index.js';\nimport { notFound } from '../../../platform/errors/app-error.js';\nexport const f = [LineChannel, notFound];\n",
    );
    expect(await problems(file)).toEqual([]);
  }, 60_000);
});
