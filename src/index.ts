// The bundle's entry, for both `main` and `post` in action.yml.

import * as core from '@actions/core'
import { runMain } from './main.js'
import { runPost } from './post.js'
import { isPost, markMainStarted } from './state.js'

async function run(): Promise<void> {
  try {
    if (isPost) {
      await runPost()
    } else {
      markMainStarted()
      await runMain()
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? (error.stack ?? error.message) : String(error))
  }
}

await run()
