// Where a report goes by event, and how it is cut to GitHub's size limit.

import { describe, expect, it } from 'vitest'
import { destinationsFor } from '../../src/github/publish.js'
import { fitToLimit } from '../../src/report/fit-to-limit.js'

describe('destinationsFor', () => {
  const auto = { comment: 'auto', trackingIssue: 'auto' } as const

  it('pull_request: the comment; schedule: the issue; dispatch: the branch PR; push: nothing', () => {
    expect(destinationsFor({ name: 'pull_request', pullRequest: 3 }, auto)).toEqual({
      pullRequest: { number: 3 },
      trackingIssue: false
    })
    expect(destinationsFor({ name: 'schedule', branch: 'main' }, auto)).toEqual({ trackingIssue: true })
    expect(destinationsFor({ name: 'workflow_dispatch', branch: 'fix-1' }, auto)).toEqual({
      pullRequest: { branch: 'fix-1' },
      trackingIssue: false
    })
    expect(destinationsFor({ name: 'push', branch: 'main' }, auto)).toEqual({ trackingIssue: false })
  })

  it('follows comment: never and tracking-issue: always / never', () => {
    expect(
      destinationsFor({ name: 'pull_request', pullRequest: 3 }, { comment: 'never', trackingIssue: 'always' })
    ).toEqual({ trackingIssue: true })
    expect(destinationsFor({ name: 'schedule' }, { comment: 'auto', trackingIssue: 'never' })).toEqual({
      trackingIssue: false
    })
  })
})

describe('fitToLimit', () => {
  const head =
    '## 🛑 backend-hang-debug: hung: `sync-sleep`\n\n- **Culprit:** `app/main.py:9`\n\n### Fix\n\nawait asyncio.sleep(1)\n'
  const stacks = (title: string, size: number): string =>
    `<details>\n<summary>${title}</summary>\n\n\`\`\`\n${'x'.repeat(size)}\n\`\`\`\n\n</details>`

  it('keeps a report under the limit as it is', () => {
    expect(fitToLimit(head, 1000, 'the summary')).toBe(head)
  })

  it('drops collapsed sections from the end, nested ones whole, and keeps the head', () => {
    const nested = `<details>\n<summary>Previous diagnosis</summary>\n\n${stacks('inner', 10)}\n\n</details>`
    const report = `${head}\n${stacks('Event loop thread stack', 300)}\n\n${nested}\n\n${stacks('Other threads (200)', 5000)}\n`
    const cut = fitToLimit(report, 1200, 'the summary')
    expect(cut.length).toBeLessThanOrEqual(1200)
    expect(cut.startsWith(head)).toBe(true)
    expect(cut).toContain('_(Other threads (200): cut, see the full report)_')
    expect(cut).toContain('<summary>Event loop thread stack</summary>')
    expect(cut.endsWith("> ✂️ This report was cut to fit GitHub's size limit. The full report: the summary.\n")).toBe(
      true
    )
  })

  it('as a last resort cuts at a line and closes an open code block', () => {
    const report = `${head}\n\`\`\`\n${'line\n'.repeat(1000)}\`\`\`\n`
    const cut = fitToLimit(report, 600, 'the summary')
    expect(cut.length).toBeLessThanOrEqual(600)
    expect(cut.split('\n').filter(l => l.startsWith('```')).length % 2).toBe(0)
    expect(cut).toContain('### Fix')
  })
})
