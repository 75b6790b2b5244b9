// The engine reports progress through this interface so that it runs the
// same under the Actions runner (workflow commands) and anywhere else.

export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export const silentLogger: Logger = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined
}
