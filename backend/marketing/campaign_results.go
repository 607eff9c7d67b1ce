package marketing

// CampaignResults is step 8, "measure": what a campaign did and earned.
// Rates are 0..1; money is in minor units of the campaign's currency.
type CampaignResults struct {
	CampaignID int64  `json:"campaignId"`
	Name       string `json:"name"`
	Status     string `json:"status"`
	Currency   string `json:"currency"`
	AsOf       string `json:"asOf"` // when computed (timestamp)

	Totals   ResultLine   `json:"totals"`
	Touches  []ResultLine `json:"touches"`  // one per touch, in sequence order
	Segments []ResultLine `json:"segments"` // per lifecycle stage at launch (loyal, lost, prospect, ...)
	Channels []ResultLine `json:"channels"` // per channel

	// FollowUp is the follow-up curve: responses and revenue attributed
	// to each touch number, with the cumulative share of sales.
	FollowUp []FollowUpPoint `json:"followUp"`
	// Daily counts responses and revenue per day since the launch (charts).
	Daily []DailyPoint `json:"daily"`

	Uplift Uplift `json:"uplift"`
	// LTV: average revenue per person of the target and control groups in
	// the year before the launch and since; lifecycle moves from the
	// stage at launch to the stage now.
	LTV       LTVMovement     `json:"ltv"`
	Lifecycle []LifecycleMove `json:"lifecycle"`

	OpenFulfilments int     `json:"openFulfilments"`
	FulfilmentDays  float64 `json:"fulfilmentDays"` // average days from response to done; 0 = none done
	// Summary sentences' codes with parameters, for the plain-words panel.
	Findings []Finding `json:"findings"`
}

// ResultLine is one row of a results table.
type ResultLine struct {
	Key        string `json:"key"`   // "total", "touch:3", "segment:loyal", "channel:email"
	Label      string `json:"label"` // English fallback; the UI translates by key
	Channel    string `json:"channel"`
	Seq        int    `json:"seq"`
	Due        string `json:"due"`
	Recipients int    `json:"recipients"` // in the list (target group members or touch list)
	Sent       int    `json:"sent"`       // posted, sent, exported, called
	Delivered  int    `json:"delivered"`  // sent minus bounced/failed
	Bounced    int    `json:"bounced"`
	Responses  int    `json:"responses"` // people who responded (distinct contacts)
	Orders     int    `json:"orders"`
	Clicks     int    `json:"clicks"` // tracked link visits (access log), distinct people
	Opens      int    `json:"opens"`

	RevenueMinor         int64   `json:"revenueMinor"`
	CostMinor            int64   `json:"costMinor"`
	ResponseRate         float64 `json:"responseRate"`         // responses / delivered
	OrderRate            float64 `json:"orderRate"`            // orders / delivered
	CostPerResponseMinor int64   `json:"costPerResponseMinor"` // 0 when no responses
	CostPerOrderMinor    int64   `json:"costPerOrderMinor"`
	ProfitMinor          int64   `json:"profitMinor"` // revenue x margin - cost (revenue - cost without a margin)
	ROI                  float64 `json:"roi"`         // profit / cost
	BreakEvenRate        float64 `json:"breakEvenRate"`
}

// FollowUpPoint is one touch number on the follow-up curve.
type FollowUpPoint struct {
	Seq             int     `json:"seq"`
	Channel         string  `json:"channel"`
	Responses       int     `json:"responses"`
	Orders          int     `json:"orders"`
	RevenueMinor    int64   `json:"revenueMinor"`
	CumulativeShare float64 `json:"cumulativeShare"` // of all attributed orders (revenue when there are no orders) up to this touch
}

// DailyPoint is one day of responses.
type DailyPoint struct {
	Date         string `json:"date"`
	Responses    int    `json:"responses"`
	Orders       int    `json:"orders"`
	RevenueMinor int64  `json:"revenueMinor"`
}

// Uplift compares who bought in the target group with the control group
// (which got nothing) since the launch.
type Uplift struct {
	Measured      bool    `json:"measured"` // a control group exists
	TargetN       int     `json:"targetN"`
	TargetBuyers  int     `json:"targetBuyers"`
	ControlN      int     `json:"controlN"`
	ControlBuyers int     `json:"controlBuyers"`
	TargetRate    float64 `json:"targetRate"`
	ControlRate   float64 `json:"controlRate"`
	Uplift        float64 `json:"uplift"` // TargetRate - ControlRate
	Low           float64 `json:"low"`    // 95 % confidence interval of the uplift
	High          float64 `json:"high"`
	P             float64 `json:"p"`
	Test          string  `json:"test"`    // z or fisher
	Verdict       string  `json:"verdict"` // very_likely, likely, perhaps, not_shown, no_data
	// Revenue per person in each group and what the campaign added.
	TargetRevenuePerPersonMinor  int64 `json:"targetRevenuePerPersonMinor"`
	ControlRevenuePerPersonMinor int64 `json:"controlRevenuePerPersonMinor"`
	IncrementalRevenueMinor      int64 `json:"incrementalRevenueMinor"`
}

// LTVMovement is the value of the target group before and after.
type LTVMovement struct {
	TargetBeforeMinor  int64 `json:"targetBeforeMinor"` // average revenue per person, the 365 days before launch
	TargetSinceMinor   int64 `json:"targetSinceMinor"`  // since launch
	ControlBeforeMinor int64 `json:"controlBeforeMinor"`
	ControlSinceMinor  int64 `json:"controlSinceMinor"`
	// TargetLifetimeMinor: average revenue per person over all time.
	TargetLifetimeMinor int64 `json:"targetLifetimeMinor"`
	SinceDays           int   `json:"sinceDays"`
}

// LifecycleMove counts target-group people by stage at launch and now.
type LifecycleMove struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Count int    `json:"count"`
}

// Finding is one sentence of the plain-words summary, by code.
type Finding struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params"`
	Text   string            `json:"text"` // English fallback
}
