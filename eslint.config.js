import js from '@eslint/js'
import tseslint from 'typescript-eslint'

// The layers of src/, lowest first: each folder imports only from the ones
// before it (CONTRIBUTING.md, "Layout"). A wrong arrow fails npm run lint.
export const LAYERS = [
  'core',
  'os',
  'analysis',
  'fix',
  'report',
  'capture',
  'inputs',
  'engine',
  'github',
  'action',
  'cli'
]

function layerRules() {
  return LAYERS.map((layer, rank) => {
    const above = LAYERS.slice(rank + 1)
    return {
      files: [`src/${layer}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^\\.\\./(${above.join('|')})/`,
                message: `src/${layer}/ sits below ${above.join(', ')}: it may import only from ${LAYERS.slice(0, rank).join(', ') || 'nothing of ours'}. Move what it needs down a layer.`
              },
              {
                regex: '^\\.\\./(index|cli)\\.js$',
                message: 'the entries import the layers, never the other way round'
              }
            ]
          }
        ]
      }
    }
  })
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.venv/', 'coverage/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['error'] }]
    }
  },
  ...layerRules(),
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' }
  }
)
