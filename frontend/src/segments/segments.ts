// A segment as its edit form holds it: the filter's yes/no choices as
// all/yes/no, so the radio groups can show "no restriction".
import type { company } from '../../wailsjs/go/models'
import type { FieldMessages } from '../forms/useForm'
import { triState } from '../register/paging'

export type Target = 'companies' | 'contacts'
export type Tri = 'all' | 'yes' | 'no'

export interface SegmentForm {
  id: number
  name: string
  target: Target
  clusters: string[]
  areas: string[]
  tags: string[]
  symbiosis: Tri
  hasContacts: Tri
  consent: Tri
}

export type SegmentField = 'name' | 'target'
export const segmentFields: readonly SegmentField[] = ['name', 'target']

export function blankSegment(): SegmentForm {
  return { id: 0, name: '', target: 'companies', clusters: [], areas: [], tags: [], symbiosis: 'all', hasContacts: 'all', consent: 'all' }
}

function tri(v: boolean | null | undefined): Tri {
  return v === true ? 'yes' : v === false ? 'no' : 'all'
}

export function toSegmentForm(s: company.Segment): SegmentForm {
  const f = s.filter ?? ({} as company.Filter)
  return {
    id: s.id,
    name: s.name,
    target: s.target === 'contacts' ? 'contacts' : 'companies',
    clusters: [...(f.clusters ?? [])],
    areas: [...(f.areas ?? [])],
    tags: [...(f.tags ?? [])],
    symbiosis: tri(f.symbiosis),
    hasContacts: tri(f.hasContacts),
    consent: tri(f.consent),
  }
}

/** filterOf is the server's filter; consent applies to contacts, hasContacts to companies. */
export function filterOf(f: SegmentForm): company.Filter {
  return {
    clusters: [...f.clusters],
    areas: [...f.areas],
    tags: [...f.tags],
    symbiosis: triState(f.symbiosis),
    consent: f.target === 'contacts' ? triState(f.consent) : undefined,
    hasContacts: f.target === 'companies' ? triState(f.hasContacts) : undefined,
  }
}

/** fromSegmentForm is the segment to save; the server sets count and times. */
export function fromSegmentForm(f: SegmentForm, current: company.Segment | null): company.Segment {
  return {
    id: f.id,
    name: f.name.trim().replace(/\s+/g, ' '),
    target: f.target,
    filter: filterOf(f),
    count: current?.count ?? 0,
    createdAt: current?.createdAt ?? null,
    updatedAt: current?.updatedAt ?? null,
  }
}

/** validateSegment mirrors the server's checks of the name and target. */
export function validateSegment(f: SegmentForm): FieldMessages<SegmentField> {
  const out: FieldMessages<SegmentField> = {}
  const name = f.name.trim()
  if (name === '') out.name = { key: 'error.required' }
  else if ([...name].length > 100) out.name = { key: 'error.too_long', params: { max: 100 } }
  if (f.target !== 'companies' && f.target !== 'contacts') out.target = { key: 'company.error.segment_target' }
  return out
}
