// The state of the SMTP form, shared by the card and its DKIM part: what
// was typed, which fields were touched, and the errors to show next to
// each field (the client's own checks while typing, else the server's).

import { computed, reactive, ref } from 'vue'
import type { mail } from '../../../wailsjs/go/models'
import type { Message } from '../../transport/problem'
import { formFromView, validateSmtp, type SmtpErrors, type SmtpField, type SmtpForm } from './validate'

/** The settings of a server never configured, as the Go side defaults them. */
export const defaultView: mail.SettingsView = {
  host: '',
  port: 587,
  tls: 'starttls',
  username: '',
  passwordSet: false,
  fromName: '',
  fromAddress: '',
  replyTo: '',
  ratePerMinute: 30,
  dailyCap: 10000,
  dkimEnabled: false,
  dkimDomain: '',
  dkimSelector: '',
  dkimKeySet: false,
  dkimRecord: '',
  configured: false,
  updatedAt: null,
  updatedBy: '',
}

/** useSmtpForm makes the form's state; translate turns a Message into text. */
export function useSmtpForm(translate: (m: Message) => string) {
  const view = ref<mail.SettingsView | null>(null)
  const form = reactive<SmtpForm>(formFromView(defaultView))
  const touched = reactive<Partial<Record<SmtpField, boolean>>>({})
  const serverErrors = ref<SmtpErrors>({})
  const submitted = ref(false)
  const dirty = ref(false)
  const portTyped = ref(false)

  const clientErrors = computed(() => validateSmtp(form, !!view.value?.dkimKeySet))

  function fieldError(f: SmtpField): string {
    const client = touched[f] || submitted.value ? clientErrors.value[f] : undefined
    const m = client ?? serverErrors.value[f]
    return m ? translate(m) : ''
  }

  function edited(f: SmtpField) {
    touched[f] = true
    dirty.value = true
    if (f === 'port') portTyped.value = true
    if (serverErrors.value[f]) {
      const rest = { ...serverErrors.value }
      delete rest[f]
      serverErrors.value = rest
    }
  }

  /** reset fills the form from saved settings and forgets all edits. */
  function reset(v: mail.SettingsView) {
    view.value = v
    Object.assign(form, formFromView(v))
    for (const k of Object.keys(touched)) delete touched[k as SmtpField]
    serverErrors.value = {}
    submitted.value = false
    dirty.value = false
    portTyped.value = false
  }

  return { view, form, touched, serverErrors, submitted, dirty, portTyped, clientErrors, fieldError, edited, reset }
}

/** SmtpFormState is what useSmtpForm returns. */
export type SmtpFormState = ReturnType<typeof useSmtpForm>
