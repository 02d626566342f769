package synthtest

import (
	"encoding/json"
	"sort"
	"testing"
)

// Attrs checks that each key of want equals the resource's attribute (values
// compared as JSON, so 443 matches 443.0 and nested blocks compare whole).
// Every mismatch is reported, with both values, before the test fails.
func Attrs(t testing.TB, what string, got map[string]any, want map[string]any) {
	t.Helper()
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: attribute %q is missing (want %s)", what, k, js(want[k]))
			continue
		}
		if js(g) != js(want[k]) {
			t.Errorf("%s: attribute %q\n   got: %s\n  want: %s", what, k, js(g), js(want[k]))
		}
	}
}

// Absent checks that none of the keys is set on the resource.
func Absent(t testing.TB, what string, got map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if v, ok := got[k]; ok {
			t.Errorf("%s: attribute %q must not be set, got %s", what, k, js(v))
		}
	}
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "<unencodable>"
	}
	return string(b)
}
