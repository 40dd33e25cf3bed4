import { ConfigError } from '../../errors.js'
import type { CallOptions, VoiceInfo } from '../types.js'

/**
 * The voice id to send for `wanted`, matched on id or name without regard to case; an unknown
 * voice is a configuration mistake (exit 2), found before anything is paid for.
 */
export function resolveVoice(voices: readonly VoiceInfo[], wanted: string, where: { readonly ref: string; readonly call?: CallOptions | undefined }): string {
  const key = wanted.trim().toLowerCase()
  const found = voices.find((voice) => voice.id.toLowerCase() === key) ?? voices.find((voice) => voice.name.toLowerCase() === key)
  if (found) return found.id
  throw unknownVoice(voices, wanted, where)
}

export function unknownVoice(voices: readonly VoiceInfo[], wanted: string, where: { readonly ref: string; readonly call?: CallOptions | undefined }): ConfigError {
  const subject = where.call?.subject ? ` (${where.call.subject})` : ''
  const names = voices.map((voice) => (voice.name === voice.id ? voice.id : `${voice.id} (${voice.name})`))
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', ')
  return new ConfigError(`${where.ref} has no voice "${wanted}"${subject}`, {
    code: 'E_VOICE_UNKNOWN',
    hint: voices.length === 0 ? `this account has no voices on ${where.ref}` : `set the character's voice to one of: ${shown}`,
    details: names,
  })
}
