// The state of the SMTP form, shared by the card and its DKIM part: the
// common form state (see forms/useForm) plus the saved settings as shown
// and whether a port was typed (an untyped one follows the encryption).

import { ref } from 'vue'
import { SaveSettings } from '../../../wailsjs/go/app/Mail'
import type { mail } from '../../../wailsjs/go/models'
import { useForm } from '../../forms/useForm'
import { formFromView, smtpFields, toInput, validateSmtp, type SmtpField, type SmtpForm } from './validate'

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

/** useSmtpForm makes the form's state; call it from the card's setup. */
export function useSmtpForm() {
  const view = ref<mail.SettingsView | null>(null)
  const portTyped = ref(false)

  // Show saved settings: the form is filled from them, edits are forgotten.
  function adopt(v: mail.SettingsView): SmtpForm {
    view.value = v
    portTyped.value = false
    return formFromView(v)
  }

  const base = useForm({
    initial: formFromView(defaultView),
    fields: smtpFields,
    idPrefix: 'smtp',
    validate: (form) => validateSmtp(form, !!view.value?.dkimKeySet),
    submit: async (form) => adopt(await SaveSettings(toInput(form))),
  })

  function edited(f: SmtpField | null) {
    base.edited(f)
    if (f === 'port') portTyped.value = true
  }

  /** reset fills the form from saved settings and forgets all edits. */
  function reset(v: mail.SettingsView) {
    base.reset(adopt(v))
  }

  return { ...base, view, portTyped, edited, reset }
}

/** SmtpFormState is what useSmtpForm returns. */
export type SmtpFormState = ReturnType<typeof useSmtpForm>
