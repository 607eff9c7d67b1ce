// Package segment holds the filter model of segments: a versioned JSON tree
// of AND/OR groups, NOT and conditions over a whitelist of fields, its
// validation, and an in-memory evaluator over compact columns of the
// workspace's contacts (columns.go, eval.go). The SQL compiler of the same
// tree lives in backend/store with the rest of the SQL; a property test
// keeps the two in agreement.
package segment

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
)

// Version is the filter format written today. Older versions are upgraded
// when read; newer ones are refused (a workspace opened by an older app).
const Version = 1

// Filter is a segment's condition: Root, evaluated for each contact.
type Filter struct {
	Version int  `json:"v"`
	Root    Node `json:"root"`
}

// Node is a group or a condition. A group has All (every child holds), Any
// (at least one holds) or Not (its one child does not hold). A condition
// has Field, Op and Values (always text, read by the field's kind), AsOf
// for ages counted at another date than today, and Days for purchase
// conditions counted over the last N days only (0 = ever). An empty group holds for
// everyone, so a new segment (and a group the user has just added) selects
// all contacts until conditions are added.
type Node struct {
	All    []Node   `json:"all,omitempty"`
	Any    []Node   `json:"any,omitempty"`
	Not    *Node    `json:"not,omitempty"`
	Field  string   `json:"field,omitempty"`
	Op     string   `json:"op,omitempty"`
	Values []string `json:"values,omitempty"`
	AsOf   string   `json:"asOf,omitempty"`
	Days   int      `json:"days,omitempty"`
}

// IsGroup reports whether n is a group (or the empty node, which is one).
func (n *Node) IsGroup() bool { return n.Field == "" }

// Limits that keep one filter cheap to check and to compile.
const (
	MaxDepth      = 8
	MaxConditions = 100
	MaxValues     = 1000
	MaxValueLen   = 200
	MaxBytes      = 256 << 10
)

// Parse reads a filter from JSON and validates it. An empty input is the
// filter that selects everyone.
func Parse(data []byte, today time.Time) (Filter, error) {
	var f Filter
	if len(strings.TrimSpace(string(data))) == 0 {
		return Filter{Version: Version}, nil
	}
	if len(data) > MaxBytes {
		return f, invalid("", "too_large", "The segment's conditions are too large. Split it into smaller segments.", nil)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return f, invalid("", "json", "The segment's conditions could not be read. Build them again in the segment editor.", nil)
	}
	if dec.More() {
		return f, invalid("", "json", "The segment's conditions could not be read. Build them again in the segment editor.", nil)
	}
	if f.Version == 0 {
		f.Version = Version
	}
	return f, f.Validate(today)
}

// Validate checks the tree's shape and every condition against the field
// whitelist, and normalises values in place (folded text, sorted months).
func (f *Filter) Validate(today time.Time) error {
	if f.Version > Version {
		return invalid("", "version", "This segment was made by a newer DirectDesk. Update DirectDesk to open it.", nil)
	}
	conds := 0
	return validateNode(&f.Root, 1, &conds, today)
}

func validateNode(n *Node, depth int, conds *int, today time.Time) error {
	if depth > MaxDepth {
		return invalid("", "depth", "The segment has too many groups inside groups. Make it simpler.", map[string]string{"limit": strconv.Itoa(MaxDepth)})
	}
	kinds := 0
	if n.All != nil {
		kinds++
	}
	if n.Any != nil {
		kinds++
	}
	if n.Not != nil {
		kinds++
	}
	if n.Field != "" || n.Op != "" || n.Values != nil || n.AsOf != "" || n.Days != 0 {
		kinds++
	}
	if kinds > 1 {
		return invalid("", "shape", "A part of the segment is both a group and a condition. Build it again in the segment editor.", nil)
	}
	switch {
	case n.Not != nil:
		return validateNode(n.Not, depth+1, conds, today)
	case n.All != nil || n.Any != nil:
		for i := range n.All {
			if err := validateNode(&n.All[i], depth+1, conds, today); err != nil {
				return err
			}
		}
		for i := range n.Any {
			if err := validateNode(&n.Any[i], depth+1, conds, today); err != nil {
				return err
			}
		}
		return nil
	case n.Field == "" && n.Op == "":
		return nil // the empty group
	}
	*conds++
	if *conds > MaxConditions {
		return invalid("", "conditions", "The segment has more than "+strconv.Itoa(MaxConditions)+" conditions. Split it into smaller segments.", map[string]string{"limit": strconv.Itoa(MaxConditions)})
	}
	return validateCondition(n, today)
}

func invalid(field, reason, msg string, details map[string]string) *marketing.Error {
	if details == nil {
		details = map[string]string{}
	}
	details["reason"] = reason
	if field != "" {
		details["field"] = field
	}
	return &marketing.Error{Code: marketing.EInvalid, Field: "filter", Message: msg, Details: details}
}
