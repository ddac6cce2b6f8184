package registration

import (
	"context"

	"convene/internal/event"
)

// EventChanged tells every registrant still registered that a published
// event moved or was cancelled; the events service calls it inside the
// transaction that makes the change, so the mails exist exactly when the
// change does. A cancellation carries the organiser's message.
func (s *Service) EventChanged(ctx context.Context, before, after event.Event) error {
	kind := NoticeEventChanged
	if after.Status == event.StatusCancelled {
		kind = NoticeEventCancelled
	}
	var regs []Registration
	err := s.store.W(ctx).Preload("Attendees").Where("event_id = ? AND status IN ?", after.ID, []Status{StatusConfirmed, StatusWaitlisted}).
		Order("id").Find(&regs).Error
	if err != nil {
		return err
	}
	for _, r := range regs {
		if err := s.notify(ctx, Notice{Kind: kind, Reg: r, Event: after, Message: after.CancelMessage}); err != nil {
			return err
		}
	}
	return nil
}
