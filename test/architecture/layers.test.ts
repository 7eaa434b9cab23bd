import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface CruiseViolation {
  rule: { name: string };
  from: string;
  to: string;
}

async function violations(baseDir: string, files: string[]): Promise<CruiseViolation[]> {
  // dependency-cruiser is an ES module; load it the way CommonJS can.
  const { cruise } = (await import('dependency-cruiser')) as unknown as {
    cruise: (
      files: string[],
      options: object,
    ) => Promise<{ output: { summary: { violations: CruiseViolation[] } } }>;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: object[] };
  const result = await cruise(files, {
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  });
  return result.output.summary.violations;
}

describe('the layer rule', function () {
  this.timeout(60_000);

  it('holds for the project: the playbook is pure and the edges meet only in main', async () => {
    assert.deepEqual(await violations(ROOT, ['src']), []);
  });

  it('catches a playbook file that imports a framework or an edge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layers-'));
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    try {
      write('src/edges/teams/bot.ts', 'export const bot = 1;\n');
      write(
        'src/edges/cosmos/store.ts',
        "import { bot } from '../teams/bot';\nexport const store = bot;\n",
      );
      write(
        'src/playbook/rules.ts',
        "import { bot } from '../edges/teams/bot';\nimport 'node:fs';\nexport const rules = bot;\n",
      );
      write(
        'src/application/useCase.ts',
        "import { store } from '../edges/cosmos/store';\nexport const useCase = store;\n",
      );
      const names = (await violations(dir, ['src'])).map(
        (v) => `${v.rule.name}: ${v.from} -> ${v.to}`,
      );
      assert.deepEqual(names.sort(), [
        'application-knows-only-the-playbook: src/application/useCase.ts -> src/edges/cosmos/store.ts',
        'edges-do-not-reach-into-each-other: src/edges/cosmos/store.ts -> src/edges/teams/bot.ts',
        'playbook-is-pure: src/playbook/rules.ts -> fs',
        'playbook-is-pure: src/playbook/rules.ts -> src/edges/teams/bot.ts',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
