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
    expect(secretValues(env, ['extra-secret'])).toEqual(['ghs_abcdefghijklmnopqrstuvwxyz', 'stripe-live-123456', 'correct-horse', 'extra-secret'])
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
