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
	path string
	list []string
}

// New starts a collector for problems under path.
func New(path string) *Problems { return &Problems{path: path} }

// Addf records a problem with field (may be empty) and a formatted message.
func (p *Problems) Addf(field, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if field != "" {
		msg = field + ": " + msg
	}
	p.list = append(p.list, msg)
}

// Merge appends another collector's problems, each prefixed with that
// collector's path when it differs from this one.
func (p *Problems) Merge(other *Problems) {
	if other == nil {
		return
	}
	for _, prob := range other.list {
		if other.path != "" && other.path != p.path {
			prob = other.path + ": " + prob
		}
		p.list = append(p.list, prob)
	}
}

// Len reports how many problems were recorded.
func (p *Problems) Len() int { return len(p.list) }

// List returns the recorded problems without the collector's path.
func (p *Problems) List() []string { return append([]string(nil), p.list...) }

// Err returns nil when nothing was recorded; otherwise an *Error holding
// every problem.
func (p *Problems) Err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &Error{Path: p.path, Problems: p.List()}
}

// Error is the error returned for invalid input. Its text is one problem per
// line, each prefixed with the path, so a user can find the value to fix.
type Error struct {
	Path     string
	Problems []string
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
