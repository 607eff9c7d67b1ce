package exporter

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"directdesk/backend/marketing"
)

// Audience formats: the customer-list upload layouts of the big ad
// platforms. Both want identifiers normalised (trimmed, lower case, phones
// in E.164 with the +) and SHA-256 hashed as lower-case hex, so no readable
// personal data leaves the computer in the file.
//   - google (Customer Match): Email, Phone, First Name, Last Name hashed;
//     Country and Zip in clear.
//   - meta (Custom Audiences): email, phone (digits with country code, no
//     "+"), fn, ln, zip, country, all hashed.
const (
	AudienceGoogle = "google"
	AudienceMeta   = "meta"
)

// AudienceResult says how many contacts went into the file and how many
// were left out (no email or phone, or they refused email marketing).
type AudienceResult struct {
	marketing.ExportResult
	Skipped int `json:"skipped"`
	// Excluded counts by reason the people left out before the file was
	// written because they may not get marketing by email (consent,
	// registers, erasure, licences: see workspace.Audience).
	Excluded map[string]int `json:"excluded"`
}

func hashID(s string) string {
	if s == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func normName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }

// Audience writes the contacts q selects as a hashed audience CSV.
func Audience(ctx context.Context, st Store, q marketing.ContactQuery, path, format string) (AudienceResult, error) {
	var res AudienceResult
	if format != AudienceGoogle && format != AudienceMeta {
		return res, marketing.FieldError(marketing.EInvalid, "format", "Pick the ad platform the file is for: Google or Meta.", nil)
	}
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return res, marketing.FieldError(marketing.EInvalid, "path", "Audience files are .csv files.", nil)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".audience-*.csv")
	if err != nil {
		return res, err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	w := csv.NewWriter(bw)
	header := []string{"Email", "Phone", "First Name", "Last Name", "Country", "Zip"}
	if format == AudienceMeta {
		header = []string{"email", "phone", "fn", "ln", "country", "zip"}
	}
	w.Write(header)
	err = st.EachContact(ctx, q, func(c *marketing.Contact, consents []marketing.Consent, _ int) error {
		for _, x := range consents {
			if x.Status == marketing.ConsentRefused && x.Channel == marketing.ChannelEmail {
				res.Skipped++
				return nil
			}
		}
		phone := c.Mobile
		if phone == "" {
			phone = c.Phone
		}
		email := strings.ToLower(strings.TrimSpace(c.Email))
		if email == "" && phone == "" {
			res.Skipped++
			return nil
		}
		country, zip := strings.ToUpper(c.Country), strings.ReplaceAll(c.Postcode, " ", "")
		if format == AudienceMeta {
			// Meta wants digits only, with the country code: no "+".
			phone = strings.TrimPrefix(phone, "+")
			country, zip = hashID(strings.ToLower(country)), hashID(strings.ToLower(zip))
		}
		res.Rows++
		return w.Write([]string{hashID(email), hashID(phone), hashID(normName(c.FirstName)), hashID(normName(c.LastName)), country, zip})
	})
	if err != nil {
		tmp.Close()
		return res, err
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tmp.Close()
		return res, err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return res, err
	}
	if err := tmp.Close(); err != nil {
		return res, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return res, err
	}
	res.Path, res.Name = path, filepath.Base(path)
	return res, nil
}
