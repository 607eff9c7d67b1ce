package app

import (
	"context"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

// RegisterStatus is one register as the Registers tab shows it: imported
// or not, with the stored contacts on it and whether its file is stale.
type RegisterStatus struct {
	marketing.RegisterInfo
	Imported bool `json:"imported"`
}

// Registers lists the three registers, imported or not, in the app's order,
// with the stored contacts on each (counted once per change of data).
func (p *Privacy) Registers() ([]RegisterStatus, error) {
	if err := p.app.ready(); err != nil {
		return nil, err
	}
	regs, err := p.app.Workspace.ws.DB.Registers(context.Background())
	if err != nil {
		return nil, err
	}
	return registerStatuses(regs), nil
}

// RegisterWarnings is Registers without the match counts (matches 0): what
// Home's stale/missing warning needs, without reading every contact.
func (p *Privacy) RegisterWarnings() ([]RegisterStatus, error) {
	if err := p.app.ready(); err != nil {
		return nil, err
	}
	regs, err := p.app.Workspace.ws.DB.RegisterList(context.Background())
	if err != nil {
		return nil, err
	}
	return registerStatuses(regs), nil
}

func registerStatuses(regs []marketing.RegisterInfo) []RegisterStatus {
	out := make([]RegisterStatus, 0, len(marketing.Registers))
	for _, r := range marketing.Registers {
		st := RegisterStatus{RegisterInfo: marketing.RegisterInfo{Register: r, Country: marketing.RegisterCountry(r), RefreshDays: marketing.RegisterRefreshDays(r)}}
		for _, got := range regs {
			if got.Register == r {
				st.RegisterInfo, st.Imported = got, true
			}
		}
		out = append(out, st)
	}
	return out
}

// PreviewRegister reads a register file without storing it.
func (p *Privacy) PreviewRegister(path, register string) (marketing.RegisterPreview, error) {
	if err := p.app.ready(); err != nil {
		return marketing.RegisterPreview{}, err
	}
	return privacy.PreviewRegister(context.Background(), path, register)
}

// ImportRegister stores a register file in place of the one before (one
// transaction). listDate is the day the register drew it ("" = today).
// Job "register" (progress, cancel).
func (p *Privacy) ImportRegister(path, register, listDate string) (marketing.RegisterImport, error) {
	var res marketing.RegisterImport
	if err := p.app.ready(); err != nil {
		return res, err
	}
	err := p.app.run("register", func(ctx context.Context, pr marketing.Progress) error {
		var err error
		res, err = privacy.ImportRegister(ctx, p.app.Workspace.ws.DB, path, register, listDate, "", time.Now(), pr)
		return err
	})
	return res, err
}

// RemoveRegister forgets a register's file.
func (p *Privacy) RemoveRegister(register string) error {
	if err := p.app.ready(); err != nil {
		return err
	}
	return p.app.Workspace.ws.DB.RemoveRegister(context.Background(), register, "")
}

// RegisterMatches pages the stored contacts a register holds.
func (p *Privacy) RegisterMatches(register string, offset, limit int) (marketing.ExcludedPage, error) {
	if err := p.app.ready(); err != nil {
		return marketing.ExcludedPage{}, err
	}
	items, total, err := p.app.Workspace.ws.DB.RegisterMatches(context.Background(), register, offset, limit)
	return marketing.ExcludedPage{Items: items, Total: total}, err
}

// CancelRegister stops a register import (the file before stays).
func (p *Privacy) CancelRegister() bool { return p.app.cancelJob("register") }
