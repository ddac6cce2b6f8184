package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"convene/internal/campaign"
	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/setting"
	"convene/internal/store"
)

const campaignContacts = 20_000

// benchCampaign prepares and queues an invitation to 20,000 contacts with
// consent: recipient resolution, rendering every mail, and the outbox and
// recipient rows, as Send and the scheduler do it.
func benchCampaign(ctx context.Context, dir string, r *Report) error {
	st, err := store.Open(ctx, filepath.Join(dir, "campaign.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	settings := setting.NewService(st)
	cat := i18n.MustLoad()
	renderer, err := mail.NewRenderer(cat, settings)
	if err != nil {
		return err
	}
	outbox := mail.NewOutbox(st, renderer)
	register := company.NewService(st)
	events := event.NewService(st, "balk.dk")
	svc := campaign.NewService(st, settings, cat, register, events, outbox, func(context.Context) string { return "https://events.balk.dk" })
	now := time.Now().UTC()
	err = st.Tx(ctx, func(ctx context.Context) error {
		db := st.W(ctx)
		for i := 0; i < campaignContacts; i++ {
			name := fmt.Sprintf("Kontakt %05d Ærø", i)
			if err := db.Exec(`INSERT INTO contacts (name, name_key, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				name, name, fmt.Sprintf("kontakt%05d@firma%d.dk", i, i%900), now, now).Error; err != nil {
				return err
			}
		}
		return db.Exec(`INSERT INTO contact_consents (contact_id, given_at, source, wording_version) SELECT id, ?, 'import', 'v1' FROM contacts`, now).Error
	})
	if err != nil {
		return err
	}
	yes := true
	seg, err := register.SaveSegment(ctx, company.Segment{Name: "Alle med samtykke", Target: "contacts", Filter: company.Filter{Consent: &yes}})
	if err != nil {
		return err
	}
	start := now.Add(40 * 24 * time.Hour).Truncate(time.Hour)
	ev, err := events.Save(ctx, event.Event{Title: "Erhvervslivets nytårskur", StartsAt: start, EndsAt: start.Add(3 * time.Hour), Capacity: 500, Venue: "Ballerup Rådhus"})
	if err != nil {
		return err
	}
	if ev, err = events.Publish(ctx, ev.ID); err != nil {
		return err
	}
	c, err := svc.Save(ctx, campaign.Campaign{Name: "Nytårskur", Kind: campaign.KindInvitation, EventID: &ev.ID, SegmentIDs: []int64{seg.ID},
		Subject: "Invitation: {{.EventTitle}} {{.EventDate}}", Body: "Kære {{.FirstName}}\n\nVi inviterer **{{.CompanyName}}** til {{.EventTitle}} " +
			"den {{.EventDate}} kl. {{.EventTime}} på {{.EventPlace}}.\n\n[Tilmeld dig]({{.InvitationLink}})\n\n- Velkomst\n- Gazellerne 2026\n- Mad og netværk"}, "bench")
	if err != nil {
		return err
	}
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	t0 := time.Now()
	if _, err := svc.Send(ctx, c.ID); err != nil {
		return err
	}
	if err := svc.Queue(ctx, c.ID); err != nil {
		return err
	}
	took := time.Since(t0)
	p, err := svc.Progress(ctx, c.ID)
	if err != nil {
		return err
	}
	if p.Recipients != campaignContacts || p.Mail.Held+p.Mail.Queued != campaignContacts {
		return fmt.Errorf("queued %d recipients and %+v mails, want %d", p.Recipients, p.Mail, campaignContacts)
	}
	r.Add("campaign", "queue_s", took.Seconds(), "s", fmt.Sprintf("%d recipients resolved, rendered and written to the outbox (target < 10)", campaignContacts))
	r.Add("campaign", "peak_mb", peakRSSMB(), "MB", "peak resident memory while queueing (target < 200)")
	return nil
}

// resetPeakRSS starts the peak resident set size (VmHWM) afresh, so a part
// measures its own peak, not an earlier part's.
func resetPeakRSS() {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}
