import { describe, expect, it } from 'vitest'
import { SseEventCounter } from '../../src/engine/stream.js'

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
