// The settings a run is made with, typed: what the inputs (INPUT_* or the
// command line's flags) become once inputs/ has read and checked them.

import type { Route } from './model.js'

export type CommentMode = 'auto' | 'always' | 'never'

/** When a run opens, updates and closes a tracking issue: auto means on scheduled runs. */
export type TrackingIssueMode = 'auto' | 'always' | 'never'

export type PySpySetting = { mode: 'auto' } | { mode: 'off' } | { mode: 'path'; path: string }

/** Whether the suggested change is tried in a scratch copy of the app: auto, when it is a mechanical edit. */
export type VerifyFixMode = 'auto' | 'never'

/** Whether the app is started again after a route left it broken, to check the routes after it. */
export type RestartMode = 'auto' | 'never'

/** How stacks are taken: py-spy when it works, else faulthandler (auto); only one of them. */
export type CaptureMode = 'auto' | 'py-spy' | 'faulthandler'

export interface Settings {
  startCommand: string
  /** absolute path; the app's cwd and the root culprit paths are relative to */
  workingDirectory: string
  /** origin plus optional base path, without a trailing slash */
  baseUrl: string
  healthPath: string
  /** the routes stream-path names; none: find the streaming routes (discovery) */
  routes: Route[]
  /** where the app serves its OpenAPI document, for discovery */
  openapiPath: string
  /** glob patterns of paths discovery leaves alone */
  excludePaths: string[]
  /** at most this many routes are checked */
  maxRoutes: number
  /** the method of a route whose line names none */
  streamMethod: string
  streamBody: string
  streamHeaders: [string, string][]
  abortAfterEvents: number
  abortAfterMs: number
  cycles: number
  concurrency: number
  healthTimeoutMs: number
  /** the loop blocked at least this long, while every probe answered within healthTimeoutMs, is a stall */
  stallThresholdMs: number
  /** how long to keep probing after each disconnect; undefined: from the stream's event gaps */
  settleMs?: number
  /** the app is kept running and watched, idle, until this long after its first healthy probe; 0: not at all */
  minWatchMs: number
  /** when a route leaves the app hung, crashed or failing: start it again and check the rest (auto), or stop there (never) */
  restart: RestartMode
  /** this job's share of the routes (matrix jobs): index of count, 1-based; undefined: every route */
  shard?: { index: number; count: number }
  startupTimeoutMs: number
  pySpy: PySpySetting
  /** the py-spy to install when none is found: the pinned version is checked against its sha256 */
  pySpyVersion: string
  capture: CaptureMode
  githubToken: string
  comment: CommentMode
  /** told apart in the comment's and issue's marker, so that matrix jobs keep one comment each; '' for the job's id */
  commentKey: string
  trackingIssue: TrackingIssueMode
  allowPullRequestTarget: boolean
  /** post-report mode: the saved report (publish.json, or the directory holding it) to post; nothing is run */
  postReport: string
  /** merge-results mode: the result files (or folders holding them) of several jobs to merge and post; nothing is run */
  mergeResults: string[]
  failOnHang: boolean
  failOnStall: boolean
  verifyFix: VerifyFixMode
}
