package store_test

import (
	"os"
	"testing"

	"directdesk/backend/store"
)

func TestMain(m *testing.M) {
	store.HealthCheckDelay = 0 // tests wait for the check; don't make them wait longer
	os.Exit(m.Run())
}
