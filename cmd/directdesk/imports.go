package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"directdesk/backend/exporter"
	"directdesk/backend/importer"
	"directdesk/backend/marketing"
)

func init() {
	for _, k := range marketing.ImportKinds {
		kind := k
		register(command{name: "import " + string(kind), summary: "import " + string(kind) + " from FILE (.xlsx .ods .csv); --dry-run shows what it would do",
			run: func(e *env, args []string) error { return runImport(e, kind, args) }})
		register(command{name: "export " + string(kind), summary: "export " + string(kind) + " to --out FILE.xlsx|FILE.csv",
			run: func(e *env, args []string) error { return runExport(e, kind, args) }})
	}
	register(command{name: "import undo", summary: "undo import batch --batch N", run: runImportUndo})
	register(command{name: "import list", summary: "list the import batches", run: runImportList})
}

// parseWithFile parses flags that may come before or after the one file argument.
func parseWithFile(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		return "", marketing.Errorf(marketing.EInvalid, "Name the file to import.")
	}
	file := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", marketing.Errorf(marketing.EInvalid, "Import one file at a time.")
	}
	return file, nil
}

func runImport(e *env, kind marketing.ImportKind, args []string) error {
	fs := e.flags("import " + string(kind))
	var src marketing.ImportSource
	fs.StringVar(&src.Sheet, "sheet", "", "sheet name (default: the one with most data)")
	fs.IntVar(&src.HeaderRow, "header-row", 0, "row number of the header (0 = find it, -1 = no header)")
	fs.StringVar(&src.Encoding, "encoding", "", "text files: "+strings.Join(encodingNames(), ", ")+" (default: detect)")
	fs.StringVar(&src.Delimiter, "delimiter", "", "text files: , ; | or tab (default: detect)")
	mapping := fs.String("mapping", "", `JSON file: {"Header": "field", ...} or a mapping {"columns": [{"column": 0, "field": "email"}]} (default: automatic)`)
	policy := fs.String("policy", "update", "people already in DirectDesk: skip, update or fill (only empty fields)")
	namePostcode := fs.Bool("match-name-postcode", false, "treat the same name and postcode as the same person (default: only list them)")
	tag := fs.String("tag", "", "tag every imported contact")
	list := fs.String("list", "own", "own, bought or rented list")
	var terms marketing.ListTerms
	fs.StringVar(&terms.Supplier, "supplier", "", "bought or rented list: who it came from")
	fs.StringVar(&terms.AcquiredOn, "acquired", "", "bought or rented list: the date you got it (YYYY-MM-DD)")
	fs.StringVar(&terms.Licence, "licence", "", "bought or rented list: once or repeated")
	fs.StringVar(&terms.ExpiresOn, "expires", "", "bought or rented list: last day it may be used (YYYY-MM-DD, default: no end)")
	fs.StringVar(&terms.LegalBasis, "legal-basis", "", "bought or rented list: legitimate_interest, supplier_consent or your own words")
	currency := fs.String("currency", "", "currency for amounts without one (default: the workspace's)")
	images := fs.String("images", "", "products: folder with the pictures")
	dry := fs.Bool("dry-run", false, "only say what the import would do")
	quiet := fs.Bool("quiet", false, "no progress output")
	file, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	if src.Delimiter == "tab" {
		src.Delimiter = "\t"
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	eng := ws.Importer()
	s := importer.Source{Path: file, ImportSource: src}
	in, err := eng.Inspect(ctx, kind, s)
	if err != nil {
		return err
	}
	opt := marketing.ImportOptions{Mapping: in.Mapping, Policy: marketing.DuplicatePolicy(*policy), MatchNamePostcode: *namePostcode,
		Tag: *tag, ListKind: *list, Currency: *currency, ImageFolder: *images}
	if *list == marketing.ListBought || *list == marketing.ListRented {
		opt.List = &terms
	}
	if *mapping != "" {
		if opt.Mapping, err = readMapping(*mapping, in); err != nil {
			return err
		}
	}
	s.HeaderRow = in.HeaderRow
	progress := cliProgress(e, *quiet)
	if *dry {
		sum, err := eng.Analyze(ctx, s, opt, progress)
		if err != nil {
			return err
		}
		e.print(sum, func(w io.Writer) { printCounts(w, "Would import", sum.Counts, sum.Seconds) })
		return nil
	}
	b, err := eng.Commit(ctx, s, opt, progress)
	if err != nil {
		return err
	}
	e.print(b, func(w io.Writer) {
		printCounts(w, fmt.Sprintf("Imported batch %d from %s", b.ID, b.FileName), b.Counts, b.Seconds)
	})
	return nil
}

func encodingNames() []string {
	return []string{"utf-8", "utf-16le", "utf-16be", "windows-1252", "windows-1251", "koi8-r"}
}

// readMapping reads a mapping file: either header -> field, or a whole
// ImportMapping.
func readMapping(path string, in marketing.ImportInspection) (marketing.ImportMapping, error) {
	m := in.Mapping
	b, err := os.ReadFile(path)
	if err != nil {
		return m, marketing.Errorf(marketing.ENotFound, "The mapping file %s could not be read.", path)
	}
	var full marketing.ImportMapping
	if json.Unmarshal(b, &full) == nil && len(full.Columns) > 0 {
		full.Kind, full.Sheet = m.Kind, m.Sheet
		if full.HeaderRow == 0 {
			full.HeaderRow = m.HeaderRow
		}
		return full, nil
	}
	var byHeader map[string]string
	if err := json.Unmarshal(b, &byHeader); err != nil {
		return m, marketing.Errorf(marketing.EInvalid, `The mapping file must be JSON like {"Fornavn": "firstName"}.`)
	}
	used := map[string]bool{}
	for i := range m.Columns {
		for h, f := range byHeader {
			if strings.EqualFold(strings.TrimSpace(h), m.Columns[i].Header) {
				m.Columns[i].Field = f
				used[h] = true
			}
		}
	}
	for h := range byHeader {
		if !used[h] {
			return m, marketing.Errorf(marketing.EInvalid, "The file has no column called %q.", h)
		}
	}
	return m, nil
}

func printCounts(w io.Writer, title string, c marketing.ImportCounts, secs float64) {
	fmt.Fprintf(w, "%s: %d rows in %.1f s\n", title, c.Rows, secs)
	fmt.Fprintf(w, "  new %d, updated %d, unchanged %d, skipped %d\n", c.New, c.Updated, c.Unchanged, c.Skipped)
	fmt.Fprintf(w, "  duplicates in the file %d, already in DirectDesk %d, invalid %d, look-alikes %d\n", c.DuplicatesInFile, c.DuplicatesExisting, c.Invalid, c.Suggested)
}

func cliProgress(e *env, quiet bool) marketing.Progress {
	last := time.Time{}
	start := time.Now()
	return func(done, total int) {
		if quiet || e.json || time.Since(last) < time.Second && done != total {
			return
		}
		last = time.Now()
		rate := float64(done) / max(time.Since(start).Seconds(), 0.001)
		fmt.Fprintf(e.stderr, "\r%d / %d rows (%.0f rows/s)   ", done, total, rate)
		if done == total {
			fmt.Fprintln(e.stderr)
		}
	}
}

func runImportUndo(e *env, args []string) error {
	fs := e.flags("import undo")
	id := fs.Int64("batch", 0, "the batch number (see import list)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	b, err := ws.DB.UndoImport(ctx, *id, nil)
	if err != nil {
		return err
	}
	e.print(b, func(w io.Writer) { fmt.Fprintf(w, "Undid batch %d (%s).\n", b.ID, b.FileName) })
	return nil
}

func runImportList(e *env, args []string) error {
	fs := e.flags("import list")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	bs, err := ws.DB.ImportBatches(ctx)
	if err != nil {
		return err
	}
	e.print(bs, func(w io.Writer) {
		for _, b := range bs {
			state := ""
			if b.UndoneAt != "" {
				state = " (undone " + b.UndoneAt + ")"
			}
			fmt.Fprintf(w, "%4d  %s  %-8s %-30s new %d, updated %d%s\n", b.ID, b.StartedAt, b.Kind, b.FileName, b.Counts.New, b.Counts.Updated, state)
		}
	})
	return nil
}

func runExport(e *env, kind marketing.ImportKind, args []string) error {
	fs := e.flags("export " + string(kind))
	out := fs.String("out", "", "the file to write: .xlsx or .csv")
	search := fs.String("search", "", "contacts: only those the search finds")
	country := fs.String("country", "", "contacts: only this country")
	tag := fs.String("tag", "", "contacts: only with this tag")
	quiet := fs.Bool("quiet", false, "no progress output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return marketing.Errorf(marketing.EInvalid, "Say where to write the file with --out FILE.xlsx or --out FILE.csv.")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	settings, err := ws.Settings(ctx)
	if err != nil {
		return err
	}
	opt := exporter.Options{Language: settings.Language}
	progress := cliProgress(e, *quiet)
	start := time.Now()
	var res marketing.ExportResult
	switch kind {
	case marketing.ImportContacts:
		res, err = exporter.Contacts(ctx, ws.DB, marketing.ContactQuery{Search: *search, Country: *country, Tag: *tag}, *out, opt, progress)
	case marketing.ImportOrders:
		res, err = exporter.Orders(ctx, ws.DB, *out, opt, progress)
	default:
		res, err = exporter.Products(ctx, ws.DB, *out, opt, progress)
	}
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	e.print(map[string]any{"path": res.Path, "rows": res.Rows, "seconds": secs}, func(w io.Writer) {
		fmt.Fprintf(w, "Wrote %d %s to %s in %.1f s.\n", res.Rows, kind, filepath.Base(res.Path), secs)
	})
	return nil
}
