// The layers of src/ hold by lint: an import that runs upward fails
// `npm run lint` with a message that says which way the arrows go.

import * as path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { LAYERS } from '../../eslint.config.js'
import { repoRoot } from '../support/paths.js'

const eslint = new ESLint({ cwd: repoRoot })

async function importProblems(file: string, specifier: string): Promise<string[]> {
  const code = `import { thing } from '${specifier}'\nexport const used = thing\n`
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) })
  return (result?.messages ?? []).filter(m => m.ruleId === 'no-restricted-imports').map(m => m.message)
}

describe('the layers of src/', () => {
  it('refuses an import from a higher layer, naming the layers allowed', async () => {
    const [problem, ...more] = await importProblems('src/analysis/new-rule.ts', '../engine/triage.js')
    expect(more).toEqual([])
    expect(problem).toBe(
      "'../engine/triage.js' import is restricted from being used by a pattern. src/analysis/ sits below fix, report, capture, inputs, engine, github, action, cli: it may import only from core, os. Move what it needs down a layer."
    )
    expect(await importProblems('src/core/new-type.ts', '../os/process-table.js')).toHaveLength(1)
    expect(await importProblems('src/engine/new-stage.ts', '../action/main.js')).toHaveLength(1)
    expect(await importProblems('src/report/new-section.ts', '../index.js')).toEqual([
      "'../index.js' import is restricted from being used by a pattern. the entries import the layers, never the other way round"
    ])
  })

  it('lets every layer import from the layers below it and from its own folder', async () => {
    for (const [rank, layer] of LAYERS.entries()) {
      expect(await importProblems(`src/${layer}/x.ts`, './sibling.js')).toEqual([])
      for (const below of LAYERS.slice(0, rank))
        expect(await importProblems(`src/${layer}/x.ts`, `../${below}/thing.js`), `${layer} → ${below}`).toEqual([])
    }
  })
})
