package stacks

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// fieldMap says which Config field each of a construct's Props fields
// came from, by path prefix: {"HealthCheck": "LoadBalancer.HealthCheck"}
// maps the construct's "HealthCheck.Port" to "LoadBalancer.HealthCheck.Port".
// The construct validates its Props; New reports each problem by the
// Config field the user wrote.
type fieldMap map[string]string

// resolve maps a construct field path by its longest matching prefix.
func (m fieldMap) resolve(field string) (string, bool) {
	best, found := "", false
	for k := range m {
		if hasPathPrefix(field, k) && (!found || len(k) > len(best)) {
			best, found = k, true
		}
	}
	if !found {
		return "", false
	}
	return m[best] + field[len(best):], true
}

func hasPathPrefix(path, prefix string) bool {
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	rest := path[len(prefix):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// fieldRef finds Go field paths inside a message ("... already used by
// Clients[2]") so that they are mapped like the field itself.
var fieldRef = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*(?:\[[^\]]+\]|\.[A-Z][A-Za-z0-9]*)*`)

// Problem is one invalid input of a Config.
type Problem struct {
	// Field is the Config field at fault, as a Go path such as
	// `Regions[1].Cidr` or `Database.Generations["us-east-1"]`; empty
	// when the problem is not tied to one field.
	Field string
	// Construct is the path of the construct that refused the value, or
	// empty for the composition's own rules.
	Construct string
	// Message says what is wrong, naming other fields by Go path.
	Message string
}

// Error lists every problem New found in a Config, each once.
type Error struct {
	Problems []Problem
	// yaml prints fields as YAML paths (set by the YAML front-end).
	yaml bool
}

func (e *Error) Error() string {
	var b strings.Builder
	if len(e.Problems) > 1 {
		fmt.Fprintf(&b, "%d problems:", len(e.Problems))
	}
	for i, p := range e.Problems {
		if len(e.Problems) > 1 {
			b.WriteString("\n  ")
		} else if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.line(p))
	}
	return b.String()
}

func (e *Error) line(p Problem) string {
	field, msg := p.Field, p.Message
	if e.yaml {
		field, msg = yamlPath(field), yamlRefs(msg)
	}
	var s string
	switch {
	case field != "" && p.Construct != "":
		s = fmt.Sprintf("%s: %s (%s)", field, msg, p.Construct)
	case field != "":
		s = field + ": " + msg
	case p.Construct != "":
		s = p.Construct + ": " + msg
	default:
		s = msg
	}
	return s
}

// Lines returns one line per problem, as Error prints them.
func (e *Error) Lines() []string {
	out := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = e.line(p)
	}
	return out
}

// problems collects the problems of one New call.
type problems struct {
	list []Problem
	seen map[Problem]bool
}

func (ps *problems) add(p Problem) {
	if ps.seen == nil {
		ps.seen = map[Problem]bool{}
	}
	// The same value fed to every region's construct fails in each: say it once.
	key := Problem{Field: p.Field, Message: p.Message}
	if p.Field == "" {
		key.Construct = p.Construct
	}
	if ps.seen[key] {
		return
	}
	ps.seen[key] = true
	ps.list = append(ps.list, p)
}

// spec adds the composition's own problems (fields are Config paths).
func (ps *problems) spec(err error) {
	for _, it := range validate.Items(err) {
		ps.add(Problem{Field: it.Field, Message: it.Message})
	}
}

// construct adds a construct's problems, mapping its fields through m.
func (ps *problems) construct(err error, m fieldMap) {
	for _, it := range validate.Items(err) {
		msg := fieldRef.ReplaceAllStringFunc(it.Message, func(ref string) string {
			if to, ok := m.resolve(ref); ok {
				return to
			}
			return ref
		})
		if to, ok := m.resolve(it.Field); ok && it.Field != "" {
			ps.add(Problem{Field: to, Construct: it.Path, Message: msg})
			continue
		}
		if it.Field != "" {
			msg = it.Field + ": " + msg
		}
		ps.add(Problem{Construct: it.Path, Message: msg})
	}
}

// blocksParts reports a problem of the spec itself or of a stack in what
// every part is built from (names, account, regions, roles): the parts'
// own problems would only repeat it. Problems of a part's section, or of
// a construct, do not block the others.
func (ps *problems) blocksParts() bool {
	for _, p := range ps.list {
		if strings.Contains(p.Construct, "/") {
			continue // a construct's
		}
		// (Tags, Environment, Backend and Endpoint problems block nothing:
		// the stacks are still made, so the parts report theirs too.)
		for _, f := range []string{"App", "AccountId", "ActiveRegion", "Regions", "Global"} {
			if hasPathPrefix(p.Field, f) || p.Field == "" {
				return true
			}
		}
	}
	return false
}

func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &Error{Problems: ps.list}
}

// pathSegment is one step of a Go field path: a field name, an index
// "[2]" or a map key `["us-east-1"]`.
var pathSegment = regexp.MustCompile(`^(?:\.?([A-Za-z][A-Za-z0-9]*)|\[([0-9]+)\]|\["([^"]*)"\])`)

// yamlPath turns a Config Go path into the YAML file's path:
// `Regions[1].Cidr` -> `regions[1].cidr`, `Database.Generations["us-east-1"]`
// -> `database.generations.us-east-1`. Unknown names are kept.
func yamlPath(goPath string) string {
	var b strings.Builder
	t := reflect.TypeOf(Config{})
	rest := goPath
	for rest != "" {
		m := pathSegment.FindStringSubmatch(rest)
		if m == nil {
			b.WriteString(rest)
			break
		}
		rest = rest[len(m[0]):]
		for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map) && m[1] != "" {
			t = t.Elem()
		}
		switch {
		case m[1] != "":
			name := m[1]
			if t != nil && t.Kind() == reflect.Struct {
				if f, ok := t.FieldByName(name); ok {
					name = strings.Split(f.Tag.Get("yaml"), ",")[0]
					t = f.Type
				} else {
					t = nil
				}
			} else {
				t = nil
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(name)
		case m[2] != "":
			fmt.Fprintf(&b, "[%s]", m[2])
			if t != nil && t.Kind() == reflect.Slice {
				t = t.Elem()
			}
		default:
			b.WriteString("." + m[3])
			if t != nil && t.Kind() == reflect.Map {
				t = t.Elem()
			}
		}
	}
	return b.String()
}

// yamlRefs rewrites the Config Go paths named inside a message.
func yamlRefs(msg string) string {
	return fieldRef.ReplaceAllStringFunc(msg, func(ref string) string {
		first := ref
		if i := strings.IndexAny(ref, ".["); i >= 0 {
			first = ref[:i]
		}
		if _, ok := reflect.TypeOf(Config{}).FieldByName(first); !ok {
			return ref
		}
		return yamlPath(ref)
	})
}
