import { FormData } from 'undici'

/** A text field, or a file part; repeat a name (`image[]`) to send several files under it. */
export type MultipartPart =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly data: Uint8Array; readonly mediaType: string; readonly filename: string }

/** A new form per attempt: a form's body stream is consumed by sending it. */
export function buildForm(parts: readonly MultipartPart[]): FormData {
  const form = new FormData()
  for (const part of parts) {
    if ('value' in part) form.append(part.name, part.value)
    else form.append(part.name, new Blob([part.data], { type: part.mediaType }), part.filename)
  }
  return form
}
