// The layering rules are part of the architecture; this proves the lint config really enforces them.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('layering lint rules', () => {
  it('forbid Node and Electron in shared code', async () => {
    expect(await ruleIds("import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'src/shared/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds('export const w = window.location;\n', 'src/shared/probe.ts')).toContain('no-restricted-globals');
  });

  it('forbid electron in the core and Node in the renderer', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const a = app;\n", 'src/main/core/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { join } from 'node:path';\nexport const j = join;\n", 'src/renderer/probe.ts')).toContain('no-restricted-imports');
  });

  it('allow what each layer may use', async () => {
    expect(await ruleIds("import { join } from 'node:path';\nexport const j = join;\n", 'src/main/core/probe.ts')).toEqual([]);
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'src/shared/probe.ts')).toEqual([]);
  });
});

describe('layering lint rules across folders', () => {
  it('forbid the core from importing the hub or the renderer, and the renderer from importing the core', async () => {
    expect(await ruleIds("import { startHub } from '../../hub/index';\nexport const s = startHub;\n", 'src/main/core/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { App } from '../../renderer/app/App';\nexport const a = App;\n", 'src/main/core/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { XiaoerCore } from '../main/core/app-core';\nexport const c = XiaoerCore;\n", 'src/renderer/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { triage } from '../shared/triage';\nexport const t = triage;\n", 'src/renderer/probe.ts')).toEqual([]);
  });
});
