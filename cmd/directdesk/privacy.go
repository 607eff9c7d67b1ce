package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

func init() {
	register(command{name: "register import", summary: "import a do-not-contact register file (--register robinson|nix|reservasjon)", run: runRegisterImport})
}

func runRegisterImport(e *env, args []string) error {
	fs := e.flags("register import")
	reg := fs.String("register", "", "the register the file is from: robinson (DK), nix (SE) or reservasjon (NO)")
	date := fs.String("date", "", "the day the register made the file, YYYY-MM-DD (default today)")
	// The file may come before or after the flags.
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	} else if fs.NArg() > 0 || file == "" {
		return marketing.Errorf(marketing.EInvalid, "Name one register file: directdesk register import FILE --register robinson|nix|reservasjon [--date YYYY-MM-DD].")
	}
	switch *reg {
	case marketing.RegisterRobinson, marketing.RegisterNIX, marketing.RegisterReservasjon:
	default:
		return marketing.Errorf(marketing.EInvalid, "Say which register the file is from with --register robinson (Denmark), nix (Sweden) or reservasjon (Norway).")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ws, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer ws.Close()
	res, err := privacy.ImportRegister(ctx, ws.DB, file, *reg, *date, "cli", time.Now(), nil)
	if err != nil {
		return err
	}
	e.print(res, func(w io.Writer) {
		fmt.Fprintf(w, "Imported %s: %d entries from %d rows. %d of your contacts are on it.\n", res.FileName, res.Entries, res.Rows, res.Matches)
		if res.Unusable > 0 {
			rows := make([]string, len(res.UnusableRows))
			for i, r := range res.UnusableRows {
				rows[i] = fmt.Sprint(r)
			}
			fmt.Fprintf(w, "%d rows had neither a valid phone number nor a name with an address (rows %s).\n", res.Unusable, strings.Join(rows, ", "))
		}
	})
	return nil
}
