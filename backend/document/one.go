package document

import (
	"context"

	"directdesk/backend/marketing"
)

// RenderOne makes the letter or catalog of one contact as PDF bytes in
// memory (an email attachment); nothing is written or recorded.
func RenderOne(ctx context.Context, st Store, req Request, contactID int64) ([]byte, error) {
	return nil, marketing.Errorf(marketing.EInternal, "not yet")
}
