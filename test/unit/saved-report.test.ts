// The report a fork PR's probe run saves, read back by the post-report run:
// every verdict the probe run can reach is read back as it was written, and
// a file that is not ours is refused with what was expected.

import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readSavedReport, writeSavedReport } from '../../src/action/saved-report.js'
import { VERDICT_RANK, type Verdict } from '../../src/core/model.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'saved-report-'))
  fs.writeFileSync(path.join(dir, 'report.md'), '# the report\n')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const saved = (verdict: Verdict) => ({
  verdict,
  pattern: verdict === 'healthy' ? '' : 'sync-sleep',
  culprit: verdict === 'healthy' ? '' : 'app/main.py:9',
  key: 'api',
  headSha: 'a'.repeat(40),
  pullRequest: 7,
  report: 'report.md'
})

describe('readSavedReport', () => {
  it.each(Object.keys(VERDICT_RANK) as Verdict[])(
    'reads back a saved %s report, from the file or its folder',
    verdict => {
      const file = writeSavedReport(dir, saved(verdict))
      const expected = {
        saved: { format: 'backend-hang-debug/saved-report@1', ...saved(verdict) },
        markdown: '# the report\n'
      }
      expect(readSavedReport(file)).toEqual(expected)
      expect(readSavedReport(dir)).toEqual(expected)
    }
  )

  it('refuses a file that is not a saved report, naming the format it expected', () => {
    const file = path.join(dir, 'publish.json')
    fs.writeFileSync(
      file,
      JSON.stringify({ ...saved('hung'), format: 'backend-hang-debug/saved-report@1', verdict: 'frozen' })
    )
    expect(() => readSavedReport(file)).toThrow(
      `post-report: ${file} is not a report saved by this action (format backend-hang-debug/saved-report@1).`
    )
    expect(() => readSavedReport(path.join(dir, 'missing.json'))).toThrow(/^post-report: cannot read .*missing\.json/)
  })
})
