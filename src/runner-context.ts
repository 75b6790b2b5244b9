// What the Actions runner tells us through the environment, read in one
// place: links for the report, the workspace, the app's environment.

import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ReportLinks } from './report.js'

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
    ...optional('actionRef', value('GITHUB_ACTION_REF'))
  }
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

export function reportLinks(context: RunnerContext, appRoot: string): ReportLinks {
  const { serverUrl, repository, sha, runId } = context
  // `uses: ./` leaves GITHUB_ACTION_REPOSITORY empty: the action is the repository itself
  const docRepository = context.actionRepository ?? repository
  const docRef = context.actionRepository ? context.actionRef : sha
  return {
    ...(repository && runId ? { run: `${serverUrl}/${repository}/actions/runs/${runId}` } : {}),
    pattern: id => (docRepository && docRef ? `${serverUrl}/${docRepository}/blob/${docRef}/README.md#${id}` : `README.md#${id}`),
    source: (appRelativePath, line) => {
      if (!repository || !sha) return undefined
      const inRepo = workspaceRelative(context.workspace, path.join(appRoot, appRelativePath))
      return inRepo ? `${serverUrl}/${repository}/blob/${sha}/${inRepo}#L${line}` : undefined
    }
  }
}

/**
 * The app's environment: the step's, minus what the runner gives only to this
 * action. The inputs (github-token among them) and the runtime tokens must
 * not reach the code under test, which may come from an untrusted PR.
 */
export function appEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const hidden = /^(INPUT_|STATE_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/
  return Object.fromEntries(Object.entries(env).filter(([name]) => !hidden.test(name)))
}
