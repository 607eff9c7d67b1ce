package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"directdesk/backend/marketing"
)

func init() {
	register(command{name: "contacts list", summary: "list contacts (--search, --sort, --limit, --offset)", run: runContactsList})
}

func runContactsList(e *env, args []string) error {
	fs := e.flags("contacts list")
	var q marketing.ContactQuery
	fs.StringVar(&q.Search, "search", "", "search names, email, phone, city, company")
	fs.StringVar(&q.Country, "country", "", "only this country (DK, SE, NO, RU, ...)")
	fs.StringVar(&q.Tag, "tag", "", "only contacts with this tag")
	fs.StringVar(&q.Sort, "sort", "name", "sort by name, email, city, postcode, company, customerNo, country, createdAt, updatedAt")
	fs.BoolVar(&q.Desc, "desc", false, "sort descending")
	fs.IntVar(&q.Limit, "limit", 20, "rows per page (at most 500)")
	fs.IntVar(&q.Offset, "offset", 0, "rows to skip")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx := context.Background()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	page, err := ws.DB.ListContacts(ctx, q)
	if err != nil {
		return err
	}
	e.print(page, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tEMAIL\tMOBILE\tPOSTCODE\tCITY\tCOUNTRY")
		for _, c := range page.Items {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.DisplayName(), c.Email, c.Mobile, c.Postcode, c.City, c.Country)
		}
		tw.Flush()
		fmt.Fprintf(w, "%d–%d of %d\n", min(page.Offset+1, page.Total), page.Offset+len(page.Items), page.Total)
	})
	return nil
}
