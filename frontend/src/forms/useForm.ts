// The state every edit form shares: what was typed, which fields were
// touched, the client's own checks (shown once a field is touched or the
// form submitted), the server's field errors (shown next to the fields
// until the field is edited), the overall error and the success flag.
// A failed save never touches what was typed.

import { computed, reactive, ref, type Ref } from 'vue'
import { toProblem } from '../transport/errors'
import type { Message } from '../transport/problem'
import { useMessages } from './messages'

/** FieldMessages holds one message per field with a problem. */
export type FieldMessages<F extends string> = Partial<Record<F, Message>>

export interface FormOptions<F extends string, T extends object> {
  /** The values the form starts with. */
  initial: T
  /** The fields in the order they are shown: the first wrong one gets focus. */
  fields: readonly F[]
  /** A field's input has the id `<idPrefix>-<field>`. */
  idPrefix: string
  /** The client's checks of the whole form; reactive reads are tracked. */
  validate: (form: T) => FieldMessages<F>
  /** Saves the form and returns the values to show afterwards; a rejection is shown. */
  submit: (form: T) => Promise<T>
}

/** FieldBinding is what a field component needs of a form's state. */
export interface FieldBinding<F extends string> {
  form: Record<F, string>
  idPrefix: string
  fieldError: (f: F) => string
  edited: (f: F | null) => void
  touch: (f: F) => void
}

/** The validation message shown when the client finds a wrong field. */
export const validationProblem = { key: 'error.validation', message: '' }

/** useForm makes an edit form's state; call it from a component's setup. */
export function useForm<F extends string, T extends object>(opts: FormOptions<F, T>) {
  const { translate, errorText } = useMessages()
  // A plain object of strings and booleans: reactive() leaves its type as is.
  const form = reactive({ ...opts.initial }) as T
  const touched = reactive<Partial<Record<F, boolean>>>({}) as Partial<Record<F, boolean>>
  const serverErrors = ref({}) as Ref<FieldMessages<F>>
  const formError = ref<unknown>(null)
  const submitted = ref(false)
  const saving = ref(false)
  const saved = ref(false)
  const dirty = ref(false)

  const clientErrors = computed(() => opts.validate(form))
  const errorMessage = errorText(() => formError.value)

  /** fieldError is the text to show next to a field; '' when it is fine. */
  function fieldError(f: F): string {
    const client = touched[f] || submitted.value ? clientErrors.value[f] : undefined
    const m = client ?? serverErrors.value[f]
    return m ? translate(m) : ''
  }

  /** touch marks a field as visited (on blur), so its checks show. */
  function touch(f: F, on = true) {
    if (on) touched[f] = true
    else delete touched[f]
  }

  /** edited records a change, of a field or (null) of something without one. */
  function edited(f: F | null) {
    if (f) {
      touched[f] = true
      if (serverErrors.value[f]) {
        const rest = { ...serverErrors.value }
        delete rest[f]
        serverErrors.value = rest
      }
    }
    dirty.value = true
    saved.value = false
  }

  /** reset fills the form with values and forgets all edits and errors. */
  function reset(values: T) {
    Object.assign(form, values)
    for (const f of Object.keys(touched)) delete touched[f as F]
    serverErrors.value = {}
    submitted.value = false
    dirty.value = false
  }

  function focus(f: F) {
    document.getElementById(`${opts.idPrefix}-${f}`)?.focus()
  }

  /** save checks, submits and reports whether the form was saved. */
  async function save(): Promise<boolean> {
    submitted.value = true
    saved.value = false
    formError.value = null
    const first = opts.fields.find((f) => clientErrors.value[f])
    if (first) {
      formError.value = { ...validationProblem }
      focus(first)
      return false
    }
    saving.value = true
    try {
      reset(await opts.submit(form))
      saved.value = true
      return true
    } catch (err) {
      // Keep every typed value; only show what is wrong.
      const p = toProblem(err)
      serverErrors.value = (p.fields ?? {}) as FieldMessages<F>
      formError.value = p
      const bad = opts.fields.find((f) => serverErrors.value[f])
      if (bad) focus(bad)
      return false
    } finally {
      saving.value = false
    }
  }

  return {
    form,
    idPrefix: opts.idPrefix,
    touched,
    serverErrors,
    clientErrors,
    formError,
    errorMessage,
    submitted,
    saving,
    saved,
    dirty,
    fieldError,
    touch,
    edited,
    reset,
    save,
  }
}

/** FormState is what useForm returns. */
export type FormState<F extends string, T extends object> = ReturnType<typeof useForm<F, T>>
