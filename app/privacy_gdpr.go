package app

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

// PersonExport says which files an export wrote: the .xlsx and the .json.
// In browser mode each is fetched from /bridge/download/<Name>.
type PersonExport struct {
	Files []marketing.ExportResult `json:"files"`
}

// RetentionStatus is the retention rule and how many contacts it would
// erase now (the GDPR tab's reminder; nothing is erased without the user).
type RetentionStatus struct {
	Years int `json:"years"` // 0 = off
	Due   int `json:"due"`
}

// FindPeople searches contacts by name, email or phone (the contact
// search), at most 20.
func (p *Privacy) FindPeople(query string) ([]marketing.Contact, error) {
	if err := p.app.ready(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(query) == "" {
		return []marketing.Contact{}, nil
	}
	page, err := p.app.Workspace.ws.DB.ListContacts(context.Background(), marketing.ContactQuery{Search: query, Limit: 20, Sort: "name"})
	if err != nil {
		return nil, err
	}
	return page.Items, nil
}

// PersonSummary counts what is held about a contact, per area: what an
// export contains and an erasure removes.
func (p *Privacy) PersonSummary(id int64) (marketing.PersonSummary, error) {
	if err := p.app.ready(); err != nil {
		return marketing.PersonSummary{}, err
	}
	return privacy.PersonSummary(context.Background(), p.app.Workspace.ws.DB, id)
}

// ExportPerson writes everything held about a contact as .xlsx and .json
// next to each other (path names either; the other gets the other
// extension). A path that is "" or a bare file name (browser mode) keeps
// both files for download.
func (p *Privacy) ExportPerson(id int64, path string) (PersonExport, error) {
	var out PersonExport
	if err := p.app.ready(); err != nil {
		return out, err
	}
	if path == "" {
		path = "person-" + time.Now().Format("2006-01-02") + ".xlsx"
	}
	if filepath.Base(path) == path {
		dir := p.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return out, err
		}
		ext := filepath.Ext(path)
		// Named by contact id so erasing them deletes these files too.
		path = filepath.Join(dir, privacy.ExportPrefix(id)+strings.TrimPrefix(strings.TrimSuffix(path, ext), "person-")+"-"+time.Now().Format("150405")+ext)
	}
	base := strings.TrimSuffix(path, filepath.Ext(path))
	paths := []string{base + ".xlsx", base + ".json"}
	if err := privacy.ExportPerson(context.Background(), p.app.Workspace.ws.DB, id, paths, whoAmI()); err != nil {
		return out, err
	}
	for _, f := range paths {
		out.Files = append(out.Files, marketing.ExportResult{Path: f, Name: filepath.Base(f)})
	}
	return out, nil
}

// ErasePerson erases a contact for good. confirm must be the person's
// name (as shown) or the word ERASE: the UI makes the user type it.
func (p *Privacy) ErasePerson(id int64, confirm string) (marketing.ErasureResult, error) {
	if err := p.app.ready(); err != nil {
		return marketing.ErasureResult{}, err
	}
	ctx := context.Background()
	db := p.app.Workspace.ws.DB
	c, err := db.GetContact(ctx, id)
	if err != nil {
		return marketing.ErasureResult{}, err
	}
	if !ConfirmsErase(confirm, c.DisplayName()) {
		return marketing.ErasureResult{}, &marketing.Error{Code: marketing.EInvalid, Field: "confirm",
			Message: "Type the person's name, or the word ERASE, to confirm.", Details: map[string]string{"reason": "confirm"}}
	}
	// Erasing cannot be undone: a backup first, or no erasure.
	ws := p.app.Workspace.ws
	safety, err := ws.BackupBeforeErase(ctx)
	if err != nil {
		return marketing.ErasureResult{}, err
	}
	res, err := privacy.ErasePerson(ctx, db, id, whoAmI())
	if err != nil {
		return res, err
	}
	res.Backup = safety.Name
	res.Files += privacy.DeleteExports(ws.DownloadDir(), id)
	return res, nil
}

// ConfirmsErase reports whether typed confirms erasing a person called
// name: their name (case and extra spaces ignored) or ERASE.
func ConfirmsErase(typed, name string) bool {
	t := strings.Join(strings.Fields(marketing.Fold(typed)), " ")
	return t != "" && (t == "erase" || t == strings.Join(strings.Fields(marketing.Fold(name)), " "))
}

// Retention returns the retention rule and how many contacts are due.
func (p *Privacy) Retention() (RetentionStatus, error) {
	if err := p.app.ready(); err != nil {
		return RetentionStatus{}, err
	}
	ctx := context.Background()
	db := p.app.Workspace.ws.DB
	s, err := privacy.Retention(ctx, db)
	if err != nil || s.Years == 0 {
		return RetentionStatus{Years: s.Years}, err
	}
	due, err := db.CountInactive(ctx, db.RetentionCutoff(s.Years))
	return RetentionStatus{Years: s.Years, Due: due}, err
}

// SetRetention stores the retention rule (1-20 years; 0 = off).
func (p *Privacy) SetRetention(years int) (RetentionStatus, error) {
	if err := p.app.ready(); err != nil {
		return RetentionStatus{}, err
	}
	if err := privacy.SetRetention(context.Background(), p.app.Workspace.ws.DB, years); err != nil {
		return RetentionStatus{}, err
	}
	return p.Retention()
}

// RetentionPreview lists who the rule would erase (one page) and how many.
func (p *Privacy) RetentionPreview(years, offset, limit int) (marketing.RetentionPreview, error) {
	if err := p.app.ready(); err != nil {
		return marketing.RetentionPreview{}, err
	}
	return p.app.Workspace.ws.DB.RetentionPreview(context.Background(), years, offset, limit)
}

// RunRetention erases the contacts inactive for years, 500 per
// transaction. Job "retention" (progress, cancel between batches).
func (p *Privacy) RunRetention(years int) (marketing.RetentionResult, error) {
	var res marketing.RetentionResult
	if err := p.app.ready(); err != nil {
		return res, err
	}
	err := p.app.run("retention", func(ctx context.Context, prog marketing.Progress) (err error) {
		ws := p.app.Workspace.ws
		res, err = privacy.RunRetention(ctx, ws.DB, years, whoAmI(), prog, func(ctx context.Context) (string, error) {
			info, err := ws.BackupBeforeErase(ctx)
			return info.Name, err
		})
		return err
	})
	return res, err
}

// AuditLog returns one page of the audit log, newest first (action "" = all).
func (p *Privacy) AuditLog(action string, offset, limit int) (marketing.AuditPage, error) {
	if err := p.app.ready(); err != nil {
		return marketing.AuditPage{}, err
	}
	return p.app.Workspace.ws.DB.AuditLog(context.Background(), action, offset, limit)
}

// ExportAudit writes the audit log (action "" = all) to path (.xlsx). A
// path that is "" or a bare file name (browser mode) keeps it for download.
func (p *Privacy) ExportAudit(action, path string) (marketing.ExportResult, error) {
	if err := p.app.ready(); err != nil {
		return marketing.ExportResult{}, err
	}
	if path == "" {
		path = "audit-log.xlsx"
	}
	if filepath.Base(path) == path {
		dir := p.app.downloadDir()
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return marketing.ExportResult{}, err
		}
		ext := filepath.Ext(path)
		path = filepath.Join(dir, strings.TrimSuffix(path, ext)+"-"+time.Now().Format("2006-01-02-150405")+ext)
	}
	return privacy.ExportAudit(context.Background(), p.app.Workspace.ws.DB, action, path)
}

// whoAmI names the person at the computer for the audit log: the
// operating system's user (DirectDesk has no logins of its own).
func whoAmI() string {
	u, err := user.Current()
	if err != nil {
		return ""
	}
	if u.Name != "" && !strings.ContainsAny(u.Name, ",\r\n") {
		return u.Name
	}
	return u.Username
}
