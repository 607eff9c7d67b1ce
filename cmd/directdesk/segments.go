package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/marketing"
	"directdesk/backend/segment"
	"directdesk/backend/workspace"
)

func init() {
	register(command{name: "segment count", summary: "count the contacts a selection finds (--filter FILE, --segment NAME, --age 30-45, --region R ...)", run: runSegmentCount})
	register(command{name: "segment list", summary: "list the contacts a selection finds (--limit N)", run: runSegmentList})
	register(command{name: "segment export", summary: "export the contacts a selection finds to --out FILE.xlsx|FILE.csv (--for letters|email|sms|phone for a file to send from)", run: runSegmentExport})
}

// multi is a flag that may be given several times.
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// selection is the set of flags every command that works on a group of
// contacts takes (segment count/list/export; later letters, labels, catalogs).
type selection struct {
	filter, segment, age, gender, country string
	regions, titles, consent, tags        multi
}

func (s *selection) flags(fs *flag.FlagSet) {
	fs.StringVar(&s.filter, "filter", "", "a JSON filter file (as the segment editor saves it)")
	fs.StringVar(&s.segment, "segment", "", "a saved segment or frozen list, by name or number")
	fs.StringVar(&s.age, "age", "", "age range: 30-45, 30- or -45")
	fs.StringVar(&s.gender, "gender", "", "f or m")
	fs.StringVar(&s.country, "country", "", "country code, e.g. DK")
	fs.Var(&s.regions, "region", "region (repeat for any of several)")
	fs.Var(&s.titles, "job-title", "job title, any case and spacing (repeat for any of several)")
	fs.Var(&s.consent, "consent", "only those who gave consent for email, sms, post or phone (repeat for all of several)")
	fs.Var(&s.tags, "tag", "tag (repeat for any of several)")
}

// resolve turns the flags into the contacts they select, in id order. All
// the flags given must hold (AND).
func (s *selection) resolve(ctx context.Context, ws *workspace.Workspace) ([]int64, error) {
	today := time.Now()
	var conds []segment.Node
	var members []int64
	frozen := false
	if s.filter != "" {
		b, err := os.ReadFile(s.filter)
		if err != nil {
			return nil, marketing.Errorf(marketing.ENotFound, "The filter file %s could not be read.", s.filter)
		}
		f, err := segment.Parse(b, today)
		if err != nil {
			return nil, err
		}
		conds = append(conds, f.Root)
	}
	if s.segment != "" {
		saved, err := ws.DB.SegmentByName(ctx, s.segment)
		if err != nil {
			return nil, err
		}
		if saved.Kind == segment.Frozen {
			frozen = true
			var err error
			if members, err = ws.DB.SegmentMembers(ctx, saved.ID); err != nil {
				return nil, err
			}
		} else {
			conds = append(conds, saved.Filter.Root)
		}
	}
	if s.age != "" {
		lo, hi, ok := strings.Cut(s.age, "-")
		n := segment.Node{Field: "age"}
		switch {
		case !ok:
			n.Op, n.Values = segment.OpBetween, []string{lo, lo}
		case lo != "" && hi != "":
			n.Op, n.Values = segment.OpBetween, []string{lo, hi}
		case lo != "":
			n.Op, n.Values = segment.OpAtLeast, []string{lo}
		default:
			n.Op, n.Values = segment.OpAtMost, []string{hi}
		}
		conds = append(conds, n)
	}
	if s.gender != "" {
		g, ok := map[string]string{"f": "female", "female": "female", "k": "female", "w": "female", "ж": "female",
			"m": "male", "male": "male", "м": "male"}[strings.ToLower(s.gender)]
		if !ok {
			return nil, marketing.Errorf(marketing.EInvalid, "--gender is f or m.")
		}
		conds = append(conds, segment.Node{Field: "gender", Op: segment.OpIn, Values: []string{g}})
	}
	if s.country != "" {
		conds = append(conds, segment.Node{Field: "country", Op: segment.OpIn, Values: []string{s.country}})
	}
	if len(s.regions) > 0 {
		regions, err := regionNames(ctx, ws, s.regions)
		if err != nil {
			return nil, err
		}
		conds = append(conds, segment.Node{Field: "region", Op: segment.OpIn, Values: regions})
	}
	if len(s.titles) > 0 {
		conds = append(conds, segment.Node{Field: "jobTitle", Op: segment.OpIn, Values: s.titles})
	}
	for _, ch := range s.consent {
		field := map[string]string{"email": "consentEmail", "sms": "consentSms", "post": "consentPost", "phone": "consentPhone"}[strings.ToLower(ch)]
		if field == "" {
			return nil, marketing.Errorf(marketing.EInvalid, "--consent is email, sms, post or phone.")
		}
		conds = append(conds, segment.Node{Field: field, Op: segment.OpIn, Values: []string{marketing.ConsentGranted}})
	}
	if len(s.tags) > 0 {
		conds = append(conds, segment.Node{Field: "tag", Op: segment.OpAnyOf, Values: s.tags})
	}
	f := segment.Filter{Version: segment.Version, Root: segment.Node{All: conds}}
	if err := f.Validate(today); err != nil {
		return nil, err
	}
	settings, err := ws.Settings(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := ws.DB.TitleGroups(ctx, settings.Language)
	if err != nil {
		return nil, err
	}
	if f, err = segment.Expand(f, groups); err != nil {
		return nil, err
	}
	var within []int64
	if frozen {
		within = members
	}
	return ws.Segments().IDs(ctx, &f, today, within)
}

// regionNames lets --region Hovedstaden find "Region Hovedstaden": a name
// that is no stored region stands for the stored regions that hold it as
// a word.
func regionNames(ctx context.Context, ws *workspace.Workspace, asked []string) ([]string, error) {
	facets, err := ws.DB.ContactFacets(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range asked {
		fa := marketing.Fold(strings.TrimSpace(a))
		exact, words := false, []string{}
		for _, r := range facets.Regions {
			fr := marketing.Fold(r.Value)
			if fr == fa {
				exact = true
			} else if slices.Contains(strings.Fields(fr), fa) {
				words = append(words, r.Value)
			}
		}
		if exact || len(words) == 0 {
			out = append(out, a)
		} else {
			out = append(out, words...)
		}
	}
	return out, nil
}

// withSelection opens the workspace and resolves the selection flags, then
// calls fn with the contacts they select.
func withSelection(ctx context.Context, e *env, sel *selection, fn func(ws *workspace.Workspace, ids []int64) error) error {
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	ids, err := sel.resolve(ctx, ws)
	if err != nil {
		return err
	}
	return fn(ws, ids)
}

func runSegmentCount(e *env, args []string) error {
	var sel selection
	fs := e.flags("segment count")
	sel.flags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	return withSelection(context.Background(), e, &sel, func(_ *workspace.Workspace, ids []int64) error {
		e.print(map[string]int{"count": len(ids)}, func(w io.Writer) { fmt.Fprintf(w, "%d contacts\n", len(ids)) })
		return nil
	})
}

func runSegmentList(e *env, args []string) error {
	var sel selection
	fs := e.flags("segment list")
	sel.flags(fs)
	limit := fs.Int("limit", 20, "how many contacts to list")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	return withSelection(ctx, e, &sel, func(ws *workspace.Workspace, ids []int64) error {
		out := []marketing.Contact{}
		err := ws.DB.EachContact(ctx, marketing.ContactQuery{IDs: ids[:min(len(ids), max(*limit, 0))]}, func(c *marketing.Contact, _ []marketing.Consent, _ int) error {
			out = append(out, *c)
			return nil
		})
		if err != nil {
			return err
		}
		e.print(out, func(w io.Writer) {
			for _, c := range out {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s %s\n", c.ID, c.DisplayName(), c.Email, c.Postcode, c.City)
			}
			fmt.Fprintf(w, "(%s of %d)\n", strconv.Itoa(len(out)), len(ids))
		})
		return nil
	})
}

func runSegmentExport(e *env, args []string) error {
	var sel selection
	fs := e.flags("segment export")
	sel.flags(fs)
	out := fs.String("out", "", "the file to write: .xlsx or .csv")
	audience := fs.String("audience", "", "write a hashed customer list for ads instead: google or meta (.csv)")
	purpose := fs.String("for", "", "a file for sending: letters, email, sms or phone (leaves out who may not be contacted that way); without it, everyone for your own use")
	quiet := fs.Bool("quiet", false, "no progress output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return marketing.Errorf(marketing.EInvalid, "Say where to write the file with --out FILE.xlsx or --out FILE.csv.")
	}
	channel, ok := exportPurposes[strings.ToLower(strings.TrimSpace(*purpose))]
	if !ok {
		return marketing.FieldError(marketing.EInvalid, "for", "Say what the file is for with --for letters, email, sms or phone, or leave --for out for your own use.", map[string]string{"reason": "choice"})
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return withSelection(ctx, e, &sel, func(ws *workspace.Workspace, ids []int64) error {
		start := time.Now()
		if *audience != "" {
			res, err := ws.Audience(ctx, ids, *out, *audience)
			if err != nil {
				return err
			}
			e.print(res, func(w io.Writer) {
				fmt.Fprintf(w, "Wrote %d hashed contacts to %s (%d without email or phone, or who said no to email, left out)\n", res.Rows, res.Path, res.Skipped)
				for reason, n := range res.Excluded {
					fmt.Fprintf(w, "%d contacts may not get email marketing and were left out (%s)\n", n, reason)
				}
			})
			return nil
		}
		settings, err := ws.Settings(ctx)
		if err != nil {
			return err
		}
		res, err := ws.ExportContacts(ctx, ids, channel, *out, exporter.Options{Language: settings.Language}, cliProgress(e, *quiet))
		if err != nil {
			return err
		}
		e.print(map[string]any{"path": res.Path, "rows": res.Rows, "for": channel, "excluded": res.Excluded, "seconds": time.Since(start).Seconds()}, func(w io.Writer) {
			fmt.Fprintf(w, "Wrote %d contacts to %s\n", res.Rows, res.Path)
			printExcluded(w, res.Excluded, channel)
		})
		return nil
	})
}

// exportPurposes maps --for to the consent channel a file is for ("" =
// the user's own use, everyone).
var exportPurposes = map[string]string{
	"": "", "letters": marketing.ChannelPost, "letter": marketing.ChannelPost, "post": marketing.ChannelPost,
	"email": marketing.ChannelEmail, "sms": marketing.ChannelSMS, "phone": marketing.ChannelPhone, "calls": marketing.ChannelPhone,
}

// printExcluded says who a file for sending left out, by reason, largest first.
func printExcluded(w io.Writer, excl map[string]int, channel string) {
	reasons := make([]string, 0, len(excl))
	total := 0
	for r, n := range excl {
		reasons = append(reasons, r)
		total += n
	}
	if total == 0 {
		return
	}
	sort.Slice(reasons, func(i, j int) bool {
		if excl[reasons[i]] != excl[reasons[j]] {
			return excl[reasons[i]] > excl[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	what := map[string]string{marketing.ChannelPost: "letters", marketing.ChannelEmail: "email marketing", marketing.ChannelSMS: "SMS marketing", marketing.ChannelPhone: "sales calls"}[channel]
	fmt.Fprintf(w, "%d contacts may not get %s and were left out:\n", total, what)
	for _, r := range reasons {
		fmt.Fprintf(w, "  %6d  %s\n", excl[r], r)
	}
}
