// merge-results: the result files of several jobs (the shards of a matrix)
// read back, checked, and merged into one verdict, one list of routes and
// one report. Pure: the files' text in, the merged result and its Markdown out.

import { formatDuration } from '../core/durations.js'
import { isVerdict, worstOf, type Verdict } from '../core/model.js'
import { VERSION } from '../core/version.js'
import { fixSection } from './fix-section.js'
import { details, type ReportLinks } from './markdown.js'
import {
  BEGAN,
  beganIn,
  excerptBlock,
  ICON,
  patternFact,
  placeFacts,
  routeHeading,
  titleLine,
  verdictLabel
} from './report.js'
import {
  RESULT_FORMAT,
  routeLine,
  type NotCheckedRoute,
  type ResultDocument,
  type RouteDocument
} from './result-document.js'

export class MergeInputError extends Error {
  constructor(message: string) {
    super(`merge-results: ${message}`)
    this.name = 'MergeInputError'
  }
}

/** One job's result file, read and checked. */
export interface JobResult {
  /** where it was read from, for messages */
  source: string
  document: ResultDocument
}

/** A route of the merged result: the job's route, with the job that checked it. */
export type MergedRoute = (RouteDocument | NotCheckedRoute) & { job: string }

export interface MergedResults {
  verdict: Verdict
  headline: string
  /** the jobs, in shard order (or the order given) */
  jobs: { label: string; source: string; shard: boolean; verdict: Verdict; headline: string; routes: number }[]
  /** every route of every job */
  routes: MergedRoute[]
  /** the first route with the worst verdict, when a route set it */
  decisive?: MergedRoute & RouteDocument
  /** the shards of the split no result was given for: their routes were not checked */
  missingShards: string[]
  healthPath: string
  warnings: string[]
}

const WHAT_TO_GIVE = 'give the result.json files the runs wrote (their result-path output), or the folders holding them'

/** Reads one result file's text; throws MergeInputError saying what is wrong with it. */
export function parseResultFile(text: string, source: string): ResultDocument {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new MergeInputError(`${source} is not JSON (${(error as Error).message}); ${WHAT_TO_GIVE}.`)
  }
  const document = (typeof data === 'object' && data !== null ? data : {}) as Partial<ResultDocument>
  const format: unknown = document.format
  if (typeof format === 'string' && format !== RESULT_FORMAT && format.startsWith('backend-hang-debug/result@')) {
    throw new MergeInputError(
      `${source} was written in the result format ${format} (by backend-hang-debug ${String(document.version ?? 'of another version')}); this one (${VERSION}) reads ${RESULT_FORMAT}. Merge the results of jobs that ran one version of the action.`
    )
  }
  if (format !== RESULT_FORMAT)
    throw new MergeInputError(
      `${source} is not a result file of backend-hang-debug: it has no "format": "${RESULT_FORMAT}"; ${WHAT_TO_GIVE}.`
    )
  const problem = !isVerdict(document.verdict)
    ? `its verdict ${JSON.stringify(document.verdict)} is not one of the verdicts`
    : !Array.isArray(document.routes)
      ? 'it has no list of routes'
      : document.routes.some(
            r => typeof r?.method !== 'string' || typeof r.path !== 'string' || !isRouteVerdict(r.verdict)
          )
        ? 'a route in it has no method, path or verdict'
        : undefined
  if (problem) throw new MergeInputError(`${source} is not a whole result file: ${problem}.`)
  return document as ResultDocument
}

function isRouteVerdict(value: unknown): boolean {
  return value === 'not-checked' || isVerdict(value)
}

const shardLabel = (shard: { index: number; count: number }): string => `${shard.index}/${shard.count}`

/**
 * One verdict from the jobs' results: the worst of them, every route of
 * every job, and the shards of the split that no result was given for.
 * Two results of one shard, or shards of different splits, are refused.
 */
export function mergeResults(results: JobResult[]): MergedResults {
  if (results.length === 0) throw new MergeInputError(`no result file was found; ${WHAT_TO_GIVE}.`)
  const counts = new Set(results.flatMap(r => (r.document.shard ? [r.document.shard.count] : [])))
  if (counts.size > 1) {
    const split = results.map(
      r => `${r.source} is ${r.document.shard ? `shard ${shardLabel(r.document.shard)}` : 'not a shard'}`
    )
    throw new MergeInputError(`the results are of different splits: ${split.join(', ')}.`)
  }
  const seen = new Map<number, string>()
  for (const { source, document } of results) {
    const shard = document.shard
    if (!shard) continue
    const earlier = seen.get(shard.index)
    if (earlier)
      throw new MergeInputError(
        `shard ${shardLabel(shard)} is given twice, in ${earlier} and ${source}; give each shard's result once.`
      )
    seen.set(shard.index, source)
  }
  const [count] = [...counts]
  const missingShards =
    count === undefined
      ? []
      : Array.from({ length: count }, (_, i) => i + 1)
          .filter(index => !seen.has(index))
          .map(index => shardLabel({ index, count }))
  // shards in their order; jobs that are not shards after them, as given
  const shardIndex = (r: JobResult): number => r.document.shard?.index ?? Number.MAX_SAFE_INTEGER
  const ordered = [...results].sort((a, b) => shardIndex(a) - shardIndex(b))
  const jobs = ordered.map(({ source, document }, i) => ({
    label: document.shard ? shardLabel(document.shard) : `job ${i + 1}`,
    source,
    shard: document.shard !== undefined,
    verdict: document.verdict,
    headline: document.headline,
    routes: document.routes.length
  }))
  const routes: MergedRoute[] = ordered.flatMap(({ document }, i) =>
    document.routes.map(route => ({ ...route, job: (jobs[i] as MergedResults['jobs'][number]).label }))
  )
  const worstJob = worstOf(jobs) as MergedResults['jobs'][number]
  const checked = routes.filter((r): r is MergedRoute & RouteDocument => r.verdict !== 'not-checked')
  // the first route with the run's verdict; none when that verdict came from a job that checked no route
  const worstRoute = worstOf(checked)
  const decisive =
    worstRoute && worstRoute.verdict !== 'healthy' && worstRoute.verdict === worstJob.verdict ? worstRoute : undefined
  const warnings = [
    ...missingShards.map(
      shard =>
        `No result was given for shard ${shard}: its routes were not checked (did its job fail before it wrote one?).`
    ),
    ...ordered.flatMap(({ document }, i) => document.warnings.map(w => `${(jobs[i] as { label: string }).label}: ${w}`))
  ]
  return {
    verdict: worstJob.verdict,
    headline: headlineOf(worstJob, jobs.length, routes),
    jobs,
    routes,
    ...(decisive ? { decisive } : {}),
    missingShards,
    healthPath: ordered[0]?.document.healthPath ?? '/health',
    warnings
  }
}

function headlineOf(worstJob: MergedResults['jobs'][number], jobCount: number, routes: MergedRoute[]): string {
  const checked = routes.filter(r => r.verdict !== 'not-checked')
  if (worstJob.verdict === 'healthy')
    return `Every route was healthy: ${checked.length} route(s) checked in ${jobCount} job(s).`
  const broken = checked.filter(r => r.verdict !== 'healthy').length
  const more = broken > 1 ? ` ${broken} of the ${checked.length} routes checked are broken; each is below.` : ''
  return `${jobCount > 1 ? `${worstJob.label}: ` : ''}${worstJob.headline}${more}`
}

/** The merged result as the result-path file of the merging job. */
export function mergedDocument(merged: MergedResults) {
  return {
    format: RESULT_FORMAT,
    version: VERSION,
    merged: true,
    verdict: merged.verdict,
    headline: merged.headline,
    healthPath: merged.healthPath,
    pattern: merged.decisive?.pattern ?? '',
    culprit: merged.decisive?.culprit ?? '',
    jobs: merged.jobs,
    missingShards: merged.missingShards,
    routes: merged.routes,
    warnings: merged.warnings
  }
}

/** The merged routes in a line each, for the routes output. */
export function mergedRoutesOutput(merged: MergedResults): object[] {
  return merged.routes.map(route => (route.verdict === 'not-checked' ? route : { ...routeLine(route), job: route.job }))
}

/** The merged report: one verdict, every route of every job, each broken route's diagnosis and fix. */
export function renderMergedReport(merged: MergedResults, links: ReportLinks): string {
  const decisive = merged.decisive
  const shards = merged.jobs.filter(j => j.shard).length
  const parts = [
    titleLine(merged.verdict, decisive?.pattern),
    '',
    merged.headline,
    '',
    '### Routes',
    '',
    `${merged.routes.length} route(s) from ${merged.jobs.length} job(s)${shards > 0 ? ` (${shards} shard(s) of ${merged.jobs.length + merged.missingShards.length})` : ''}, merged.`
  ]
  for (const shard of merged.missingShards)
    parts.push('', `⚠️ **No result for shard ${shard}:** its routes were not checked.`)
  parts.push('', '| route | job | verdict | slowest probe |', '|---|---|---|---:|')
  for (const route of merged.routes) {
    const label = `\`${route.method} ${route.path}\``
    if (route.verdict === 'not-checked') {
      parts.push(`| ${label} | ${route.job} | not checked: ${route.reason} | — |`)
      continue
    }
    parts.push(
      `| ${label} | ${route.job} | ${verdictLabel(route.verdict, route.pattern)} | ${Math.round(route.slowestProbeMs)} ms |`
    )
  }
  for (const job of merged.jobs.filter(j => j.routes === 0 && j.verdict !== 'healthy'))
    parts.push('', `${ICON[job.verdict]} **${job.label}** (${job.source}): ${job.headline}`)
  for (const route of merged.routes) {
    if (route.verdict === 'not-checked' || route.verdict === 'healthy') continue
    parts.push('', ...brokenRouteSection(route, links, merged.healthPath))
  }
  if (merged.warnings.length > 0)
    parts.push('', details(`Warnings (${merged.warnings.length})`, merged.warnings.map(w => `- ${w}`).join('\n')))
  const footer = [`${merged.routes.length} routes`, `${merged.jobs.length} jobs`, `backend-hang-debug ${VERSION}`]
  if (links.run) footer.push(`[workflow run](${links.run})`)
  parts.push('', `<sub>${footer.join(' · ')}</sub>`)
  return parts.join('\n') + '\n'
}

function brokenRouteSection(route: MergedRoute & RouteDocument, links: ReportLinks, healthPath: string): string[] {
  const parts = [
    `${routeHeading(route.verdict, `${route.method} ${route.path}`, route.pattern)} (${route.job})`,
    '',
    route.headline
  ]
  const diagnosis = route.diagnosis
  if (!diagnosis) return parts
  const facts = [patternFact(diagnosis.pattern, links), ...placeFacts(diagnosis, links)]
  const began = beganIn(route)
  if (began) facts.push(`- **Began:** ${BEGAN[began]}`)
  const longest = route.timings.longestStallMs
  if (route.verdict === 'stalled' && longest !== undefined)
    facts.push(`- **Lasted:** ${formatDuration(longest)} (the longest stall)`)
  parts.push('', facts.join('\n'), '', diagnosis.explanation)
  const excerpt = excerptBlock(diagnosis)
  if (excerpt) parts.push('', excerpt)
  if (route.fix) parts.push('', '#### Fix', '', fixSection(route.fix, route.fix.verification, links, healthPath))
  return parts
}
