import { createRedactor, type Redactor } from '../providers/http/redact.js'

/** Names that hold credentials by convention: OPENAI_API_KEY, FAL_KEY, HF_TOKEN, AWS_SECRET… */
const SECRET_NAME = /(_KEY|_TOKEN|_SECRET|_PASSWORD|API_KEY)$/i

/**
 * A redactor that knows every credential in the environment before any provider loads one, so
 * nothing the CLI prints or logs can carry a key — even one a provider never read.
 */
export function redactorFromEnv(env: NodeJS.ProcessEnv): Redactor {
  const redactor = createRedactor()
  for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) redactor.add(value)
  return redactor
}
