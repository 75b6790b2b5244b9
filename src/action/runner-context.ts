// What the Actions runner tells us through the environment, read in one
// place: links for the report, the workspace, the app's environment.

import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ReportLinks } from '../report/markdown.js'

export interface RunnerContext {
  workspace: string
  tempDir: string
  serverUrl: string
  repository?: string
  sha?: string
  runId?: string
  /** the repository and ref the action itself was taken from */
  actionRepository?: string
  actionRef?: string
  /** GITHUB_EVENT_NAME: pull_request, schedule, workflow_dispatch, ... */
  eventName: string
  /** GITHUB_JOB: the job's id */
  job?: string
  /** the branch the run is for (a PR's head branch) */
  branch?: string
  /** the pull request of a pull_request (or pull_request_target) event */
  pullRequest?: { number: number; headSha: string }
  /** a workflow_run event: the run that finished, and the PRs GitHub linked it to (none for forks) */
  workflowRun?: { headSha: string; pullRequests: number[] }
}

/** The event's payload (GITHUB_EVENT_PATH), or {} when there is none. */
function readEvent(file: string | undefined): Record<string, unknown> {
  if (!file) return {}
  try {
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
}

export function readRunnerContext(env: NodeJS.ProcessEnv, fallbackTemp: string): RunnerContext {
  const value = (name: string): string | undefined => (env[name] && env[name] !== '' ? env[name] : undefined)
  return {
    workspace: value('GITHUB_WORKSPACE') ?? process.cwd(),
    tempDir: value('RUNNER_TEMP') ?? fallbackTemp,
    serverUrl: value('GITHUB_SERVER_URL') ?? 'https://github.com',
    ...optional('repository', value('GITHUB_REPOSITORY')),
    ...optional('sha', value('GITHUB_SHA')),
    ...optional('runId', value('GITHUB_RUN_ID')),
    ...optional('actionRepository', value('GITHUB_ACTION_REPOSITORY')),
    ...optional('actionRef', value('GITHUB_ACTION_REF')),
    eventName: value('GITHUB_EVENT_NAME') ?? '',
    ...optional('job', value('GITHUB_JOB')),
    ...optional('branch', value('GITHUB_HEAD_REF') ?? value('GITHUB_REF_NAME')),
    ...eventFacts(readEvent(value('GITHUB_EVENT_PATH')))
  }
}

function eventFacts(event: Record<string, unknown>): Pick<RunnerContext, 'pullRequest' | 'workflowRun'> {
  const facts: Pick<RunnerContext, 'pullRequest' | 'workflowRun'> = {}
  const pr = record(event.pull_request)
  if (pr && typeof pr.number === 'number')
    facts.pullRequest = { number: pr.number, headSha: String(record(pr.head)?.sha ?? '') }
  const run = record(event.workflow_run)
  if (run) {
    const linked = Array.isArray(run.pull_requests) ? run.pull_requests : []
    facts.workflowRun = {
      headSha: String(run.head_sha ?? ''),
      pullRequests: linked.map(p => record(p)?.number).filter((n): n is number => typeof n === 'number')
    }
  }
  return facts
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p)
  } catch {
    return p
  }
}

/** The path of a file relative to the repository root, or undefined when it lies outside. */
export function workspaceRelative(workspace: string, absolutePath: string): string | undefined {
  const relative = path.relative(realpathOr(workspace), absolutePath)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return relative.split(path.sep).join('/')
}

/** The workflow run's page, when the runner says which run this is. */
export function runUrl(context: RunnerContext): string | undefined {
  return context.repository && context.runId
    ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
    : undefined
}

export function reportLinks(context: RunnerContext, appRoot: string): ReportLinks {
  const { serverUrl, repository, sha } = context
  const run = runUrl(context)
  // `uses: ./` leaves GITHUB_ACTION_REPOSITORY empty: the action is the repository itself
  const docRepository = context.actionRepository ?? repository
  const docRef = context.actionRepository ? context.actionRef : sha
  return {
    ...(run ? { run } : {}),
    pattern: id =>
      docRepository && docRef ? `${serverUrl}/${docRepository}/blob/${docRef}/README.md#${id}` : `README.md#${id}`,
    source: (appRelativePath, line) => {
      if (!repository || !sha) return undefined
      const inRepo = workspaceRelative(context.workspace, path.join(appRoot, appRelativePath))
      return inRepo ? `${serverUrl}/${repository}/blob/${sha}/${inRepo}#L${line}` : undefined
    }
  }
}
