// Package validate collects input problems so that a construct or a config
// loader can report all of them at once, each naming its path and field.
package validate

import (
	"fmt"
	"strings"
)

// Problems accumulates problems found under one path (a construct path such
// as "us-east-1/network" or a config path such as "regions[1]").
type Problems struct {
	path  string
	items []Item
}

// Item is one problem: the path it was found under (a construct path, may
// be empty), the field (may be empty) and what is wrong.
type Item struct {
	Path, Field, Message string
}

// String is the problem as printed: "path: field: message".
func (i Item) String() string {
	s := i.Message
	if i.Field != "" {
		s = i.Field + ": " + s
	}
	if i.Path != "" {
		s = i.Path + ": " + s
	}
	return s
}

// New starts a collector for problems under path.
func New(path string) *Problems { return &Problems{path: path} }

// Addf records a problem with field (may be empty) and a formatted message.
func (p *Problems) Addf(field, format string, args ...any) {
	p.items = append(p.items, Item{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Merge appends another collector's problems, each prefixed with that
// collector's path when it differs from this one.
func (p *Problems) Merge(other *Problems) {
	if other == nil {
		return
	}
	for _, it := range other.items {
		if other.path != "" && other.path != p.path {
			it.Path = other.path
		}
		p.items = append(p.items, it)
	}
}

// Len reports how many problems were recorded.
func (p *Problems) Len() int { return len(p.items) }

// List returns the recorded problems without the collector's path.
func (p *Problems) List() []string {
	out := make([]string, len(p.items))
	for i, it := range p.items {
		out[i] = it.String()
	}
	return out
}

// Err returns nil when nothing was recorded; otherwise an *Error holding
// every problem.
func (p *Problems) Err() error {
	if len(p.items) == 0 {
		return nil
	}
	items := make([]Item, len(p.items))
	for i, it := range p.items {
		if it.Path == "" {
			it.Path = p.path
		}
		items[i] = it
	}
	return &Error{Path: p.path, Problems: p.List(), Items: items}
}

// Error is the error returned for invalid input. Its text is one problem per
// line, each prefixed with the path, so a user can find the value to fix.
type Error struct {
	Path     string
	Problems []string
	// Items are the same problems, structured, each with its full path.
	Items []Item
}

func (e *Error) Error() string {
	var b strings.Builder
	if len(e.Problems) > 1 {
		fmt.Fprintf(&b, "%d problems:\n", len(e.Problems))
	}
	for i, prob := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if len(e.Problems) > 1 {
			b.WriteString("  ")
		}
		if e.Path != "" {
			b.WriteString(e.Path)
			b.WriteString(": ")
		}
		b.WriteString(prob)
	}
	return b.String()
}

// Lines flattens err into one line per problem (path included), for tests and
// for printing several validate errors together.
func Lines(err error) []string {
	if err == nil {
		return nil
	}
	if ve, ok := err.(*Error); ok {
		out := make([]string, 0, len(ve.Problems))
		for _, prob := range ve.Problems {
			if ve.Path != "" {
				prob = ve.Path + ": " + prob
			}
			out = append(out, prob)
		}
		return out
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range joined.Unwrap() {
			out = append(out, Lines(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

// Items flattens err into its structured problems; an error that is not a
// validation error becomes one Item holding its text.
func Items(err error) []Item {
	if err == nil {
		return nil
	}
	if ve, ok := err.(*Error); ok {
		return append([]Item(nil), ve.Items...)
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []Item
		for _, e := range joined.Unwrap() {
			out = append(out, Items(e)...)
		}
		return out
	}
	return []Item{{Message: err.Error()}}
}
