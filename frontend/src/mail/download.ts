// Saving an attachment: the server hands its content over as base64; the
// browser (or the Wails webview) saves it through a temporary link.

/** base64ToBytes decodes standard base64. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** saveFile offers the content to the user as a download called filename. */
export function saveFile(filename: string, contentType: string, dataBase64: string, doc: Document = document): void {
  const blob = new Blob([base64ToBytes(dataBase64)], { type: contentType || 'application/octet-stream' })
  const url = URL.createObjectURL(blob)
  const a = doc.createElement('a')
  a.href = url
  a.download = filename || 'attachment'
  a.rel = 'noopener'
  a.style.display = 'none'
  doc.body.appendChild(a)
  try {
    a.click()
  } finally {
    a.remove()
    // Give the browser time to start the download before the URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
