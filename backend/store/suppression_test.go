package store_test

import (
	"context"
	"strings"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// Addresses and numbers typed the way people type them are stored
// normalised; garbage and repeats get an answer that says what to do.
func TestAddSuppressionNormalisesAndRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if err := db.SaveSettings(ctx, marketing.Settings{Country: "DK"}); err != nil {
		t.Fatal(err)
	}
	e, err := db.AddSuppressionEntry(ctx, "phone", "20 12 34 56", "", "asked on the phone", "")
	if err != nil || e.Value != "+4520123456" || e.Reason != marketing.SuppressManual {
		t.Fatalf("phone %+v %v", e, err)
	}
	if e, err := db.AddSuppressionEntry(ctx, "email", "  Anna.Berg@Example.DK ", marketing.SuppressOptOut, "", ""); err != nil || e.Value != "Anna.Berg@example.dk" {
		t.Fatalf("email %+v %v", e, err)
	}
	for _, tc := range []struct {
		kind, value, reason string
		code, detail        string
	}{
		{"email", "anna@", "", marketing.EInvalid, "email"},
		{"email", "", "", marketing.EInvalid, "required"},
		{"phone", "12", "", marketing.EInvalid, "phone"},
		{"phone", "ring mig ikke", "", marketing.EInvalid, "phone"},
		{"phone", "+45 20 12 34 56", "", marketing.EConflict, "duplicate"},
		{"email", "anna.berg@example.dk", "", marketing.EConflict, "duplicate"},
		{"phone", "+4520123457", "hard_bounce", marketing.EInvalid, "choice"},
		{"fax", "+4520123457", "", marketing.EInvalid, "choice"},
		{"phone", "+4520123457", "erased", marketing.EInvalid, "choice"},
	} {
		_, err := db.AddSuppressionEntry(ctx, tc.kind, tc.value, tc.reason, "", "")
		e := marketing.AsError(err)
		if err == nil || e.Code != tc.code || e.Details["reason"] != tc.detail {
			t.Errorf("%s %q %s: %v %+v", tc.kind, tc.value, tc.reason, err, e)
		}
	}
	all, total, err := db.SuppressionList(ctx, "", "", 0, 10)
	if err != nil || total != 2 || len(all) != 2 {
		t.Fatalf("list %+v %d %v", all, total, err)
	}
	var audits int
	db.ReadRaw(ctx, "SELECT count(*) FROM audit_log WHERE action = 'suppression_change'").Scan(&audits)
	if audits != 2 {
		t.Errorf("audit lines %d", audits)
	}
	var detail string
	db.ReadRaw(ctx, "SELECT detail FROM audit_log WHERE action = 'suppression_change' AND detail LIKE '%phone%'").Scan(&detail)
	if strings.Contains(detail, "+4520123456") || !strings.Contains(detail, `"change":"add"`) {
		t.Errorf("audit keeps the whole number or no change: %s", detail)
	}
}

// The list finds numbers by the digits as typed, filters by kind and pages.
func TestSuppressionListSearchesFiltersAndPages(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.SaveSettings(ctx, marketing.Settings{Country: "DK"})
	for _, v := range []string{"20123456", "+46 70 123 45 67", "+4531313131"} {
		if _, err := db.AddSuppressionEntry(ctx, "phone", v, marketing.SuppressOptOut, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, v := range []string{"a@example.dk", "b@example.se"} {
		if _, err := db.AddSuppressionEntry(ctx, "email", v, "", "from the shop", ""); err != nil {
			t.Fatal(err)
		}
	}
	if got, n, _ := db.SuppressionList(ctx, "20 12 34", "", 0, 10); n != 1 || got[0].Value != "+4520123456" {
		t.Errorf("digits search %+v %d", got, n)
	}
	if got, n, _ := db.SuppressionList(ctx, "EXAMPLE.SE", "", 0, 10); n != 1 || got[0].Kind != "email" {
		t.Errorf("email search %+v %d", got, n)
	}
	if got, n, _ := db.SuppressionList(ctx, "shop", "email", 0, 10); n != 2 || len(got) != 2 {
		t.Errorf("source search %+v %d", got, n)
	}
	if _, n, _ := db.SuppressionList(ctx, "", "phone", 0, 10); n != 3 {
		t.Errorf("phones %d", n)
	}
	page, n, _ := db.SuppressionList(ctx, "", "", 3, 2)
	if n != 5 || len(page) != 2 {
		t.Errorf("page %+v %d", page, n)
	}
	if _, _, err := db.SuppressionList(ctx, "", "fax", 0, 10); marketing.AsError(err).Code != marketing.EInvalid {
		t.Errorf("kind fax: %v", err)
	}
	if _, n, _ := db.SuppressionList(ctx, "100%_", "", 0, 10); n != 0 {
		t.Errorf("LIKE wildcards matched %d", n)
	}
}

// An opt-out goes at once; a hard bounce only when the user confirms.
func TestRemoveSuppressionNeedsConfirmationForBounces(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	db.SaveSettings(ctx, marketing.Settings{Country: "DK"})
	db.AddSuppressionEntry(ctx, "phone", "20123456", marketing.SuppressOptOut, "", "")
	db.AddSuppressionEntry(ctx, "email", "bounced@example.dk", marketing.SuppressHardBounce, "", "")
	if err := db.RemoveSuppressionEntry(ctx, "phone", "20 12 34 56", false, ""); err != nil {
		t.Fatal(err)
	}
	err := db.RemoveSuppressionEntry(ctx, "email", "bounced@example.dk", false, "")
	if e := marketing.AsError(err); err == nil || e.Details["reason"] != "confirm" {
		t.Fatalf("unconfirmed bounce: %v", err)
	}
	if ok, _ := db.IsSuppressed(ctx, "bounced@example.dk"); !ok {
		t.Error("an unconfirmed removal removed it")
	}
	if err := db.RemoveSuppressionEntry(ctx, "email", "Bounced@example.dk", true, ""); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := db.SuppressionList(ctx, "", "", 0, 10); n != 0 {
		t.Errorf("left %d", n)
	}
	if err := db.RemoveSuppressionEntry(ctx, "phone", "20123456", true, ""); marketing.AsError(err).Code != marketing.ENotFound {
		t.Errorf("twice: %v", err)
	}
	var audits int
	db.ReadRaw(ctx, "SELECT count(*) FROM audit_log WHERE action = 'suppression_change' AND detail LIKE '%remove%'").Scan(&audits)
	if audits != 2 {
		t.Errorf("remove audit lines %d", audits)
	}
}

// Whatever is typed as a number or address to block, an accepted value is
// a valid E.164 number or an address with one @, and normalising it again
// gives the same value (so removing it finds it).
func FuzzNormalizeSuppression(f *testing.F) {
	for _, s := range []string{"20 12 34 56", "+46 70-123 45 67", "8 (916) 123-45-67", "12", "anna@", "Anna@Example.DK", "ring\x00mig"} {
		f.Add(s, s[0] >= 'a')
	}
	f.Fuzz(func(t *testing.T, v string, email bool) {
		kind := "phone"
		if email {
			kind = "email"
		}
		got, err := store.NormalizeSuppression(kind, v, "DK")
		if err != nil {
			if e := marketing.AsError(err); e.Code != marketing.EInvalid || e.Details["reason"] == "" {
				t.Fatalf("%q: %v", v, err)
			}
			return
		}
		if kind == "phone" && (!strings.HasPrefix(got, "+") || strings.Trim(got[1:], "0123456789") != "") {
			t.Fatalf("%q -> %q", v, got)
		}
		if kind == "email" && strings.Count(got, "@") != 1 {
			t.Fatalf("%q -> %q", v, got)
		}
		again, err := store.NormalizeSuppression(kind, got, "DK")
		if err != nil || again != got {
			t.Fatalf("%q -> %q -> %q %v", v, got, again, err)
		}
	})
}
