// Package campaign runs direct-marketing campaigns: the plan of several
// touches on several channels, the target group frozen at launch with its
// control group, the lists each touch releases under the stop rules and
// the contact-pressure cap, the work of each channel (print queue, SMS
// export, call list; email goes to the outbox of backend/mail), the
// responses with their attribution and fulfilment, and the results.
package campaign

import (
	"sync"
	"time"
)

// Store is the storage the campaign service uses; backend/store's DB
// satisfies it. Each part declares what it needs.
type Store interface {
	coreStore
	responseStore
}

// Service is the campaign logic over one workspace.
type Service struct {
	db Store
	// Now is the clock (tests set it).
	Now func() time.Time

	exportMu sync.Mutex // one SMS export at a time
}

// New returns the service over a workspace's store.
func New(db Store) *Service {
	return &Service{db: db, Now: time.Now}
}
