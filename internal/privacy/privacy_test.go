package privacy

import (
	"context"
	"errors"
	"strings"
	"testing"

	"convene/internal/company"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/setting"
	"convene/internal/store/storetest"
)

func TestExportAndEraseAPerson(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	reg := company.NewService(st)
	r, _ := mail.NewRenderer(i18n.MustLoad(), setting.NewService(st))
	outbox := mail.NewOutbox(st, r)
	svc := NewService(st, reg, outbox)
	cvr := "61056416"
	co, _ := reg.Save(ctx, company.Company{Name: "Carlsberg", CVR: &cvr})
	k, err := reg.SaveContact(ctx, company.Contact{Name: "Karen Ærø", Email: "karen@carlsberg.dk", CompanyID: &co.ID})
	if err != nil {
		t.Fatal(err)
	}
	reg.GiveConsent(ctx, k.ID, "nytårskur 2026", "v1")
	m, err := outbox.Enqueue(ctx, mail.Draft{Kind: mail.KindService, Template: "test", ToName: "Karen Ærø", ToAddress: "karen@carlsberg.dk", Data: mail.TestData{}})
	if err != nil {
		t.Fatal(err)
	}
	outbox.Suppress(ctx, "karen@carlsberg.dk", "unsubscribed", "link")

	d, err := svc.Export(ctx, k.ID, "anne@balk.dk")
	if err != nil {
		t.Fatal(err)
	}
	if d.Contact.Email != "karen@carlsberg.dk" || d.Company == nil || len(d.Consents) != 1 || len(d.Mails) != 1 || d.Suppression == nil {
		t.Fatalf("export %+v", d)
	}
	if err := svc.Erase(ctx, k.ID, "anne@balk.dk", ""); err == nil {
		t.Fatal("erased without a reason")
	}
	if err := svc.Erase(ctx, k.ID, "anne@balk.dk", "request by e-mail 28.11.2026"); err != nil {
		t.Fatal(err)
	}
	if _, err := reg.GetContact(ctx, k.ID); !errors.Is(err, company.ErrContactNotFound) {
		t.Fatalf("contact after erasure: %v", err)
	}
	got, _ := outbox.Get(ctx, m.ID)
	if strings.Contains(got.ToAddress, "karen") || got.ToName != "" || got.TextBody != "" || got.HTMLBody != "" || got.State != m.State {
		t.Fatalf("mail after erasure: %+v", got)
	}
	if s, _ := outbox.SuppressionOf(ctx, "karen@carlsberg.dk"); s != nil {
		t.Fatal("the suppression kept the address")
	}
	if c, _ := reg.Consents(ctx, k.ID); len(c) != 0 {
		t.Fatal("consents survived the erasure")
	}
	var actions []Action
	st.R(ctx).Order("id").Find(&actions)
	if len(actions) != 2 || actions[0].Action != "export" || actions[1].Action != "erase" || actions[1].Actor != "anne@balk.dk" ||
		strings.Contains(actions[1].Subject, "karen") || actions[1].Subject != actions[0].Subject {
		t.Fatalf("recorded actions %+v", actions)
	}
	if _, err := svc.Export(ctx, k.ID, "x"); err == nil {
		t.Fatal("exported an erased person")
	}
}
