package engine

import (
	"slices"
	"strings"

	"github.com/piiguard/piiguard/detectors"
	"github.com/piiguard/piiguard/engine/record"
)

// identifier is the token a linking identifier (or a name) got in the redacted record, and where it stands.
// It never holds the raw value.
type identifier struct {
	field int
	typ   string
	token string
	// company is true for an address of the company's own mailboxes (support@…): never the customer's.
	company bool
}

// linkingType reports whether findings of entity type t link records of one customer: e-mail addresses, phone
// numbers, IBANs, and customer or account numbers (any type whose name holds CUSTOMER or ACCOUNT, as
// user-defined rule packs name them). A name alone does not link (see Subjects in DESIGN.md).
func linkingType(t string) bool {
	switch t {
	case "EMAIL", "PHONE", "IBAN":
		return true
	}
	return strings.Contains(t, "CUSTOMER") || strings.Contains(t, "ACCOUNT")
}

// identifier returns the subject entry of a finding of type typ in field whose value was rendered as text, when
// text is a pseudonym (the policy pseudonymised it) of a linking type or a name.
func (p *Pipeline) identifier(field int, typ, value, text string) (identifier, bool) {
	if !linkingType(typ) && typ != "PERSON" {
		return identifier{}, false
	}
	if _, _, ok := p.tokens.Parse(text); !ok {
		return identifier{}, false // masked, redacted or kept: the record carries no token to link on
	}
	return identifier{field: field, typ: typ, token: text,
		company: typ == "EMAIL" && roleOf(value, "") == detectors.RoleAgent}, true
}

// subjectOf returns the customer's subject of a record: the tokens of its linking identifiers grouped by type,
// and the tokens of names apart (a weaker hint that does not link), each sorted and without repeats. Identifiers
// the record places in the agent's words or sender fields are left out there; the company's own mailboxes and
// the recipients of a customer's email are left out wherever they stand (a quoted reply repeats them). When
// the record does not tell who spoke, every identifier is taken as the customer's. A dropped field carries no
// token and gives none. The map is never nil.
func subjectOf(conv *conversation, sts []detectors.Statement, red *redactor, ids []identifier) (map[string][]string, []string) {
	agent := conv.agentFields(red.rec, sts)
	company := map[string]bool{}
	for _, id := range ids {
		if id.company || (conv.sender == detectors.RoleCustomer && isRecipient(red.rec.Fields[id.field])) {
			company[id.token] = true
		}
	}
	subject := map[string][]string{}
	var names []string
	for _, id := range ids {
		if red.dropped[id.field] || agent[id.field] || company[id.token] {
			continue
		}
		if id.typ == "PERSON" {
			names = append(names, id.token)
			continue
		}
		subject[id.typ] = append(subject[id.typ], id.token)
	}
	for t, toks := range subject {
		slices.Sort(toks)
		subject[t] = slices.Compact(toks)
	}
	slices.Sort(names)
	return subject, slices.Compact(names)
}

// senderKeys name the members that hold who wrote a text (its siblings).
var senderKeys = map[string]bool{"from": true, "sender": true, "author": true, "user": true, "name": true,
	"email": true, "phone": true}

// agentFields returns the fields the record attributes to the agent: the text fields of the agent's turns and
// their sender members. A turn's role is the one the record gives, else the one statement detection inferred for
// it or for another turn of the same speaker label.
func (c *conversation) agentFields(rec *record.Record, sts []detectors.Statement) map[int]bool {
	byLabel := map[string]string{}
	byTurn := map[int]string{}
	for _, st := range sts {
		if st.Role == "" {
			continue
		}
		byTurn[st.Utterance] = st.Role
		if l := c.us[st.Utterance].Speaker; l != "" {
			byLabel[l] = st.Role
		}
	}
	agent := map[int]bool{}
	parents := map[string]bool{}
	for i, u := range c.us {
		role := u.Role
		if role == "" {
			role = byTurn[i]
		}
		if role == "" && u.Speaker != "" {
			role = byLabel[u.Speaker]
		}
		if role != detectors.RoleAgent {
			continue
		}
		for _, pt := range c.parts[i] {
			agent[pt.field] = true
		}
		if p := rec.Fields[c.parts[i][0].field].Path; p != "" {
			parents[parentOf(p)] = true
		}
	}
	if len(parents) > 0 {
		for i, f := range rec.Fields {
			if senderKeys[f.Key] && parents[parentOf(f.Path)] {
				agent[i] = true
			}
		}
	}
	return agent
}

// parentOf is the JSON Pointer of the object that holds path.
func parentOf(path string) string { return path[:max(0, strings.LastIndexByte(path, '/'))] }

// isRecipient reports whether f holds a recipient of the record's message: a top-level to, cc or bcc member, or
// one of a MIME message's To, Cc or Bcc headers.
func isRecipient(f record.Field) bool {
	switch {
	case parentOf(f.Path) == "" && (f.Key == "to" || f.Key == "cc" || f.Key == "bcc"):
		return true
	case strings.Contains(f.Path, "/headers/to/"), strings.Contains(f.Path, "/headers/cc/"),
		strings.Contains(f.Path, "/headers/bcc/"):
		return true
	}
	return false
}
