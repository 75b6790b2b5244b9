// The life of one stream as its client sees it, shared by the HTTP and the
// WebSocket clients: when it answered, its events counted up to the
// disconnect's trigger with the gaps between them, when it may be aborted,
// how it ended, and the result handed back at the disconnect.

import type { StreamEnd, StreamResult } from '../core/model.js'

export class StreamProgress {
  readonly result: StreamResult
  /** true at the answer (headers, or an open WebSocket); false when abort-after elapses first or the connection fails */
  readonly responded: Promise<boolean>
  /** once the stream may be aborted: enough events, abort-after elapsed, or the stream ended */
  readonly abortable: Promise<void>
  /** at the first event, or when the stream is abortable without one */
  readonly firstEvent: Promise<void>
  private readonly started = performance.now()
  private lastEventAt = this.started
  private ended: StreamEnd | undefined
  private closed = false
  private resolveResponded!: (value: boolean) => void
  private rejectResponded!: (error: Error) => void
  private resolveAbortable!: () => void
  private resolveFirstEvent!: () => void
  private readonly timer: ReturnType<typeof setTimeout>

  constructor(
    index: number,
    private readonly abortAfterEvents: number,
    abortAfterMs: number,
    kind?: StreamResult['kind']
  ) {
    this.result = { index, ...(kind ? { kind } : {}), events: 0, openMs: 0, end: 'failed' }
    this.responded = new Promise<boolean>((resolve, reject) => {
      this.resolveResponded = resolve
      this.rejectResponded = reject
    })
    // the engine may stop listening after another stream failed; never leave a rejection unhandled
    this.responded.catch(() => undefined)
    this.abortable = new Promise<void>(resolve => (this.resolveAbortable = resolve))
    this.firstEvent = Promise.race([this.abortable, new Promise<void>(resolve => (this.resolveFirstEvent = resolve))])
    this.timer = setTimeout(() => {
      this.resolveResponded(false)
      this.resolveAbortable()
    }, abortAfterMs)
  }

  /** The client closed it: what fails after that is the client's doing, not the app's. */
  get isClosed(): boolean {
    return this.closed
  }

  respond(answered: boolean): void {
    this.resolveResponded(answered)
  }

  /** The route answered in a way that is a configuration problem, not a hang. */
  refuse(error: Error): void {
    this.rejectResponded(error)
  }

  /** The stream may be aborted now (a sniff has its headers). */
  allowAbort(): void {
    this.resolveAbortable()
  }

  /**
   * The events received so far reached `total`; counted up to the
   * disconnect's trigger (abort-after-events): what comes while the last
   * probe is proved is not the route's doing.
   */
  counted(total: number): void {
    const { result } = this
    if (result.events >= this.abortAfterEvents || total <= result.events) return
    const now = performance.now()
    result.events = total
    result.firstEventMs ??= now - this.started
    result.longestGapMs = Math.max(result.longestGapMs ?? 0, now - this.lastEventAt)
    this.lastEventAt = now
    this.resolveFirstEvent()
    if (result.events >= this.abortAfterEvents) this.resolveAbortable()
  }

  /** The stream ended (by the server, or failing) before the client disconnected; only the first end counts. */
  finish(end: StreamEnd, detail?: string): void {
    if (this.ended) return
    this.ended = end
    if (detail) this.result.detail = detail
    this.result.openMs = performance.now() - this.started
    this.resolveAbortable()
  }

  /** Disconnects (once, with `disconnect`) and returns what was seen. */
  close(disconnect: () => void): StreamResult {
    clearTimeout(this.timer)
    if (!this.closed) {
      this.closed = true
      if (!this.ended)
        this.finish(this.result.events >= this.abortAfterEvents ? 'aborted-after-events' : 'aborted-after-time')
      disconnect()
    }
    this.resolveResponded(false)
    this.result.end = this.ended ?? 'failed'
    return { ...this.result }
  }
}
