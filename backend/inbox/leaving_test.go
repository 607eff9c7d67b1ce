package inbox

import "testing"

// Replies that quote our subject or mention leaving something else are
// not requests to leave the list.
func TestRepliesThatAreNotRequestsToLeave(t *testing.T) {
	for _, raw := range []string{
		"From: a@b.no\r\nTo: shop@x.no\r\nSubject: Re: Avslutt sommeren med oss\r\nIn-Reply-To: <dd.abc@x.no>\r\nMessage-ID: <q@b.no>\r\n\r\njeg vil bestille to sykler\r\n",
		"From: a@b.se\r\nTo: shop@x.se\r\nSubject: Sv: Vårens rea avslutas på söndag\r\nIn-Reply-To: <dd.abc@x.se>\r\nMessage-ID: <q2@b.se>\r\n\r\nHar ni cyklar kvar?\r\n",
		"From: a@b.dk\r\nTo: shop@x.dk\r\nSubject: Workshop\r\nMessage-ID: <q3@b.dk>\r\n\r\njeg vil gerne afmelde mig workshoppen\r\n",
	} {
		c := Classify([]byte(raw))
		if c.Kind == "unsubscribe" {
			t.Errorf("%q classified as unsubscribe", c.Subject)
		}
	}
}
