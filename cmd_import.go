package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"convene/internal/company"
)

// cmdImport imports companies and contacts from a CSV or XLSX file with
// the same rules as the staff UI: every row is checked first, and a file
// with any bad row changes nothing.
func cmdImport(ctx context.Context, cio cmdIO, args []string) error {
	if len(args) == 0 || args[0] != "companies" {
		fmt.Fprintln(cio.stderr, "Usage: convene import companies [flags] FILE\n\nImports companies and their contacts from CSV or XLSX; run with --help for the flags.")
		return errUsage
	}
	var cfg config
	fs := newFlags(cio, "import companies", "FILE", &cfg)
	dryRun := fs.Bool("dry-run", false, "check the file and show what would change, without importing")
	if err := parse(fs, args[1:], &cfg); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	sheet, err := company.ReadSheet(fs.Arg(0), data)
	if err != nil {
		return err
	}
	sys, err := open(ctx, cio, cfg, "tool")
	if err != nil {
		return err
	}
	defer sys.store.Close()
	m := company.SuggestMapping(sheet.Header)
	res, err := sys.deps.Register.Import(ctx, sheet, m, *dryRun)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(cio.stdout, 0, 4, 2, ' ', 0)
	for _, r := range res.Rows {
		for _, e := range r.Errors {
			fmt.Fprintf(tw, "row %d\tcolumn %s\t%s\n", r.Row, e.Column, cio.cat.T(cio.lang, e.Key, e.Params))
		}
	}
	tw.Flush()
	fmt.Fprintf(cio.stdout, "%s (%s, %s): %d companies new, %d updated; %d contacts new, %d updated; %d rows skipped, %d with errors\n",
		fs.Arg(0), sheet.Format, sheet.Encoding, res.CompaniesCreated, res.CompaniesUpdated, res.ContactsCreated, res.ContactsUpdated, res.Skipped, res.Failed)
	switch {
	case res.Failed > 0:
		return fmt.Errorf("nothing was imported: correct the %d rows above and run the import again", res.Failed)
	case *dryRun:
		fmt.Fprintln(cio.stdout, "dry run: nothing was imported")
	default:
		fmt.Fprintln(cio.stdout, "imported")
	}
	return nil
}
