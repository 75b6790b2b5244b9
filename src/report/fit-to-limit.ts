// Cutting a report to GitHub's size limit for a comment or an issue body:
// the collapsed sections go first, the verdict, culprit and fix always stay.

interface Block {
  start: number
  end: number
  summary: string
}

/** The top-level `<details>` blocks and Mermaid charts, by line, outside code fences. */
function droppableBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let fence = ''
  let depth = 0
  let open: Block | undefined
  lines.forEach((line, i) => {
    const fenceMatch = /^(`{3,})/.exec(line)
    if (fence === '' && fenceMatch && line.startsWith('```mermaid') && depth === 0) {
      open = { start: i, end: i, summary: 'the latency chart' }
    }
    if (fenceMatch) {
      if (fence === '') fence = fenceMatch[1] as string
      else if (line.trim() === fence) {
        fence = ''
        if (open && open.summary === 'the latency chart' && depth === 0) {
          blocks.push({ ...open, end: i })
          open = undefined
        }
      }
      return
    }
    if (fence !== '') return
    const opens = (line.match(/<details[\s>]/g) ?? []).length
    const closes = (line.match(/<\/details>/g) ?? []).length
    if (depth === 0 && opens > 0) open = { start: i, end: i, summary: 'a section' }
    if (open && depth === 1 && open.summary === 'a section') {
      const summary = /<summary>(.*?)<\/summary>/.exec(line)
      if (summary) open.summary = summary[1] as string
    }
    depth += opens - closes
    if (open && depth === 0 && closes > 0) {
      blocks.push({ ...open, end: i })
      open = undefined
    }
  })
  return blocks
}

/**
 * The report cut to at most `limit` characters for a comment or an issue:
 * the collapsed sections (stacks, other threads, app output) and the chart go
 * first, from the end, each replaced by a line that says so; the verdict, the
 * culprit and the fix come before them and stay. Only when that is not enough
 * is the rest cut at a line, with any open code block closed.
 */
export function fitToLimit(markdown: string, limit: number, fullReportAt: string): string {
  if (markdown.length <= limit) return markdown
  const note = `\n\n> ✂️ This report was cut to fit GitHub's size limit. The full report: ${fullReportAt}.\n`
  let lines = markdown.split('\n')
  const size = (): number => lines.join('\n').length + note.length
  for (const block of droppableBlocks(lines).reverse()) {
    if (size() <= limit) break
    lines = [
      ...lines.slice(0, block.start),
      `_(${block.summary.replace(/<[^>]+>/g, '')}: cut, see the full report)_`,
      ...lines.slice(block.end + 1)
    ]
  }
  let text = lines.join('\n')
  if (text.length + note.length > limit) {
    text = text.slice(0, Math.max(0, limit - note.length - 10))
    text = text.slice(0, Math.max(0, text.lastIndexOf('\n')))
    const fences = text.split('\n').filter(line => /^`{3,}/.test(line)).length
    if (fences % 2 === 1) text += '\n```'
  }
  return text.trimEnd() + note
}
