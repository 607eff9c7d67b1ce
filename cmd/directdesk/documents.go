package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

func init() {
	register(command{name: "letters", summary: "make personalised letters as PDF: --template T --out FILE.pdf (or --per-person --out FOLDER) + selection flags", run: documentsCommand(marketing.KindLetter, document.StarterLetter)})
	register(command{name: "labels", summary: "make address labels or envelopes as PDF: --template T --out FILE.pdf + selection flags", run: documentsCommand(marketing.KindLabels, document.StarterLabels)})
	register(command{name: "catalog", summary: "make personalised catalogs as PDF: --template T --out FILE.pdf + selection flags", run: documentsCommand(marketing.KindCatalog, document.StarterCatalog)})
	register(command{name: "templates", summary: "list the letter, label and catalog templates", run: runTemplates})
}

// documentsCommand makes "letters", "labels" and "catalog": the same
// generation for a template of that kind.
func documentsCommand(kind marketing.TemplateKind, starter string) func(e *env, args []string) error {
	return func(e *env, args []string) error {
		var sel selection
		fs := e.flags(string(kind))
		sel.flags(fs)
		name := fs.String("template", starter, "the template's name or title (see: directdesk templates)")
		out := fs.String("out", "", "the PDF to write (or, with --per-person, the folder)")
		perPerson := fs.Bool("per-person", false, "one PDF per recipient in the folder --out")
		campaign := fs.String("campaign", "", "campaign name: response codes are unique per recipient per campaign (default: template title and date)")
		quiet := fs.Bool("quiet", false, "no progress output")
		if err := fs.Parse(args); err != nil {
			return err
		}
		if *out == "" {
			return marketing.Errorf(marketing.EInvalid, "Say where to write the documents with --out FILE.pdf (or --per-person --out FOLDER).")
		}
		if !*perPerson && !strings.EqualFold(strings.TrimSpace(pathExt(*out)), ".pdf") {
			return marketing.Errorf(marketing.EInvalid, "The file must end in .pdf, e.g. --out letters.pdf.")
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		return withSelection(ctx, e, &sel, func(ws *workspace.Workspace, ids []int64) error {
			t, err := ws.Template(ctx, *name)
			if err != nil {
				return err
			}
			if t.Kind != kind {
				return marketing.Errorf(marketing.EInvalid, "%q is a %s template; use `directdesk %s` for it.", t.Title, t.Kind, commandFor(t.Kind))
			}
			// People who may not get post (consent, registers, erasure,
			// licences) are left out before anything is made.
			req, err := ws.PrintRequest(ctx, t, ids, sel.words())
			if err != nil {
				return err
			}
			req.Path, req.Campaign, req.Output = *out, *campaign, marketing.OutputCombined
			if *perPerson {
				req.Output = marketing.OutputPerPerson
			}
			res, err := document.Generate(ctx, ws.DB, req, cliProgress(e, *quiet))
			if err != nil {
				return err
			}
			e.print(res, func(w io.Writer) {
				fmt.Fprintf(w, "Made %d %s (%d pages) in %s\n", res.Recipients, kindWords(kind, res.Recipients), res.Pages, strings.Join(res.Files, ", "))
				if res.Skipped > 0 {
					fmt.Fprintf(w, "%d contacts have no postal address and were left out\n", res.Skipped)
				}
				for reason, n := range req.Excluded {
					fmt.Fprintf(w, "%d contacts may not get post and were left out (%s)\n", n, reason)
				}
				shortened := 0
				for _, p := range res.Problems {
					if p.Reason == "address_too_long" {
						shortened++
					}
				}
				if shortened > 0 {
					fmt.Fprintf(w, "%d addresses were too long for the window and were shortened: check them with the preflight\n", shortened)
				}
			})
			return nil
		})
	}
}

func pathExt(p string) string {
	if i := strings.LastIndex(p, "."); i >= 0 && !strings.ContainsAny(p[i:], `/\`) {
		return p[i:]
	}
	return ""
}

func commandFor(k marketing.TemplateKind) string {
	switch k {
	case marketing.KindLabels:
		return "labels"
	case marketing.KindCatalog:
		return "catalog"
	}
	return "letters"
}

func kindWords(k marketing.TemplateKind, n int) string {
	w := map[marketing.TemplateKind]string{marketing.KindLetter: "letter", marketing.KindLabels: "label", marketing.KindCatalog: "catalog"}[k]
	if n != 1 {
		w += "s"
	}
	return w
}

func runTemplates(e *env, args []string) error {
	fs := e.flags("templates")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	list, err := ws.Templates(ctx, "")
	if err != nil {
		return err
	}
	e.print(list, func(w io.Writer) {
		for _, t := range list {
			fmt.Fprintf(w, "%-20s %-8s v%-3d %s (%s)\n", t.Name, t.Kind, t.Version, t.Title, t.Lang)
		}
	})
	return nil
}

// words describes the selection flags for the record of a run.
func (s *selection) words() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+" "+v)
		}
	}
	add("segment", s.segment)
	add("filter", s.filter)
	add("age", s.age)
	add("gender", s.gender)
	add("country", s.country)
	add("region", s.regions.String())
	add("job title", s.titles.String())
	add("consent", s.consent.String())
	add("tag", s.tags.String())
	if len(parts) == 0 {
		return "all contacts"
	}
	return strings.Join(parts, "; ")
}
