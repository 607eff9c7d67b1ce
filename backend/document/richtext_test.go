package document

import (
	"strings"
	"testing"
	"time"
)

func TestTypedTextInATemplateNeverBecomesMarkup(t *testing.T) {
	for _, in := range []string{
		`<p>{{first_name | "&lt;img src=x onerror=alert(1)&gt;"}}</p>`,
		`<p>{{first_name | “&lt;script&gt;x&lt;/script&gt;”}}</p>`,
		`<p>{{"&lt;b&gt;"}}</p>`,
	} {
		out := Sanitize(in)
		if strings.Contains(out, "<img") || strings.Contains(out, "<script") || strings.Contains(out, "<b>") {
			t.Errorf("Sanitize(%s) = %s", in, out)
		}
	}
	// Comparisons inside a tag are read as the user typed them.
	if out := Sanitize(`<p>{{#if age &gt; 60}}Senior{{/if}}</p>`); !strings.Contains(out, "{{#if age > 60}}") {
		t.Errorf("comparison = %s", out)
	}
}

func TestOnlyPicturesStoredInTheWorkspaceAreKept(t *testing.T) {
	out := Sanitize(`<p>x</p><img src="media:img/0123456789abcdef01234567"><img src="media:/etc/secret.png"><img src="file:///x.png"><img src="media:img/../../x">`)
	if strings.Count(out, "<img") != 1 {
		t.Errorf("Sanitize kept %s", out)
	}
	d := newDoc(paperA4, nil, "", time.Time{})
	if d.image("/etc/hostname.png", 0, 0, 10, 10, "") {
		t.Error("a file path was read as a picture")
	}
}
