// What counts as an event on a streaming response, by its content type: an
// SSE event for text/event-stream; a line for the JSON-lines family and
// text/plain; a chunk (what one read delivers) for anything else.

/** How a response's events are told apart. */
export type EventKind = 'sse' | 'lines' | 'chunks'

/** Counts the events of a response body as it arrives. */
export interface EventCounter {
  readonly events: number
  push(chunk: string): void
}

const LINE_TYPES = /^(application\/(x-ndjson|ndjson|jsonl|x-jsonlines|jsonlines|json-seq)|text\/plain)\b/i

export function eventKindOf(contentType: string): EventKind {
  if (/^text\/event-stream\b/i.test(contentType)) return 'sse'
  if (LINE_TYPES.test(contentType)) return 'lines'
  return 'chunks'
}

/** How the kind's event is named in a warning. */
export const EVENT_NAME: Record<EventKind, string> = { sse: 'SSE event', lines: 'line', chunks: 'data' }

export function counterFor(kind: EventKind): EventCounter {
  switch (kind) {
    case 'sse':
      return new SseEventCounter()
    case 'lines':
      return new LineCounter()
    case 'chunks':
      return new ChunkCounter()
  }
}

/**
 * Counts Server-Sent Events as the HTML spec dispatches them: an event is the
 * lines up to a blank line, and it is dispatched only if it has a data field.
 * Comment lines (`: ping`) and retry/id-only blocks are not events.
 */
export class SseEventCounter implements EventCounter {
  events = 0
  private partial = ''
  private hasData = false
  private lastWasCR = false

  push(chunk: string): void {
    let text = this.partial + chunk
    // a CR at the end of the last chunk already ended its line; skip the LF of a split CRLF
    if (this.lastWasCR && text.startsWith('\n')) text = text.slice(1)
    this.lastWasCR = false
    const lines = text.split(/\r\n|\r|\n/)
    this.partial = lines.pop() ?? ''
    if (this.partial === '' && text.endsWith('\r')) this.lastWasCR = true
    for (const line of lines) this.line(line)
  }

  private line(line: string): void {
    if (line === '') {
      if (this.hasData) this.events++
      this.hasData = false
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    if (field === 'data') this.hasData = true
  }
}

/** json-seq's record separator (RS, 0x1E), which begins each record. */
const RECORD_SEPARATOR = String.fromCharCode(0x1e)

/**
 * Counts the non-blank records of a line-delimited body (NDJSON, JSON lines,
 * text): each ends at a newline, or for application/json-seq at the record
 * separator that begins the next one.
 */
export class LineCounter implements EventCounter {
  events = 0
  private partial = ''

  push(chunk: string): void {
    const records = (this.partial + chunk).replaceAll(RECORD_SEPARATOR, '\n').split(/\r?\n/)
    this.partial = records.pop() ?? ''
    this.events += records.filter(r => r.trim() !== '').length
  }
}

/** Counts each piece of body that arrives: the server's writes, as the network delivers them. */
export class ChunkCounter implements EventCounter {
  events = 0

  push(chunk: string): void {
    if (chunk.length > 0) this.events++
  }
}
