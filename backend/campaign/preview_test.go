package campaign

import (
	"strings"
	"testing"

	"directdesk/backend/marketing"
)

// TestPreviewTouchUsesThePersonsOwnCode: the call script and the SMS text
// are shown with the person's fields and the code their letters carry,
// not a sample; other channels are refused.
func TestPreviewTouchUsesThePersonsOwnCode(t *testing.T) {
	f := newFixture(t)
	ids := f.add(person{c: marketing.Contact{FirstName: "Åse", LastName: "Berg", Phone: "+4790000004", Mobile: "+4790000005", Country: "NO"}, consent: map[string]string{"sms": "granted", "phone": "granted"}})
	lt := f.template(marketing.KindLetter, "Brev", "<p>Hei {{first_name}}</p>")
	c := f.draft("Vinter",
		marketing.Touch{Channel: marketing.TouchPhone, Script: "Hei {{first_name}}, koden er {{response_code}} ({{campaign.name}})", UnitCostMinor: 100},
		marketing.Touch{Channel: marketing.TouchSMS, SMSText: "Hei {{first_name}}: {{response_code}}", UnitCostMinor: 50},
		marketing.Touch{Channel: marketing.TouchLetter, TemplateID: lt.ID, OffsetDays: 30},
	)
	f.launch(c, ids)
	c = f.get(c.ID)
	codes, err := f.db.ResponseCodes(f.ctx, c.CodeKey, ids)
	if err != nil {
		t.Fatal(err)
	}
	want := marketing.FormatResponseCode(codes[ids[0]])
	for _, tc := range c.Touches {
		p, err := f.s.PreviewTouch(f.ctx, tc.ID, ids[0])
		switch tc.Channel {
		case marketing.TouchPhone:
			if err != nil || p.Text != "Hei Åse, koden er "+want+" (Vinter)" {
				t.Errorf("script %q %v", p.Text, err)
			}
		case marketing.TouchSMS:
			if err != nil || !strings.HasSuffix(p.Text, want) || p.Parts != 1 {
				t.Errorf("sms %+v %v", p, err)
			}
		default:
			if reasonOf(err) != "invalid/channel" {
				t.Errorf("letter preview: %v", err)
			}
		}
	}
}
