// The bundle's entry, for both `main` and `post` in action.yml.

import * as core from '@actions/core'
import { runMain } from './github/main.js'
import { runPost } from './github/post.js'
import { isPost, markMainStarted } from './github/state.js'

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
