package table

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
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
	values := make([][]any, len(rows)-1)
	for i, r := range rows[1:] {
		values[i] = make([]any, len(r))
		for j := range r {
			values[i][j] = r[j]
		}
	}
	return WriteValues(name, format, "", rows[0], values)
}

// WriteValues is Write for a header and rows of text and numbers: an XLSX
// sheet keeps the numbers as numbers, and a CSV writes them with the
// decimal comma when lang is Danish.
func WriteValues(name, format, lang string, head []string, body [][]any) (File, error) {
	rows := [][]any{make([]any, len(head))}
	for i := range head {
		rows[0][i] = head[i]
	}
	for _, r := range body {
		cells := make([]any, len(r))
		for i := range r {
			cells[i] = r[i]
			if s, ok := r[i].(string); ok {
				cells[i] = SafeCell(s)
			}
		}
		rows = append(rows, cells)
	}
	text := func(v any) string {
		switch n := v.(type) {
		case float64:
			s := strconv.FormatFloat(n, 'f', -1, 64)
			if lang == "da" {
				s = strings.Replace(s, ".", ",", 1)
			}
			return s
		case nil:
			return ""
		}
		return fmt.Sprint(v)
	}
	var buf bytes.Buffer
	switch format {
	case "csv":
		buf.WriteString("\ufeff")
		w := csv.NewWriter(&buf)
		w.Comma = ';'
		w.UseCRLF = true
		for _, r := range rows {
			line := make([]string, len(r))
			for j := range r {
				line[j] = text(r[j])
			}
			if err := w.Write(line); err != nil {
				return File{}, err
			}
		}
		if w.Flush(); w.Error() != nil {
			return File{}, w.Error()
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
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, r); err != nil {
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
