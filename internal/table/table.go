package table

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"

	"convene/internal/i18n"

	"github.com/xuri/excelize/v2"
)

// File is an exported file.
type File struct {
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	Data        []byte `json:"-"`
}

// SafeCell neutralises a cell a spreadsheet would run as a formula
// (beginning with =, +, -, @, or a tab or carriage return) by prefixing an
// apostrophe.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Write writes rows, the header first, as a CSV that Danish Excel
// opens (UTF-8 with a BOM, semicolons) or as an XLSX sheet.
func Write(name, format string, rows [][]string) (File, error) {
	for _, r := range rows[1:] {
		for i := range r {
			r[i] = SafeCell(r[i])
		}
	}
	var buf bytes.Buffer
	switch format {
	case "csv":
		buf.WriteString("\ufeff")
		w := csv.NewWriter(&buf)
		w.Comma = ';'
		w.UseCRLF = true
		if err := w.WriteAll(rows); err != nil {
			return File{}, err
		}
		return File{Filename: name + ".csv", ContentType: "text/csv; charset=utf-8", Data: buf.Bytes()}, nil
	case "xlsx":
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return File{}, err
		}
		for i, r := range rows {
			cells := make([]any, len(r))
			for j := range r {
				cells[j] = r[j]
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, cells); err != nil {
				return File{}, err
			}
		}
		if err := sw.Flush(); err != nil {
			return File{}, err
		}
		if err := f.Write(&buf); err != nil {
			return File{}, err
		}
		return File{Filename: name + ".xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: buf.Bytes()}, nil
	}
	return File{}, i18n.NewError("error.export_format", map[string]any{"format": fmt.Sprint(format)})
}
