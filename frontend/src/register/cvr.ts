// CVR and P-numbers as the Go side's company package reads them: people
// type spaces, dashes, dots and a "DK" prefix; the register keeps digits.

/** The modulus-11 weights of a CVR number (Erhvervsstyrelsen). */
const cvrWeights = [2, 7, 6, 5, 4, 3, 2, 1]

/** normalizeCVR removes the spaces, dashes, dots and "DK" prefix people type. */
export function normalizeCVR(s: string): string {
  let v = (s ?? '').trim().toUpperCase()
  if (v.startsWith('DK')) v = v.slice(2)
  return v.replace(/[ .-]/g, '')
}

/**
 * validCVR reports whether s (normalised) is a CVR number: eight digits,
 * the first not 0, whose weighted sum is divisible by 11.
 */
export function validCVR(s: string): boolean {
  if (!/^[1-9][0-9]{7}$/.test(s)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * cvrWeights[i]
  return sum % 11 === 0
}

/** normalizePNumber removes the spaces people type in a P-number. */
export function normalizePNumber(s: string): string {
  return (s ?? '').trim().replace(/ /g, '')
}

/** validPNumber checks only the form (ten digits): some were issued with wrong check weights. */
export function validPNumber(s: string): boolean {
  return /^[0-9]{10}$/.test(s)
}

/** splitPNumbers reads the P-number field: numbers separated by commas, semicolons or new lines. */
export function splitPNumbers(text: string): string[] {
  return (text ?? '')
    .split(/[,;\n]/)
    .map(normalizePNumber)
    .filter((p) => p !== '')
}
