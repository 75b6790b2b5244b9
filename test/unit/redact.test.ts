import { describe, expect, it } from 'vitest'
import { redact, secretValues } from '../../src/report/redact.js'

describe('secretValues', () => {
  it('takes the values of secret-looking variables, longest first, and skips short ones', () => {
    const env = {
      DATABASE_PASSWORD: 'correct-horse',
      STRIPE_API_KEY: 'stripe-live-123456',
      'INPUT_GITHUB-TOKEN': 'ghs_abcdefghijklmnopqrstuvwxyz',
      GIT_AUTHOR_NAME: 'Ada Lovelace',
      FEATURE_TOKEN_ENABLED: 'true',
      PATH: '/usr/bin'
    }
    expect(secretValues(env, ['extra-secret'])).toEqual([
      'ghs_abcdefghijklmnopqrstuvwxyz',
      'stripe-live-123456',
      'correct-horse',
      'extra-secret'
    ])
  })
})

describe('redact', () => {
  it('removes secret values and common token shapes', () => {
    const text = [
      'connecting to postgres://app:correct-horse@db/app',
      'token ghp_0123456789abcdefghijABCDEFGHIJ012345 used',
      'aws AKIAABCDEFGHIJKLMNOP here',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
      'pat github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz'
    ].join('\n')
    expect(redact(text, ['correct-horse'])).toBe(
      [
        'connecting to postgres://app:***@db/app',
        'token *** used',
        'aws *** here',
        'Authorization: Bearer ***',
        'pat ***'
      ].join('\n')
    )
  })

  it('leaves ordinary text alone', () => {
    const text = 'INFO: 127.0.0.1:5000 - "GET /health HTTP/1.1" 200 OK'
    expect(redact(text, [])).toBe(text)
  })
})

describe('what counts as a secret', () => {
  it.each([
    ['DB_PASSWD', true],
    ['GPG_PASSPHRASE', true],
    ['GOOGLE_APPLICATION_CREDENTIALS', true],
    ['SSH_PRIVATE', true],
    ['OPENAI_APIKEY', true],
    ['AWS_ACCESS_KEY_ID', true],
    ['AWS_ACCESSKEY', true],
    ['BASIC_AUTH', true],
    ['SIGNING_KEY', true],
    ['KEY', true],
    ['client_secret', true],
    ['KEYBOARD', false],
    ['MONKEY_BUSINESS', false],
    ['KEY_ID', false],
    ['GIT_AUTHOR_EMAIL', false],
    ['HOME', false]
  ])('%s: %s', (name, secret) => {
    expect(secretValues({ [name]: 'value-long-enough' })).toEqual(secret ? ['value-long-enough'] : [])
  })

  it('redacts values of six characters or more, and each once whatever its length', () => {
    expect(secretValues({ A_TOKEN: '123456', B_TOKEN: '12345', C_TOKEN: undefined }, ['abcdef', 'abcdef'])).toEqual([
      '123456',
      'abcdef'
    ])
    expect(secretValues({})).toEqual([])
    expect(redact('pw=abcdefgh and abcdef', secretValues({}, ['abcdef', 'abcdefgh']))).toBe('pw=*** and ***')
  })

  it.each([
    ['xoxb-1234567890-abc', '***'],
    ['xoxq-1234567890-abc', 'xoxq-1234567890-abc'],
    ['xoxb-123', 'xoxb-123'],
    ['sk-abcdefghijklmnopqrstu', '***'],
    ['sk-short', 'sk-short'],
    ['ghs_abcdefghijklmnopqrst', '***'],
    ['ASIAABCDEFGHIJKLMNOP', '***'],
    ['Authorization: bearer  abcdefgh1', 'Authorization: bearer  ***'],
    ['Bearer abc', 'Bearer abc'],
    ['the bearer of bad news', 'the bearer of bad news']
  ])('%s', (text, redacted) => {
    expect(redact(text, [])).toBe(redacted)
  })
})
