// Files to and from the server: an upload read as base64, a download from
// the server's FileData, and a JSON document saved as a file.
import type { app } from '../../wailsjs/go/models'
import { saveFile } from '../mail/download'

/** readFileBase64 reads a chosen file as standard base64. */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

/** readFileData turns a chosen file into what the server takes. */
export async function readFileData(file: File): Promise<app.FileData> {
  return { filename: file.name, contentType: file.type, dataBase64: await readFileBase64(file) }
}

/** download offers a file from the server as a download. */
export function download(f: app.FileData): void {
  saveFile(f.filename, f.contentType, f.dataBase64)
}

/** utf8Base64 encodes text as UTF-8 and then base64. */
export function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin)
}

/** fileSlug makes a name safe in a file name: letters and digits joined by hyphens. */
export function fileSlug(name: string, fallback: string): string {
  const s = name.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')
  return s || fallback
}

/** saveJSON offers a value as a pretty-printed JSON file. */
export function saveJSON(filename: string, value: unknown): void {
  saveFile(filename, 'application/json', utf8Base64(JSON.stringify(value, null, 2) + '\n'))
}
