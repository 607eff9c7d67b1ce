package campaign

import (
	"context"
	"io"

	"directdesk/backend/marketing"
)

// Results measures a campaign: step 8.
func (s *Service) Results(ctx context.Context, id int64) (marketing.CampaignResults, error) {
	return marketing.CampaignResults{}, errNotYet
}

// ReportXLSX writes the results as a workbook in the user's language.
func (s *Service) ReportXLSX(ctx context.Context, id int64, lang string, w io.Writer) error {
	return errNotYet
}

// ReportPDF writes the results with their charts as a PDF.
func (s *Service) ReportPDF(ctx context.Context, id int64, lang string, w io.Writer) error {
	return errNotYet
}

// AccessLogResult is what an access-log import found.
type AccessLogResult struct {
	Lines   int `json:"lines"`
	Tracked int `json:"tracked"` // lines with a response code
	Matched int `json:"matched"` // codes of known people
	Added   int `json:"added"`   // new visits (a second import adds none)
	Bad     int `json:"bad"`     // lines not in common/combined format
}

// ImportAccessLog reads a web server access log (common or combined
// format, optionally gzip) and records tracked link visits and picture
// loads per person and touch.
func (s *Service) ImportAccessLog(ctx context.Context, path string, progress marketing.Progress) (AccessLogResult, error) {
	return AccessLogResult{}, errNotYet
}
