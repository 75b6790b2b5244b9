// merge-results mode: the final job of a matrix split by shard. It reads the
// result files the shards wrote (downloaded as artifacts), runs nothing, and
// posts one report: the worst verdict, every route of every shard, each
// broken route's diagnosis and fix, and the shards that gave no result.

import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { failsTheRun } from '../analysis/verdict.js'
import type { Settings } from '../core/settings.js'
import { suggestionsFor } from '../github/suggestion.js'
import { plainText } from '../report/markdown.js'
import {
  MergeInputError,
  mergedDocument,
  mergedRoutesOutput,
  mergeResults,
  parseResultFile,
  renderMergedReport,
  type JobResult
} from '../report/merged-results.js'
import { redact, secretValues } from '../report/redact.js'
import { commentKeyOf, publish, runUrlOf, writeSummary } from './outlets.js'
import { reportLinks, workspaceRelative, type RunnerContext } from './runner-context.js'

/** The name every run gives its result file: in a folder, the files of this name are the results. */
const RESULT_FILE = 'result.json'

/**
 * The result files the lines name: a file as it is; a folder, every
 * result.json in it and in its subfolders, where a folder holding one is a
 * run's evidence folder and is not looked into further.
 */
export function resultFilesIn(locations: string[]): string[] {
  const files: string[] = []
  const walk = (dir: string): void => {
    if (fs.existsSync(path.join(dir, RESULT_FILE))) {
      files.push(path.join(dir, RESULT_FILE))
      return
    }
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) if (entry.isDirectory()) walk(path.join(dir, entry.name))
  }
  for (const location of locations) {
    if (!fs.existsSync(location))
      throw new MergeInputError(
        `${location} does not exist; give the result files (or folders holding them) one per line.`
      )
    const before = files.length
    if (fs.statSync(location).isDirectory()) walk(location)
    else files.push(location)
    if (files.length === before) throw new MergeInputError(`${location} holds no ${RESULT_FILE}.`)
  }
  return [...new Set(files)]
}

export async function mergeAndPost(settings: Settings, context: RunnerContext): Promise<void> {
  const shown = (file: string): string => workspaceRelative(context.workspace, file) ?? file
  let merged
  try {
    const results: JobResult[] = resultFilesIn(settings.mergeResults).map(file => ({
      source: shown(file),
      document: parseResultFile(fs.readFileSync(file, 'utf8'), shown(file))
    }))
    merged = mergeResults(results)
  } catch (error) {
    if (!(error instanceof MergeInputError)) throw error
    core.setFailed(error.message)
    return
  }
  const report = redact(
    renderMergedReport(merged, reportLinks(context, settings.workingDirectory)),
    secretValues(process.env, [settings.githubToken])
  )
  const dir = fs.mkdtempSync(path.join(context.tempDir, 'backend-hang-debug-merged-'))
  const reportPath = path.join(dir, 'report.md')
  const resultPath = path.join(dir, RESULT_FILE)
  fs.writeFileSync(reportPath, report)
  fs.writeFileSync(resultPath, JSON.stringify(mergedDocument(merged), null, 2))

  const decisive = merged.decisive
  core.setOutput('verdict', merged.verdict)
  core.setOutput('routes', JSON.stringify(mergedRoutesOutput(merged)))
  core.setOutput('pattern', decisive?.pattern ?? '')
  core.setOutput('culprit', decisive?.culprit ?? '')
  core.setOutput(
    'health-latency-ms',
    String(Math.max(0, ...merged.routes.map(r => ('slowestProbeMs' in r ? r.slowestProbeMs : 0))))
  )
  core.setOutput('stall-ms', String(decisive?.timings.longestStallMs ?? ''))
  core.setOutput('report-path', reportPath)
  core.setOutput('result-path', resultPath)
  core.setOutput('evidence-dir', dir)
  for (const name of ['dump-path', 'app-log-path', 'publish-path']) core.setOutput(name, '')

  core.info(`Merged ${merged.jobs.length} result(s): ${merged.jobs.map(j => `${j.label} (${j.source})`).join(', ')}`)
  core.info(`Verdict: ${merged.verdict}: ${plainText(merged.headline)}`)
  for (const warning of merged.warnings) core.warning(warning)
  await writeSummary(report)

  const suggestions = suggestionsFor(
    merged.routes.flatMap(route =>
      route.verdict === 'not-checked'
        ? []
        : [
            {
              verdict: route.verdict,
              ...(route.pattern ? { pattern: route.pattern } : {}),
              ...(route.fix
                ? { fix: route.fix, ...(route.fix.verification ? { verification: route.fix.verification } : {}) }
                : {})
            }
          ]
    ),
    // the shards ran on other machines: their edits are placed by the path in the app, from this job's working-directory
    edit => workspaceRelative(context.workspace, path.join(settings.workingDirectory, edit.path)),
    merged.healthPath
  )
  await publish(
    settings,
    context,
    {
      verdict: merged.verdict,
      ...(decisive?.pattern ? { pattern: decisive.pattern } : {}),
      ...(decisive?.culprit ? { culprit: decisive.culprit } : {}),
      markdown: report,
      sha: context.pullRequest?.headSha || context.sha || '',
      ...runUrlOf(context)
    },
    commentKeyOf(settings, context),
    suggestions
  )
  if (failsTheRun(merged, settings)) core.setFailed(`${merged.verdict}: ${plainText(merged.headline)}`)
  else if (merged.missingShards.length > 0)
    // a shard with no result checked nothing we know of: no pass on its routes
    core.setFailed(
      `No result was given for shard ${merged.missingShards.join(', ')}: its routes were not checked. Merge after every shard has run (needs: the matrix job, with if: always()).`
    )
}
