package mail

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// ContentTypeQR marks an attachment whose data is the text of a QR code
// still to be drawn. Drawing one costs a fraction of a millisecond, which
// is too much on the path of a registration rush; it is drawn when the
// mail is built for sending instead.
const ContentTypeQR = "application/x.convene-qr"

// QRAttachment is an embedded QR code of text, shown in the HTML body as
// cid:contentID.
func QRAttachment(filename, contentID, text string) Attachment {
	return Attachment{Filename: filename, ContentType: ContentTypeQR, ContentID: contentID, Data: []byte(text)}
}

// materialize draws a pending QR code as a PNG; other attachments are
// returned as they are.
func (a Attachment) materialize() (Attachment, error) {
	if a.ContentType != ContentTypeQR {
		return a, nil
	}
	png, err := qrcode.Encode(string(a.Data), qrcode.Medium, -4)
	if err != nil {
		return Attachment{}, fmt.Errorf("draw qr code: %w", err)
	}
	a.ContentType, a.Data, a.Size = "image/png", png, len(png)
	return a, nil
}
