package privacy

import (
	"context"
	"path/filepath"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// PreviewRegister reads a register file without storing it: the columns
// found, how many rows are usable, and which are not.
func PreviewRegister(ctx context.Context, path, register string) (marketing.RegisterPreview, error) {
	return ScanRegister(ctx, path, register, func(string) bool { return true })
}

// ImportRegister stores a register file in place of the one imported
// before, in one transaction (a file that fails half-way keeps the old
// one). listDate is the day the register drew the file ("" = today); it
// decides when the file is stale. progress gets the keys read so far.
func ImportRegister(ctx context.Context, db *store.DB, path, register, listDate, by string, now time.Time, progress marketing.Progress) (marketing.RegisterImport, error) {
	var res marketing.RegisterImport
	if listDate == "" {
		listDate = now.Format("2006-01-02")
	}
	d, err := time.Parse("2006-01-02", listDate)
	if err != nil {
		return res, marketing.FieldError(marketing.EInvalid, "listDate", "Enter the date the register file was made, like 2026-11-30.", map[string]string{"reason": "date"})
	}
	if d.After(now.AddDate(0, 0, 1)) {
		return res, marketing.FieldError(marketing.EInvalid, "listDate", "The date the file was made cannot be in the future.", map[string]string{"reason": "future"})
	}
	if !validRegister(register) {
		return res, marketing.FieldError(marketing.EInvalid, "register", "Pick the register the file is from: Robinsonlisten, NIX or Reservasjonsregisteret.", map[string]string{"reason": "register"})
	}
	sum, err := fileSHA256(path)
	if err != nil {
		// sheet.Open says it in the user's words.
		_, err = PreviewRegister(ctx, path, register)
		return res, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	var rep marketing.RegisterPreview
	keys := func(yield func(string, error) bool) {
		n := 0
		var scanErr error
		rep, scanErr = ScanRegister(ctx, path, register, func(k string) bool {
			if n++; n%10000 == 0 {
				progress(n, 0)
			}
			return yield(k, nil)
		})
		if scanErr == nil && rep.Usable == 0 {
			scanErr = marketing.FieldError(marketing.EInvalid, "path", "No row of this file has a valid phone number or a name with an address, so there is nothing to import. Check that it is the register file.", map[string]string{"reason": "register_empty"})
		}
		if scanErr != nil {
			yield("", scanErr)
		}
	}
	n, err := db.ReplaceRegister(ctx, store.RegisterFile{Register: register, FileName: filepath.Base(path), SHA256: sum, ListDate: listDate, By: by}, keys)
	res.RegisterPreview = rep
	if err != nil {
		return res, err
	}
	res.Entries = n
	regs, err := db.Registers(ctx)
	if err != nil {
		return res, err
	}
	for _, r := range regs {
		if r.Register == register {
			res.Matches = r.Matches
		}
	}
	return res, nil
}
