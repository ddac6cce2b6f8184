// axe-core as the end-to-end tests use it: WCAG 2.1 A and AA; a violation
// of impact serious or critical fails the test, the lesser ones and what
// axe leaves to a person are printed.
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

type Result = Awaited<ReturnType<AxeBuilder['analyze']>>
type Violation = Result['violations'][number]

function describe(v: Violation): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `    at ${n.target.join(' ')}\n      ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
    .join('\n')
  const more = v.nodes.length > 5 ? `\n    ... and ${v.nodes.length - 5} more` : ''
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`
}

/** checkPage runs axe on what the page shows now and fails on serious or critical violations. */
export async function checkPage(page: Page, what: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const minor = result.violations.filter((v) => !serious.includes(v))
  if (minor.length > 0) {
    console.log(`axe, ${what} (${page.url()}): ${minor.length} minor or moderate\n${minor.map(describe).join('\n')}`)
  }
  // What axe cannot decide alone (contrast over an image, say) is for a person to look at.
  const review = result.incomplete.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (review.length > 0) {
    console.log(`axe, ${what} (${page.url()}): ${review.length} to review by hand\n${review.map(describe).join('\n')}`)
  }
  expect(serious, `axe found serious or critical violations on ${what} (${page.url()}):\n${serious.map(describe).join('\n')}\n`).toEqual([])
  expect(result.passes.length, `axe ran no check on ${what}`).toBeGreaterThan(0)
}

