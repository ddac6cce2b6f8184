package mail

import (
	"context"
	"fmt"
	"time"

	"convene/internal/store"
)

// SendBare sends every queued message in a plain go-mail loop over one
// connection, recording nothing. It exists as the benchmark's baseline for
// the worker: the same messages, without the outbox.
func SendBare(ctx context.Context, st *store.Store, cfg Config) error {
	client, err := dial(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer client.Close()
	var lastID int64
	for {
		var page []Message
		err := st.R(ctx).Preload("Attachments").Where("state = ? AND id > ?", StateQueued, lastID).
			Order("id").Limit(500).Find(&page).Error
		if err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		if err := loadContents(st.R(ctx), page); err != nil {
			return err
		}
		for i := range page {
			msg, err := buildMsg(&page[i], cfg, time.Now())
			if err != nil {
				return err
			}
			if err := client.Send(msg); err != nil {
				return fmt.Errorf("bare send %d: %w", page[i].ID, err)
			}
		}
		lastID = page[len(page)-1].ID
	}
}
