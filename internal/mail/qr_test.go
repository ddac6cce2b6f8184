package mail

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestQRCodesAreDrawnWhenBuilt checks that a pending QR attachment leaves
// the outbox as an embedded PNG that decodes, with its content id.
func TestQRCodesAreDrawnWhenBuilt(t *testing.T) {
	m := &Message{MessageID: "<1.a@balk.dk>", Kind: KindService, ToAddress: "anne@alfa.dk", Subject: "Kode",
		TextBody: "ABCD-EFGH", HTMLBody: `<p><img src="cid:checkin-qr" alt="ABCD-EFGH"></p>`, CreatedAt: time.Now(),
		Attachments: []Attachment{QRAttachment("checkin.png", "checkin-qr", "ABCD-EFGH")}}
	src, err := Source(m, Config{Host: "smtp.balk.dk", Port: 587, FromAddress: "events@balk.dk"})
	if err != nil {
		t.Fatal(err)
	}
	// RFC 2392: the header carries the id in angle brackets.
	if strings.Contains(src, ContentTypeQR) || !strings.Contains(strings.ToLower(src), "content-id: <checkin-qr>") {
		t.Fatalf("the QR code was not embedded:\n%s", src)
	}
	part := regexp.MustCompile(`(?s)Content-Type: image/png[^\r]*\r\n\r\n(.*?)\r\n\r\n--`).FindStringSubmatch(src)
	if part == nil {
		t.Fatalf("no PNG part:\n%s", src)
	}
	raw, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(part[1]))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil || img.Bounds().Dx() < 80 {
		t.Fatalf("png: %v %v", img, err)
	}
}
