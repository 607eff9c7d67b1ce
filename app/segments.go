package app

import (
	"context"
	"slices"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

// Segments is bound for the segment editor: live counts with breakdowns and
// a sample, the values to pick from, why a contact is (not) in, saved
// segments and frozen lists, and exports of a segment.
type Segments struct{ app *App }

// SegmentResult is what the editor shows beside the conditions.
type SegmentResult struct {
	segment.Breakdown
	Sample []marketing.Contact `json:"sample"` // the first few matching contacts
	Millis float64             `json:"millis"` // how long the count took
}

// SampleSize is how many matching contacts the editor lists.
const SampleSize = 8

// Fields lists the conditions the editor offers, with the custom fields
// of this workspace as "custom:<name>".
func (s *Segments) Fields() ([]segment.Field, error) {
	if err := s.app.ready(); err != nil {
		return nil, err
	}
	out := append([]segment.Field(nil), segment.Fields...)
	names, err := s.app.Workspace.ws.DB.CustomFieldNames(context.Background())
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if f, ok := segment.Lookup(segment.CustomPrefix + n); ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// Count evaluates a filter: how many contacts, broken down, and a sample.
func (s *Segments) Count(f segment.Filter) (SegmentResult, error) {
	var res SegmentResult
	if err := s.app.ready(); err != nil {
		return res, err
	}
	today := time.Now()
	f, err := s.prepare(f, today)
	if err != nil {
		return res, err
	}
	ctx := context.Background()
	var sample []int64
	start := time.Now()
	err = s.app.Workspace.ws.Segments().Select(ctx, &f, today, func(c *segment.Columns, sel *segment.Bitset) error {
		res.Breakdown, sample = summarise(c, sel, today)
		res.Millis = float64(time.Since(start).Microseconds()) / 1000
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Sample, err = s.contacts(ctx, sample)
	return res, err
}

// summarise is a selection's breakdown and the ids of its first contacts.
func summarise(c *segment.Columns, sel *segment.Bitset, today time.Time) (segment.Breakdown, []int64) {
	var sample []int64
	sel.Each(func(i int) bool {
		sample = append(sample, c.IDs[i])
		return len(sample) < SampleSize
	})
	return c.Breakdown(sel, today), sample
}

// contacts reads the contacts of ids (never nil).
func (s *Segments) contacts(ctx context.Context, ids []int64) ([]marketing.Contact, error) {
	out := []marketing.Contact{}
	if len(ids) == 0 {
		return out, nil
	}
	err := s.app.Workspace.ws.DB.EachContact(ctx, marketing.ContactQuery{IDs: ids}, func(c *marketing.Contact, _ []marketing.Consent, _ int) error {
		out = append(out, *c)
		return nil
	})
	return out, err
}

// Values lists the values of a field with how many contacts have each,
// biggest first ("tag" lists the tags).
func (s *Segments) Values(field string) ([]segment.Bucket, error) {
	if err := s.app.ready(); err != nil {
		return nil, err
	}
	if field == "boughtCategory" || field == "boughtProduct" {
		return s.app.Workspace.ws.DB.OrderValueCounts(context.Background(), field)
	}
	var out []segment.Bucket
	err := s.app.Workspace.ws.Segments().Read(context.Background(), func(c *segment.Columns) error {
		if field == "tag" {
			out = c.TagCounts()
			return nil
		}
		var ok bool
		if out, ok = c.ValueCounts(field); !ok {
			return marketing.FieldError(marketing.EInvalid, "field", "That field has no list of values.", map[string]string{"reason": "values", "field": field})
		}
		return nil
	})
	if out == nil {
		out = []segment.Bucket{}
	}
	return out, err
}

// Explain says which conditions a contact meets and which it fails.
func (s *Segments) Explain(f segment.Filter, contactID int64) (segment.Explanation, error) {
	var e segment.Explanation
	if err := s.app.ready(); err != nil {
		return e, err
	}
	today := time.Now()
	sent := segment.Clone(f) // Validate folds values and Expand replaces groups: explain in the user's words
	f, err := s.prepare(f, today)
	if err != nil {
		return e, err
	}
	ctx := context.Background()
	cache := s.app.Workspace.ws.Segments()
	err = cache.Read(ctx, func(c *segment.Columns) error {
		var ok bool
		if e, ok = c.Explain(&f, contactID, today, cache.Values(ctx, today)); !ok {
			return marketing.Errorf(marketing.ENotFound, "That contact is no longer in DirectDesk.")
		}
		return nil
	})
	segment.WordsOf(&e, &sent.Root)
	return e, err
}

// CountList is Count for the members of a frozen list.
func (s *Segments) CountList(frozenID int64) (SegmentResult, error) {
	var res SegmentResult
	if err := s.app.ready(); err != nil {
		return res, err
	}
	if err := s.checkFrozen(frozenID); err != nil {
		return res, err
	}
	ctx := context.Background()
	members, err := s.app.Workspace.ws.DB.SegmentMembers(ctx, frozenID)
	if err != nil {
		return res, err
	}
	today := time.Now()
	start := time.Now()
	var sample []int64
	err = s.app.Workspace.ws.Segments().Read(ctx, func(c *segment.Columns) error {
		res.Breakdown, sample = summarise(c, c.Positions(members), today)
		res.Millis = float64(time.Since(start).Microseconds()) / 1000
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Sample, err = s.contacts(ctx, sample)
	return res, err
}

// List returns the saved segments and frozen lists by name.
func (s *Segments) List() ([]segment.Saved, error) {
	if err := s.app.ready(); err != nil {
		return nil, err
	}
	return s.app.Workspace.ws.DB.Segments(context.Background())
}

// Save creates (ID 0) or updates a dynamic segment, or renames a frozen
// list. The count is stored with it for the list of segments.
func (s *Segments) Save(saved segment.Saved) (segment.Saved, error) {
	if err := s.app.ready(); err != nil {
		return saved, err
	}
	today := time.Now()
	// Stored as the user wrote it (validation folds values): it is checked
	// again whenever it is used.
	saved.Filter = segment.Clone(saved.Filter)
	saved.Filter.Version = segment.Version
	f, err := s.prepare(segment.Clone(saved.Filter), today)
	if err != nil {
		return saved, err
	}
	err = s.app.Workspace.ws.Segments().Select(context.Background(), &f, today, func(_ *segment.Columns, sel *segment.Bitset) error {
		saved.Size = sel.Count()
		return nil
	})
	if err != nil {
		return saved, err
	}
	err = s.app.Workspace.ws.DB.SaveSegment(context.Background(), &saved)
	return saved, err
}

// Freeze stores the contacts the filter finds now as a frozen list.
func (s *Segments) Freeze(f segment.Filter, name string) (segment.Saved, error) {
	saved := segment.Saved{Name: name, Filter: segment.Clone(f)}
	if err := s.app.ready(); err != nil {
		return saved, err
	}
	today := time.Now()
	f, err := s.prepare(f, today)
	if err != nil {
		return saved, err
	}
	ids, err := s.ids(f, 0, today)
	if err != nil {
		return saved, err
	}
	err = s.app.Workspace.ws.DB.FreezeSegment(context.Background(), &saved, ids)
	return saved, err
}

// Delete removes a saved segment or frozen list.
func (s *Segments) Delete(id int64) error {
	if err := s.app.ready(); err != nil {
		return err
	}
	return s.app.Workspace.ws.DB.DeleteSegment(context.Background(), id)
}

// Export writes the contacts of a filter (or, with frozenID, of that frozen
// list) to path (.xlsx or .csv). channel is what the file is for: "" for
// the user's own use (everyone), or the consent channel (post, email, sms,
// phone) of a file for sending, which leaves out and counts the people who
// may not be contacted on it (see ExportCheck). Job "export".
func (s *Segments) Export(f segment.Filter, frozenID int64, path, channel string) (workspace.ContactExport, error) {
	var res workspace.ContactExport
	if err := s.app.ready(); err != nil {
		return res, err
	}
	if err := s.checkFrozen(frozenID); err != nil {
		return res, err
	}
	today := time.Now()
	f, err := s.prepare(f, today)
	if err != nil {
		return res, err
	}
	_, err = s.app.Exports.export(path, "segment", func(ctx context.Context, path string, opt exporter.Options, p marketing.Progress) (marketing.ExportResult, error) {
		ids, err := s.ids(f, frozenID, today)
		if err != nil {
			return marketing.ExportResult{}, err
		}
		res, err = s.app.Workspace.ws.ExportContacts(ctx, ids, channel, path, opt, p)
		return res.ExportResult, err
	})
	return res, err
}

// ExportCheck is the preflight of Export for a file for sending on
// channel: who goes in and who is left out, by reason. It writes nothing.
func (s *Segments) ExportCheck(f segment.Filter, frozenID int64, channel string) (workspace.ExportCheck, error) {
	if err := s.app.ready(); err != nil {
		return workspace.ExportCheck{}, err
	}
	ids, err := s.exportIDs(f, frozenID)
	if err != nil {
		return workspace.ExportCheck{}, err
	}
	return s.app.Workspace.ws.CheckExport(context.Background(), ids, channel)
}

// exportIDs is the selection of an export: a filter, within a frozen list
// when frozenID is set.
func (s *Segments) exportIDs(f segment.Filter, frozenID int64) ([]int64, error) {
	if err := s.checkFrozen(frozenID); err != nil {
		return nil, err
	}
	today := time.Now()
	f, err := s.prepare(f, today)
	if err != nil {
		return nil, err
	}
	return s.ids(f, frozenID, today)
}

// ids lists the contacts of a filter, within a frozen list when frozenID
// is set. Never nil: a nil list in a ContactQuery means every contact.
func (s *Segments) ids(f segment.Filter, frozenID int64, today time.Time) ([]int64, error) {
	ctx := context.Background()
	var within []int64
	if frozenID != 0 {
		var err error
		if within, err = s.app.Workspace.ws.DB.SegmentMembers(ctx, frozenID); err != nil {
			return nil, err
		}
	}
	return s.app.Workspace.ws.Segments().IDs(ctx, &f, today, within)
}

// Explore splits a filter's contacts by two dimensions (segment.Dimensions)
// into the micro-segment cross-table; each cell carries its own filter.
func (s *Segments) Explore(f segment.Filter, rowDim, colDim string) (segment.CrossTab, error) {
	var t segment.CrossTab
	if err := s.app.ready(); err != nil {
		return t, err
	}
	today := time.Now()
	base := f.Root
	f, err := s.prepare(f, today)
	if err != nil {
		return t, err
	}
	groups, err := s.groups()
	if err != nil {
		return t, err
	}
	err = s.app.Workspace.ws.Segments().Select(context.Background(), &f, today, func(c *segment.Columns, sel *segment.Bitset) error {
		var ok bool
		if t, ok = c.Explore(base, sel, rowDim, colDim, today, groups); !ok {
			return marketing.FieldError(marketing.EInvalid, "dimension", "Pick two different ways to split the segment.", map[string]string{"rows": rowDim, "cols": colDim})
		}
		return nil
	})
	return t, err
}

// OverlapResult counts the contacts in each combination of the segments:
// Regions[m] holds the contacts in exactly the segments whose bits are set
// in m (bit k = Segments[k]).
type OverlapResult struct {
	Segments []segment.Saved `json:"segments"`
	Regions  []int           `json:"regions"`
}

// Overlap compares two to four saved segments or frozen lists.
func (s *Segments) Overlap(ids []int64) (OverlapResult, error) {
	var res OverlapResult
	if err := s.app.ready(); err != nil {
		return res, err
	}
	if len(ids) < 2 || len(ids) > 4 {
		return res, marketing.FieldError(marketing.EInvalid, "segments", "Pick two, three or four segments to compare.", nil)
	}
	ctx := context.Background()
	all, err := s.app.Workspace.ws.DB.Segments(ctx)
	if err != nil {
		return res, err
	}
	today := time.Now()
	// Each segment as a filter (dynamic) or its members (frozen: as they
	// are, not re-checked against the filter they were chosen by).
	filters := make([]segment.Filter, len(ids))
	members := make([][]int64, len(ids))
	for j, id := range ids {
		k := slices.IndexFunc(all, func(x segment.Saved) bool { return x.ID == id })
		if k < 0 {
			return res, marketing.Errorf(marketing.ENotFound, "One of the segments no longer exists.")
		}
		saved := all[k]
		res.Segments = append(res.Segments, saved)
		if saved.Kind == segment.Frozen {
			if members[j], err = s.app.Workspace.ws.DB.SegmentMembers(ctx, saved.ID); err != nil {
				return res, err
			}
			continue
		}
		if filters[j], err = s.prepare(saved.Filter, today); err != nil {
			return res, err
		}
	}
	// All selections in one read: positions mean the same in each.
	cache := s.app.Workspace.ws.Segments()
	var sels []*segment.Bitset
	err = cache.Read(ctx, func(c *segment.Columns) error {
		for j := range ids {
			if members[j] != nil {
				sels = append(sels, c.Positions(members[j]))
				continue
			}
			b, err := c.EvalWith(&filters[j], today, cache.Values(ctx, today))
			if err != nil {
				return err
			}
			sels = append(sels, b)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	res.Regions = segment.Overlap(sels)
	return res, nil
}

// Split divides a filter's contacts at random into groups (percentages
// summing to 100, e.g. 90/10 for a control group, 50/50 for an A/B test)
// and stores each as a frozen list named names[k]. The same seed gives the
// same groups; stratum (e.g. "region", "ageBand") spreads every group over
// the strata in proportion.
func (s *Segments) Split(f segment.Filter, names []string, percents []int, seed uint64, stratum string) ([]segment.Saved, error) {
	if err := s.app.ready(); err != nil {
		return nil, err
	}
	sum := 0
	for _, p := range percents {
		if p <= 0 {
			return nil, marketing.FieldError(marketing.EInvalid, "percents", "Every group needs a share above 0 %.", nil)
		}
		sum += p
	}
	if len(percents) < 2 || len(percents) > 10 || sum != 100 || len(names) != len(percents) {
		return nil, marketing.FieldError(marketing.EInvalid, "percents", "Split into 2 to 10 groups whose shares add up to 100 %.", nil)
	}
	today := time.Now()
	sent := segment.Clone(f)
	f, err := s.prepare(f, today)
	if err != nil {
		return nil, err
	}
	var groups [][]int64
	err = s.app.Workspace.ws.Segments().Select(context.Background(), &f, today, func(c *segment.Columns, sel *segment.Bitset) error {
		var ok bool
		if groups, ok = c.Split(sel, percents, seed, stratum, today); !ok {
			return marketing.FieldError(marketing.EInvalid, "stratum", "The segment cannot be spread by that.", map[string]string{"stratum": stratum})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, ids := range groups {
		if len(ids) == 0 {
			return nil, marketing.FieldError(marketing.EInvalid, "percents", "One of the groups would be empty: the segment is too small for that split. Pick bigger shares or fewer groups.", map[string]string{"reason": "empty"})
		}
	}
	lists := make([]*segment.Saved, len(groups))
	for k := range groups {
		lists[k] = &segment.Saved{Name: names[k], Filter: sent}
	}
	if err := s.app.Workspace.ws.DB.FreezeSegments(context.Background(), lists, groups); err != nil {
		return nil, err
	}
	out := make([]segment.Saved, len(lists))
	for k, l := range lists {
		out[k] = *l
	}
	return out, nil
}

// Audience writes a filter's contacts (within a frozen list when frozenID
// is set) as a hashed customer-list file for Google or Meta ads. Job "export".
func (s *Segments) Audience(f segment.Filter, frozenID int64, path, format string) (exporter.AudienceResult, error) {
	var res exporter.AudienceResult
	if err := s.app.ready(); err != nil {
		return res, err
	}
	if err := s.checkFrozen(frozenID); err != nil {
		return res, err
	}
	today := time.Now()
	f, err := s.prepare(f, today)
	if err != nil {
		return res, err
	}
	if path == "" {
		path = "audience-" + format + ".csv"
	}
	_, err = s.app.Exports.export(path, "audience", func(ctx context.Context, path string, _ exporter.Options, _ marketing.Progress) (marketing.ExportResult, error) {
		ids, err := s.ids(f, frozenID, today)
		if err != nil {
			return marketing.ExportResult{}, err
		}
		res, err = s.app.Workspace.ws.Audience(ctx, ids, path, format)
		return res.ExportResult, err
	})
	return res, err
}

// prepare validates a filter and puts the job titles of the groups it
// names in place of the group names.
func (s *Segments) prepare(f segment.Filter, today time.Time) (segment.Filter, error) {
	if err := f.Validate(today); err != nil {
		return f, err
	}
	groups, err := s.groups()
	if err != nil {
		return f, err
	}
	return segment.Expand(f, groups)
}

// TitleGroups lists the groups of job titles ("decision makers").
func (s *Segments) TitleGroups() ([]segment.TitleGroup, error) {
	if err := s.app.ready(); err != nil {
		return nil, err
	}
	return s.groups()
}

// groups are the job-title groups, the defaults named in the workspace's language.
func (s *Segments) groups() ([]segment.TitleGroup, error) {
	ctx := context.Background()
	settings, err := s.app.Workspace.ws.Settings(ctx)
	if err != nil {
		return nil, err
	}
	return s.app.Workspace.ws.DB.TitleGroups(ctx, settings.Language)
}

// SaveTitleGroups replaces the groups of job titles.
func (s *Segments) SaveTitleGroups(groups []segment.TitleGroup) ([]segment.TitleGroup, error) {
	if err := s.app.ready(); err != nil {
		return nil, err
	}
	return s.app.Workspace.ws.DB.SaveTitleGroups(context.Background(), groups)
}

// checkFrozen makes sure frozenID (if set) names a frozen list that exists:
// exporting a deleted list must say so, not write an empty file.
func (s *Segments) checkFrozen(frozenID int64) error {
	if frozenID == 0 {
		return nil
	}
	all, err := s.app.Workspace.ws.DB.Segments(context.Background())
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(all, func(x segment.Saved) bool { return x.ID == frozenID && x.Kind == segment.Frozen }) {
		return marketing.Errorf(marketing.ENotFound, "That list no longer exists. It may have been deleted in another window.")
	}
	return nil
}
