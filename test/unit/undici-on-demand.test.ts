// The action bundle's stand-in for undici: it hands every use to the real
// undici once the GitHub client's chunk has given it, and says what went
// wrong if something uses it before. The bundle itself keeps undici out of
// its entry file, which every run parses.

import * as fs from 'node:fs'
import * as path from 'node:path'
import * as realUndici from 'undici/index.js'
import { describe, expect, it } from 'vitest'
import { ProxyAgent, fetch, provideUndici } from '../../src/github/undici-on-demand.js'
import { repoRoot } from '../support/paths.js'

describe('the undici stand-in', () => {
  it('refuses use before the GitHub client has loaded undici, then hands every use to it', async () => {
    expect(() => new ProxyAgent('http://127.0.0.1:9')).toThrow(
      'undici was used before the GitHub client loaded it (see src/github/undici.ts)'
    )
    expect(() => fetch('http://127.0.0.1:9')).toThrow('undici was used before the GitHub client loaded it')

    provideUndici(realUndici)
    const agent = new ProxyAgent('http://127.0.0.1:9')
    expect(agent).toBeInstanceOf(realUndici.ProxyAgent)
    await agent.close()
    const answer = await fetch('data:text/plain,through%20undici')
    expect(answer).toBeInstanceOf(realUndici.Response)
    expect(await answer.text()).toBe('through undici')
  })
})

describe('dist/index.js', () => {
  // a string of undici's own source (its global dispatcher's symbol)
  const UNDICI_MARK = 'undici.globalDispatcher'
  const dist = path.join(repoRoot, 'dist')
  const chunks = fs.readdirSync(dist).filter(file => /^\d+\.index\.js$/.test(file))

  it('leaves undici to the chunk that talks to GitHub: a run that posts nothing never parses it', () => {
    expect(fs.readFileSync(path.join(dist, 'index.js'), 'utf8')).not.toContain(UNDICI_MARK)
    const carriers = chunks.filter(file => fs.readFileSync(path.join(dist, file), 'utf8').includes(UNDICI_MARK))
    expect(carriers).toHaveLength(1)
    const carrier = fs.readFileSync(path.join(dist, carriers[0] ?? ''), 'utf8')
    expect(carrier).toContain('getOctokit')
  })
})
