package campaign

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

// Fields are what a recipient's mail fills in: staff write {{.FirstName}}
// and the like in the subject and the body.
type Fields struct {
	FirstName   string
	Name        string
	Email       string
	CompanyName string
	EventTitle  string
	EventDate   string
	EventTime   string
	EventPlace  string
	EventLink   string
	// InvitationLink opens the event's registration form filled in for
	// the recipient, with "I can't come" beside it.
	InvitationLink  string
	UnsubscribeLink string
}

// FieldNames lists the merge fields, for the editor's help.
var FieldNames = []string{"FirstName", "Name", "Email", "CompanyName", "EventTitle", "EventDate", "EventTime", "EventPlace",
	"EventLink", "InvitationLink", "UnsubscribeLink"}

func knownField(name string) bool {
	for _, f := range FieldNames {
		if f == name {
			return true
		}
	}
	return false
}

// checkMerge finds what is wrong with a subject or body's merge fields:
// a syntax error, a field that does not exist (named), or anything but a
// plain field. It returns a translation key and its parameters, or "".
func checkMerge(text string) (string, map[string]any) {
	if !strings.Contains(text, "{{") {
		return "", nil
	}
	t, err := template.New("m").Parse(text)
	if err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return "campaign.error.merge_syntax", map[string]any{"detail": msg}
	}
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
		case *parse.ActionNode:
			name := fieldOf(n)
			if name == "" {
				return "campaign.error.merge_syntax", map[string]any{"detail": n.String()}
			}
			if !knownField(name) {
				return "campaign.error.merge_field", map[string]any{"field": name}
			}
		default:
			return "campaign.error.merge_syntax", map[string]any{"detail": n.String()}
		}
	}
	return "", nil
}

// fieldOf is the field an action like {{.FirstName}} names, or "".
func fieldOf(n *parse.ActionNode) string {
	if len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
		return ""
	}
	f, ok := n.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return ""
	}
	return f.Ident[0]
}

// merger fills in one text for many recipients.
type merger struct{ t *template.Template }

func newMerger(text string) (merger, error) {
	t, err := template.New("m").Option("missingkey=error").Parse(text)
	return merger{t}, err
}

func (m merger) fill(f Fields) (string, error) {
	var b strings.Builder
	if err := m.t.Execute(&b, f); err != nil {
		return "", fmt.Errorf("merge: %w", err)
	}
	return b.String(), nil
}

// markdownEscaper keeps a merged value literal inside Markdown: a company
// called "*Star* <ESG>" stays those characters.
var markdownEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"#", `\#`, "|", `\|`, "!", `\!`)

// escaped returns f with every value safe inside Markdown; the links are
// left as they are, since they are made here.
func (f Fields) escaped() Fields {
	e := f
	for _, p := range []*string{&e.FirstName, &e.Name, &e.Email, &e.CompanyName, &e.EventTitle, &e.EventDate, &e.EventTime, &e.EventPlace} {
		*p = markdownEscaper.Replace(*p)
	}
	return e
}

var (
	// Staff write letters: a single line break ("Venlig hilsen" above
	// the signature) stays a line break.
	markdown = goldmark.New(goldmark.WithRendererOptions(html.WithHardWraps()))
	// policy is what campaign HTML may hold: goldmark already drops raw
	// HTML, and bluemonday makes sure no script or handler gets through.
	policy = bluemonday.UGCPolicy()
)

// toHTML renders staff's Markdown as safe HTML.
func toHTML(md string) (string, error) {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return "", err
	}
	return policy.Sanitize(buf.String()), nil
}
