package mail

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
)

// TestDKIMSignaturesVerify signs a campaign-like mail, List-Unsubscribe
// headers included, and verifies it with an independent implementation.
func TestDKIMSignaturesVerify(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	v, err := e.settings.GenerateDKIMKey(ctx, "test")
	if err != nil || !v.DKIMKeySet || !strings.HasPrefix(v.DKIMRecord, "v=DKIM1; k=rsa; p=") {
		t.Fatalf("generate key: %+v, %v", v, err)
	}
	e.configure(func(in *SettingsInput) {
		in.DKIMEnabled, in.DKIMDomain, in.DKIMSelector = true, "balk.dk", "convene2026"
	})
	_, err = e.outbox.Enqueue(ctx, Draft{Kind: KindMarketing, Template: "test", ToName: "Søren Ærø", ToAddress: "soeren@firma.dk",
		Data: TestData{Host: "smtp.test", SentAt: e.clock.Now()},
		Headers: map[string]string{
			"List-Unsubscribe":      "<https://events.balk.dk/u/very-long-token-0123456789abcdef0123456789abcdef>, <mailto:afmeld@balk.dk?subject=unsubscribe>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		}})
	if err != nil {
		t.Fatal(err)
	}
	e.worker(WorkerOptions{})
	if !e.smtp.WaitFor(1, 10*time.Second) {
		t.Fatal("not delivered")
	}
	raw := e.smtp.Messages()[0].Data
	verifications, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{
		LookupTXT: func(domain string) ([]string, error) {
			if domain != "convene2026._domainkey.balk.dk" {
				t.Errorf("looked up %s", domain)
			}
			return []string{v.DKIMRecord}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(verifications) != 1 || verifications[0].Err != nil {
		t.Fatalf("verifications: %+v\n%s", verifications, raw)
	}
	signed := strings.ToLower(strings.Join(verifications[0].HeaderKeys, ":"))
	for _, h := range []string{"from", "to", "subject", "list-unsubscribe", "list-unsubscribe-post"} {
		if !strings.Contains(":"+signed+":", ":"+h+":") {
			t.Errorf("%s is not signed (signed: %s)", h, signed)
		}
	}
	if verifications[0].Domain != "balk.dk" {
		t.Errorf("signing domain %q", verifications[0].Domain)
	}
}

// TestDKIMHeaderListFitsOneLine guards the go-mail folding bug: the signed
// header list must stay short enough that go-mail never folds it.
func TestDKIMHeaderListFitsOneLine(t *testing.T) {
	if n := len("h=" + strings.Join(dkimHeaders, ":") + ";"); n > 74 {
		t.Fatalf("the signed-header tag is %d characters; go-mail folds it wrongly beyond 74", n)
	}
}
