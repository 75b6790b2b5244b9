// Removes secrets from text the action publishes (report file, job summary,
// PR comment). The app's log tail and command lines are the app's own output
// and may hold credentials; GitHub masks registered secrets in the log, but
// not in a comment posted through the API.

/** Names of environment variables whose values are treated as secrets. */
const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH(?!OR)|_KEY$|^KEY$)/i

/** Token shapes that are secrets wherever they appear. */
const TOKEN_SHAPES: RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
  /\bsk-[A-Za-z0-9_-]{20,}\b/g,
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi
]

/** Values shorter than this are not redacted by value: "1" or "true" would wreck the text. */
const MIN_SECRET_LENGTH = 6

export const REDACTED = '***'

/** The secret values of an environment, longest first so that overlapping values are fully removed. */
export function secretValues(env: NodeJS.ProcessEnv, extra: string[] = []): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined)
    .map(([, value]) => value as string)
  return [...new Set([...values, ...extra])]
    .filter(v => v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
}

export function redact(text: string, secrets: string[]): string {
  let result = text
  for (const secret of secrets) result = result.split(secret).join(REDACTED)
  for (const shape of TOKEN_SHAPES) {
    result = result.replace(shape, (match, prefix: unknown) =>
      typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED
    )
  }
  return result
}
