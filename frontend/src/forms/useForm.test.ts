import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createAppI18n } from '../i18n'
import type { Message } from '../transport/problem'
import { useForm, type FieldMessages } from './useForm'

type Field = 'name' | 'email'
interface Values {
  name: string
  email: string
}

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

/** mountForm runs useForm inside a component with an input per field. */
function mountForm(submit: (v: Values) => Promise<Values>, initial: Values = { name: 'Anna', email: 'anna@balk.dk' }) {
  let state!: ReturnType<typeof useForm<Field, Values>>
  const Harness = defineComponent({
    setup() {
      state = useForm<Field, Values>({
        initial,
        fields: ['name', 'email'],
        idPrefix: 'test',
        validate: (v) => {
          const errs: FieldMessages<Field> = {}
          if (v.name.trim() === '') errs.name = { key: 'error.required' }
          if (!v.email.includes('@')) errs.email = { key: 'error.email' }
          return errs
        },
        submit,
      })
      return () =>
        h('form', [h('input', { id: 'test-name' }), h('input', { id: 'test-email' }), h('button', { id: 'other' })])
    },
  })
  const wrapper = mount(Harness, { global: { plugins: [createAppI18n('da')] }, attachTo: document.body })
  return { wrapper, state }
}

const rejection = (fields: Record<string, Message>) => ({ key: 'error.validation', message: 'x', fields })

describe('useForm', () => {
  it('shows a client error only once the field is touched or the form submitted', async () => {
    const { state } = mountForm(vi.fn())
    state.form.name = ''
    expect(state.fieldError('name')).toBe('')
    state.touch('name')
    expect(state.fieldError('name')).toBe('Skal udfyldes.')
    state.touch('name', false)
    expect(state.fieldError('name')).toBe('')
    state.form.email = 'nope'
    await state.save()
    expect(state.fieldError('email')).toBe('Skriv en gyldig e-mailadresse, fx navn@firma.dk.')
  })

  it('does not submit while a field is wrong, focuses the first wrong field and keeps the values', async () => {
    const submit = vi.fn()
    const { state } = mountForm(submit)
    ;(document.getElementById('other') as HTMLElement).focus()
    state.form.name = ''
    state.form.email = 'nope'
    expect(await state.save()).toBe(false)
    expect(submit).not.toHaveBeenCalled()
    expect(document.activeElement?.id).toBe('test-name')
    expect(state.errorMessage.value).toBe('Nogle felter skal rettes.')
    expect(state.saved.value).toBe(false)
    expect(state.form).toEqual({ name: '', email: 'nope' })
  })

  it('maps the server field errors to the fields, focuses the first and keeps what was typed', async () => {
    const submit = vi.fn().mockRejectedValue(
      rejection({ email: { key: 'error.too_long', params: { max: 5 } }, name: { key: 'no.such.key' } }),
    )
    const { state } = mountForm(submit)
    state.edited('email')
    state.form.email = 'karen@firma.dk'
    expect(await state.save()).toBe(false)
    expect(submit).toHaveBeenCalledWith(state.form)
    expect(state.fieldError('email')).toBe('Må højst være 5 tegn.')
    // An unknown key never shows as the raw key.
    expect(state.fieldError('name')).toMatch(/^Der skete en uventet fejl/)
    expect(document.activeElement?.id).toBe('test-name')
    expect(state.form).toEqual({ name: 'Anna', email: 'karen@firma.dk' })
    expect(state.errorMessage.value).toBe('Nogle felter skal rettes.')
    expect(state.saved.value).toBe(false)
    expect(state.saving.value).toBe(false)
  })

  it('drops a field’s server error when that field is edited, and only that one', async () => {
    const { state } = mountForm(vi.fn().mockRejectedValue(rejection({ name: { key: 'error.required' }, email: { key: 'error.email' } })))
    await state.save()
    expect(state.fieldError('name')).toBe('Skal udfyldes.')
    state.edited('name')
    expect(state.fieldError('name')).toBe('')
    expect(state.fieldError('email')).toBe('Skriv en gyldig e-mailadresse, fx navn@firma.dk.')
    expect(state.dirty.value).toBe(true)
  })

  it('a client error wins over the server error once the field is checked', async () => {
    const { state } = mountForm(vi.fn().mockRejectedValue(rejection({ email: { key: 'error.too_long', params: { max: 5 } } })))
    await state.save()
    state.form.email = 'nope'
    expect(state.fieldError('email')).toBe('Skriv en gyldig e-mailadresse, fx navn@firma.dk.')
  })

  it('reports success, shows the saved values and forgets edits and errors', async () => {
    let release!: (v: Values) => void
    const submit = vi.fn(() => new Promise<Values>((r) => (release = r)))
    const { state } = mountForm(submit)
    state.form.name = '  Karen '
    state.edited('name')
    const done = state.save()
    expect(state.saving.value).toBe(true)
    release({ name: 'Karen', email: 'anna@balk.dk' })
    expect(await done).toBe(true)
    await flushPromises()
    expect(state.saving.value).toBe(false)
    expect(state.saved.value).toBe(true)
    expect(state.formError.value).toBeNull()
    expect(state.form.name).toBe('Karen')
    expect(state.dirty.value).toBe(false)
    expect(state.submitted.value).toBe(false)
    expect(state.touched).toEqual({})
    // An edit after a save takes the notice away.
    state.edited('email')
    expect(state.saved.value).toBe(false)
  })

  it('clears the overall error and the notice when saving again', async () => {
    const submit = vi.fn().mockRejectedValueOnce({ key: 'error.forbidden', message: 'x' })
    submit.mockImplementation(async (v: Values) => ({ ...v }))
    const { state } = mountForm(submit)
    await state.save()
    expect(state.errorMessage.value).toBe('Du har ikke adgang til at gøre dette.')
    expect(await state.save()).toBe(true)
    expect(state.errorMessage.value).toBe('')
    expect(state.saved.value).toBe(true)
  })
})
