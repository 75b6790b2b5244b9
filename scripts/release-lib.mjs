// The text handling of a release, pure so that it can be tested without a
// repository: the next version, the changelog moved under it, the notes of
// one version, and the tag a release workflow was started for.

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/
const UNRELEASED_HEADING = /^## \[Unreleased\][ \t]*$/m
const VERSION_HEADING = /^## \[(\d+\.\d+\.\d+)\](?: - \d{4}-\d{2}-\d{2})?[ \t]*$/gm

/** [major, minor, patch] of "X.Y.Z", or an error naming what was wrong. */
export function parseVersion(text, what = 'version') {
  const match = SEMVER.exec(text)
  if (!match)
    throw new Error(`${what} must be a version like 1.2.3 (major.minor.patch, no "v", no pre-release), got "${text}"`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

/**
 * The version after `current` for `wanted`: "major", "minor", "patch" or an
 * explicit "X.Y.Z" (a leading "v" is accepted), which must be newer.
 */
export function nextVersion(current, wanted) {
  const [major, minor, patch] = parseVersion(current, "package.json's version")
  if (wanted === 'major') return `${major + 1}.0.0`
  if (wanted === 'minor') return `${major}.${minor + 1}.0`
  if (wanted === 'patch') return `${major}.${minor}.${patch + 1}`
  const explicit = String(wanted ?? '').replace(/^v/, '')
  const parts = parseVersion(explicit, 'the release (major, minor, patch or X.Y.Z)')
  if (compare(parts, [major, minor, patch]) <= 0)
    throw new Error(`the release must be newer than ${current}, got ${explicit}`)
  return explicit
}

/** "v1" for "v1.4.2": the tag that users of @v1 follow. */
export function majorTag(version) {
  return `v${parseVersion(version.replace(/^v/, ''))[0]}`
}

/**
 * The version a release workflow was started for, from its tag ("v1.2.3");
 * throws when the tag is not a version tag or does not name package.json's
 * version (a tag pushed without `npm run release`).
 */
export function versionOfTag(tag, packageVersion) {
  if (!/^v\d/.test(tag)) throw new Error(`the tag must be a version tag like v1.2.3, got "${tag}"`)
  const version = tag.slice(1)
  parseVersion(version, `the tag "${tag}"`)
  if (version !== packageVersion) {
    throw new Error(
      `the tag ${tag} does not match package.json's version ${packageVersion}; prepare a release with \`npm run release -- ${version}\` and tag the commit it makes`
    )
  }
  return version
}

/**
 * The changelog with its Unreleased section moved under `version` and `date`
 * (YYYY-MM-DD), a new empty Unreleased section above it, and the links at
 * the bottom updated (Unreleased compares from the new tag; the new version
 * compares with the one before it).
 */
export function releaseChangelog(text, version, date) {
  parseVersion(version)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`the date must be YYYY-MM-DD, got "${date}"`)
  const heading = UNRELEASED_HEADING.exec(text)
  if (!heading) throw new Error('CHANGELOG.md has no "## [Unreleased]" section')
  const bodyStart = heading.index + heading[0].length
  const next = nextHeadingAfter(text, bodyStart)
  const body = text.slice(bodyStart, next).trim()
  if (body === '')
    throw new Error('the Unreleased section of CHANGELOG.md is empty: say what this release changes first')
  if (versionsIn(text).includes(version)) throw new Error(`CHANGELOG.md already has a section for ${version}`)
  const previous = versionsIn(text)[0]

  const sections = `## [Unreleased]\n\n## [${version}] - ${date}\n\n${body}\n\n`
  let released = text.slice(0, heading.index) + sections + text.slice(next).replace(/^\n+/, '')
  released = updateLinks(released, version, previous)
  return released
}

/** The body of `version`'s section (without its heading), for release notes. */
export function releaseNotes(text, version) {
  VERSION_HEADING.lastIndex = 0
  for (let match; (match = VERSION_HEADING.exec(text));) {
    if (match[1] !== version) continue
    const bodyStart = match.index + match[0].length
    const body = text.slice(bodyStart, nextHeadingAfter(text, bodyStart)).trim()
    if (body === '') throw new Error(`the section for ${version} in CHANGELOG.md is empty`)
    return `${body}\n`
  }
  throw new Error(
    `CHANGELOG.md has no section for ${version}; prepare the release with \`npm run release -- ${version}\``
  )
}

/** The versions with a section, newest first (the order of the file). */
export function versionsIn(text) {
  VERSION_HEADING.lastIndex = 0
  return [...text.matchAll(VERSION_HEADING)].map(match => match[1])
}

/** Where the next "## " heading or the link references start after `from`. */
function nextHeadingAfter(text, from) {
  const rest = text.slice(from)
  const next = /^(## |\[[^\]]+\]: )/m.exec(rest)
  return next ? from + next.index : text.length
}

function updateLinks(text, version, previous) {
  const unreleased = /^\[Unreleased\]: (\S+)\/compare\/\S+\.\.\.HEAD[ \t]*$/m.exec(text)
  if (!unreleased) return text
  const base = unreleased[1]
  const own = previous ? `${base}/compare/v${previous}...v${version}` : `${base}/releases/tag/v${version}`
  const lines = [`[Unreleased]: ${base}/compare/v${version}...HEAD`, `[${version}]: ${own}`]
  return text.replace(unreleased[0], lines.join('\n'))
}
