/** A translatable message: a catalog key and its {name} parameters. */
export interface Message {
  key: string
  params?: Record<string, unknown>
}

/**
 * Problem is how both transports report an error: the Go side's
 * i18n.Problem, as the RPC endpoint answers it and as Wails rejects a bound
 * method's promise with it.
 */
export interface Problem extends Message {
  /** Per-field messages of a validation error, by JSON field name. */
  fields?: Record<string, Message>
  /** The message already translated into the server's default language. */
  message: string
}
