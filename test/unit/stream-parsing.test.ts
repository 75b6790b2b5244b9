import { describe, expect, it } from 'vitest'
import { counterFor, EVENT_NAME, eventKindOf, SseEventCounter } from '../../src/engine/stream-events.js'

function count(...chunks: string[]): number {
  const counter = new SseEventCounter()
  for (const chunk of chunks) counter.push(chunk)
  return counter.events
}

describe('SseEventCounter', () => {
  it('counts events with data, ended by a blank line', () => {
    expect(count('data: a\n\ndata: b\n\n')).toBe(2)
    expect(count('event: article\ndata: {"x":1}\nid: 3\n\n')).toBe(1)
    expect(count('data\n\n')).toBe(1)
  })

  it('does not count comments, keep-alive pings or blocks without data', () => {
    expect(count(': ping\n\n', 'retry: 1000\n\n', 'event: open\n\n')).toBe(0)
    expect(count(': ping - 2026-01-01\r\n\r\n', 'data: x\r\n\r\n')).toBe(1)
  })

  it('waits for the blank line before counting', () => {
    const counter = new SseEventCounter()
    counter.push('data: partial')
    expect(counter.events).toBe(0)
    counter.push('\n')
    expect(counter.events).toBe(0)
    counter.push('\n')
    expect(counter.events).toBe(1)
  })

  it('handles CRLF split across chunks and bare CR line ends', () => {
    expect(count('data: a\r', '\n\r', '\n')).toBe(1)
    expect(count('data: a\r\rdata: b\r\r')).toBe(2)
  })
})

describe('what counts as an event, by content type', () => {
  it.each([
    ['text/event-stream; charset=utf-8', 'sse'],
    ['application/x-ndjson', 'lines'],
    ['application/jsonl', 'lines'],
    ['application/json-seq', 'lines'],
    ['text/plain; charset=utf-8', 'lines'],
    ['application/json', 'chunks'],
    ['application/octet-stream', 'chunks'],
    ['', 'chunks']
  ])('%s: %s', (contentType, kind) => {
    expect(eventKindOf(contentType)).toBe(kind)
  })

  it('counts the non-blank lines of NDJSON as they complete, across chunks and CRLFs', () => {
    const counter = counterFor('lines')
    counter.push('{"response": "a"}\n{"resp')
    expect(counter.events).toBe(1)
    counter.push('onse": "b"}\r\n\n')
    expect(counter.events).toBe(2)
    counter.push('{"done": true}')
    expect(counter.events).toBe(2)
  })

  it('counts json-seq records by their separator', () => {
    const counter = counterFor('lines')
    counter.push(`${String.fromCharCode(0x1e)}{"a":1}\n${String.fromCharCode(0x1e)}{"b":2}\n`)
    expect(counter.events).toBe(2)
  })

  it('counts each non-empty piece of any other body', () => {
    const counter = counterFor('chunks')
    counter.push('{"partial":')
    counter.push('')
    counter.push(' true}')
    expect(counter.events).toBe(2)
    expect(EVENT_NAME).toEqual({ sse: 'SSE event', lines: 'line', chunks: 'data' })
  })
})
