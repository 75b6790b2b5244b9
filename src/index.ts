// The bundle's entry, for both `main` and `post` in action.yml.

import * as core from '@actions/core'
import { runMain } from './action/main.js'
import { runPost } from './action/post.js'
import { isPost, markMainStarted } from './action/state.js'

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
