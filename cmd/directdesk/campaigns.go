package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/campaign"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

func init() {
	register(command{name: "campaign", summary: "campaigns: `campaign list`, `campaign show C`, `campaign launch C [--dry-run]`, `campaign results C`", run: runCampaign})
	register(command{name: "redeem", summary: "record a response code from a coupon or an order: `redeem CODE [--value 249.50] [--kind coupon|order] [--check]`", run: runRedeem})
}

func runCampaign(e *env, args []string) error {
	if len(args) == 0 {
		return marketing.Errorf(marketing.EInvalid, "Say what to do: `directdesk campaign list`, `show C`, `launch C` or `results C`.")
	}
	switch args[0] {
	case "list":
		return runCampaignList(e, args[1:])
	case "show":
		return runCampaignShow(e, args[1:])
	case "launch":
		return runCampaignLaunch(e, args[1:])
	case "results":
		return runCampaignResults(e, args[1:])
	}
	return marketing.Errorf(marketing.EInvalid, "Unknown campaign command %q: use list, show, launch or results.", args[0])
}

// parseWithName parses flags that may come before or after the one
// positional argument (the campaign or the code).
func parseWithName(fs *flag.FlagSet, args []string, what string) (string, error) {
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if strings.TrimSpace(name) == "" {
		return "", marketing.Errorf(marketing.EInvalid, "Name the %s.", what)
	}
	return name, nil
}

// findCampaign finds a campaign by number or name (case-insensitive).
func findCampaign(ctx context.Context, ws *workspace.Workspace, name string) (marketing.Campaign, error) {
	list, err := ws.Campaigns().List(ctx, true)
	if err != nil {
		return marketing.Campaign{}, err
	}
	for _, s := range list {
		if strconv.FormatInt(s.Campaign.ID, 10) == name || strings.EqualFold(s.Campaign.Name, name) {
			return ws.Campaigns().Get(ctx, s.Campaign.ID)
		}
	}
	return marketing.Campaign{}, marketing.Errorf(marketing.ENotFound, "There is no campaign called %q (see: directdesk campaign list).", name)
}

func runCampaignList(e *env, args []string) error {
	fs := e.flags("campaign list")
	archived := fs.Bool("archived", false, "include archived campaigns")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	list, err := ws.Campaigns().List(ctx, *archived)
	if err != nil {
		return err
	}
	e.print(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "No campaigns yet. Plan one in the app under Campaigns.")
		}
		for _, s := range list {
			c := s.Campaign
			next := ""
			if s.NextDue != "" {
				next = fmt.Sprintf(", next: %s %s", s.NextChannel, s.NextDue)
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%d touches, %d in target, %d responses, revenue %s%s\n", c.ID, c.Name, c.Status, len(c.Touches), s.Target, s.Responses, money(s.RevenueMinor, c.Currency), next)
		}
	})
	return nil
}

func runCampaignShow(e *env, args []string) error {
	fs := e.flags("campaign show")
	name, err := parseWithName(fs, args, "campaign: `directdesk campaign show NAME`")
	if err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	c, err := findCampaign(ctx, ws, name)
	if err != nil {
		return err
	}
	e.print(c, func(w io.Writer) {
		fmt.Fprintf(w, "%s (%s)\n", c.Name, c.Status)
		if c.Goal != "" {
			fmt.Fprintf(w, "  goal: %s\n", c.Goal)
		}
		fmt.Fprintf(w, "  target group: %s, control group %d %%\n", firstNonEmpty(c.Selection, "-"), c.ControlPct)
		if c.PauseReason != "" && c.Status == marketing.CampaignPaused {
			fmt.Fprintf(w, "  paused: %s\n", c.PauseReason)
		}
		for _, t := range c.Touches {
			state := "planned"
			switch {
			case t.FinishedAt != "":
				state = "done"
			case t.ReleasedAt != "":
				state = "under way"
			}
			fmt.Fprintf(w, "  %d. %s %s, %s, %s each\n", t.Seq, t.Channel, t.Due(startOf(c)), state, money(t.UnitCostMinor, c.Currency))
		}
	})
	return nil
}

func startOf(c marketing.Campaign) string {
	if c.StartDate != "" {
		return c.StartDate
	}
	if len(c.LaunchedAt) >= 10 {
		return c.LaunchedAt[:10]
	}
	return time.Now().Format(time.DateOnly)
}

// launchResult is what `campaign launch` prints.
type launchResult struct {
	DryRun    bool                         `json:"dryRun"`
	Preflight *marketing.CampaignPreflight `json:"preflight,omitempty"`
	Released  *campaign.Released           `json:"released,omitempty"`
	Status    string                       `json:"status"`
}

func runCampaignLaunch(e *env, args []string) error {
	fs := e.flags("campaign launch")
	dry := fs.Bool("dry-run", false, "only show who would get it and what it costs")
	name, err := parseWithName(fs, args, "campaign: `directdesk campaign launch NAME`")
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	c, err := findCampaign(ctx, ws, name)
	if err != nil {
		return err
	}
	pf, err := ws.CampaignPreflight(ctx, c.ID)
	if err != nil {
		return err
	}
	res := launchResult{DryRun: *dry, Preflight: &pf, Status: c.Status}
	if *dry {
		e.print(res, func(w io.Writer) { printCampaignPreflight(w, c, pf) })
		return nil
	}
	if len(pf.Problems) > 0 {
		e.print(res, func(w io.Writer) { printCampaignPreflight(w, c, pf) })
		return pf.Problems[0]
	}
	rel, err := ws.LaunchCampaign(ctx, c.ID)
	if err != nil {
		return err
	}
	if c, err = ws.Campaigns().Get(ctx, c.ID); err != nil {
		return err
	}
	res.Released, res.Status = &rel, c.Status
	// Email touches send from this process until done; Ctrl+C stops
	// between two messages and the app carries on later.
	waitEmail(ctx, ws, rel)
	e.print(res, func(w io.Writer) {
		printCampaignPreflight(w, c, pf)
		fmt.Fprintf(w, "Launched: %s\n", c.Status)
		for _, t := range rel.Touches {
			fmt.Fprintf(w, "  touch %d (%s): %d on the list, %d left out\n", seqOf(c, t.TouchID), t.Channel, t.Count, t.Skipped)
		}
	})
	return nil
}

func seqOf(c marketing.Campaign, touchID int64) int {
	for _, t := range c.Touches {
		if t.ID == touchID {
			return t.Seq
		}
	}
	return 0
}

func waitEmail(ctx context.Context, ws *workspace.Workspace, rel campaign.Released) {
	for _, t := range rel.Touches {
		if t.Channel != marketing.TouchEmail || t.Count == 0 {
			continue
		}
		for ctx.Err() == nil {
			st, err := ws.Sending.Status(context.Background(), t.TouchID)
			if err != nil || !st.Active {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
}

func printCampaignPreflight(w io.Writer, c marketing.Campaign, pf marketing.CampaignPreflight) {
	fmt.Fprintf(w, "%s: %d in the segment, %d in the target group, %d in the control group\n", c.Name, pf.Segment, pf.Target, pf.Control)
	for _, x := range pf.Exclusions {
		fmt.Fprintf(w, "  left out, %s: %d\n", strings.ReplaceAll(x.Reason, "_", " "), x.Count)
	}
	for _, t := range pf.Touches {
		fmt.Fprintf(w, "  touch %d (%s) on %s: %d people, %s\n", t.Seq, t.Channel, t.Due, t.Reach, money(t.CostMinor, c.Currency))
	}
	fmt.Fprintf(w, "  cost: %s", money(pf.CostMinor, c.Currency))
	if pf.BreakEvenRate > 0 && !math.IsInf(pf.BreakEvenRate, 0) {
		fmt.Fprintf(w, "; pays for itself if %.1f %% respond", pf.BreakEvenRate*100)
	}
	fmt.Fprintln(w)
	for _, wn := range pf.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", strings.ReplaceAll(wn, "_", " "))
	}
	for _, p := range pf.Problems {
		fmt.Fprintf(w, "  cannot launch: %s\n", p.Message)
	}
}

func runCampaignResults(e *env, args []string) error {
	fs := e.flags("campaign results")
	name, err := parseWithName(fs, args, "campaign: `directdesk campaign results NAME`")
	if err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	c, err := findCampaign(ctx, ws, name)
	if err != nil {
		return err
	}
	r, err := ws.Campaigns().Results(ctx, c.ID)
	if err != nil {
		return err
	}
	e.print(r, func(w io.Writer) {
		t := r.Totals
		fmt.Fprintf(w, "%s (%s)\n", r.Name, r.Status)
		fmt.Fprintf(w, "  reached %d of %d, %d responded (%.1f %%), %d orders, revenue %s\n", t.Delivered, t.Recipients, t.Responses, t.ResponseRate*100, t.Orders, money(t.RevenueMinor, r.Currency))
		fmt.Fprintf(w, "  cost %s, per response %s, per order %s, profit %s, ROI %.0f %%\n", money(t.CostMinor, r.Currency), money(t.CostPerResponseMinor, r.Currency), money(t.CostPerOrderMinor, r.Currency), money(t.ProfitMinor, r.Currency), t.ROI*100)
		for _, l := range r.Touches {
			fmt.Fprintf(w, "  touch %d (%s): %d sent, %d responses, %d orders, %s\n", l.Seq, l.Channel, l.Sent, l.Responses, l.Orders, money(l.RevenueMinor, r.Currency))
		}
		if u := r.Uplift; u.Measured {
			fmt.Fprintf(w, "  bought: target %.1f %% (%d of %d), control %.1f %% (%d of %d), p = %.3f (%s)\n", u.TargetRate*100, u.TargetBuyers, u.TargetN, u.ControlRate*100, u.ControlBuyers, u.ControlN, u.P, strings.ReplaceAll(u.Verdict, "_", " "))
		}
		for _, f := range r.Findings {
			if f.Text != "" {
				fmt.Fprintf(w, "  %s\n", f.Text)
			}
		}
	})
	return nil
}

func runRedeem(e *env, args []string) error {
	fs := e.flags("redeem")
	kind := fs.String("kind", "", "what came back: coupon (default) or order (default with --value)")
	value := fs.String("value", "", "order value, e.g. 249.50")
	check := fs.Bool("check", false, "only look the code up; record nothing")
	code, err := parseWithName(fs, args, "response code: `directdesk redeem K7MQ-X9A`")
	if err != nil {
		return err
	}
	minor, err := parseMoney(*value)
	if err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	s := ws.Campaigns()
	red, err := s.Redeem(ctx, code)
	if err != nil {
		return err
	}
	if *check {
		e.print(red, func(w io.Writer) { printRedemption(w, red) })
		return nil
	}
	k := *kind
	if k == "" {
		k = marketing.ResponseCoupon
		if minor > 0 {
			k = marketing.ResponseOrder
		}
	}
	r, err := s.AddResponse(ctx, campaign.NewResponse{Code: code, Kind: k, Source: marketing.SourceRedeem, ValueMinor: minor})
	if err != nil {
		return err
	}
	e.print(r, func(w io.Writer) {
		printRedemption(w, red)
		fmt.Fprintf(w, "Recorded: %s", r.Kind)
		if r.ValueMinor > 0 {
			fmt.Fprintf(w, ", %s", money(r.ValueMinor, ""))
		}
		if r.TouchSeq > 0 {
			fmt.Fprintf(w, ", counted for touch %d", r.TouchSeq)
		}
		fmt.Fprintln(w)
	})
	return nil
}

func printRedemption(w io.Writer, r campaign.Redemption) {
	camp := r.Campaign
	if camp == "" {
		camp = "(no campaign)"
	}
	fmt.Fprintf(w, "%s: %s, %s, campaign %s", r.Code, r.ContactName, firstNonEmpty(r.City, "-"), camp)
	if r.Group == marketing.GroupControl {
		fmt.Fprint(w, " (control group)")
	}
	fmt.Fprintln(w)
	for _, p := range r.Previous {
		fmt.Fprintf(w, "  already recorded %s: %s\n", p.At, p.Kind)
	}
}

// parseMoney reads "249.50", "249,50" or "1 249,50" as minor units.
func parseMoney(s string) (int64, error) {
	s = strings.NewReplacer(" ", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	if i := strings.LastIndexAny(s, ".,"); i >= 0 && len(s)-i-1 <= 2 {
		s = strings.NewReplacer(".", "", ",", "").Replace(s[:i]) + "." + s[i+1:]
	} else {
		s = strings.NewReplacer(".", "", ",", "").Replace(s)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e12 {
		return 0, marketing.FieldError(marketing.EInvalid, "value", "The value is not an amount. Write it like 249.50.", map[string]string{"reason": "number"})
	}
	return int64(math.Round(f * 100)), nil
}

func money(minor int64, currency string) string {
	s := fmt.Sprintf("%d.%02d", minor/100, abs64(minor%100))
	if minor < 0 && minor > -100 {
		s = "-" + s
	}
	if currency != "" {
		s += " " + currency
	}
	return s
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func firstNonEmpty(a ...string) string {
	for _, s := range a {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
