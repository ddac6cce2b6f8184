package app

import (
	"convene/internal/campaign"
)

// Campaigns are the department's mailings and invitations.
type Campaigns struct{ call }

// CampaignOptions are the choices the campaign editor offers.
type CampaignOptions struct {
	Kinds  []campaign.Kind `json:"kinds"`
	Fields []string        `json:"fields"`
}

// Options lists the kinds and the merge fields.
func (c *Campaigns) Options() CampaignOptions {
	return CampaignOptions{Kinds: campaign.Kinds, Fields: campaign.FieldNames}
}

// List returns every campaign, newest first.
func (c *Campaigns) List() ([]campaign.Campaign, error) { return c.deps.Campaigns.List(c.ctx) }

// Get returns one campaign.
func (c *Campaigns) Get(id int64) (campaign.Campaign, error) { return c.deps.Campaigns.Get(c.ctx, id) }

// Save creates or updates a draft.
func (c *Campaigns) Save(in campaign.Campaign) (campaign.Campaign, error) {
	return c.deps.Campaigns.Save(c.ctx, in, c.actor.Email)
}

// Delete removes a draft.
func (c *Campaigns) Delete(id int64) error { return c.deps.Campaigns.Delete(c.ctx, id) }

// AudienceSummary is who a campaign would reach: the exact count, the
// first recipients, and everyone left out with the reason.
type AudienceSummary struct {
	Count    int                  `json:"count"`
	Sample   []campaign.Recipient `json:"sample"`
	Excluded []campaign.Exclusion `json:"excluded"`
	Reasons  map[string]int       `json:"reasons"`
}

// Audience resolves a campaign's recipients now (saved or not).
func (c *Campaigns) Audience(in campaign.Campaign) (AudienceSummary, error) {
	a, err := c.deps.Campaigns.Audience(c.ctx, in)
	if err != nil {
		return AudienceSummary{}, err
	}
	return AudienceSummary{Count: len(a.Recipients), Sample: a.Recipients[:min(len(a.Recipients), 50)], Excluded: a.Excluded, Reasons: a.Reasons}, nil
}

// Preview renders the campaign for one contact (0: the first recipient)
// in lang ("da", "en" or "" for the contact's own).
func (c *Campaigns) Preview(in campaign.Campaign, contactID int64, lang string) (campaign.Preview, error) {
	return c.deps.Campaigns.Preview(c.ctx, in, contactID, lang)
}

// TestSend mails the campaign, as one contact would get it, to a staff
// address.
func (c *Campaigns) TestSend(in campaign.Campaign, contactID int64, to string) error {
	return c.deps.Campaigns.TestSend(c.ctx, in, contactID, to)
}

// Send starts a draft at once or schedules it for its send time.
func (c *Campaigns) Send(id int64) (campaign.Campaign, error) {
	return c.deps.Campaigns.Send(c.ctx, id)
}

// Pause holds a sending campaign's remaining mails.
func (c *Campaigns) Pause(id int64) (campaign.Campaign, error) {
	return c.deps.Campaigns.Pause(c.ctx, id)
}

// Resume continues a paused campaign.
func (c *Campaigns) Resume(id int64) (campaign.Campaign, error) {
	return c.deps.Campaigns.Resume(c.ctx, id)
}

// Cancel stops a campaign for good.
func (c *Campaigns) Cancel(id int64) (campaign.Campaign, error) {
	return c.deps.Campaigns.Cancel(c.ctx, id)
}

// Progress counts a campaign's recipients and mails by state.
func (c *Campaigns) Progress(id int64) (campaign.Progress, error) {
	return c.deps.Campaigns.Progress(c.ctx, id)
}

// Invitations lists who was invited to an event and their answers.
func (c *Campaigns) Invitations(eventID int64) (campaign.Overview, error) {
	return c.deps.Campaigns.Overview(c.ctx, eventID)
}

// Remind mails those invited to an event who have not answered; it says
// how many mails were queued.
func (c *Campaigns) Remind(eventID int64) (int, error) {
	return c.deps.Campaigns.Remind(c.ctx, eventID)
}
